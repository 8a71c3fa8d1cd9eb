"""What a name in a condition means: one answer for the checker and every evaluator.

A name is looked up, in order, among the fields of the record being filtered (inside ``where``),
the fields of the event, the program's tier names, the built-ins below and the weekday names.
Tier names come before built-ins because the lowest tier is very often called ``member``:
``tier = member`` compares with that tier, not with the event's member id.
"""

from __future__ import annotations

import attrs

from .model import FieldType, Schema

# Built-in names every condition may read; date and time parts are in the program's time zone.
BUILTINS: dict[str, str] = {
    "id": "text",
    "member": "member",
    "time": "time",
    "date": "date",
    "weekday": "weekday",
    "day": "count",  # day of the month, 1–31
    "month": "count",  # 1–12
    "year": "count",
    "hour": "count",  # 0–23
    "tier": "tier",
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}


@attrs.frozen
class Meaning:
    """kind: ``record_field``, ``field``, ``builtin``, ``tier`` (a tier constant) or ``weekday``
    (a weekday constant); type: the field's type, or the built-in's type name."""

    kind: str
    name: str
    type: FieldType


def resolve(name: str, *, event: Schema | None, record: Schema | None, tiers: tuple[str, ...]) -> Meaning | None:
    if record is not None and name in record.fields:
        return Meaning("record_field", name, record.fields[name])
    if event is not None and name in event.fields:
        return Meaning("field", name, event.fields[name])
    if name in tiers:
        return Meaning("tier", name, FieldType("tier"))
    if name in BUILTINS:
        return Meaning("builtin", name, FieldType(BUILTINS[name]))
    if name in WEEKDAYS:
        return Meaning("weekday", name, FieldType("weekday"))
    return None
