"""What a name in a condition means: one answer for the checker and every evaluator.

A name is looked up, in order, among the fields of the record being filtered (inside ``where``),
the fields of the event, the fields of the member's profile (``profile { … }``), the built-ins below,
the program's tier names and the weekday names. A profile field may not share its name with an event
field or a built-in (PR112), so the order between those three never decides anything.
One exception makes tiers nameable whatever they are called: a name that is a tier of the program
means that tier where it is compared with a tier (``tier = member``, ``tier in (member, silver)``,
``tier between member and gold``). Everywhere else the field or built-in wins, so with a lowest tier
called ``member``, ``referee != member`` still compares the referee with the event's member.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pointrules import syntax as s
from pointrules.program.model import FieldType, Schema

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

# The parts of a date a condition may read, ``birthday.month``: named like the built-ins that are
# the parts of the event's own date (``day``, ``month``, ``year``).
DATE_PARTS = ("day", "month", "year")

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}


_SETS: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def among(name: str, names: tuple[str, ...]) -> bool:
    """``name in names``, in constant time for the long tuples asked about again and again (a
    program's tiers, an enumeration's values): a checker may ask once per name in every condition."""
    if len(names) < 16:
        return name in names
    kept = _SETS.get(id(names))
    if kept is None or kept[0] is not names:  # the tuple is kept with its set, so its id is not reused
        if len(_SETS) >= 64:
            _SETS.clear()
        kept = _SETS[id(names)] = (names, frozenset(names))
    return name in kept[1]


@attrs.frozen
class Meaning:
    """kind: ``record_field``, ``field``, ``profile_field`` (of the member's profile), ``builtin``,
    ``tier`` (a tier constant) or ``weekday`` (a weekday constant); type: the field's type, or the
    built-in's type name."""

    kind: str
    name: str
    type: FieldType


def resolve(name: str, *, event: Schema | None, record: Schema | None, tiers: tuple[str, ...],
            as_tier: bool = False, profile: Schema | None = None) -> Meaning | None:
    """The meaning of ``name``; ``as_tier`` when it stands where a tier is compared (see operand);
    ``profile``: the program's profile fields (``Program.profile``)."""
    if as_tier and among(name, tiers):
        return Meaning("tier", name, FieldType("tier"))
    if record is not None and name in record.fields:
        return Meaning("record_field", name, record.fields[name])
    if event is not None and name in event.fields:
        return Meaning("field", name, event.fields[name])
    if profile is not None and name in profile.fields:
        return Meaning("profile_field", name, profile.fields[name])
    if name in BUILTINS:
        return Meaning("builtin", name, FieldType(BUILTINS[name]))
    if among(name, tiers):
        return Meaning("tier", name, FieldType("tier"))
    if name in WEEKDAYS:
        return Meaning("weekday", name, FieldType("weekday"))
    return None


def date_part(ref: s.Ref, *, event: Schema | None, record: Schema | None, tiers: tuple[str, ...],
              profile: Schema | None = None) -> Meaning | None:
    """The date field whose part ``ref`` reads (``birthday.month``), or None when ``ref`` is not one:
    a plain name, a name that is not a date field, or a part not in DATE_PARTS."""
    if ref.attr is None or ref.attr.text not in DATE_PARTS:
        return None
    meaning = resolve(ref.name.text, event=event, record=record, tiers=tiers, profile=profile)
    if meaning is None or meaning.type.kind != "date" or meaning.kind not in ("field", "record_field", "profile_field"):
        return None
    return meaning


def compared_with_tier(others: Iterable[s.Expr], *, event: Schema | None, record: Schema | None,
                       tiers: tuple[str, ...], profile: Schema | None = None) -> bool:
    """Whether an operand of a comparison faces a tier: some other operand is a plain name that
    means a tier value (the built-in ``tier``, a tier field, or a tier named alone)."""
    for other in others:
        if isinstance(other, s.Ref) and other.attr is None:
            meaning = resolve(other.name.text, event=event, record=record, tiers=tiers, profile=profile)
            if meaning is not None and meaning.type.kind == "tier":
                return True
    return False


def comparison_operands(node: s.Expr) -> tuple[s.Expr, ...]:
    """The operands compared with each other by a comparison, ``in`` or ``between``; () otherwise."""
    if isinstance(node, s.Binary) and node.op in ("=", "!=", "<", "<=", ">", ">="):
        return (node.left, node.right)
    if isinstance(node, s.In):
        return (node.value, *node.options)
    if isinstance(node, s.Between):
        return (node.value, node.low, node.high)
    return ()


def tier_operands(node: s.Expr, *, event: Schema | None, record: Schema | None,
                  tiers: tuple[str, ...], profile: Schema | None = None) -> frozenset[int]:
    """The ids of the operands of a comparison that name a tier because they face one."""
    operands = comparison_operands(node)
    named = [i for i, o in enumerate(operands)
             if isinstance(o, s.Ref) and o.attr is None and among(o.name.text, tiers)]
    if not named:
        return frozenset()
    # an operand faces a tier when another operand means one: each is asked once, not once for every
    # other operand (an `in` list may hold a thousand names)
    tier_valued = [compared_with_tier((o,), event=event, record=record, tiers=tiers, profile=profile)
                   for o in operands]
    count = sum(tier_valued)
    return frozenset(id(operands[i]) for i in named if count - tier_valued[i] > 0)
