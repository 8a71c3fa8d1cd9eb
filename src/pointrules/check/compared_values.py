"""What a condition compares, to the satisfiability check (``satisfy.py``): the value a name stands
for (its type's grid or its choices, and whether it can be absent) and a constant in the form that
value's values take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from pointrules import syntax as s
from pointrules.program import model as m
from pointrules.program.history import key as history_key
from pointrules.program.resolve import WEEKDAYS, date_part, resolve, tier_operands

__all__ = ["MONTH_DAYS", "Value", "constant_of", "month_day_value", "value_of"]


@attrs.frozen
class Value:
    """What a compared name stands for: ``grid`` None for any number, else the step between values
    (1 for whole numbers and days, the minor unit for money); ``choices`` the values a finite type
    can take; ``always`` when it is never absent (so ``not`` over it is understood)."""

    name: str
    grid: Decimal | None = None
    choices: tuple[Any, ...] | None = None
    always: bool = True
    text: bool = False


MONTH_DAYS = tuple((d.month, d.day) for d in (dt.date(2024, 1, 1) + dt.timedelta(n) for n in range(366)))


def month_day_value(value: Value | None, constants: Iterable[s.Expr]) -> Value | None:
    """The event's date compared with days of any year (`date = 12-25`) is its (month, day), as
    the evaluators compare it: a value of its own, a calendar value like the date's parts."""
    if value is None or value.name != "date" or not all(isinstance(c, s.MonthDay) for c in constants):
        return value
    return Value("monthday", choices=MONTH_DAYS)


def value_of(program: m.Program, schema: m.Schema, e: s.Expr) -> Value | None:
    """The value ``e`` names (a field, a part of a date, a builtin, the member's history); None for
    anything else, which constrains nothing."""
    if isinstance(e, s.History):
        name = history_key(e)
        if e.measure.text == "first":
            return Value(name, choices=(False, True), always=False)
        return Value(name, grid=Decimal(1) if e.measure.text != "spend" else _minor(program), always=False)
    if not isinstance(e, s.Ref):
        return None
    if e.attr is not None:
        whole = date_part(e, event=schema, record=None, tiers=program.tier_names, profile=program.profile)
        if whole is None:
            return None
        name, optional = f"{whole.name}.{e.attr.text}", whole.type.optional or whole.kind == "profile_field"
        return _part(name, e.attr.text, not optional)
    meaning = resolve(e.name.text, event=schema, record=None, tiers=program.tier_names, profile=program.profile)
    if meaning is None or meaning.kind in ("tier", "weekday"):
        return None
    name, t = meaning.name, meaning.type
    always = meaning.kind == "builtin" or (meaning.kind == "field" and not t.optional)
    if meaning.kind == "builtin":
        if name == "tier":
            return Value(name, choices=tuple(range(len(program.tiers))))
        if name == "weekday":
            return Value(name, choices=tuple(range(7)))
        if name == "hour":
            return Value(name, choices=tuple(range(24)))
        if name == "date":
            return Value(name, grid=Decimal(1))
        return _part(name, name, True) if name in ("day", "month", "year") else None
    return _field_value(program, name, t, always)


def _part(name: str, part: str, always: bool) -> Value:
    if part == "day":
        return Value(name, choices=tuple(range(1, 32)), always=always)
    if part == "month":
        return Value(name, choices=tuple(range(1, 13)), always=always)
    return Value(name, grid=Decimal(1), always=always)


def _field_value(program: m.Program, name: str, t: m.FieldType, always: bool) -> Value | None:
    if t.kind == "money":
        return Value(name, grid=_minor(program), always=always)
    if t.kind in ("count", "date"):
        return Value(name, grid=Decimal(1), always=always)
    if t.kind == "number":
        return Value(name, always=always)
    if t.kind == "points" and t.maximum is not None and t.maximum <= 10_000:
        return Value(name, choices=tuple(range(t.maximum + 1)), always=always)
    if t.kind == "enum":
        return Value(name, choices=t.values, always=always)
    if t.kind == "yesno":
        return Value(name, choices=(False, True), always=always)
    if t.kind == "text":
        return Value(name, always=always, text=True)
    if t.kind == "tier":
        return Value(name, choices=tuple(range(len(program.tiers))), always=always)
    return None


def _minor(program: m.Program) -> Decimal:
    return Decimal(1).scaleb(-program.minor_unit)


def constant_of(program: m.Program, schema: m.Schema, e: s.Expr, value: Value | None, where: s.Expr) -> Any:
    """The constant ``e`` is, in the form ``value``'s values take; None when it is none (or another
    type: the checker has refused that already)."""
    if value is None:
        return None
    if isinstance(e, s.Ref) and e.attr is None:
        if id(e) in tier_operands(where, event=schema, record=None, tiers=program.tier_names, profile=program.profile):
            return program.tier(e.name.text).rank
        meaning = resolve(e.name.text, event=schema, record=None, tiers=program.tier_names, profile=program.profile)
        if meaning is not None and meaning.kind == "weekday" and value.name == "weekday":
            return WEEKDAYS[e.name.text]
        return None
    if isinstance(e, s.MonthDay):
        return (e.month, e.day) if value.name == "monthday" else None
    if isinstance(e, s.Text):
        return e.value if value.text or (value.choices and isinstance(value.choices[0], str)) else None
    if isinstance(e, s.NumberLit):
        return e.number.value if not value.text and value.name != "date" and not _is_texts(value) else None
    if isinstance(e, s.DateLit) and value.grid == 1 and (value.name == "date" or not value.name.count(".")):
        try:
            return Decimal(dt.date(e.year, e.month, e.day).toordinal())
        except ValueError:
            return None
    return None


def _is_texts(value: Value) -> bool:
    return value.choices is not None and bool(value.choices) and isinstance(value.choices[0], (str, bool))
