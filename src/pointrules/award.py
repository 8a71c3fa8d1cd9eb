"""The result of evaluating one event: an ``Award`` with one ``AwardLine`` per (rule, earn
statement, beneficiary) and the total per beneficiary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs


@attrs.frozen
class Factor:
    """A multiplier applied to a line: from a rule (``rule`` set) or the member's tier."""

    name: str
    label: str | None
    factor: Decimal
    rule: str | None  # None for the tier multiplier
    campaign: str | None


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


@attrs.frozen
class AwardLine:
    """One earn statement of one rule for one beneficiary, from base points to final points."""

    rule: str
    label: str | None
    earn: int  # index of the earn statement within its rule
    beneficiary: str
    base: Decimal  # exact points before multipliers
    amount: Decimal | None  # the money counted, for spend-based lines
    multipliers: tuple[Factor, ...]
    factor: Decimal  # the combined factor applied once
    rounded: int  # base x factor, rounded per the program
    trims: tuple[Trim, ...]
    points: int  # final
    available_at: dt.datetime
    expires_at: dt.datetime | None  # first instant not valid; None for never
    rolling: bool = False  # expires after a span of inactivity, pushed back by later activity

    @property
    def flat(self) -> bool:
        return self.amount is None


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
        from .diagnostics import safe_lines
        from .explain import explain

        return safe_lines(explain(self, lang))  # labels and member ids can never hide or reorder text
