"""The compiled evaluator agrees exactly with the reference interpreter: random programs (from
``tests/strategies.py``: every construct, printed by the formatter and parsed back) and random
event streams, and every bundled example with generated events."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
import strategies
from agree import assert_backends_agree, assert_streams_agree

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck))


def _stream(data: Any, program: pointrules.Program, size: int) -> list[dict[str, Any]]:
    """Events with their own ids, a few repeating an earlier id (refused: never paid twice)."""
    events = data.draw(st.lists(strategies.events_for(program, extreme=data.draw(st.booleans())),
                                min_size=1, max_size=size))
    for i, event in enumerate(events):
        event["id"] = f"e{i}" if i == 0 or data.draw(st.integers(0, 9)) else f"e{i - 1}"
    return events


def _profiles(data: Any, program: pointrules.Program, events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each member host-given one of the program's tiers, none, or (rarely) an unknown tier, and the
    fields of its ``profile { … }``, sometimes one member's breaking it (that member's events are
    refused alike by both evaluators)."""
    members = sorted({e["member"] for e in events if isinstance(e.get("member"), str)})
    return data.draw(strategies.profiles_for(program, members))


def _program(text: str) -> pointrules.Program:
    return pointrules.loads(text, "generated.points")


@settings(max_examples=1500 if LONG else 60, **SETTINGS)
@given(strategies.programs(), st.data())
def test_property_backends_agree_on_random_programs(text: str, data: Any) -> None:
    program = _program(text)
    events = _stream(data, program, 40 if LONG else 15)
    profiles = _profiles(data, program, events)
    assert_backends_agree(program, events, profiles, use_profile=data.draw(st.booleans()))


@settings(max_examples=400 if LONG else 25, **SETTINGS)
@given(strategies.programs(), st.data())
def test_property_simulate_agrees_on_random_programs(text: str, data: Any) -> None:
    program = _program(text)
    lines = data.draw(st.lists(strategies.event_lines_for(program), max_size=25 if LONG else 10))
    events = _stream(data, program, 10)
    lines += [strategies._to_json(e) for e in events]
    profiles = _profiles(data, program, events)
    assert_streams_agree(program, data.draw(st.permutations(lines)), profiles)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@settings(max_examples=400 if LONG else 15, **SETTINGS)
@given(data=st.data())
def test_property_backends_agree_on_examples(path: Path, data: Any) -> None:
    program = pointrules.load(path)
    events = _stream(data, program, 60 if LONG else 25)
    assert_backends_agree(program, events, _profiles(data, program, events))


INDEXED = '''program "Indexed" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
rounding half-even multipliers stack by adding
event purchase { amount: money, category: text, channel: "app" | "web" | "store", note: optional text }
''' + "".join(
    f'rule r{i} on purchase when {field} = "{value}"{rest} {{ earn {i + 1} points per 10 CNY of amount prorated'
    f'{" multiply 1.5" if i % 3 == 0 else ""} {"limit 2 times per day" if i % 4 == 0 else ""} }}\n'
    for i, (field, value, rest) in enumerate([
        ("category", "food", ""), ("channel", "app", ""), ("category", "toys", " and amount > 10 CNY"),
        ("note", "vip", ""), ("category", "food", " and channel = \"web\""), ("channel", "web", " or amount > 50 CNY"),
        ("category", "", ""), ("note", "", " and hour < 12"), ("channel", "store", ""), ("category", "book", ""),
    ])
) + '''rule all on purchase { earn 1 point }
rule odd on purchase when amount > 100 CNY and category = "food" { earn 7 points }
'''


@settings(max_examples=300 if LONG else 30, **SETTINGS)
@given(st.data())
def test_property_backends_agree_with_rules_indexed_by_field_value(data: Any) -> None:
    program = _program(INDEXED)
    assert compile_plan_indexes(program) == {"category", "channel", "note"}
    events = data.draw(st.lists(st.fixed_dictionaries({
        "kind": st.just("purchase"), "member": st.sampled_from(["m1", "m2"]),
        "time": st.sampled_from(["2026-03-02T10:00:00+08:00", "2026-03-02T13:00:00+08:00"]),
        "amount": st.decimals(0, 500, places=2).map(str),
        "category": st.sampled_from(["food", "toys", "book", "", "Food"]),
        "channel": st.sampled_from(["app", "web", "store"]),
    }, optional={"note": st.sampled_from(["vip", "", "x", None])}), max_size=20))
    for i, event in enumerate(events):
        event["id"] = f"e{i}"
    assert_backends_agree(program, events, {})


def compile_plan_indexes(program: pointrules.Program) -> set[str]:
    from pointrules.evaluate.compiled import compile_program

    return set(compile_program(program).plan.kinds["purchase"].index or {})
