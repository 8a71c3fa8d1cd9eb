"""Events as they arrive (JSON-ish dicts) -> typed ``Event``s, or an ``EventError`` naming the event
and the field at fault.

Money arrives as a decimal string or a JSON number; parse JSON with ``parse_float=Decimal`` (as
``loads_event`` does) so 250.8 stays exact. Unknown extra fields are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from . import model as m
from .runtime import zone

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=Decimal)
MAX_MONEY_DIGITS = 18  # integer digits; larger amounts are typing mistakes, not purchases
MAX_COUNT = 10**18 - 1  # counts beyond any real streak or quantity
FIRST_YEAR, LAST_YEAR = 1900, 2999  # event times (UTC); expiry and window arithmetic stays in range


class EventError(ValueError):
    """An event the program refuses: ``event_id`` (None when it has none), the ``field`` at fault
    (``amount``, ``items[2].amount``, ``id`` for a duplicate) and a message."""

    def __init__(self, event_id: str | None, field: str, message: str) -> None:
        self.event_id = event_id
        self.field = field
        self.message = message
        super().__init__(f"event {event_id if event_id is not None else '?'}: field {field}: {message}")


@attrs.frozen(eq=False)
class Event:
    """A valid event: ``time`` as given (aware), ``fields`` typed per the schema (Decimal for money
    and numbers, int for counts, str for text, enumerations and members, date, aware datetime,
    bool for yes/no, lists of such dicts); absent optional fields are missing from ``fields``."""

    id: str
    kind: str
    member: str
    time: dt.datetime
    fields: Mapping[str, Any]


def loads_event(program: m.Program, text: str) -> Event:
    """An event from one JSON text (money kept exact), or EventError."""
    try:
        data = DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise EventError(None, "-", f"not valid JSON ({error.msg} at column {error.colno})") from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise EventError(None, "-", "not valid JSON (a number is too long)") from None
    except RecursionError:
        raise EventError(None, "-", "not valid JSON (nested too deeply)") from None
    return parse_event(program, data)


def parse_event(program: m.Program, data: Any) -> Event:
    """A typed Event from a JSON-ish dict, checked against the program's schema, or EventError."""
    if not isinstance(data, Mapping):
        raise EventError(None, "-", "an event must be a JSON object")
    raw_id = data.get("id")
    event_id = raw_id if isinstance(raw_id, str) and raw_id else None
    if event_id is None:
        raise EventError(None, "id", "`id` must be non-empty text")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in program.events:
        known = ", ".join(sorted(program.events))
        shown = f"`{kind}`" if isinstance(kind, str) else "missing" if kind is None else "not text"
        raise EventError(event_id, "kind", f"unknown event kind {shown}; expected one of {known}")
    member = data.get("member")
    if not isinstance(member, str) or not member:
        raise EventError(event_id, "member", "`member` must be non-empty text")
    time = _time(event_id, "time", data.get("time"), present="time" in data)
    try:
        time.astimezone(zone(program.timezone))
    except OverflowError:
        raise EventError(event_id, "time", "is out of range") from None
    schema = program.events[kind]
    fields = _fields(program, event_id, schema, data, "")
    return Event(id=event_id, kind=kind, member=member, time=time, fields=fields)


def _fields(program: m.Program, event_id: str, schema: m.Schema, data: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, ftype in schema.fields.items():
        path = prefix + name
        if name not in data or data[name] is None:
            if ftype.optional:
                continue
            raise EventError(event_id, path, f"`{name}` is missing")
        out[name] = _typed(program, event_id, path, ftype, data[name])
    return out


def _typed(program: m.Program, event_id: str, path: str, ftype: m.FieldType, v: Any) -> Any:
    kind = ftype.kind
    if kind == "money":
        return _money(event_id, path, v, program.minor_unit)
    if kind == "number":
        return _number(event_id, path, v)
    if kind == "count":
        if type(v) is not int or v < 0:
            raise EventError(event_id, path, "must be a whole number of 0 or more")
        if v > MAX_COUNT:
            raise EventError(event_id, path, f"is too large (at most {MAX_COUNT:,})")
        return v
    if kind in ("text", "member"):
        if not isinstance(v, str) or (kind == "member" and not v):
            raise EventError(event_id, path, "must be non-empty text (a member id)" if kind == "member" else "must be text")
        return v
    if kind == "enum":
        if not isinstance(v, str) or v not in ftype.values:
            options = ", ".join(f"`{x}`" for x in ftype.values)
            raise EventError(event_id, path, f"must be one of {options}")
        return v
    if kind == "yesno":
        if type(v) is not bool:
            raise EventError(event_id, path, "must be true or false")
        return v
    if kind == "date":
        if not isinstance(v, str) or not _DATE_TEXT.fullmatch(v):
            raise EventError(event_id, path, "must be a date like \"2026-11-11\"")
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise EventError(event_id, path, f"`{v}` is not a calendar date") from None
    if kind == "time":
        return _time(event_id, path, v, present=True)
    if kind == "list":
        if not isinstance(v, list):
            raise EventError(event_id, path, "must be a list")
        record = program.records.get(ftype.record) if ftype.record else None
        items = []
        for i, item in enumerate(v):
            where = f"{path}[{i}]"
            if record is None:
                if not isinstance(item, str):
                    raise EventError(event_id, where, "must be text")
                items.append(item)
            else:
                if not isinstance(item, Mapping):
                    raise EventError(event_id, where, f"must be an object (a `{record.name}`)")
                items.append(_fields(program, event_id, record, item, where + "."))
        return tuple(items)
    raise EventError(event_id, path, f"has a type this evaluator does not know (`{kind}`)")


def _decimal(event_id: str, path: str, v: Any) -> Decimal:
    if isinstance(v, bool):
        raise EventError(event_id, path, "must be a number, not true or false")
    if isinstance(v, int):
        v = Decimal(v)
    elif isinstance(v, float):  # a caller that parsed JSON with floats: keep the shortest exact text
        v = Decimal(repr(v))
    elif isinstance(v, str):
        if not _DECIMAL_TEXT.fullmatch(v):
            raise EventError(event_id, path, f"`{v}` is not a decimal number like \"250.80\"")
        v = Decimal(v)
    if not isinstance(v, Decimal):
        raise EventError(event_id, path, "must be a number or a decimal text like \"250.80\"")
    if not v.is_finite():
        raise EventError(event_id, path, "must be a finite number")
    if v.adjusted() >= MAX_MONEY_DIGITS:
        raise EventError(event_id, path, f"is too large (at most {MAX_MONEY_DIGITS} digits before the point)")
    return v


def _money(event_id: str, path: str, v: Any, minor_unit: int) -> Decimal:
    amount = _decimal(event_id, path, v)
    if amount < 0:
        raise EventError(event_id, path, "money must not be negative")
    exponent = amount.as_tuple().exponent
    # Counted as written: "1.500" has three decimals although it equals 1.5.
    if isinstance(exponent, int) and -exponent > minor_unit:
        unit = "no decimals" if minor_unit == 0 else f"at most {minor_unit} decimals"
        raise EventError(event_id, path, f"money has {-exponent} decimals; this currency has {unit}")
    return amount


def _number(event_id: str, path: str, v: Any) -> Decimal:
    return _decimal(event_id, path, v)


def _time(event_id: str, path: str, v: Any, *, present: bool) -> dt.datetime:
    if not present or v is None:
        raise EventError(event_id, path, f"`{path}` is missing")
    if not isinstance(v, str):
        raise EventError(event_id, path, "must be an ISO 8601 time like \"2026-11-11T10:03:00+08:00\"")
    try:
        instant = dt.datetime.fromisoformat(v)
    except ValueError:
        raise EventError(event_id, path, f"`{v}` is not an ISO 8601 date and time") from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise EventError(event_id, path, f"`{v}` has no UTC offset; add one, e.g. +08:00")
    try:
        utc = instant.astimezone(dt.timezone.utc)
    except OverflowError:
        utc = None
    if utc is None or not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise EventError(event_id, path, f"`{v}` is out of range (years {FIRST_YEAR} to {LAST_YEAR})")
    return instant
