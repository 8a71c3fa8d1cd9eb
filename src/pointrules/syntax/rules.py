"""A rule and the statements in it: earn, multiply, limit, and the expiry and pending statements
(which may also stand at the top of a program)."""

from __future__ import annotations

import attrs

from pointrules.source import Span
from pointrules.syntax.expressions import Expr, MonthDay, Name, Number, Quantity, Text


# ---- expiry (L10) and pending (L11) -----------------------------------------------------------------
@attrs.frozen(kw_only=True)
class ExpireNever:
    span: Span


@attrs.frozen(kw_only=True)
class ExpireAfter:
    """``expire after 12 months``: N days/weeks/months/years after earning."""

    duration: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class ExpireInactive:
    """``expire after 6 months without activity``."""

    duration: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class ExpireEnd:
    """``expire at end of next year`` / ``at end of quarter after 2 quarters`` / ``at end of month``."""

    unit: Name
    next: bool
    after: Quantity | None
    span: Span


@attrs.frozen(kw_only=True)
class ExpireOn:
    """``expire on next 06-30 or 12-31``: at the end of the first (``nth`` 1, ``next``) or second
    (``nth`` 2, ``second``) of those days of the year that comes after the day of earning."""

    days: tuple[MonthDay, ...]
    nth: int
    span: Span


Expiry = ExpireNever | ExpireAfter | ExpireInactive | ExpireEnd | ExpireOn
EXPIRIES = (ExpireNever, ExpireAfter, ExpireInactive, ExpireEnd, ExpireOn)  # every expiry statement


@attrs.frozen(kw_only=True)
class Pending:
    duration: Quantity
    span: Span


# ---- rules (L3–L7) -----------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Spend:
    """What spend-based points are counted over: ``amount`` or ``items where category = "x"``
    (``items.amount`` names the money field of the record; with ``per unit``, ``items.quantity``
    names the count field, and ``items`` alone counts the records)."""

    field: Name
    attr: Name | None
    where: Expr | None
    span: Span
    where_label: Text | None = None  # ``where … "黄金饰品"``: what the terms call the part counted


@attrs.frozen(kw_only=True)
class Per:
    """``per 100 CNY of amount``: per full block of ``block`` (default 1) units of money; with
    ``prorated``, in proportion instead of per full block. ``per 2 units of cups`` counts units of
    a count instead: ``currency`` is None and ``unit`` is the word ``unit`` or ``units`` as written."""

    block: Number | None
    currency: Name | None
    unit: Name | None = None
    spend: Spend
    prorated: bool
    span: Span


@attrs.frozen(kw_only=True)
class Ladder:
    """``by streak`` after ``earn 5, 10, 15 points``: the step the value reaches picks the points.
    ``starts`` are the steps as written after ``from`` (empty: step n starts at n)."""

    value: Expr
    starts: tuple[Quantity, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Earn:
    """``earn 10 points …``; a ladder writes several points (``earn 5, 10, 15 points … by streak``):
    ``points`` is the first, ``more`` the rest, ``ladder`` what picks one. ``earn beans`` pays the
    points a field of the points type carries: ``given`` names it and ``points`` is None."""

    points: Number | None
    per: Per | None
    to: Name | None
    condition: Expr | None
    span: Span
    more: tuple[Number, ...] = ()
    ladder: Ladder | None = None
    given: Name | None = None
    tier: bool = False  # ``earn 1 tier point …``: qualifying points, not spendable ones
    condition_label: Text | None = None  # ``when … "连续签到满 7 天"``: the condition in the terms' words

    @property
    def steps(self) -> tuple[Number, ...]:
        """Every points number written, in order (none for ``earn beans``)."""
        return () if self.points is None else (self.points, *self.more)


@attrs.frozen(kw_only=True)
class Multiply:
    factor: Number
    including_bonuses: bool
    condition: Expr | None
    span: Span
    condition_label: Text | None = None


@attrs.frozen(kw_only=True)
class Limit:
    """``limit 3 times per day`` / ``limit 500 points per month`` / ``limit 1 time`` (ever)."""

    amount: Quantity
    period: Name | None
    span: Span


Statement = (
    Earn | Multiply | Limit | ExpireNever | ExpireAfter | ExpireInactive | ExpireEnd | ExpireOn | Pending
)


@attrs.frozen(kw_only=True)
class Rule:
    name: Name
    label: Text | None
    event: Name
    condition: Expr | None
    statements: tuple[Statement, ...]
    span: Span
    condition_label: Text | None = None

