"""Which conditions the terms can word without code: one answer for the lint (PR514) and the walk
that words them (wording/conditions.py).

A condition is worded from what it compares, never from its names: the event's amount (its first
money field), the time and date of the event (``hour``, ``weekday``, ``date``, ``day``,
``month``), the member's tier, the member's history (``count of order this week``, ``first order``)
and fields the schema labels (``cups "杯数": count``). Arithmetic, texts (an enumeration's values are
code), unlabelled fields and comparisons between two fields cannot be worded: a label on the
condition (``when … "连续签到满 7 天"``) words those.
"""

from __future__ import annotations

import attrs

from pointrules import syntax as s
from pointrules.program import model as m
from pointrules.program.resolve import WEEKDAYS, resolve

COMPARE = ("=", "!=", "<", "<=", ">", ">=")
FLIPPED = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NUMERIC = ("money", "number", "count")


@attrs.frozen
class Place:
    """Where a condition stands: the program, its event's schema and, inside ``where``, the record."""

    program: m.Program
    event: m.Schema | None
    record: m.Schema | None = None


@attrs.frozen
class Subject:
    """What a condition reads, as the terms name it. kind: ``money`` (``label`` None for the event's
    amount), ``number`` (a labelled count or number), ``flag`` (a labelled yes/no field), one of the
    built-ins ``hour`` ``day`` ``month`` ``date`` ``weekday`` ``tier``, or ``history``
    (``history`` holds the node)."""

    kind: str
    label: str | None = None
    history: s.History | None = None


@attrs.frozen
class Comparison:
    """``subject op values``: one value for a comparison, several for ``in`` (op ``in`` or ``not in``),
    two for ``between`` (op ``from``). Values are literals: numbers, dates, tier or weekday names."""

    subject: Subject
    op: str
    values: tuple[s.Expr, ...]


def subject(e: s.Expr, at: Place) -> Subject | None:
    """What ``e`` reads when the terms can name it, else None."""
    if isinstance(e, s.History):
        return Subject("history", history=e)
    if not isinstance(e, s.Ref) or e.attr is not None:
        return None
    p = at.program
    meaning = resolve(e.name.text, event=at.event, record=at.record, tiers=p.tier_names, profile=p.profile)
    if meaning is None:
        return None
    if meaning.kind == "builtin":
        return Subject(meaning.name) if meaning.name in ("hour", "day", "month", "date", "weekday", "tier") else None
    if meaning.kind not in ("field", "record_field", "profile_field"):
        return None
    schema = {"field": at.event, "record_field": at.record, "profile_field": p.profile}[meaning.kind]
    label = schema.labels.get(meaning.name) if schema is not None else None
    kind = meaning.type.kind
    if kind == "money" and label is None and meaning.kind == "field" and at.event is not None:
        first = next((n for n, t in at.event.fields.items() if t.kind == "money"), None)
        return Subject("money") if first == meaning.name else None  # the event's amount needs no label
    if label is None:
        return None
    if kind in _NUMERIC:
        return Subject("money" if kind == "money" else "number", label)
    return Subject("flag", label) if kind == "yesno" else None


def comparison(e: s.Expr, at: Place) -> Comparison | None:
    """``e`` as a comparison the terms can word, else None."""
    if isinstance(e, s.Binary) and e.op in COMPARE:
        found = subject(e.left, at)
        if found is not None and _fits(found, e.right, at):
            return Comparison(found, e.op, (e.right,))
        found = subject(e.right, at)
        if found is not None and _fits(found, e.left, at):
            return Comparison(found, FLIPPED[e.op], (e.left,))
        return None
    if isinstance(e, (s.In, s.Between)):
        found = subject(e.value, at)
        values = e.options if isinstance(e, s.In) else (e.low, e.high)
        if found is None or found.kind == "flag" or not all(_fits(found, v, at) for v in values):
            return None
        return Comparison(found, ("not in" if e.negated else "in") if isinstance(e, s.In) else "from", values)
    return None


def _fits(found: Subject, value: s.Expr, at: Place) -> bool:
    """Whether ``value`` is a literal the terms can say for ``found``."""
    if found.kind == "weekday":
        return isinstance(value, s.Ref) and value.attr is None and value.name.text in WEEKDAYS
    if found.kind == "tier":
        return isinstance(value, s.Ref) and value.attr is None and value.name.text in at.program.tier_names
    if found.kind == "date":
        return isinstance(value, (s.MonthDay, s.DateLit))
    if found.kind == "flag":
        return False
    return isinstance(value, s.NumberLit)


def unworded(e: s.Expr | None, at: Place) -> s.Expr | None:
    """The first part of condition ``e`` the terms cannot word, or None when they can word it all."""
    if e is None:
        return None
    if isinstance(e, s.Binary) and e.op in ("and", "or"):
        return unworded(e.left, at) or unworded(e.right, at)
    inner = e.operand if isinstance(e, s.Not) else e
    found = subject(inner, at)
    if found is not None and (found.kind == "flag" or (found.history is not None
                                                        and found.history.measure.text == "first")):
        return None
    if isinstance(e, s.Not) or comparison(e, at) is None:
        return e
    return None


def unlabelled_fields(e: s.Expr, at: Place) -> list[str]:
    """The event, record and profile fields ``e`` reads that have no label: labelling them may word it."""
    found: list[str] = []
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, s.Ref):
            name = x.name.text
            for schema in (at.record, at.event, at.program.profile):  # the order names resolve in
                if schema is not None and name in schema.fields:
                    if name not in schema.labels and name not in found:
                        found.append(name)
                    break
        elif isinstance(x, s.Binary):
            stack += [x.right, x.left]
        elif isinstance(x, (s.Not, s.Negate)):
            stack.append(x.operand)
        elif isinstance(x, s.In):
            stack += [*reversed(x.options), x.value]
        elif isinstance(x, s.Between):
            stack += [x.high, x.low, x.value]
    return found


def labelled(at: Place) -> Place:
    """``at`` as if every event, record and profile field had a label: what labelling fields would word."""
    def every(schema: m.Schema | None) -> m.Schema | None:
        return None if schema is None else attrs.evolve(schema, labels={n: n for n in schema.fields})

    program = attrs.evolve(at.program, profile=every(at.program.profile))
    return Place(program, every(at.event), every(at.record))
