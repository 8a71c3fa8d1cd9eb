"""The worked examples of SHOP-REFERENCE.md, one test per row, through examples/shop.points."""

from __future__ import annotations

PROFILES = {"m_member": {"tier": "member"}, "m_gold": {"tier": "gold"},
            "m_diamond": {"tier": "diamond"}, "m_silver": {"tier": "silver"}}


def test_member_grocery_store_purchase_earns_floor_of_amount(shop, run):
    r = run(shop, PROFILES)
    award = r("purchase", "2026-03-02T10:00:00+08:00", "m_member", amount="250.80", category="grocery", channel="store")
    assert award.points == 250  # floor(250.80) = 250


def test_gold_electronics_app_purchase_earns_3002(shop, run):
    r = run(shop, PROFILES)
    award = r("purchase", "2026-05-01T10:00:00+08:00", "m_gold", amount="999.99", category="electronics", channel="app")
    # floor(999.99) = 999 -> 999 x 2 x 1.5 = 2997, + 5 flat
    assert award.points == 3002
    assert award.by_rule("m_gold") == {"base": 2997, "app_bonus": 5}


def test_diamond_electronics_on_double_eleven_is_capped_at_5000(shop, run):
    r = run(shop, PROFILES)
    award = r("purchase", "2026-11-11T10:00:00+08:00", "m_diamond", amount="1500.00", category="electronics", channel="web")
    # 1500 x 2 x 2 x 2 = 12000, daily cap 5000
    assert award.points == 5000
    (line,) = award.lines
    assert line.rounded == 12000 and line.trims[0].kind == "cap" and line.trims[0].after == 5000


def test_silver_beauty_app_purchase_on_june_18_earns_29(shop, run):
    r = run(shop, PROFILES)
    award = r("purchase", "2026-06-18T10:00:00+08:00", "m_silver", amount="10.00", category="beauty", channel="app")
    assert award.points == 29  # floor(10 x 1.2 x 2) = 24, + 5


def test_checkin_streak_of_fourteen_earns_55(shop, run):
    assert run(shop)("checkin", streak=14).points == 55  # 5 + 50 (14 % 7 = 0)


def test_checkin_streak_of_three_earns_5(shop, run):
    assert run(shop)("checkin", streak=3).points == 5


def test_fourth_review_of_a_day_earns_nothing(shop, run):
    r = run(shop)
    points = [r("review", f"2026-03-02T1{i}:00:00+08:00", product="p").points for i in range(4)]
    assert points == [20, 20, 20, 0]


def test_purchase_on_new_years_eve_expires_end_of_next_year(shop, run):
    award = run(shop)("purchase", "2026-12-31T23:30:00+08:00", amount="1", category="x", channel="web")
    assert award.lines[0].expires_at.isoformat() == "2028-01-01T00:00:00+08:00"  # first instant not valid


def test_unknown_member_is_a_plain_member(shop, run):
    award = run(shop)("purchase", amount="100", category="x", channel="web")
    assert award.tier == "member" and award.points == 100


def test_signup_and_referral_earn_100(shop, run):
    r = run(shop)
    assert r("signup").points == 100
    award = r("referral", referee="m2")
    assert award.totals == {"m1": 100}  # the shop pays the referring member only


def test_review_limit_and_daily_cap_are_by_shanghai_date(shop, run):
    r = run(shop)
    # 2026-03-02T23:30-05:00 is 2026-03-03 12:30 in Shanghai: a new day, so the review earns again
    for i in range(3):
        r("review", f"2026-03-02T1{i}:00:00+08:00", product="p")
    assert r("review", "2026-03-02T23:30:00-05:00", product="p").points == 20
    # 2026-03-02T10:00-05:00 is 2026-03-02 23:00 in Shanghai: still the first day, the fourth review
    assert r("review", "2026-03-02T10:00:00-05:00", product="p").points == 0


def test_cap_leaves_only_what_is_left_later_lines_first(shop, run):
    r = run(shop, PROFILES)
    r("purchase", "2026-05-01T09:00:00+08:00", "m_member", amount="4998", category="x", channel="web")
    award = r("purchase", "2026-05-01T10:00:00+08:00", "m_member", amount="10", category="x", channel="app")
    # 5000 - 4998 = 2 left; lines base 10 and app 5: the app bonus (later) is trimmed first to 0, base to 2
    assert award.by_rule("m_member") == {"base": 2, "app_bonus": 0}
    assert r("signup", "2026-05-01T11:00:00+08:00", "m_member").points == 0  # nothing left today
    assert r("signup", "2026-05-02T00:00:00+08:00", "m_member", id="next-day").points == 100
