"""What a run of a program paid, counted from its outcomes: one more consumer of the ``Outcome``.

``Tally.add`` takes each accepted event's outcome and counts its points by rule, kind, tier, local
day and member, and keeps what is still owed at the end (the liability): the points of every line
by the instant they expire. Nothing here evaluates; a tally of a stream equals the sum of its award
rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from pointrules.evaluate.outcome import Outcome
from pointrules.guards.bounds import money, point_value
from pointrules.program import model as m

__all__ = ["Tally"]


@attrs.define
class Tally:
    """Points of one program's run: by rule, kind, tier (the event member's), day and member."""

    program: m.Program
    events: int = 0
    points: int = 0
    by_rule: dict[str, int] = attrs.field(factory=dict)
    by_kind: dict[str, int] = attrs.field(factory=dict)
    by_tier: dict[str, int] = attrs.field(factory=dict)
    by_day: dict[str, int] = attrs.field(factory=dict)
    by_member: dict[str, int] = attrs.field(factory=dict)
    expiring: dict[dt.datetime | None, int] = attrs.field(factory=dict)  # expiry instant (None: never) -> points
    last: dt.datetime | None = None  # the latest event time

    def add(self, outcome: Outcome) -> None:
        """Count one accepted event's outcome."""
        self.events += 1
        if self.last is None or outcome.time > self.last:
            self.last = outcome.time
        tier = outcome.member_tier.name if outcome.member_tier is not None else ""
        day = outcome.local.date().isoformat()
        total = 0
        for ln in outcome.lines:
            points = ln.points
            if not points:
                continue
            total += points
            self.by_rule[ln.rule] = self.by_rule.get(ln.rule, 0) + points
            self.by_member[ln.beneficiary] = self.by_member.get(ln.beneficiary, 0) + points
            self.expiring[ln.expires_at] = self.expiring.get(ln.expires_at, 0) + points
        self.by_kind[outcome.kind] = self.by_kind.get(outcome.kind, 0) + total
        if total:
            self.by_tier[tier] = self.by_tier.get(tier, 0) + total
            self.by_day[day] = self.by_day.get(day, 0) + total
        self.points += total

    def liability(self, at: dt.datetime | None = None) -> int:
        """Points not expired at ``at`` (default: the latest event): what the program still owes,
        none having been redeemed (a rolling line counts with its expiry as of its event)."""
        at = at or self.last
        return sum(p for expires, p in self.expiring.items() if expires is None or at is None or expires > at)

    def value(self, points: int) -> Fraction:
        """What ``points`` are worth in the program's currency."""
        return points * point_value(self.program)

    def as_json(self) -> dict[str, Any]:
        """The tally as JSON data (points as integers, money as decimal text)."""
        return {
            "program": self.program.name, "events": self.events, "points": self.points,
            "value": money_text(self.value(self.points), self.program),
            "liability": self.liability(), "liability_value": money_text(self.value(self.liability()), self.program),
            "by_rule": self.by_rule, "by_kind": self.by_kind, "by_tier": self.by_tier,
            "by_day": dict(sorted(self.by_day.items())),
        }


def money_text(amount: Fraction, program: m.Program) -> str:
    """An amount in the program's currency as decimal text, to the minor unit."""
    return f"{money(amount, program):f}"


Labels = dict[str, dict[str, str | None]]  # part (rule, kind, tier) -> id -> label


def labels_of(programs: Iterable[m.Program]) -> Labels:
    """Each rule's, kind's and tier's label, as the last of ``programs`` (oldest first) that labels
    the id: the newest version's words win, and an id a newer version leaves unlabelled keeps an
    older one's label (None: no version labels it)."""
    out: Labels = {"rule": {}, "kind": {}, "tier": {}}
    for p in programs:
        found = {"rule": [(r.name, r.label) for r in p.rules],
                 "kind": [(name, schema.label) for name, schema in p.events.items()],
                 "tier": [(t.name, t.label) for t in p.tiers]}
        for part, pairs in found.items():
            out[part].update((key, label or out[part].get(key)) for key, label in pairs)
    return out


def merged(left: Mapping[str, int], right: Mapping[str, int]) -> list[str]:
    """The keys of both, in the order first seen."""
    return list(dict.fromkeys([*left, *right]))
