"""Which multipliers reach a line, as the Award lists them. Stacking modes, what reaches flat
lines and rounding once are in tests/conformance/multipliers.toml, run through every backend."""

from __future__ import annotations

PROGRAM = '''
event purchase { amount: money, category: text }
tiers { member  gold "金卡" multiplier 1.5 }
rule base on purchase { earn 1 point per 1 CNY of amount }
rule flat on purchase { earn 10 points }
rule electronics on purchase when category = "electronics" { multiply 2 }
rule vip on purchase when amount >= 500 CNY { multiply 3 including bonuses }
'''


def test_a_line_lists_the_multipliers_that_reached_it(run):
    r = run(PROGRAM, {"g": {"tier": "gold"}})
    award = r("purchase", member="g", amount="100", category="electronics")
    assert [f.name for f in award.lines[0].multipliers] == ["electronics", "gold"]
    assert award.lines[1].multipliers == ()  # the flat line: neither says `including bonuses`
