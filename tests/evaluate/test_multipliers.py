"""Event-wide multipliers: stacking modes, what they reach, tier multipliers."""

from __future__ import annotations

import pytest

PROGRAM = '''
event purchase {{ amount: money, category: text }}
tiers {{ member  gold "金卡" multiplier 1.5{tier_bonus} }}
multipliers stack by {mode}
rule base on purchase {{ earn 1 point per 1 CNY of amount }}
rule flat on purchase {{ earn 10 points }}
rule electronics on purchase when category = "electronics" {{ multiply 2 }}
rule vip on purchase when amount >= 500 CNY {{ multiply 3 including bonuses }}
'''


def program(mode="multiplying", tier_bonus=""):
    return PROGRAM.format(mode=mode, tier_bonus=tier_bonus)


@pytest.mark.parametrize(("mode", "spend", "flat"), [
    ("multiplying", 4500, 30),  # 500 x 2 x 3 x 1.5 = 4500; flat 10 x 3 (only vip reaches it) = 30
    ("adding", 2250, 30),       # 1 + (2-1) + (3-1) + (1.5-1) = 4.5 -> 500 x 4.5 = 2250; flat 10 x 3
    ("best", 1500, 30),         # max(2, 3, 1.5) = 3 -> 1500; flat 10 x 3
])
def test_stacking_modes(run, mode, spend, flat):
    r = run(program(mode), {"g": {"tier": "gold"}})
    award = r("purchase", member="g", amount="500", category="electronics")
    assert award.by_rule("g") == {"base": spend, "flat": flat}


def test_flat_bonus_is_not_multiplied_unless_including_bonuses(run):
    r = run(program(), {"g": {"tier": "gold"}})
    award = r("purchase", member="g", amount="100", category="electronics")
    # 100 x 2 x 1.5 = 300; flat 10 untouched (vip not active under 500)
    assert award.by_rule("g") == {"base": 300, "flat": 10}
    assert [f.name for f in award.lines[0].multipliers] == ["electronics", "gold"]


def test_tier_multiplier_including_bonuses_reaches_flat_lines(run):
    r = run(program(tier_bonus=" including bonuses"), {"g": {"tier": "gold"}})
    assert r("purchase", member="g", amount="100", category="food").by_rule("g") == {"base": 150, "flat": 15}


def test_product_is_applied_once_then_rounded(run):
    r = run(program(), {"g": {"tier": "gold"}})
    award = r("purchase", member="g", amount="33", category="electronics")
    assert award.lines[0].points == 99  # 33 x 2 x 1.5 = 99 exactly, rounded once
    award = r("purchase", member="g", amount="7", category="food")
    assert award.lines[0].points == 10  # 7 x 1.5 = 10.5 -> down 10
