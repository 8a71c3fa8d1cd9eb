"""The checked program: what the checker hands to the evaluators.

Everything here is resolved and valid: names exist, units are known, numbers are exact. Conditions
stay syntax expressions (``syntax.Expr``); ``resolve.py`` says what each name in them means, the same
way for the checker and for every evaluator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from pointrules.errors import Error
from pointrules.source import Source, Span

if TYPE_CHECKING:
    from pointrules import syntax

PERIODS = ("day", "week", "month", "quarter", "half-year", "year")
FIELD_KINDS = ("money", "number", "count", "text", "date", "time", "member", "yesno", "enum", "list", "points")


@attrs.frozen
class FieldType:
    """The type of an event or record field.

    kind is one of FIELD_KINDS; ``values`` lists an enumeration's values; ``record`` names the
    record of a ``list of RECORD`` (None for ``list of text``); ``optional`` fields may be absent.
    A ``points up to 500`` field (kind ``points``, level 5) holds a whole number of points from 0 to
    ``maximum``."""

    kind: str
    values: tuple[str, ...] = ()
    record: str | None = None
    optional: bool = False
    maximum: int | None = attrs.field(default=None, metadata={"level": 5})


@attrs.frozen
class Schema:
    """An event kind or a record: its fields in declaration order. Events also have the built-in
    fields ``id``, ``member`` and ``time``, which are not listed here."""

    name: str
    label: str | None
    fields: dict[str, FieldType]
    span: Span
    labels: dict[str, str] = attrs.field(factory=dict)  # the fields' labels (``cups "杯数"``), for the terms


@attrs.frozen
class Duration:
    count: int
    unit: str  # one of PERIODS


@attrs.frozen
class Tier:
    name: str
    label: str | None
    rank: int  # 0 for the lowest tier
    threshold: Decimal | None  # in the qualification metric's unit; None when the host assigns tiers
    multiplier: Decimal  # 1 when the tier has none
    multiplier_includes_bonuses: bool
    perks: tuple[str, ...]
    span: Span
    # lifetime status (``or 1,000,000 points over lifetime``): the tier also qualifies when the
    # metric over the member's whole history reaches it; None: the window's threshold alone
    lifetime_threshold: Decimal | None = attrs.field(default=None, metadata={"level": 6})  # issue 13


@attrs.frozen
class Qualification:
    """How the tier is computed from history: ``metric`` is ``spend`` (money of the counted events),
    ``points`` (points earned) or ``purchases`` (count of the counted events) over a window:
    ``last`` N units before the event, ``this`` calendar unit so far, or the member's ``lifetime``
    (every entry before the event; ``window`` is None). ``counts`` maps each event kind counted
    toward spend and purchases to its money field (None: a kind without money, counted by
    purchases); check/counted.py decides it, the default included."""

    metric: str
    window_kind: str  # "last" | "this" | "lifetime"
    window: Duration | None
    counts: tuple[tuple[str, str | None], ...] = attrs.field(default=(), metadata={"level": 6})

    def counted_field(self, kind: str) -> tuple[bool, str | None]:
        """Whether events of ``kind`` count toward spend and purchases, and their money field."""
        for k, field in self.counts:
            if k == kind:
                return True, field
        return False, None


@attrs.frozen
class TierPolicy:
    qualification: Qualification | None  # None: the host assigns tiers
    downgrade: str  # "qualified" (straight to what qualifies) | "one level"
    keep: Duration | None  # the grace: kept this long after the member stops qualifying
    # when downgrades are decided: None at every event; a period ("year" …) at the end of each;
    # "anniversary" each year from when the member got the tier
    assess: str | None = attrs.field(default=None, metadata={"level": 6})


@attrs.frozen
class Expiry:
    """``never``; ``after`` (duration after earning); ``inactive`` (duration after the member's last
    activity); ``end`` (end of the ``period`` that is ``periods_after`` periods after earning: end of
    next year is period year, periods_after 1); ``on`` (level 6: end of the ``periods_after``-th of
    the ``days`` of the year, (month, day), that comes after the local day of earning)."""

    kind: str
    duration: Duration | None = None
    period: str | None = None
    periods_after: int = 0
    days: tuple[tuple[int, int], ...] = attrs.field(default=(), metadata={"level": 6})


@attrs.frozen
class SpendBase:
    """What spend-based points count: the money ``field`` of the event, or of each record of the
    list ``field`` whose ``where`` holds (``attr`` names the record's money field).

    With ``counts`` (``per unit of``, level 2) it counts units instead of money: the value of the
    count ``field``, the texts of a list of texts, or the records of a list whose ``where`` holds,
    each counting its count ``attr`` when one is named, else 1."""

    field: str
    attr: str | None
    where: syntax.Expr | None
    block: Decimal  # per full block of this much money, or of this many units (1 for ``per CNY``, ``per unit``)
    prorated: bool  # in proportion instead of per full block
    counts: bool = attrs.field(default=False, metadata={"level": 2})  # units of a count, not money
    where_label: str | None = None  # what the terms call the part ``where`` picks
    counted_label: str | None = None  # per unit: what members call the units (the where's or the field's label)


@attrs.frozen
class Ladder:
    """``by streak`` / ``by amount from 0 CNY, 1,000 CNY``: the step ``value`` reaches picks the points.
    Step i (from 1) starts at ``starts[i-1]`` and runs up to the next; the last repeats beyond."""

    value: syntax.Expr
    what: str  # the value as written, for explanations
    starts: tuple[Decimal, ...]  # rising; 1, 2, 3 … when the program writes none
    points: tuple[Decimal, ...]  # one for each step
    # by history (`streak of checkin`): the kind's label; by a field (`by streak`): the field's label
    label: str | None = None
    money: bool = False  # the value is money (`by amount`, `by spend of purchase`), in the program's currency


@attrs.frozen
class HistoryRead:
    """A value of the member's history a condition reads (``count of purchase this month``), and
    the counter it reads (program/history.py says how scopes are named and kept).

    measure: ``count`` (events of ``kind`` before this one), ``spend`` (their money, the kind's first
    money field), ``first`` (no event of the kind before this one) or ``streak`` (consecutive local
    ``unit``s, day or week, with an event of the kind, this one included). The window: ``unit`` (this
    day … year; None: ever) or ``days`` (the last N local days, today included)."""

    key: str  # the value's name where conditions read it (program/history.py: key)
    measure: str
    kind: str
    unit: str | None
    days: int | None
    scope: str  # the counter read (and written by every event of ``kind``)


@attrs.frozen
class Earn:
    points: Decimal  # a ladder's first step's; 0 when ``given``
    spend: SpendBase | None  # None: a flat bonus
    to: str  # "member", or the name of a member field of the event or of the member's profile
    condition: syntax.Expr | None
    span: Span
    ladder: Ladder | None = attrs.field(default=None, metadata={"level": 4})  # the points step with a value
    # ``earn beans``: the event field of the points type whose value is the line's points, a flat
    # bonus (multiplied only ``including bonuses``: docs/decisions.md)
    given: str | None = attrs.field(default=None, metadata={"level": 5})
    # ``earn 1 tier point …``: qualifying points, recorded in the tier history of the beneficiary and
    # never in a lot: not multiplied, limited, capped, spent or expired (docs/semantics.md §8)
    tier: bool = attrs.field(default=False, metadata={"level": 6})
    condition_label: str | None = None  # the condition in the marketer's words, for the terms and awards


@attrs.frozen
class Multiply:
    factor: Decimal
    including_bonuses: bool
    condition: syntax.Expr | None
    span: Span
    condition_label: str | None = None


@attrs.frozen
class Limit:
    """At most ``amount`` times (kind ``times``) or points (kind ``points``) per period for one
    member; period None means ever."""

    kind: str
    amount: int
    period: str | None
    span: Span


@attrs.frozen
class Rule:
    name: str
    label: str | None
    event: str
    condition: syntax.Expr | None
    earns: tuple[Earn, ...]
    multipliers: tuple[Multiply, ...]
    limits: tuple[Limit, ...]
    expiry: Expiry | None  # overrides the program's
    pending: Duration | None  # overrides the program's
    campaign: str | None
    span: Span
    condition_label: str | None = None


@attrs.frozen
class Campaign:
    """Active on a day (program time zone) inside ``window`` (if any) that also matches the
    recurring schedule (if any): a weekday (0 = Monday), a day of the month, a day of the year, a
    range of days every year ((month, day) to (month, day), both included; over the new year when
    the end comes first), or one of ``dates``."""

    name: str
    label: str | None
    window: tuple[dt.date, dt.date] | None
    weekdays: frozenset[int]
    month_days: frozenset[int]
    year_days: frozenset[tuple[int, int]]
    dates: frozenset[dt.date]
    budget: int | None
    span: Span
    year_ranges: frozenset[tuple[tuple[int, int], tuple[int, int]]] = attrs.field(
        default=frozenset(), metadata={"level": 6})


@attrs.frozen
class Cap:
    """At most ``points`` per member per period (``event`` or one of PERIODS), over the event
    kinds listed (all when empty)."""

    points: int
    period: str
    kinds: frozenset[str]
    span: Span


@attrs.frozen
class ItemShare:
    """``at most 20% of items where category = "gold_jewelry"``: points pay at most ``share`` of the
    ``attr`` money of the records of the order's list ``field`` (of ``record``) where ``where`` holds."""

    share: Decimal  # 0.2 for 20%
    field: str
    record: str
    attr: str
    where: syntax.Expr | None
    text: str  # as written, for reasons and explanations
    where_label: str | None = None  # what the terms call the items ``where`` picks


@attrs.frozen
class RedeemPolicy:
    minimum: int  # points; 0 when unset
    step: int  # points; 1 when unset
    max_share: Decimal | None  # of the order, 0.5 for 50%
    limits: tuple[tuple[int, str], ...]  # (points, period)
    minimum_order: Decimal | None = attrs.field(default=None, metadata={"level": 6})  # money; None when unset
    item_shares: tuple[ItemShare, ...] = attrs.field(default=(), metadata={"level": 6})


@attrs.frozen
class Reward:
    name: str
    label: str | None
    cost: int
    cash: Decimal | None
    limits: tuple[tuple[int, str | None], ...]  # (times, period or None for ever)
    eligibility: syntax.Expr | None
    window: tuple[dt.date, dt.date] | None
    stock: int | None
    span: Span
    eligibility_label: str | None = None


@attrs.frozen
class Guard:
    words: tuple[str, ...]
    bound: Decimal
    span: Span


@attrs.frozen(eq=False)
class Program:
    """A checked points program, ready to evaluate."""

    name: str
    version: int | None
    currency: str
    minor_unit: int  # decimals of the currency: 2 for CNY, 0 for JPY
    timezone: str
    value_points: int  # ``value 100 points = 1 CNY``: 100 …
    value_money: Decimal  # … and 1
    rounding: str  # down | up | nearest | half-even
    stacking: str  # multiplying | adding | best
    effective: tuple[dt.date, dt.date | None] | None
    events: dict[str, Schema]
    records: dict[str, Schema]
    tiers: tuple[Tier, ...]  # lowest first; one implicit tier ``member`` when the program declares none
    tier_names: tuple[str, ...]  # the tiers the program declares: what a condition may name (resolve.py)
    tier_policy: TierPolicy
    expiry: Expiry
    pending: Duration | None
    rules: tuple[Rule, ...]  # in source order, campaign rules included
    campaigns: dict[str, Campaign]
    caps: tuple[Cap, ...]
    redeem: RedeemPolicy | None
    rewards: dict[str, Reward]
    guards: tuple[Guard, ...]
    source: Source
    syntax: syntax.Program
    # the fields of a member's profile (``profile { birthday: date }``), given by the host beside its
    # tier; conditions and beneficiaries read them by name (resolve.py); level 3
    profile: Schema | None = attrs.field(default=None, metadata={"level": 3})
    # how the multipliers of campaigns running on one day combine: ``highest`` (only the campaign
    # whose multipliers give most) or ``stacking`` (all, per ``stacking``); None: not written,
    # which means ``highest``
    campaigns_combine: str | None = attrs.field(default=None, metadata={"level": 6})
    # what members call the points, by language (``points are called "京豆" / "beans"``): words only,
    # which explanations, terms and summaries use; evaluation never reads it
    points_names: dict[str, str] = attrs.field(factory=dict)

    # every value of a member's history the conditions read (``streak of checkin``), level 7
    history: tuple[HistoryRead, ...] = attrs.field(default=(), metadata={"level": 7})
    # the time of day its ``effective from`` date starts (``effective from 2026-12-01 at 10:00``, in
    # the program's zone): before it, that day earns nothing; None: from midnight; level 8
    effective_at: dt.time | None = attrs.field(default=None, metadata={"level": 8})

    @property
    def best_campaign_only(self) -> bool:
        return self.campaigns_combine != "stacking"

    def tier(self, name: str) -> Tier:
        return next(t for t in self.tiers if t.name == name)


# ---- what an evaluator implements -------------------------------------------------------------
# The language grows in levels. A field added to a class above for a new clause says the level it
# came in: ``attrs.field(metadata={"level": 2})`` (fields without one are level 1). Each evaluator
# states the level it implements (``LEVEL`` in evaluate/reference.py and evaluate/compiled/plan.py);
# a program that uses a field of a higher level is refused by that evaluator when it is compiled or
# first evaluated, loudly, never evaluated as if the clause were not there.
LEVEL = 8  # the language's level: the highest level of any field (2: points per unit of a count,
# 3: member profile fields, 4: ladders, 5: points the event carries, 6: calendars and tier
# qualification of issue 13 (what counts, tier points, grace, assessment, redemption policy),
# 7: the member's history, 8: a time of day in `effective from`)


class NotImplementedByEvaluator(Error, NotImplementedError):
    """A program uses a clause this evaluator does not implement yet."""


def refuse_unimplemented(program: Program, evaluator: str, level: int) -> None:
    """Raise NotImplementedByEvaluator when ``program`` sets a field (to anything but its empty
    value: None, False, 0, empty) whose level is above ``level``."""
    stack: list[object] = [program]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen or not attrs.has(type(node)) or type(node).__module__ != __name__:
            continue
        seen.add(id(node))
        for field in attrs.fields(type(node)):  # type: ignore[arg-type]
            value = getattr(node, field.name)
            needs = field.metadata.get("level", 1)
            if needs > level and value not in (None, False, 0, (), frozenset(), {}):
                raise NotImplementedByEvaluator(
                    f"the {evaluator} evaluator does not implement `{type(node).__name__}.{field.name}` "
                    f"(language level {needs}; it implements level {level}), which this program uses")
            if isinstance(value, (tuple, list, frozenset)):
                stack.extend(value)
            elif isinstance(value, dict):
                stack.extend(value.values())
            else:
                stack.append(value)
