"""Earn lines as the Award shows them. What earning means in points (blocks, prorated, flat bonuses,
conditions, rounding, the effective window) is in tests/conformance/ (earning, lists, rounding,
conditions), run through every backend."""

from __future__ import annotations

from decimal import Decimal

SPEND = '''
event purchase { amount: money, channel: "app" | "web" | "store", items: list of item }
record item { sku: text, category: text, amount: money }
'''


def test_a_prorated_line_keeps_its_exact_base(run):
    r = run(SPEND + "rule base on purchase { earn 1 point per 100 CNY of amount prorated }")
    assert r("purchase", amount="250", channel="web", items=[]).lines[0].base == Decimal("2.5")  # 250 / 100 x 1


def test_referral_pays_100_to_both_sides(run):
    r = run('event referral { referee: member }\n'
            'rule referral "推荐好友" on referral { earn 100 points to member\n earn 100 points to referee }')
    award = r("referral", member="m1", referee="m2")
    assert award.totals == {"m1": 100, "m2": 100}
    assert [(line.beneficiary, line.points) for line in award.lines] == [("m1", 100), ("m2", 100)]
