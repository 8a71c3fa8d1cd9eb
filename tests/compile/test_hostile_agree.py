"""Hostile events (issue 16) through both evaluators: the same award or the same refusal, and never
a decimal trap: condition arithmetic over any accepted number has a value or none."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
import strategies
from agree import assert_backends_agree, assert_streams_agree
from pointrules.evaluate import reference as interpreter
from pointrules.events import EventError, parse_event
from pointrules.state.memory import MemoryState

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck))

ARITHMETIC = pointrules.loads('''program "Arithmetic" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event weigh { weight: number, other: optional number, streak: optional count }
rule inverse on weigh when 1 / weight > 5 { earn 1 point }
rule cube on weigh when weight * weight * weight * weight > other { earn 2 points }
rule ratio on weigh when (weight + other) / (weight - other) < 0.000001 { earn 4 points }
rule rest on weigh when weight % 0.000001 = 0 and streak % 7 = 0 { earn 8 points }
rule negated on weigh when -(weight * other) = 0 - weight * other { earn 16 points }
''')


def weigh(i: int, weight: Any, other: Any, streak: Any) -> dict[str, Any]:
    event = {"id": f"w{i}", "kind": "weigh", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "weight": weight}
    return {**event, **({} if other is None else {"other": other}), **({} if streak is None else {"streak": streak})}


def no_trap(program: pointrules.Program, events: list[dict[str, Any]]) -> None:
    """Every accepted event evaluates in both evaluators without an exception other than EventError."""
    for data in events:
        try:
            event = parse_event(program, data)
        except EventError:
            continue
        for evaluate in (interpreter.evaluate, pointrules.evaluate):
            try:
                evaluate(program, event, MemoryState(zone=program.timezone))
            except EventError:
                pass


numbers = st.one_of(strategies.hostile_numbers(), st.none())


@settings(max_examples=1000 if LONG else 80, **SETTINGS)
@given(st.lists(st.tuples(numbers, numbers, st.one_of(st.none(), st.integers(0, 10**18))), min_size=1, max_size=8))
def test_property_condition_arithmetic_over_any_accepted_number_agrees_and_never_traps(values: list[tuple]) -> None:
    events = [weigh(i, w if w is not None else 1, o, s) for i, (w, o, s) in enumerate(values)]
    no_trap(ARITHMETIC, events)
    assert_backends_agree(ARITHMETIC, events, {})


def test_the_tiny_weight_of_the_issue_is_refused_alike_on_every_path() -> None:
    line = json.dumps(weigh(1, 0, None, None)).replace('"weight": 0', '"weight": 1e-999999999')
    assert_streams_agree(ARITHMETIC, [line, json.dumps(weigh(2, "0.000000000000000001", "1", 7))], {})
    events = [weigh(1, Decimal("1e-999999999"), None, None), weigh(2, "0.000000000000000001", "1", 7)]
    no_trap(ARITHMETIC, events)
    # 1 / 10^-18 = 10^18 > 5: 1; 10^-72 > 1 no; (10^-18 + 1) / (10^-18 - 1) ≈ -1 < 0.000001: 4;
    # 10^-18 % 10^-6 = 10^-18, not 0: 0; the negation is exact: 16. 1 + 4 + 16 = 21
    assert assert_backends_agree(ARITHMETIC, events, {}) == 1
    award, _ = interpreter.evaluate(ARITHMETIC, parse_event(ARITHMETIC, events[1]), MemoryState(zone="Asia/Shanghai"))
    assert award.totals == {"m1": 21}


@settings(max_examples=400 if LONG else 30, **SETTINGS)
@given(strategies.programs(), st.data())
def test_property_generated_programs_agree_on_hostile_streams(text: str, data: Any) -> None:
    program = pointrules.loads(text, "generated.points")
    lines = data.draw(st.lists(st.one_of(strategies.hostile_lines_for(program), strategies.event_lines_for(program)),
                               max_size=10))
    # profiles for the members events name most often: without them a program's required profile
    # fields would refuse every event
    assert_streams_agree(program, lines, data.draw(strategies.profiles_for(program, strategies.MEMBERS, broken=0)))
    events = data.draw(st.lists(strategies.hostile_events_for(program), max_size=8))
    no_trap(program, events)
    # and each accepted event again, its member's profile holding a hostile value
    members = sorted({e["member"] for e in events if isinstance(e, dict) and isinstance(e.get("member"), str)})
    hostile = data.draw(strategies.hostile_profiles_for(program, members or strategies.MEMBERS[:1]))
    assert_backends_agree(program, events, hostile, use_profile=data.draw(st.booleans()))
