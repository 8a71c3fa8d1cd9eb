"""The declarations of a program besides rules and tiers (header, event schemas, campaigns, caps,
redemption, rewards, guards) and ``Program``, the root of the syntax tree; tiers are in tiers.py.

The tree keeps the program in source order; comments are kept beside it in ``Program.comments`` for
the formatter.
"""

from __future__ import annotations

import attrs

from pointrules.source import Span
from pointrules.syntax.expressions import ClockLit, DateLit, Expr, MonthDay, Name, Number, Quantity, Text
from pointrules.syntax.rules import (
    ExpireAfter,
    ExpireEnd,
    ExpireInactive,
    ExpireNever,
    ExpireOn,
    Pending,
    Rule,
    Spend,
)
from pointrules.syntax.tiers import Tiers


# ---- header (L1) -----------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class ProgramName:
    name: Text
    span: Span


@attrs.frozen(kw_only=True)
class Version:
    number: Number
    span: Span


@attrs.frozen(kw_only=True)
class Currency:
    code: Name
    span: Span


@attrs.frozen(kw_only=True)
class TimeZone:
    name: Text
    span: Span


@attrs.frozen(kw_only=True)
class Value:
    """``value 100 points = 1 CNY``: the exchange value of points."""

    points: Number
    money: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class Rounding:
    """``rounding down``; mode is ``down``, ``up``, ``nearest`` or ``half-even``."""

    mode: str
    span: Span


@attrs.frozen(kw_only=True)
class Effective:
    start: DateLit
    end: DateLit | None
    at: ClockLit | None = None  # the time of day of the start, in the program's zone
    span: Span


@attrs.frozen(kw_only=True)
class Stacking:
    """``multipliers stack by multiplying``; mode is ``multiplying``, ``adding`` or ``best``."""

    mode: str
    span: Span


@attrs.frozen(kw_only=True)
class CampaignsCombine:
    """``campaigns combine by highest``; mode is ``highest`` or ``stacking``."""

    mode: str
    span: Span


@attrs.frozen(kw_only=True)
class PointsName:
    """``points are called "京豆" / "beans"``: the Chinese name, then the English one (optional:
    one name serves both languages)."""

    zh: Text
    en: Text | None
    span: Span


# ---- event schemas (L2) ------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class NamedType:
    """``money``, ``number``, ``count``, ``text``, ``date``, ``time``, ``member``, ``yes/no``… or a
    record name; which names are types is the checker's job."""

    name: Name
    span: Span


@attrs.frozen(kw_only=True)
class EnumType:
    values: tuple[Text, ...]
    span: Span


@attrs.frozen(kw_only=True)
class ListType:
    of: Name
    span: Span


@attrs.frozen(kw_only=True)
class OptionalType:
    inner: TypeExpr
    span: Span


@attrs.frozen(kw_only=True)
class PointsType:
    """``points up to 500``: a whole number of points the event carries, from 0 to ``maximum``,
    which the checker requires (PR330, PR331); ``earn FIELD`` pays it."""

    maximum: Number | None
    span: Span


TypeExpr = NamedType | EnumType | ListType | OptionalType | PointsType


@attrs.frozen(kw_only=True)
class Field:
    name: Name
    type: TypeExpr
    span: Span
    label: Text | None = None  # ``cups "杯数": count``: what the terms call the field


@attrs.frozen(kw_only=True)
class Event:
    name: Name
    label: Text | None
    fields: tuple[Field, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Record:
    name: Name
    fields: tuple[Field, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Profile:
    """``profile { birthday: date, referred_by: optional member }``: the fields of a member's profile."""
    fields: tuple[Field, ...]
    span: Span


# ---- campaigns (L8) -----------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class DateWindow:
    start: DateLit
    end: DateLit
    span: Span


@attrs.frozen(kw_only=True)
class Weekly:
    days: tuple[Name, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Monthly:
    days: tuple[Number, ...]
    span: Span


@attrs.frozen(kw_only=True)
class Yearly:
    days: tuple[MonthDay, ...]
    span: Span


@attrs.frozen(kw_only=True)
class YearlyRange:
    """``every year from 11-01 to 11-11``: the days from ``start`` to ``end`` each year, both
    included; a range whose end comes before its start runs over the new year (12-20 to 01-05)."""

    start: MonthDay
    end: MonthDay
    span: Span


@attrs.frozen(kw_only=True)
class OnDates:
    dates: tuple[DateLit, ...]
    span: Span


Schedule = DateWindow | Weekly | Monthly | Yearly | YearlyRange | OnDates


@attrs.frozen(kw_only=True)
class Campaign:
    name: Name
    label: Text | None
    schedules: tuple[Schedule, ...]
    budget: Quantity | None
    rules: tuple[Rule, ...]
    span: Span


# ---- caps (L7) -----------------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Cap:
    """``cap 5,000 points per day [on purchase, review]``."""

    amount: Quantity
    period: Name
    kinds: tuple[Name, ...]
    span: Span


# ---- redemption (L12) and rewards (L13) ------------------------------------------------------------
@attrs.frozen(kw_only=True)
class RedeemMinimum:
    amount: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class RedeemMinimumOrder:
    """``minimum order 100 CNY``: points pay only for orders of at least this much money."""

    amount: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class RedeemStep:
    amount: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class RedeemShare:
    """``at most 50% of order``."""

    share: Quantity
    span: Span


@attrs.frozen(kw_only=True)
class RedeemItemShare:
    """``at most 20% of items where category = "gold_jewelry"``: points pay at most this share of
    the money of the order's items the condition picks (``items.amount`` names the money field)."""

    share: Quantity
    spend: Spend
    span: Span


@attrs.frozen(kw_only=True)
class RedeemLimit:
    """``at most 10,000 points per month``."""

    amount: Quantity
    period: Name
    span: Span


RedeemItem = RedeemMinimum | RedeemMinimumOrder | RedeemStep | RedeemShare | RedeemItemShare | RedeemLimit


@attrs.frozen(kw_only=True)
class Redeem:
    items: tuple[RedeemItem, ...]
    span: Span


@attrs.frozen(kw_only=True)
class RewardLimit:
    count: Quantity
    period: Name | None
    span: Span


@attrs.frozen(kw_only=True)
class RewardEligibility:
    condition: Expr
    span: Span
    label: Text | None = None


@attrs.frozen(kw_only=True)
class RewardWindow:
    start: DateLit
    end: DateLit
    span: Span


@attrs.frozen(kw_only=True)
class RewardStock:
    count: Number
    span: Span


RewardItem = RewardLimit | RewardEligibility | RewardWindow | RewardStock


@attrs.frozen(kw_only=True)
class Reward:
    name: Name
    label: Text | None
    cost: Quantity
    cash: Quantity | None
    items: tuple[RewardItem, ...]
    span: Span


# ---- static guards (L14) -----------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Guard:
    """``check return rate at most 8%``: kept for the lint that will prove or refute it."""

    words: tuple[Name, ...]
    bound: Quantity
    span: Span


# ---- the program ------------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Comment:
    text: str
    span: Span


Declaration = (
    ProgramName | Version | Currency | TimeZone | Value | Rounding | Effective | Stacking | CampaignsCombine |
    PointsName | Event | Record | Profile | Tiers | ExpireNever | ExpireAfter | ExpireInactive | ExpireEnd |
    ExpireOn | Pending | Rule | Campaign | Cap | Redeem | Reward | Guard
)


@attrs.frozen(kw_only=True)
class Program:
    declarations: tuple[Declaration, ...]
    comments: tuple[Comment, ...]
    span: Span
