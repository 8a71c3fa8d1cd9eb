"""Explanations a customer service agent can read, in English and Chinese."""

from __future__ import annotations

import pytest

GOLD = {"g": {"tier": "gold"}, "d": {"tier": "diamond"}}


def test_gold_electronics_app_purchase_in_chinese(shop, run):
    award = run(shop, GOLD)("purchase", "2026-05-01T10:00:00+08:00", "g", amount="999.99",
                            category="electronics", channel="app")
    assert award.explain("zh") == (
        "+3,002 积分（g，金卡）：消费返积分 999 × 电子产品双倍 ×2 × 金卡 ×1.5 = 2,997（消费 999.99 元）"
        " + App下单奖励 5。2026-05-01 10:00 起可用，2027-12-31 23:59:59 到期。"
    )


def test_gold_electronics_app_purchase_in_english(shop, run):
    award = run(shop, GOLD)("purchase", "2026-05-01T10:00:00+08:00", "g", amount="999.99",
                            category="electronics", channel="app")
    assert award.explain("en") == (
        "+3,002 points for g (金卡): 消费返积分 999 × 电子产品双倍 ×2 × 金卡 ×1.5 = 2,997 (on 999.99 CNY)"
        " + App下单奖励 5. Usable from 2026-05-01 10:00; valid until 2027-12-31 23:59:59 (Asia/Shanghai)."
    )


def test_a_cap_trim_is_explained_with_its_reason(shop, run):
    award = run(shop, GOLD)("purchase", "2026-11-11T10:00:00+08:00", "d", amount="1500.00",
                            category="electronics", channel="web")
    assert "= 12,000（消费 1,500.00 元） → 5,000（每日积分上限 5,000）" in award.explain("zh")
    assert "= 12,000 (on 1,500.00 CNY) → 5,000 (cap of 5,000 points a day)" in award.explain("en")


def test_the_fourth_review_is_explained(shop, run):
    r = run(shop)
    for i in range(3):
        r("review", product="p")
    text = r("review", product="p").explain("zh")
    assert text.startswith("+0 积分（m1，普通会员）：评价奖励 20 → 0（「评价奖励」每日最多 3 次）")


def test_referral_explains_each_beneficiary(run):
    r = run('event referral { referee: member }\n'
            'rule referral "推荐好友" on referral { earn 100 points to member\n earn 100 points to referee }')
    lines = r("referral", member="a", referee="b").explain("en").splitlines()
    assert lines[0].startswith("+100 points for a (member): 推荐好友 100.")
    assert lines[1].startswith("+100 points for b: 推荐好友 100.")


def test_unknown_language_is_refused(shop, run):
    with pytest.raises(ValueError):
        run(shop)("signup").explain("fr")
