"""Points the event carries (`beans: points up to 500`, `earn beans`) through both evaluators: the
two must give the same outcome, and the number computed by hand in the comment; an event outside the
field's range is refused by both validators, naming the field."""

from __future__ import annotations

from typing import Any

import pytest

import pointrules
from pointrules.evaluate.award import Award
from pointrules.evaluate.choice import NAMES
from pointrules.evaluate.compiled.validate import Validator
from pointrules.events import EventError, parse_event

from evaluate_helpers import HEADER, BothEvaluators

SCHEMA = '''
event grant { beans: points up to 500, tip: optional points up to 50, friend: optional member }
event purchase { amount: money }
tiers {
  member "会员"
  gold "金卡" multiplier 1.5
  vip "VIP" multiplier 2 including bonuses
}
'''
MERCHANT = 'rule merchant "商家赠豆" on grant { earn beans }\n'


class Both(BothEvaluators):
    """Events of this file's schema through both evaluators (evaluate_helpers.BothEvaluators)."""

    def __init__(self, rules: str) -> None:
        super().__init__(pointrules.loads(HEADER + SCHEMA + rules))

    def __call__(self, tier: str = "member", **fields: Any) -> Award:
        data = {"id": self.next_id(), "kind": "grant", "member": "m1", "time": "2026-03-02T10:00:00+08:00",
                **fields}
        return self.award(data, tier)


def test_the_points_the_event_carries_are_paid():
    run = Both(MERCHANT)
    award = run(beans=120)
    assert award.points == 120  # 120 from the event
    assert award.lines[0].given == "beans" and award.lines[0].flat
    assert run(beans=0).points == 0  # a line of 0
    assert run(beans=500).points == 500  # the maximum itself


def test_a_flat_bonus_multiplied_only_including_bonuses():
    run = Both(MERCHANT)
    assert run(tier="gold", beans=120).points == 120  # gold's x1.5 reaches spending only
    assert run(tier="vip", beans=120).points == 240  # vip's x2 including bonuses: 120 x 2
    rule = Both(MERCHANT + "rule double on grant { multiply 1.5 including bonuses }")
    assert rule(beans=101).points == 151  # 101 x 1.5 = 151.5, rounded down


def test_to_when_limits_and_caps_work_on_it():
    run = Both(MERCHANT + 'rule tipped on grant { earn tip to friend when tip >= 10 points\n'
               'limit 40 points per day }\ncap 300 points per day\n')
    award = run(beans=100, tip=30, friend="m2")
    assert award.totals == {"m1": 100, "m2": 30}
    assert run(beans=250, tip=30, friend="m2").totals == {"m1": 200, "m2": 10}  # cap: 300 - 100; limit: 40 - 30
    assert run(beans=0, tip=5, friend="m2").totals == {"m1": 0}  # 5 < 10: no line for the friend
    assert run(beans=0, friend="m2").totals == {"m1": 0}  # no tip: no line


def test_the_explanation_says_where_the_number_came_from():
    run = Both(MERCHANT)
    award = run(beans=120)
    assert "商家赠豆 120 (120 given by the event)" in award.explain("en")  # never the field's name
    assert "商家赠豆 120（本次活动给出 120）" in award.explain("zh")
    vip = run(tier="vip", beans=120)
    assert "商家赠豆 120 × VIP ×2 = 240 (120 given by the event)" in vip.explain("en")  # 120 x 2


def test_the_terms_say_the_points_the_event_gives_and_their_maximum():
    from pointrules.wording.terms import terms

    program = pointrules.loads(HEADER + SCHEMA + MERCHANT)
    assert "the points the event gives (at most 500)" in terms(program, "en")
    assert "得本次活动给出的积分（最多 500）" in terms(program, "zh")


@pytest.mark.parametrize("value", [501, -1, 1.5, 2.0, "120", True, None, [], 10**20])
def test_both_validators_refuse_a_value_outside_the_field(value: Any):
    program = pointrules.loads(HEADER + SCHEMA + MERCHANT)
    data = {"id": "e1", "kind": "grant", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "beans": value}
    with pytest.raises(EventError) as reference:
        parse_event(program, data)
    with pytest.raises(EventError) as fast:
        Validator(program).check(data)
    assert reference.value.field == fast.value.field == "beans"
    assert str(reference.value) == str(fast.value)


def test_both_validators_accept_zero_and_the_maximum():
    program = pointrules.loads(HEADER + SCHEMA + MERCHANT)
    for value in (0, 500):
        data = {"id": "e1", "kind": "grant", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "beans": value}
        assert parse_event(program, data).fields["beans"] == value
        assert Validator(program).check(data)[4]["beans"] == value


@pytest.mark.parametrize("name", NAMES)
def test_an_evaluator_below_the_level_refuses_the_clause(name: str):
    from pointrules.program import model

    program = pointrules.loads(HEADER + SCHEMA + MERCHANT)
    with pytest.raises(model.NotImplementedByEvaluator, match="level 5"):
        model.refuse_unimplemented(program, name, 4)  # as an evaluator of level 4 would
    model.refuse_unimplemented(program, name, 5)
