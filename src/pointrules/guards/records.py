"""Lines on the records of one list: which of them a single record can meet together.

An order's lines (``items``) are counted by several rules, each over the records its ``where``
admits (``category != "gold"``, ``category = "cosmetics"``). Their rates add up for one record only
where one record meets both ``where``s. Each record field the ``where``s compare is tried with the
values they name and one they do not; a ``where`` that depends on anything else (an event field,
arithmetic) counts as met: three-valued, never wrongly excluded.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pointrules import syntax as s
from pointrules.guards.terms import Term
from pointrules.program import model as m

__all__ = ["max_together", "maybe"]


def max_together(listed: list[Term], record: m.Schema | None) -> Fraction:
    """The largest sum of slopes of lines on one list that a single record can meet together."""
    if record is None:
        return sum((t.slope for t in listed), Fraction(0))
    seen: dict[str, list[Any]] = {}
    for t in listed:
        if t.where is not None:
            _compared(t.where, seen)
    fields = [n for n in record.fields if n in seen]
    profiles: list[dict[str, Any]] = [{}]
    for name in fields:
        values = seen[name] + [_OTHER]
        if record.fields[name].kind == "yesno":
            values = [True, False]
        profiles = [{**p, name: v} for p in profiles for v in values]
        if len(profiles) > MAX_PROFILES:  # too many to try: every line may count the same record
            return sum((t.slope for t in listed), Fraction(0))
    return max(sum((t.slope for t in listed if maybe(t.where, p) is not False), Fraction(0)) for p in profiles)


MAX_PROFILES = 4096
_OTHER = object()  # a value no condition names
_UNKNOWN: Any = None  # maybe() cannot tell


def _compared(e: s.Expr, seen: dict[str, list[Any]]) -> None:
    """Record field name -> the literals it is compared with."""
    if isinstance(e, s.Binary):
        for ref, other in ((e.left, e.right), (e.right, e.left)):
            if isinstance(ref, s.Ref) and ref.attr is None and (v := _literal(other)) is not None:
                values = seen.setdefault(ref.name.text, [])
                if v not in values:
                    values.append(v)
        _compared(e.left, seen)
        _compared(e.right, seen)
    elif isinstance(e, s.In) and isinstance(e.value, s.Ref) and e.value.attr is None:
        values = seen.setdefault(e.value.name.text, [])
        values.extend(v for o in e.options if (v := _literal(o)) is not None and v not in values)
    elif isinstance(e, s.Not):
        _compared(e.operand, seen)
    elif isinstance(e, s.Ref) and e.attr is None:
        seen.setdefault(e.name.text, [])


def _literal(e: s.Expr) -> Any:
    if isinstance(e, s.Text):
        return e.value
    if isinstance(e, s.NumberLit):
        return e.number.value
    return None


def maybe(e: s.Expr | None, record: dict[str, Any]) -> bool | None:
    """Whether ``e`` holds for a record with these field values: True, False, or None when it
    depends on something else (an event field, arithmetic): three-valued, never wrongly False."""
    if e is None:
        return True
    if isinstance(e, s.Binary) and e.op in ("and", "or"):
        left, right = maybe(e.left, record), maybe(e.right, record)
        if e.op == "and":
            return False if left is False or right is False else True if left and right else _UNKNOWN
        return True if left is True or right is True else False if left is False and right is False else _UNKNOWN
    if isinstance(e, s.Not):
        inner = maybe(e.operand, record)
        return None if inner is None else not inner
    if isinstance(e, s.Ref) and e.attr is None and e.name.text in record:
        v = record[e.name.text]
        return v if isinstance(v, bool) else _UNKNOWN
    if isinstance(e, s.In):
        v = _operand(e.value, record)
        options = [_literal(o) for o in e.options]
        if v is _UNKNOWN or any(o is None for o in options):
            return _UNKNOWN
        return (v in options) != e.negated
    if isinstance(e, s.Binary) and e.op in ("=", "!="):
        a, b = _operand(e.left, record), _operand(e.right, record)
        if a is _UNKNOWN or b is _UNKNOWN:
            return _UNKNOWN
        return (a == b) == (e.op == "=")
    return _UNKNOWN


def _operand(e: s.Expr, record: dict[str, Any]) -> Any:
    if isinstance(e, s.Ref) and e.attr is None and e.name.text in record:
        return record[e.name.text]
    return _literal(e)
