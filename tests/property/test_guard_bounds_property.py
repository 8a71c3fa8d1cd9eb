"""The guards' static bounds are never below what evaluation produces: over generated programs and
the examples, any event a program accepts, of any tier, returns at most the return-rate bound of its
kind and earns at most the per-event bound (property tests)."""

from __future__ import annotations

import functools
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.evaluate.choice import outcome_of
from pointrules.events import EventError, parse_event
from pointrules.guards import bounds
from pointrules.state.memory import MemoryState

import strategies as S

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
PROPERTY = settings(max_examples=2000 if LONG else 60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PATHS = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points"))


@functools.lru_cache(maxsize=64)
def program_of(key: str) -> pointrules.Program:
    return pointrules.load(key) if key.endswith(".points") else pointrules.loads(key)


programs = st.one_of(st.sampled_from([str(p) for p in PATHS]), S.programs())


def _case(key: str) -> st.SearchStrategy[tuple[str, dict[str, Any], str]]:
    program = program_of(key)
    tiers = st.sampled_from([t.name for t in program.tiers])
    return st.tuples(st.just(key), S.events_for(program, extreme=True), tiers)


@PROPERTY
@given(programs.flatmap(_case))
def test_property_no_event_beats_the_static_bounds(case: tuple[str, dict[str, Any], str]) -> None:
    key, data, tier = case
    program = program_of(key)
    profile = {"id": data.get("member"), "tier": tier}
    try:
        event = parse_event(program, data)
        outcome = outcome_of(program)(event, MemoryState(zone=program.timezone, keep_lots=False), profile=profile)
    except EventError:
        return  # what the program refuses (an event, or a profile its schema needs) earns nothing
    points = sum(ln.points for ln in outcome.lines)
    most, _ = bounds.event_bound(program, event.kind)
    if most is not None:
        assert points <= most
    paid = bounds.paid_field(program.events[event.kind])
    money = event.fields.get(paid) if paid else None
    if not points or not isinstance(money, Decimal):
        return
    if not _records_within(event, paid):
        return  # a host that sends an order's lines worth more than the order: outside the guard's premise
    bound = bounds.rate_bound(program, event.kind)
    if bound.rate is None:
        return
    assert money > 0, "points on no money: the bound should have been unbounded"
    assert Fraction(points) * bounds.point_value(program) / Fraction(money) <= bound.rate


def _records_within(event: Any, paid: str) -> bool:
    """The money of each list's records adds up to no more than the money paid (docs/semantics.md,
    "Guards": an order's lines are parts of what was paid)."""
    for value in event.fields.values():
        if isinstance(value, tuple) and value and isinstance(value[0], dict):
            for attr in {k for record in value for k, v in record.items() if isinstance(v, Decimal)}:
                if sum((r.get(attr, 0) for r in value), Decimal(0)) > event.fields[paid]:
                    return False
    return True
