"""Tier points (issue 13): an `earn … tier points` statement makes no line; its points go to the
beneficiary's tier history, unmultiplied, and the explanation says them."""

from __future__ import annotations

from typing import Any

import pointrules
from pointrules.evaluate.award import Award

from evaluate_helpers import HEADER, BothEvaluators

PROGRAM = HEADER + '''
event flight { fare: money, friend: optional member }
tiers by tier points over last 12 months {
  member "普卡" from 0 points
  gold "金卡" from 100,000 points multiplier 2
}
rule fly "飞行" on flight {
  earn 1 point per 1 CNY of fare
  earn 1 tier point per 2 CNY of fare prorated
  earn 50 tier points to friend
}
rule double "双倍" on flight { multiply 3 including bonuses }
'''


def run(**fields: Any) -> Award:
    both = BothEvaluators(pointrules.loads(PROGRAM))
    return both.award({"id": "e1", "kind": "flight", "member": "m1", "time": "2026-03-02T10:00:00+08:00", **fields})


def test_tier_points_make_no_line_and_are_not_multiplied():
    award = run(fare="301", friend="m2")
    assert award.totals == {"m1": 903}  # 301 x 3: the only line
    assert [ln.rule for ln in award.lines] == ["fly"]
    assert award.tier_points == {"m1": 150, "m2": 50}  # 301 / 2 = 150.5 rounded down, not x3; 50 to the friend


def test_the_explanation_says_the_tier_points():
    award = run(fare="301", friend="m2")
    en, zh = award.explain("en"), award.explain("zh")
    assert "+903 points for m1 (普卡) and +150 tier points:" in en
    assert "+0 points for m2 and +50 tier points:" in en
    assert "+903 积分（m1，普卡），+150 定级积分：" in zh


def test_tier_points_keep_their_name_when_the_points_have_another():
    named = PROGRAM.replace('program "Test"', 'program "Test"\npoints are called "京豆" / "beans"')
    both = BothEvaluators(pointrules.loads(named))
    award = both.award({"id": "e1", "kind": "flight", "member": "m1", "time": "2026-03-02T10:00:00+08:00",
                        "fare": "301"})
    assert "+903 beans for m1 (普卡) and +150 tier points:" in award.explain("en")  # 301 x 3; 301 / 2 rounded down
    assert "+903 京豆（m1，普卡），+150 定级积分：" in award.explain("zh")
