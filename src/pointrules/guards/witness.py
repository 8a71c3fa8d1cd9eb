"""Concrete events that reach a bound: the witnesses of a refuted guard, found by evaluating.

A witness is a real event (valid for the program's schema, so ``pointrules eval`` reproduces its
figure), a member's tier and a day. The search tries values the program itself names (the texts,
numbers and amounts its conditions compare fields with, the days its campaigns run, the hours
and dates its conditions test, every tier), improving one field at a time while the figure grows:
a coordinate ascent from a few starting days and tiers, each candidate evaluated by the compiled
evaluator from an empty state. It finds the worst case of simple programs exactly; what it cannot
reach, the static bound (bounds.py) still covers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pointrules import syntax as s
from pointrules.evaluate.calendar import at_midnight, program_effective
from pointrules.evaluate.choice import outcome_of
from pointrules.evaluate.outcome import Outcome
from pointrules.events import Event, EventError, parse_event
from pointrules.guards.bounds import campaign_days, campaign_sets
from pointrules.program import model as m
from pointrules.state.memory import MemoryState

__all__ = ["Witness", "best_event", "literals", "replay", "with_amount"]

PAID: Any = "=paid"  # a record's money is the event's paid amount: an order's lines are parts of it
WITNESS_ID = "w1"  # each try starts from an empty state, so one id serves them all
MEMBER = "m1"
PROFILE = "profile."  # option keys of the member's profile fields
OTHER = "m2"  # a second member, for fields that name one (a referee)
PASSES = 3
MAX_DAYS = 16  # days tried per tier


@attrs.frozen
class Witness:
    """An event (as JSON data), the member's profile (``{"id", "tier"}``) and what it earned."""

    event: dict[str, Any]
    member: dict[str, Any]
    outcome: Outcome
    figure: Fraction

    def event_json(self) -> str:
        return json.dumps(self.event, ensure_ascii=False)

    def member_json(self) -> str:
        return json.dumps(self.member, ensure_ascii=False)


def literals(program: m.Program) -> dict[str, list[Any]]:
    """The values each field or built-in name is compared with anywhere in the program's conditions."""
    found: dict[str, list[Any]] = {}
    for rule in program.rules:
        exprs = [rule.condition] + [e.condition for e in rule.earns] + [x.condition for x in rule.multipliers]
        exprs += [e.spend.where for e in rule.earns if e.spend is not None]
        for e in exprs:
            if e is not None:
                _collect(e, found)
    return found


def _collect(e: s.Expr, found: dict[str, list[Any]]) -> None:
    if isinstance(e, s.Binary):
        for ref, other in ((e.left, e.right), (e.right, e.left)):
            if isinstance(ref, s.Ref) and (value := _value(other)) is not None:
                _add(found, _name(ref), value)
        _collect(e.left, found)
        _collect(e.right, found)
    elif isinstance(e, s.Between) and isinstance(e.value, s.Ref):
        for bound in (e.low, e.high):
            if (value := _value(bound)) is not None:
                _add(found, _name(e.value), value)
    elif isinstance(e, s.In) and isinstance(e.value, s.Ref):
        for option in e.options:
            if (value := _value(option)) is not None:
                _add(found, _name(e.value), value)
    elif isinstance(e, (s.Not, s.Negate)):
        _collect(e.operand, found)


def _name(ref: s.Ref) -> str:
    return ref.name.text if ref.attr is None else f"{ref.name.text}.{ref.attr.text}"


def _value(e: s.Expr) -> Any:
    if isinstance(e, s.Text):
        return e.value
    if isinstance(e, s.NumberLit):
        return e.number.value
    if isinstance(e, s.DateLit):
        return dt.date(e.year, e.month, e.day)
    if isinstance(e, s.MonthDay):
        return (e.month, e.day)
    if isinstance(e, s.Ref) and e.attr is None:
        return ("name", e.name.text)  # a weekday, a tier or a field: kept for the built-ins
    return None


def _add(found: dict[str, list[Any]], name: str, value: Any) -> None:
    values = found.setdefault(name, [])
    if value not in values:
        values.append(value)


def _candidates(program: m.Program, ftype: m.FieldType, name: str, seen: dict[str, list[Any]],
                amounts: list[Decimal]) -> list[Any]:
    """JSON values to try for one event field, the likeliest to pay first."""
    mentioned = seen.get(name, [])
    minor = Decimal(1).scaleb(-program.minor_unit)
    out: list[Any] = []
    if ftype.kind == "money":  # the amounts the bound names first, in their order
        values = [v for v in amounts if v >= 0]
        more = {v for v in mentioned if isinstance(v, Decimal)}
        more |= {v + minor for v in more} | {minor, Decimal(100), Decimal(10_000)}
        values += sorted(v for v in more if v >= 0 and v not in values)
        out = list(dict.fromkeys(str(v.quantize(minor)) for v in values))
    elif ftype.kind in ("number", "count"):  # the largest first: more units, more points
        numbers = {v for v in mentioned if isinstance(v, Decimal)}
        numbers |= {v + 1 for v in numbers} | {v * 2 for v in numbers} | {Decimal(0), Decimal(1), Decimal(1000)}
        out = [int(v) if ftype.kind == "count" or v == int(v) else str(v) for v in sorted(numbers, reverse=True)
               if v >= 0]
    elif ftype.kind == "points":
        out = [ftype.maximum or 0, 0]
    elif ftype.kind == "enum":
        out = list(ftype.values)
    elif ftype.kind == "text":
        out = [v for v in mentioned if isinstance(v, str)] + ["x"]
    elif ftype.kind == "yesno":
        out = [True, False]
    elif ftype.kind == "member":
        out = [OTHER]
    elif ftype.kind == "date":
        out = [v.isoformat() for v in mentioned if isinstance(v, dt.date)] + ["2026-01-01"]
    elif ftype.kind == "list":
        out = [[], [v for v in mentioned if isinstance(v, str)] or ["x"]] if ftype.record is None else [[]]
    elif ftype.kind == "time":
        out = ["2026-01-01T12:00:00+00:00"]
    return out + ([None] if ftype.optional else [])


def _days(program: m.Program, start: dt.date, seen: dict[str, list[Any]]) -> list[dt.date]:
    """Days to try: the first effective day from ``start``, the first day of each set of campaigns
    that run together, and the dates and days of the year the conditions name."""
    wanted = set(campaign_sets(program))
    first: dict[frozenset[str], dt.date] = {}  # each set's first day, on or after ``start`` if it has one
    for day, running in campaign_days(program):
        if program_effective(program, day) and (running not in first or first[running] < start <= day):
            first[running] = day
    chosen = sorted((day for running, day in first.items() if running in wanted or not running),
                    key=lambda d: (d < start, d))
    for value in seen.get("date", []):
        if isinstance(value, tuple):
            chosen.extend(dt.date(year, *value) for year in (start.year, start.year + 1) if _real(year, value))
        elif isinstance(value, dt.date):
            chosen.append(value)
    unique: list[dt.date] = []
    for d in chosen:
        if d not in unique and program_effective(program, d):
            unique.append(d)
    return unique[:MAX_DAYS] or [start]


def _date_fields(program: m.Program, schema: m.Schema) -> list[tuple[str, m.FieldType]]:
    fields = list(schema.fields.items()) + (list(program.profile.fields.items()) if program.profile else [])
    return [(name, t) for name, t in fields if t.kind == "date"]


def _real(year: int, month_day: tuple[int, int]) -> bool:
    try:
        dt.date(year, *month_day)
    except ValueError:
        return False
    return True


def _hours(seen: dict[str, list[Any]]) -> list[int]:
    hours = {int(v) for v in seen.get("hour", []) if isinstance(v, Decimal) and 0 <= v <= 23}
    return sorted(hours) + [12]


def best_event(program: m.Program, kind: str, score: Callable[[dict[str, Any], Outcome], Fraction | None],
               amounts: list[Decimal], start: dt.date) -> Witness | None:
    """The event of ``kind`` the search finds with the highest ``score`` (None: none scores)."""
    schema = program.events[kind]
    seen = literals(program)
    evaluate = outcome_of(program)
    days = _days(program, start, seen)
    # dates the conditions may compare with the event's day (a birthday this month): the days tried
    seen = {**seen, **{name: seen.get(name, []) + list(days) for name, t in _date_fields(program, schema)}}
    options = {name: _candidates(program, t, name, seen, amounts) for name, t in schema.fields.items()}
    if program.profile is not None:  # the member's profile fields, tried like the event's
        for name, t in program.profile.fields.items():
            options[f"{PROFILE}{name}"] = _candidates(program, t, name, seen, amounts)
    for name, t in schema.fields.items():  # one record in a list of records, each field tried
        record = program.records.get(t.record or "") if t.kind == "list" else None
        if record is not None:
            options[name] = [[], [{}]]
            for attr, at in record.fields.items():
                # a record's money is the order's (docs/semantics.md, "Guards": lines are parts of it)
                options[f"{name}[0].{attr}"] = [PAID] if at.kind == "money" else _candidates(
                    program, at, attr, seen, amounts)
    host_tiers = program.tier_policy.qualification is None
    tiers = [t.name for t in program.tiers] if host_tiers else [program.tiers[0].name]
    best: Witness | None = None
    for tier in reversed(tiers):
        for day in days:
            for hour in _hours(seen):
                when = at_midnight(day, program.timezone) + dt.timedelta(hours=hour)
                found = _ascend(program, kind, schema, options, when, tier, evaluate, score)
                if found is not None and (best is None or found.figure > best.figure):
                    best = found
    return best


def _ascend(program: m.Program, kind: str, schema: m.Schema, options: dict[str, list[Any]], when: dt.datetime,
            tier: str, evaluate: Any, score: Callable[[dict[str, Any], Outcome], Fraction | None]) -> Witness | None:
    """Coordinate ascent over the fields from the first candidate of each."""
    current = {name: values[0] for name, values in options.items() if values}
    best = _try(program, kind, current, when, tier, evaluate, score)
    for _ in range(PASSES):
        improved = False
        for name, values in options.items():
            for value in values[1:] if len(values) > 1 else ():
                trial = {**current, name: value}
                found = _try(program, kind, trial, when, tier, evaluate, score)
                if found is not None and (best is None or found.figure > best.figure):
                    best, current, improved = found, trial, True
        if not improved:
            break
    return best


def _try(program: m.Program, kind: str, values: dict[str, Any], when: dt.datetime, tier: str, evaluate: Any,
         score: Callable[[dict[str, Any], Outcome], Fraction | None]) -> Witness | None:
    data: dict[str, Any] = {"id": WITNESS_ID, "kind": kind, "member": MEMBER, "time": when.isoformat()}
    data.update((k, v) for k, v in values.items() if v is not None and "[0]." not in k and not k.startswith(PROFILE))
    paid = next((v for k, v in values.items() if "[0]." not in k and isinstance(v, str) and _is_amount(v)), None)
    for key, v in values.items():  # the record's fields, its money the paid amount where marked
        if "[0]." in key and v is not None:
            name, attr = key.split("[0].")
            if data.get(name):
                data[name] = [{**data[name][0], attr: paid if v is PAID else v}]
    member = {"id": MEMBER, "tier": tier}
    member.update((k.removeprefix(PROFILE), v) for k, v in values.items() if k.startswith(PROFILE) and v is not None)
    try:
        [(event, outcome)] = replay(program, evaluate, [data], member)
    except EventError:
        return None
    figure = score(event.fields, outcome)  # type: ignore[arg-type]  # parse_event gives a dict
    return None if figure is None else Witness(data, member, outcome, figure)


def replay(program: m.Program, evaluate: Any, events: Iterable[dict[str, Any]],
           member: dict[str, Any]) -> Iterator[tuple[Event, Outcome]]:
    """Each event (JSON data) validated, evaluated and applied in turn to one fresh state, with its
    outcome; EventError for one the program refuses."""
    state = MemoryState(zone=program.timezone, keep_lots=False)
    for data in events:
        event = parse_event(program, data)
        outcome = evaluate(event, state, profile=member)
        state.apply(outcome)
        yield event, outcome


def with_amount(event: dict[str, Any], paid: str, amount: Decimal) -> dict[str, Any]:
    """The same order (JSON data) for ``amount`` of ``paid`` money: its lines' money too where a
    line was the whole order (a witness's one line is the paid amount)."""
    out = {**event, paid: str(amount)}
    for name, value in event.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out[name] = [{a: str(amount) if v == event[paid] else v for a, v in r.items()} for r in value]
    return out


def _is_amount(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
