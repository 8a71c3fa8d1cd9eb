"""The cost of a change: two programs' tallies over the same events, side by side.

``compare(old, new)`` lines up what each version paid by rule, kind, tier and day, finds the
members who gain and who lose (counts and the largest changes, with ids), and the liability of
both at the end. It is the data behind ``pointrules diff``'s text, JSON and HTML reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from pointrules.report.tally import Tally, merged, money_text

__all__ = ["Comparison", "compare"]

LARGEST = 10  # members listed among the largest gains and losses


@attrs.frozen
class Comparison:
    old: Tally
    new: Tally
    gainers: int  # members whose points rise
    losers: int  # members whose points fall
    largest: tuple[tuple[str, int, int], ...]  # (member, old points, new points), largest change first
    changes: tuple[int, ...]  # every member's change (new - old), for the distribution

    def table(self, part: str) -> list[tuple[str, int, int]]:
        """(key, old points, new points) for ``part``: rule, kind, tier or day."""
        left: Mapping[str, int] = getattr(self.old, f"by_{part}")
        right: Mapping[str, int] = getattr(self.new, f"by_{part}")
        keys = merged(left, right)
        if part == "day":
            keys.sort()
        return [(k, left.get(k, 0), right.get(k, 0)) for k in keys]

    def as_json(self) -> dict[str, Any]:
        program = self.new.program

        def rows(part: str) -> list[dict[str, Any]]:
            return [{part: k, "old": a, "new": b, "change": b - a,
                     "change_value": money_text(self.new.value(b - a), program)} for k, a, b in self.table(part)]

        return {
            "old": self.old.as_json(), "new": self.new.as_json(),
            "points": {"old": self.old.points, "new": self.new.points, "change": self.new.points - self.old.points,
                       "change_value": money_text(self.new.value(self.new.points - self.old.points), program)},
            "liability": {"old": self.old.liability(), "new": self.new.liability(),
                          "change": self.new.liability() - self.old.liability()},
            "by_rule": rows("rule"), "by_kind": rows("kind"), "by_tier": rows("tier"), "by_day": rows("day"),
            "members": {"gain": self.gainers, "lose": self.losers,
                        "largest": [{"member": who, "old": a, "new": b, "change": b - a} for who, a, b in self.largest]},
        }


def compare(old: Tally, new: Tally) -> Comparison:
    """The two tallies side by side, with the members' changes."""
    changes: list[tuple[str, int, int]] = []
    for who in merged(old.by_member, new.by_member):
        a, b = old.by_member.get(who, 0), new.by_member.get(who, 0)
        if a != b:
            changes.append((who, a, b))
    gainers = sum(1 for _, a, b in changes if b > a)
    largest = sorted(changes, key=lambda c: (-abs(c[2] - c[1]), c[0]))[:LARGEST]
    return Comparison(old, new, gainers, len(changes) - gainers, tuple(largest),
                      tuple(b - a for _, a, b in changes))
