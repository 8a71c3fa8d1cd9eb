"""Member profile fields (`profile { … }`), through both evaluators: a date field's parts, an optional
text, the member a profile names as a beneficiary; and a profile that breaks the schema refused,
naming the field, wherever it is given, with nothing changed. Numbers computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import pointrules
from pointrules.evaluate.award import Award
from pointrules.evaluate.choice import NAMES, evaluate
from pointrules.events import EventError, parse_event
from pointrules.ledger import Ledger
from pointrules.profiles import profile_fields, profile_problem
from pointrules.state.memory import MemoryState
from pointrules.stream.simulate import simulate

from evaluate_helpers import HEADER

PROGRAM = HEADER + '''
event purchase { amount: money, joined: optional date }
profile {
  birthday: date
  city: optional text
  referred_by: optional member
  credit: optional money
}
rule base on purchase { earn 1 point per 10 CNY of amount }
rule birthday on purchase when month = birthday.month and day >= birthday.day {
  earn 100 points
  limit 1 time per year
}
rule local on purchase when city = "上海" { earn 5 points }
rule credit on purchase when credit >= 100 CNY { earn 3 points }
rule anniversary on purchase when joined.year < year { earn 7 points }
rule referral on purchase { earn 20 points to referred_by }
'''
PROGRAM_ = pointrules.loads(PROGRAM)


def both(profile: dict[str, Any], *events: dict[str, Any]) -> list[Award]:
    """Each event through both evaluators on states of their own; the awards once they agree."""
    states = {name: MemoryState(profiles={"m1": profile}, zone=PROGRAM_.timezone) for name in NAMES}
    awards = []
    for number, fields in enumerate(events, 1):
        data = {"id": f"e{number}", "kind": "purchase", "member": "m1", "amount": "100", **fields}
        results = []
        for name, state in states.items():
            award, outcome = evaluate(PROGRAM_, parse_event(PROGRAM_, data), state, evaluator=name)
            state.apply(outcome)
            results.append((award, outcome))
        assert results[0][1] == results[1][1], "the two evaluators disagree"
        awards.append(results[0][0])
    return awards


def test_the_birthday_bonus_from_the_birthday_on_once_a_year():
    before, on, after, next_year = both({"birthday": "1990-05-20"},
                                        {"time": "2026-05-19T10:00:00+08:00"}, {"time": "2026-05-20T10:00:00+08:00"},
                                        {"time": "2026-05-30T10:00:00+08:00"}, {"time": "2027-05-21T10:00:00+08:00"})
    assert before.points == 10  # 19 < 20: base 100 / 10 = 10 only
    assert on.points == 110  # May 20: base 10 + birthday 100
    assert after.points == 10  # the year's one birthday firing is used: 10 + 0
    assert next_year.points == 110  # a new year: 10 + 100


def test_the_referrer_a_profile_names_is_paid_and_an_absent_one_is_not():
    (award,) = both({"birthday": "1990-01-01", "referred_by": "m0"}, {"time": "2026-03-02T10:00:00+08:00"})
    assert award.totals["m0"] == 20 and award.points == 10  # m0: referral 20; m1: base 10
    (alone,) = both({"birthday": "1990-01-01"}, {"time": "2026-03-02T10:00:00+08:00"})
    assert [line.beneficiary for line in alone.lines] == ["m1"]  # no referrer: no line for anyone else


def test_optional_text_and_money_present_or_absent():
    (both_given,) = both({"birthday": "1990-01-01", "city": "上海", "credit": "100.00"},
                         {"time": "2026-03-02T10:00:00+08:00"})
    assert both_given.points == 18  # base 10 + local 5 + credit 3 (100.00 >= 100 CNY, read as money)
    (absent,) = both({"birthday": "1990-01-01", "city": None}, {"time": "2026-03-02T10:00:00+08:00"})
    assert absent.points == 10  # null and missing are both absent: no comparison holds


def test_an_event_date_field_has_parts_too():
    (award,) = both({"birthday": "1990-01-01"}, {"time": "2026-03-02T10:00:00+08:00", "joined": "2025-12-31"})
    assert award.points == 17  # joined.year 2025 < 2026: base 10 + anniversary 7


def test_profile_values_are_typed_like_event_fields():
    fields = profile_fields(PROGRAM_, "m1", {"birthday": "1990-05-20", "credit": "12.50", "tier": "x"})
    assert fields == {"birthday": dt.date(1990, 5, 20), "credit": Decimal("12.50")}  # `tier` is not a profile field


@pytest.mark.parametrize("profile, field, message", [
    ({}, "profile.birthday", "is missing"),
    ({"birthday": "1990-02-30"}, "profile.birthday", "is not a calendar date"),
    ({"birthday": "1990-02-03", "referred_by": ""}, "profile.referred_by", "non-empty text"),
    ({"birthday": "1990-02-03", "credit": "1.001"}, "profile.credit", "decimals"),
])
def test_a_profile_passed_with_an_event_is_checked_at_evaluation_naming_the_field(profile, field, message):
    for name in NAMES:
        state = MemoryState(zone=PROGRAM_.timezone)
        event = parse_event(PROGRAM_, {"id": "e1", "kind": "purchase", "member": "m1",
                                       "time": "2026-03-02T10:00:00+08:00", "amount": "1"})
        with pytest.raises(EventError) as caught:
            evaluate(PROGRAM_, event, state, profile=profile, evaluator=name)
        assert caught.value.field == field and message in caught.value.message
        assert "m1" in caught.value.message and not state.processed  # refused: nothing changed


def test_simulate_checks_profiles_before_any_event():
    rows: list[Any] = []
    with pytest.raises(ValueError, match="member `m1`: field `birthday`: must be a date"):
        simulate(PROGRAM_, ['{"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-02T10:00:00+08:00", '
                            '"amount": "1"}'], profiles={"m1": {"birthday": 19900520}}, on_row=rows.append)
    assert rows == []


def test_the_ledger_refuses_a_bad_profile_and_keeps_none():
    ledger = Ledger(PROGRAM_)
    with pytest.raises(ValueError, match="field `birthday`"):
        ledger.set_profiles({"m1": {"birthday": "1990-01-01"}, "m2": {"city": "上海"}})
    assert ledger.store.transaction().__enter__().profile("m1") is None  # neither was kept
    assert profile_problem({"birthday": "1990-01-01"}, PROGRAM_) is None
