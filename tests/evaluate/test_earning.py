"""Earning on spend and on actions, conditions, beneficiaries and rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

SPEND = '''
event purchase { amount: money, channel: "app" | "web" | "store", items: list of item }
record item { sku: text, category: text, amount: money }
'''


def test_ten_points_per_full_hundred_yuan(run):
    r = run(SPEND + "rule base on purchase { earn 10 points per 100 CNY of amount }")
    assert r("purchase", amount="250", channel="web", items=[]).points == 20  # floor(250 / 100) x 10


def test_prorated_earning_rounds_per_the_program(run):
    text = SPEND + "rule base on purchase { earn 1 point per 100 CNY of amount prorated }"
    assert run(text)("purchase", amount="250", channel="web", items=[]).lines[0].base == Decimal("2.5")
    # 250 / 100 x 1 = 2.5: down 2, up 3, nearest (half-up) 3, half-even 2
    for mode, expected in [("down", 2), ("up", 3), ("nearest", 3), ("half-even", 2)]:
        r = run(f"rounding {mode}\n" + text)
        assert r("purchase", amount="250", channel="web", items=[]).points == expected, mode
    # 350 / 100 = 3.5: half-even goes to 4
    assert run("rounding half-even\n" + text)("purchase", amount="350", channel="web", items=[]).points == 4


def test_item_level_earning_counts_only_matching_items(run):
    r = run(SPEND + 'rule electronics on purchase { earn 2 points per 1 CNY of items where category = "electronics" }')
    items = [{"sku": "tv", "category": "electronics", "amount": "100.50"},
             {"sku": "milk", "category": "grocery", "amount": "30"},
             {"sku": "cable", "category": "electronics", "amount": "9.60"}]
    # 100.50 + 9.60 = 110.10 -> floor 110 x 2 = 220
    assert r("purchase", amount="140.10", channel="web", items=items).points == 220


def test_flat_points_for_an_action(run):
    r = run("event attend { session: text }\nrule launch \"新品发布会\" on attend { earn 50 points }")
    assert r("attend", session="spring").points == 50


def test_referral_pays_100_to_both_sides(run):
    r = run('event referral { referee: member }\n'
            'rule referral "推荐好友" on referral { earn 100 points to member\n earn 100 points to referee }')
    award = r("referral", member="m1", referee="m2")
    assert award.totals == {"m1": 100, "m2": 100}
    assert [(line.beneficiary, line.points) for line in award.lines] == [("m1", 100), ("m2", 100)]


def test_conditional_earn_line_and_rule_condition(run):
    r = run(SPEND + 'rule app_bonus on purchase when channel = "app" { earn 5 points\n'
                    ' earn 10 points when amount >= 100 CNY }')
    assert r("purchase", amount="99.99", channel="app", items=[]).points == 5
    assert r("purchase", amount="100", channel="app", items=[]).points == 15
    assert r("purchase", amount="100", channel="web", items=[]).points == 0


@pytest.mark.parametrize(("time", "expected"), [
    ("2026-03-04T10:00:00+08:00", 10),  # a Wednesday in Shanghai
    ("2026-03-03T23:30:00-05:00", 10),  # Tuesday in New York, already Wednesday 12:30 in Shanghai
    ("2026-03-03T10:00:00+08:00", 0),
])
def test_weekday_conditions_use_the_program_zone(run, time, expected):
    r = run("event signup\nrule wed on signup when weekday = wednesday { earn 10 points }")
    assert r("signup", time).points == expected


def test_month_day_condition_matches_any_year(run):
    r = run("event signup\nrule d11 on signup when date = 11-11 { earn 11 points }")
    assert r("signup", "2031-11-11T00:00:00+08:00").points == 11
    assert r("signup", "2031-11-10T23:59:59+08:00").points == 0


def test_nothing_is_earned_outside_the_effective_window(run):
    r = run("effective from 2026-01-01 to 2026-06-30\nevent signup\nrule s on signup { earn 100 points }")
    assert r("signup", "2026-06-30T23:59:00+08:00").points == 100
    award = r("signup", "2026-06-30T16:00:00Z")  # 2026-07-01 00:00 in Shanghai
    assert award.points == 0 and award.lines == () and award.totals == {"m1": 0}
