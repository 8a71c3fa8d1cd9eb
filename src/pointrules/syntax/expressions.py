"""The leaves of the syntax tree (names, texts, numbers, dates) and the expressions of conditions.

Every node is frozen, carries ``span`` (the characters of the source it was built from) and has no
behaviour beyond its shape. Every node class is declared with ``@attrs.frozen(kw_only=True)`` by that
name (not an alias of it): mypy's attrs plugin recognises the decorator only by its real name.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from pointrules.source import Span


# ---- leaves --------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Name:
    text: str
    span: Span


@attrs.frozen(kw_only=True)
class Text:
    """A quoted text; ``value`` is unescaped, ``raw`` is as written with its quotes."""

    value: str
    raw: str
    span: Span


@attrs.frozen(kw_only=True)
class Number:
    """A number as written (``2,000``, ``1.5``); ``value`` is exact."""

    value: Decimal
    raw: str
    span: Span


@attrs.frozen(kw_only=True)
class Quantity:
    """A number with an optional unit: ``10 points``, ``100 CNY``, ``7 days``, ``50 %``, ``3``."""

    amount: Number
    unit: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class ClockLit:
    """A time of day ``10:00``; validity is the checker's job."""

    raw: str
    hour: int
    minute: int
    span: Span


@attrs.frozen(kw_only=True)
class DateLit:
    """A calendar date ``2026-11-11``; validity is the checker's job."""

    raw: str
    year: int
    month: int
    day: int
    span: Span


@attrs.frozen(kw_only=True)
class MonthDay:
    """A day of any year ``11-11`` (month-day)."""

    raw: str
    month: int
    day: int
    span: Span


# ---- expressions ---------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Ref:
    """A name in an expression: a field (``amount``), a built-in (``tier``, ``weekday``), a tier or
    weekday constant (``gold``, ``saturday``), or ``record.field``."""

    name: Name
    attr: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class NumberLit:
    """A number in an expression, optionally with a currency: ``7``, ``100 CNY``."""

    number: Number
    unit: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class Binary:
    """``left op right``; op is one of ``or and = != < <= > >= + - * / %``."""

    op: str
    left: Expr
    right: Expr
    span: Span


@attrs.frozen(kw_only=True)
class Not:
    operand: Expr
    span: Span


@attrs.frozen(kw_only=True)
class Negate:
    operand: Expr
    span: Span


@attrs.frozen(kw_only=True)
class In:
    """``value in (a, b)`` or ``value not in (a, b)``."""

    value: Expr
    options: tuple[Expr, ...]
    negated: bool
    span: Span


@attrs.frozen(kw_only=True)
class Between:
    """``value from low to high``, both ends included."""

    value: Expr
    low: Expr
    high: Expr
    span: Span


@attrs.frozen(kw_only=True)
class History:
    """What the member did before this event (issue 12): ``count of purchase this month`` (measure
    ``count``, kind ``purchase``, window ``this`` month), ``spend of purchase last 30 days``,
    ``streak of checkin``, ``weekly streak of checkin`` (``adverb`` ``weekly``), ``first purchase``
    (no ``of``). The words are names; the checker knows which measures there are."""

    measure: Name
    adverb: Name | None
    of: bool  # written with `of` (`count of purchase`), not `first purchase`
    kind: Name
    window: str | None  # "this" | "last" | None (ever)
    count: Number | None  # `last 30 days`: 30
    unit: Name | None  # the window's unit
    span: Span


Expr = Ref | NumberLit | Text | DateLit | MonthDay | Binary | Not | Negate | In | Between | History


def conjuncts(e: Expr | None) -> Iterator[Expr]:
    """The parts of ``a and b and c``, left to right; an expression that is no ``and`` is its own one
    part, and no expression has none."""
    stack = [e] if e is not None else []
    while stack:
        x = stack.pop()
        if isinstance(x, Binary) and x.op == "and":
            stack.extend((x.right, x.left))
        else:
            yield x
