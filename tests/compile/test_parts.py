"""The compiled evaluator's parts against the reference functions they replace."""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
import strategies
from pointrules.evaluate.compiled import compile_program
from pointrules.evaluate.compiled.arith import Combiner, round_ratio
from pointrules.events import EventError, parse_event
from pointrules.evaluate.rounding import combine_factors, round_points

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
MODES = ["down", "up", "nearest", "half-even"]


def test_round_ratio_by_hand() -> None:
    # 5/2 = 2.5: down 2, up 3, nearest 3 (half up), half-even 2; 7/2 = 3.5 half-even -> 4
    assert [round_ratio(5, 2, mode) for mode in MODES] == [2, 3, 3, 2]
    assert round_ratio(7, 2, "half-even") == 4
    assert round_ratio(-5, 2, "up") == 0 and round_ratio(0, 3, "up") == 0  # never below 0


@settings(max_examples=5000 if LONG else 300, deadline=None)
@given(st.integers(-10**30, 10**30), st.integers(1, 10**12), st.sampled_from(MODES))
def test_property_round_ratio_is_round_points(n: int, d: int, mode: str) -> None:
    assert round_ratio(n, d, mode) == round_points(Fraction(n, d), mode)


@settings(max_examples=2000 if LONG else 200, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=100, places=3), max_size=5),
       st.sampled_from(["multiplying", "adding", "best"]))
def test_property_combined_factor_is_runtimes(factors: list[Decimal], stacking: str) -> None:
    combiner = Combiner(stacking)
    ids = tuple(range(len(factors)))
    for _ in range(2):  # the second time from the cache
        combined, n, d = combiner.combine(ids, factors)
        want = combine_factors(factors, stacking)
        assert repr(combined) == repr(want) and Fraction(n, d) == Fraction(want)


@settings(max_examples=1000 if LONG else 60, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.programs(), st.data())
def test_property_validator_agrees_with_parse_event(text: str, data: Any) -> None:
    program = pointrules.loads(text)
    validator = compile_program(program).validator
    for _ in range(6):
        event = data.draw(st.one_of(strategies.events_for(program, extreme=True), strategies.bad_events_for(program)))
        try:
            reference = parse_event(program, event)
            want: Any = (reference.id, reference.kind, reference.member, reference.time, dict(reference.fields))
        except EventError as error:
            want = (error.event_id, error.field, error.message)
        try:
            got: Any = validator.check(event)
        except EventError as error:
            got = (error.event_id, error.field, error.message)
        assert got == want and repr(got) == repr(want)


def test_rules_of_other_kinds_are_never_looked_at() -> None:
    program = pointrules.loads('''program "P" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
    event purchase { amount: money } event review
    rule a on purchase { earn 1 point per 1 CNY of amount }
    rule b on review { earn 20 points }
    rule c on review when hour >= 12 { earn 5 points }''')
    plan = compile_program(program).plan
    assert [r.name for r in plan.kinds["purchase"].rules] == ["a"]
    assert [r.name for r in plan.kinds["review"].rules] == ["b", "c"]
    # only review's conditions read a built-in, so only review events build the built-ins
    assert plan.kinds["review"].uses_builtins and not plan.kinds["purchase"].uses_builtins


def test_hot_path_builders_make_what_the_constructors_make() -> None:
    # AwardLine.computed and Outcome.of_event build without a class call (the compiled evaluator's
    # hot path); each must set every slot, to what the constructor sets for the same values.
    import datetime as dt

    from pointrules.evaluate.award import AwardLine, Factor
    from pointrules.evaluate.outcome import Outcome

    at = dt.datetime(2026, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ends = dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    tier = Factor("gold", "金卡", Decimal("1.5"), None, None)
    # 250 CNY at 1 point per yuan, x1.5: 375 points, base 250 as the ratio 250/1
    built = AwardLine.computed("base", "消费返积分", 0, "m1", Decimal(250), (tier,), Decimal("1.5"), 375, at, ends,
                               None, (250, 1, (-3,), [Decimal("1.5")]), None, None, None, "条件")
    made = AwardLine("base", "消费返积分", 0, "m1", None, Decimal(250), (tier,), Decimal("1.5"), 375, (), 375, at, ends,
                     None, (250, 1, (-3,), [Decimal("1.5")]), None, None, None, (), "条件")
    for name in AwardLine.__slots__:
        assert getattr(built, name) == getattr(made, name), name
    assert built == made and built.base == Decimal(250)

    counters = [("m1", "cap:day:*", "2026-03-01", 375)]
    event = Outcome.of_event("e1", "m1", at, counters, (), [built], (), None, "Asia/Shanghai", "purchase", at, None,
                             ("base",))
    constructed = Outcome("e1", "m1", at, counters, (), [made], (), None, (), (), "Asia/Shanghai", "purchase", at,
                          None, ["base"])
    for name in Outcome.__slots__:
        assert getattr(event, name) == getattr(constructed, name), name
    assert event == constructed


def test_one_cap_counted_as_it_trims() -> None:
    # A kind whose one cap is its last trim counts the cap as it trims (KindPlan.caps_last); a kind
    # with a budget counts it after the budget's trim. Both as the reference counts them.
    from pointrules.evaluate import reference
    from pointrules.state.memory import MemoryState

    program = pointrules.loads('''
program "Cap"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
event purchase { amount: money }
event review
rule base on purchase {
  earn 1 point per 1 CNY of amount
}
rule review on review {
  earn 30 points
}
campaign spring from 2026-03-01 to 2026-03-31 budget 40 points {
  rule spring_review on review {
    earn 20 points
  }
}
cap 100 points per day
''')
    plan = compile_program(program).plan
    assert plan.kinds["purchase"].caps_last and not plan.kinds["review"].caps_last
    events = [("p1", "purchase", {"amount": Decimal(80)}), ("p2", "purchase", {"amount": Decimal(50)}),
              ("p3", "purchase", {"amount": Decimal(10)}), ("r1", "review", {}), ("r2", "review", {}),
              ("r3", "review", {})]
    fast, slow = MemoryState(zone=program.timezone), MemoryState(zone=program.timezone)
    counted = []
    for event_id, kind, fields in events:
        event = parse_event(program, {"id": event_id, "kind": kind, "member": "m1",
                                      "time": f"2026-03-0{2 if kind == 'purchase' else 3}T10:00:00+08:00",
                                      **{k: str(v) for k, v in fields.items()}})
        got = compile_program(program).outcome(event, fast)
        want = reference.outcome(program, event, slow)
        assert got == want
        fast.apply(got)
        slow.apply(want)
        counted.append([c[3] for c in got.counters])
    # 2 March: p1 80 of 100; p2 50 cut to the 20 left; p3 nothing left, no counter.
    # 3 March: r1 30 + 20 of the budget's 40 = 50; r2 30 + the 20 left of the budget = 50, the day's
    # cap then full; r3 30 + 0 (budget spent) cut to the 0 left of the cap: no counter
    assert counted == [[80], [20], [], [50], [50], []]
    assert fast.counters == slow.counters == {("m1", "cap:day:*", "2026-03-02"): 100,
                                              ("m1", "cap:day:*", "2026-03-03"): 100}
    assert fast.budgets == {"spring": 40}
