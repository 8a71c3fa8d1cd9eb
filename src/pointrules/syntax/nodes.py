"""The syntax tree: frozen, located node classes with no behaviour beyond their shape.

Every node carries ``span``, the characters of the source it was built from. The tree keeps the
program in source order; comments are kept beside it in ``Program.comments`` for the formatter.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Union

import attrs

from pointrules.source import Span

node = attrs.frozen(kw_only=True)


# ---- leaves --------------------------------------------------------------------------------
@node
class Name:
    text: str
    span: Span


@node
class Text:
    """A quoted text; ``value`` is unescaped, ``raw`` is as written with its quotes."""

    value: str
    raw: str
    span: Span


@node
class Number:
    """A number as written (``2,000``, ``1.5``); ``value`` is exact."""

    value: Decimal
    raw: str
    span: Span


@node
class Quantity:
    """A number with an optional unit: ``10 points``, ``100 CNY``, ``7 days``, ``50 %``, ``3``."""

    amount: Number
    unit: Name | None
    span: Span


@node
class DateLit:
    """A calendar date ``2026-11-11``; validity is the checker's job."""

    raw: str
    year: int
    month: int
    day: int
    span: Span


@node
class MonthDay:
    """A day of any year ``11-11`` (month-day)."""

    raw: str
    month: int
    day: int
    span: Span


@node
class Comment:
    text: str
    span: Span


# ---- expressions ---------------------------------------------------------------------------
@node
class Ref:
    """A name in an expression: a field (``amount``), a built-in (``tier``, ``weekday``), a tier or
    weekday constant (``gold``, ``saturday``), or ``record.field``."""

    name: Name
    attr: Name | None
    span: Span


@node
class NumberLit:
    """A number in an expression, optionally with a currency: ``7``, ``100 CNY``."""

    number: Number
    unit: Name | None
    span: Span


@node
class Binary:
    """``left op right``; op is one of ``or and = != < <= > >= + - * / %``."""

    op: str
    left: Expr
    right: Expr
    span: Span


@node
class Not:
    operand: Expr
    span: Span


@node
class Negate:
    operand: Expr
    span: Span


@node
class In:
    """``value in (a, b)`` or ``value not in (a, b)``."""

    value: Expr
    options: tuple[Expr, ...]
    negated: bool
    span: Span


@node
class Between:
    """``value from low to high``, both ends included."""

    value: Expr
    low: Expr
    high: Expr
    span: Span


Expr = Union[Ref, NumberLit, Text, DateLit, MonthDay, Binary, Not, Negate, In, Between]


# ---- header (L1) -----------------------------------------------------------------------------
@node
class ProgramName:
    name: Text
    span: Span


@node
class Version:
    number: Number
    span: Span


@node
class Currency:
    code: Name
    span: Span


@node
class TimeZone:
    name: Text
    span: Span


@node
class Value:
    """``value 100 points = 1 CNY``: the exchange value of points."""

    points: Number
    money: Quantity
    span: Span


@node
class Rounding:
    """``rounding down``; mode is ``down``, ``up``, ``nearest`` or ``half-even``."""

    mode: str
    span: Span


@node
class Effective:
    start: DateLit
    end: DateLit | None
    span: Span


@node
class Stacking:
    """``multipliers stack by multiplying``; mode is ``multiplying``, ``adding`` or ``best``."""

    mode: str
    span: Span


# ---- event schemas (L2) ------------------------------------------------------------------------
@node
class NamedType:
    """``money``, ``number``, ``count``, ``text``, ``date``, ``time``, ``member``, ``yes/no``… or a
    record name; which names are types is the checker's job."""

    name: Name
    span: Span


@node
class EnumType:
    values: tuple[Text, ...]
    span: Span


@node
class ListType:
    of: Name
    span: Span


@node
class OptionalType:
    inner: TypeExpr
    span: Span


TypeExpr = Union[NamedType, EnumType, ListType, OptionalType]


@node
class Field:
    name: Name
    type: TypeExpr
    span: Span


@node
class Event:
    name: Name
    label: Text | None
    fields: tuple[Field, ...]
    span: Span


@node
class Record:
    name: Name
    fields: tuple[Field, ...]
    span: Span


# ---- tiers (L9) ----------------------------------------------------------------------------------
@node
class Window:
    """``last 12 months`` (kind ``last``, with count) or ``this year`` (kind ``this``)."""

    kind: str
    count: Number | None
    unit: Name
    span: Span


@node
class Qualification:
    """``by spend over last 12 months``; metric is ``spend``, ``points`` or ``purchases``."""

    metric: Name
    window: Window
    span: Span


@node
class TierMultiplier:
    factor: Number
    including_bonuses: bool
    span: Span


@node
class Perks:
    perks: tuple[Text, ...]
    span: Span


@node
class Tier:
    name: Name
    label: Text | None
    threshold: Quantity | None
    benefits: tuple[TierMultiplier | Perks, ...]
    span: Span


@node
class Downgrade:
    """``downgrade one level`` (mode ``one level``) or ``downgrade to qualified tier``."""

    mode: str
    span: Span


@node
class KeepTier:
    """``keep tier for 12 months``."""

    duration: Quantity
    span: Span


@node
class Tiers:
    qualification: Qualification | None
    policies: tuple[Downgrade | KeepTier, ...]
    tiers: tuple[Tier, ...]
    span: Span


# ---- expiry (L10) and pending (L11) -----------------------------------------------------------------
@node
class ExpireNever:
    span: Span


@node
class ExpireAfter:
    """``expire after 12 months``: N days/weeks/months/years after earning."""

    duration: Quantity
    span: Span


@node
class ExpireInactive:
    """``expire after 6 months without activity``."""

    duration: Quantity
    span: Span


@node
class ExpireEnd:
    """``expire at end of next year`` / ``at end of quarter after 2 quarters`` / ``at end of month``."""

    unit: Name
    next: bool
    after: Quantity | None
    span: Span


Expiry = Union[ExpireNever, ExpireAfter, ExpireInactive, ExpireEnd]


@node
class Pending:
    duration: Quantity
    span: Span


# ---- rules (L3–L7) -----------------------------------------------------------------------------------
@node
class Spend:
    """What spend-based points are counted over: ``amount`` or ``items where category = "x"``
    (``items.amount`` names the money field of the record)."""

    field: Name
    attr: Name | None
    where: Expr | None
    span: Span


@node
class Per:
    """``per 100 CNY of amount``: per full block of ``block`` (default 1) units of money; with
    ``prorated``, in proportion instead of per full block."""

    block: Number | None
    currency: Name
    spend: Spend
    prorated: bool
    span: Span


@node
class Earn:
    points: Number
    per: Per | None
    to: Name | None
    condition: Expr | None
    span: Span


@node
class Multiply:
    factor: Number
    including_bonuses: bool
    condition: Expr | None
    span: Span


@node
class Limit:
    """``limit 3 times per day`` / ``limit 500 points per month`` / ``limit 1 time`` (ever)."""

    amount: Quantity
    period: Name | None
    span: Span


Statement = Union[Earn, Multiply, Limit, ExpireNever, ExpireAfter, ExpireInactive, ExpireEnd, Pending]


@node
class Rule:
    name: Name
    label: Text | None
    event: Name
    condition: Expr | None
    statements: tuple[Statement, ...]
    span: Span


# ---- campaigns (L8) -----------------------------------------------------------------------------------
@node
class DateWindow:
    start: DateLit
    end: DateLit
    span: Span


@node
class Weekly:
    days: tuple[Name, ...]
    span: Span


@node
class Monthly:
    days: tuple[Number, ...]
    span: Span


@node
class Yearly:
    days: tuple[MonthDay, ...]
    span: Span


@node
class OnDates:
    dates: tuple[DateLit, ...]
    span: Span


Schedule = Union[DateWindow, Weekly, Monthly, Yearly, OnDates]


@node
class Campaign:
    name: Name
    label: Text | None
    schedules: tuple[Schedule, ...]
    budget: Quantity | None
    rules: tuple[Rule, ...]
    span: Span


# ---- caps (L7) -----------------------------------------------------------------------------------------
@node
class Cap:
    """``cap 5,000 points per day [on purchase, review]``."""

    amount: Quantity
    period: Name
    kinds: tuple[Name, ...]
    span: Span


# ---- redemption (L12) and rewards (L13) ------------------------------------------------------------
@node
class RedeemMinimum:
    amount: Quantity
    span: Span


@node
class RedeemStep:
    amount: Quantity
    span: Span


@node
class RedeemShare:
    """``at most 50% of order``."""

    share: Quantity
    span: Span


@node
class RedeemLimit:
    """``at most 10,000 points per month``."""

    amount: Quantity
    period: Name
    span: Span


RedeemItem = Union[RedeemMinimum, RedeemStep, RedeemShare, RedeemLimit]


@node
class Redeem:
    items: tuple[RedeemItem, ...]
    span: Span


@node
class RewardLimit:
    count: Quantity
    period: Name | None
    span: Span


@node
class RewardEligibility:
    condition: Expr
    span: Span


@node
class RewardWindow:
    start: DateLit
    end: DateLit
    span: Span


@node
class RewardStock:
    count: Number
    span: Span


RewardItem = Union[RewardLimit, RewardEligibility, RewardWindow, RewardStock]


@node
class Reward:
    name: Name
    label: Text | None
    cost: Quantity
    cash: Quantity | None
    items: tuple[RewardItem, ...]
    span: Span


# ---- static guards (L14) -----------------------------------------------------------------------------
@node
class Guard:
    """``check return rate at most 8%``: kept for the lint that will prove or refute it."""

    words: tuple[Name, ...]
    bound: Quantity
    span: Span


Declaration = Union[
    ProgramName, Version, Currency, TimeZone, Value, Rounding, Effective, Stacking, Event, Record,
    Tiers, ExpireNever, ExpireAfter, ExpireInactive, ExpireEnd, Pending, Rule, Campaign, Cap, Redeem,
    Reward, Guard,
]


@node
class Program:
    declarations: tuple[Declaration, ...]
    comments: tuple[Comment, ...]
    span: Span
