"""The result of evaluating one event: an ``Award`` with one ``AwardLine`` per (rule, earn
statement, beneficiary) and the total per beneficiary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from pointrules.program.model import Duration


@attrs.frozen
class Factor:
    """A multiplier applied to a line: from a rule (``rule`` set) or the member's tier."""

    name: str
    label: str | None
    factor: Decimal
    rule: str | None  # None for the tier multiplier
    campaign: str | None


@attrs.frozen
class Units:
    """What a per-unit line counts (``earn 10 points per 2 units of cups``), for its explanation:
    ``counted`` as the program names it (``cups``, ``items``, ``items.quantity``), ``points`` per
    ``block`` units; ``label`` what members call it (the `where`'s or the field's label), if anything."""

    counted: str
    points: Decimal
    block: Decimal
    label: str | None = None


@attrs.frozen
class Step:
    """The step of a ladder a line was paid at (``earn 5, 10, 15 points by streak``), for its
    explanation: ``what`` the value as the program writes it, the ``value`` it had, step ``number``
    (from 1) of ``of``, paying ``points`` (per block, for a spend-based line)."""

    what: str
    value: Decimal | int
    number: int
    of: int
    points: Decimal
    # by the member's history: the label of the kind it counts (签到); by a field: the field's label
    label: str | None = None
    money: bool = False  # the value is money, in the award's currency (the ladder's `money`)


@attrs.frozen
class Trim:
    """Points taken off a line: ``kind`` is ``limit``, ``cap`` or ``budget``."""

    kind: str
    before: int
    after: int
    reason: str  # in English; explain() words it per language from the fields below
    subject: str | None = None  # the rule's or campaign's label (or name); None for a cap
    limit: int = 0  # the limit, cap or budget
    unit: str = "points"  # "points" or "times"
    period: str | None = None  # day … year, "event", or None for ever


class AwardLine:
    """One earn statement of one rule for one beneficiary, from base points to final points.
    ``expires_at`` is the first instant not valid (None: never); a ``rolling`` line's points expire
    that long after the member's last activity instead, ``expires_at`` being that as of the event.
    A per-unit line (``units`` set) is spend-based too: its ``amount`` is the number of units counted.
    A ladder's line (``step`` set) was paid at that step's points. A line whose points the event
    carried (``earn beans``) names the field in ``given``; it is flat, its base that field's value.
    ``outdone`` holds the multipliers of campaigns another campaign outdid (evaluate/campaigns.py)
    that would otherwise have reached the line; they are not in ``multipliers``. ``condition`` is the
    label of the earn's condition (``when streak % 7 = 0 "连续签到满 7 天"``): the explanation names
    the line by it, since it says what paid."""

    __slots__ = (
        "_base",
        "amount",
        "available_at",
        "beneficiary",
        "condition",
        "earn",
        "expires_at",
        "factor",
        "given",
        "label",
        "multipliers",
        "outdone",
        "points",
        "rolling",
        "rounded",
        "rule",
        "step",
        "trims",
        "units",
        "work",
    )

    def __init__(self, rule: str, label: str | None, earn: int, beneficiary: str, base: Decimal | None,
                 amount: Decimal | int | None, multipliers: tuple[Factor, ...], factor: Decimal, rounded: int,
                 trims: tuple[Trim, ...] | list[Trim], points: int, available_at: dt.datetime,
                 expires_at: dt.datetime | None, rolling: Duration | None = None, work: Any = None,
                 units: Units | None = None, step: Step | None = None, given: str | None = None,
                 outdone: tuple[Factor, ...] = (), condition: str | None = None) -> None:
        self.rule = rule
        self.label = label
        self.earn = earn  # index of the earn statement within its rule
        self.beneficiary = beneficiary
        self._base = base  # exact points before multipliers; None: worked out from ``work`` when read
        self.amount = amount  # the money counted, for spend-based lines; the units, for per-unit lines
        self.multipliers = multipliers
        self.factor = factor  # the combined factor, applied once
        self.rounded = rounded  # base x factor, rounded per the program
        self.trims = trims  # limits, caps and budgets, in the order they cut
        self.points = points  # final
        self.available_at = available_at
        self.expires_at = expires_at
        self.rolling = rolling
        # The compiled evaluator's working data for its own trimming (the exact base as a ratio and the
        # multipliers' ids); None from the interpreter, and never part of what the line says.
        self.work = work
        self.units = units  # what a per-unit line counts; None for money and flat lines
        self.step = step  # the ladder's step the line was paid at; None without a ladder
        self.given = given  # the event field that carried the line's points (``earn beans``); else None
        self.outdone = outdone  # outdone campaigns' multipliers that would have reached the line
        self.condition = condition  # the label of the earn's condition, None without one

    @classmethod
    def computed(cls, rule: str, label: str | None, earn: int, beneficiary: str, amount: Decimal | int | None,
                 multipliers: tuple[Factor, ...], factor: Decimal, points: int, available_at: dt.datetime,
                 expires_at: dt.datetime | None, rolling: Duration | None, work: Any, units: Units | None,
                 step: Step | None, given: str | None, condition: str | None) -> AwardLine:
        """A line as the compiled evaluator makes one, untrimmed (``rounded`` and ``points`` alike, no
        trims, none outdone, the base worked out from ``work`` when read): what ``AwardLine(...)``
        makes, without a class call, which costs CPython 3.11 about 100 ns a line (the arguments
        packed into a tuple, ``__init__`` run in a new interpreter frame from C)."""
        line = _new(cls)
        line.rule = rule
        line.label = label
        line.earn = earn
        line.beneficiary = beneficiary
        line._base = None
        line.amount = amount
        line.multipliers = multipliers
        line.factor = factor
        line.rounded = line.points = points
        line.trims = ()
        line.available_at = available_at
        line.expires_at = expires_at
        line.rolling = rolling
        line.work = work
        line.units = units
        line.step = step
        line.given = given
        line.outdone = ()
        line.condition = condition
        return line

    @property
    def base(self) -> Decimal:
        """The exact points before multipliers (50 significant digits where the ratio does not end)."""
        if self._base is None:
            numerator, denominator = self.work[0], self.work[1]
            self._base = exact_ratio(numerator, denominator)
        return self._base

    @property
    def flat(self) -> bool:
        return self.amount is None

    def _key(self) -> tuple[Any, ...]:
        return (self.rule, self.label, self.earn, self.beneficiary, self.base, self.amount, self.multipliers,
                self.factor, self.rounded, tuple(self.trims), self.points, self.available_at, self.expires_at,
                self.rolling, self.units, self.step, self.given, self.outdone, self.condition)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AwardLine) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"AwardLine(rule={self.rule!r}, beneficiary={self.beneficiary!r}, points={self.points})"


@attrs.frozen
class Award:
    """Everything one event earned: lines in rule order and totals per beneficiary (the event's
    member first, then others in the order lines name them)."""

    event: str
    kind: str
    member: str
    time: dt.datetime  # the event's time in the program's zone
    tier: str
    tier_label: str | None
    currency: str
    totals: dict[str, int]
    lines: tuple[AwardLine, ...]
    zone: str
    points_names: dict[str, str] = attrs.field(factory=dict)  # what the program calls its points, by language
    tier_points: dict[str, int] = attrs.field(factory=dict)  # tier points by beneficiary, none at 0
    tier_rules: tuple[str, ...] = ()  # the rules that earned tier points above 0

    @property
    def points(self) -> int:
        """The event member's total."""
        return self.totals.get(self.member, 0)

    def total(self, member: str) -> int:
        """Points a beneficiary earned from this event."""
        return self.totals.get(member, 0)

    def lines_for(self, member: str) -> tuple[AwardLine, ...]:
        """The lines paying one beneficiary."""
        return tuple(line for line in self.lines if line.beneficiary == member)

    def by_rule(self, member: str) -> dict[str, int]:
        """Points per rule for one beneficiary, rules in program order."""
        out: dict[str, int] = {}
        for line in self.lines_for(member):
            out[line.rule] = out.get(line.rule, 0) + line.points
        return out

    def explain(self, lang: str = "en") -> str:
        """Sentences a customer service agent can read to the member, in ``en`` or ``zh``."""
        from pointrules.diagnostics import safe_lines
        from pointrules.wording.award import explain

        return safe_lines(explain(self, lang))  # labels and member ids can never hide or reorder text


_new = object.__new__
_EXACT_LIMIT = 10**50  # below this an integer is exact at 50 significant digits


def exact_ratio(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator as a Decimal of 50 significant digits, as the interpreter divides."""
    if denominator == 1 and -_EXACT_LIMIT < numerator < _EXACT_LIMIT:
        return Decimal(numerator)  # what Decimal(n) / Decimal(1) gives: exact, exponent 0
    x = Fraction(numerator, denominator)
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(x.numerator) / Decimal(x.denominator)
