"""Fast acceptance of JSON-decoded events, with the reference validator as the judge of anything
unusual.

``Validator.check(data)`` returns ``(id, kind, member, time, fields)`` for an event that
``events.parse_event`` would accept with exactly these values. It takes the fast path only for
plain JSON types in their common shapes; whenever a value is not obviously fine it hands over to
the reference (``events.parse_event`` for the built-in fields, ``events.typed_value`` for a schema
field, the fields before it having been accepted identically), which either raises the very
EventError the reference raises or returns the value it returns. So refusals are always worded by
``events.py`` and acceptance never differs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pointrules.events import (
    DATE_TEXT,
    DECIMAL_TEXT,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_COUNT,
    MAX_DECIMALS,
    MAX_ID_LENGTH,
    MAX_MONEY_DIGITS,
    parse_event,
    read_time,
    typed_value,
    valid_text,
)
from pointrules.program import model as m

_BAD: Any = object()


def _money(minor: int) -> Any:
    match = DECIMAL_TEXT.fullmatch
    unit = Decimal(1).scaleb(-minor)  # exponent -minor: 0.01 for CNY

    def money(v: Any) -> Any:
        cls = v.__class__
        if cls is str:
            if not match(v):
                return _BAD
            dot = v.find(".")
            if dot >= 0 and len(v) - dot - 1 > minor:
                return _BAD
            d = Decimal(v)
        elif cls is int:
            d = Decimal(v)
        elif cls is Decimal:
            d = v
            # as_tuple() costs as much as the rest: first the commonest exponent, exactly minor's
            if not d.is_finite() or not d.same_quantum(unit) and -d.as_tuple().exponent > minor:
                return _BAD
        else:
            return _BAD
        if d.adjusted() >= MAX_MONEY_DIGITS or d.is_signed():  # "-0" too
            return _BAD
        return d

    return money


def _number(v: Any) -> Any:
    cls = v.__class__
    if cls is int:
        d = Decimal(v)
        return d if d.adjusted() < MAX_MONEY_DIGITS else _BAD
    if cls is str:
        return _BAD  # decimal text: left to the reference
    if cls is Decimal and v.is_finite() and v.adjusted() < MAX_MONEY_DIGITS and v.as_tuple().exponent >= -MAX_DECIMALS:
        return v
    return _BAD


def _count(v: Any) -> Any:
    return v if v.__class__ is int and 0 <= v <= MAX_COUNT else _BAD


def _points(most: int) -> Any:
    return lambda v: v if v.__class__ is int and 0 <= v <= most else _BAD


def _text(v: Any) -> Any:
    return v if v.__class__ is str and (v.isascii() or valid_text(v)) else _BAD


def _member(v: Any) -> Any:
    return v if v.__class__ is str and v and len(v) <= MAX_ID_LENGTH and (v.isascii() or valid_text(v)) else _BAD


def _enum(values: tuple[str, ...]) -> Any:
    allowed = frozenset(values)
    return lambda v: v if v.__class__ is str and v in allowed else _BAD


def _date(v: Any) -> Any:
    if v.__class__ is str and DATE_TEXT.fullmatch(v):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return _BAD
    return _BAD


def _time(v: Any) -> Any:
    instant = read_time(v)
    # Offsets are under a day: a time a year inside the range is inside it in UTC too.
    if instant is None or not FIRST_YEAR < instant.year < LAST_YEAR:
        return _BAD
    return instant


def _yesno(v: Any) -> Any:
    return v if v.__class__ is bool else _BAD


class Validator:
    """Per event kind, a fast converter per schema field."""

    def __init__(self, program: m.Program) -> None:
        self.program = program
        self.kinds: dict[str, tuple[tuple[str, m.FieldType, Any], ...]] = {
            kind: tuple((name, ftype, self._converter(ftype)) for name, ftype in schema.fields.items())
            for kind, schema in program.events.items()
        }

    def _converter(self, ftype: m.FieldType) -> Any:
        kind = ftype.kind
        if kind == "money":
            return _money(self.program.minor_unit)
        if kind == "enum":
            return _enum(ftype.values)
        if kind == "points":
            return _points(ftype.maximum or 0)
        simple = {"number": _number, "count": _count, "text": _text, "member": _member, "yesno": _yesno,
                  "date": _date, "time": _time}
        return simple.get(kind)  # None (lists, anything else): the reference converts it

    def check(self, data: Any) -> tuple[str, str, str, dt.datetime, dict[str, Any]]:
        """The event's parts as ``parse_event`` gives them, or its EventError."""
        if data.__class__ is dict:
            event_id = data.get("id")
            kind = data.get("kind")
            member = data.get("member")
            spec = self.kinds.get(kind) if kind.__class__ is str else None
            time = _time(data.get("time"))
            if (event_id.__class__ is str and event_id and spec is not None and member.__class__ is str and member
                    and len(event_id) <= MAX_ID_LENGTH and len(member) <= MAX_ID_LENGTH
                    and time is not _BAD and (event_id.isascii() and member.isascii() or valid_text(event_id) and valid_text(member))):
                program = self.program
                fields: dict[str, Any] = {}
                for name, ftype, convert in spec:
                    v = data.get(name)
                    if v is None:
                        if ftype.optional:
                            continue
                        break  # missing: the reference says so
                    x = _BAD if convert is None else convert(v)
                    fields[name] = typed_value(program, event_id, name, ftype, v) if x is _BAD else x
                else:
                    return event_id, kind, member, time, fields  # type: ignore[return-value]  # checked above
        event = parse_event(self.program, data)
        return event.id, event.kind, event.member, event.time, dict(event.fields)
