"""One operation's meaning: the ``Outcome`` every evaluator returns and every consumer takes.

Theory of operation. An event is evaluated once, by the reference interpreter or the compiled
evaluator, into an ``Outcome``: its lines (rule, beneficiary, points, when they become usable and
when they expire, with the arithmetic that explains them) and what it moves in the member's state
(counters, campaign budgets, qualification history, the recorded tier). Everything downstream reads
that one value and decides nothing again: ``MemoryState.apply`` and the ledger record it,
``Summary.add`` counts it, ``rows`` writes its wire rows, ``award`` makes the ``Award`` that
``explain`` words. A redemption's outcome has no lines: points spent, counters and stock taken.

``StateChange`` is the same class under the name hosts know: what they apply after their own
transaction. Outcomes and lines are slotted classes, not frozen attrs ones: one is built per event
and line on the hot path, and a frozen class costs about four times as much to build; nothing
changes them once an evaluator has returned them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from pointrules.evaluate.award import Award, AwardLine

if TYPE_CHECKING:
    from pointrules.evaluate.view import HistoryEntry, TierRecord
    from pointrules.program.model import Tier


_new = object.__new__


class CounterChange(NamedTuple):
    """A counter of a member grows: ``scope`` as in state.py, ``period`` its key (2026-03-02 … ever)."""

    member: str
    scope: str
    period: str
    amount: int


class Outcome:
    """What one operation means: for an event, its lines and what it moves; for a redemption, the
    points spent and stock taken. ``tier`` is (member, record) when the recorded tier changed."""

    __slots__ = (
        "budgets",
        "counters",
        "event_id",
        "history",
        "kind",
        "lines",
        "local",
        "member",
        "member_tier",
        "spent",
        "stock",
        "tier",
        "tier_rules",
        "time",
        "zone",
    )

    def __init__(self, event_id: str, member: str, time: dt.datetime, counters: Any = (), budgets: Any = (),
                 lines: Any = (), history: Any = (), tier: tuple[str, TierRecord] | None = None,
                 stock: Any = (), spent: Any = (), zone: str = "UTC", kind: str = "",
                 local: dt.datetime | None = None, member_tier: Tier | None = None, tier_rules: Any = ()) -> None:
        self.event_id = event_id
        self.member = member
        self.time = time
        # (member, scope, period, amount): CounterChange, or the plain tuple the compiled evaluator builds
        self.counters: tuple[CounterChange, ...] | list[Any] = counters
        self.budgets: tuple[tuple[str, int], ...] | list[Any] = budgets  # (campaign, points)
        self.lines: tuple[AwardLine, ...] | list[AwardLine] = lines
        self.history: tuple[tuple[str, HistoryEntry], ...] | list[Any] = history  # (member, entry)
        self.tier = tier
        self.stock: tuple[tuple[str, int], ...] = stock  # (reward, units taken)
        self.spent: tuple[tuple[str, int], ...] = spent  # (member, points redeemed)
        self.zone = zone  # the program's zone, for rolling expiry arithmetic
        self.kind = kind  # the event's kind; "" for a redemption
        self.local = local if local is not None else time  # the event's time in the program's zone
        self.member_tier = member_tier  # the event member's tier at the event
        # rules that earned tier points above 0, in order
        self.tier_rules: tuple[str, ...] = tuple(tier_rules) if tier_rules else ()

    @classmethod
    def of_event(cls, event_id: str, member: str, time: dt.datetime, counters: Any, budgets: Any, lines: Any,
                 history: Any, tier: tuple[str, TierRecord] | None, zone: str, kind: str, local: dt.datetime,
                 member_tier: Tier | None, tier_rules: tuple[str, ...]) -> Outcome:
        """An event's outcome as an evaluator's hot path makes one (nothing spent or taken): what
        ``Outcome(...)`` makes, without a class call, which costs CPython 3.11 about 100 ns (the
        arguments packed into a tuple, ``__init__`` run in a new interpreter frame from C)."""
        outcome = _new(cls)
        outcome.event_id = event_id
        outcome.member = member
        outcome.time = time
        outcome.counters = counters
        outcome.budgets = budgets
        outcome.lines = lines
        outcome.history = history
        outcome.tier = tier
        outcome.stock = outcome.spent = ()
        outcome.zone = zone
        outcome.kind = kind
        outcome.local = local
        outcome.member_tier = member_tier
        outcome.tier_rules = tier_rules
        return outcome

    def totals(self) -> dict[str, int]:
        """Points per beneficiary: the event's member first (0 included), then in line order."""
        totals = {self.member: 0}
        for ln in self.lines:
            totals[ln.beneficiary] = totals.get(ln.beneficiary, 0) + ln.points
        return totals

    def _key(self) -> tuple[Any, ...]:
        return (self.event_id, self.member, self.time, tuple(self.counters), tuple(self.budgets), tuple(self.lines),
                tuple(self.history), self.tier, tuple(self.stock), tuple(self.spent), self.zone, self.kind, self.local,
                self.member_tier, self.tier_rules)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outcome) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Outcome(event_id={self.event_id!r}, member={self.member!r}, lines={list(self.lines)!r})"


StateChange = Outcome  # the name hosts apply: ``state.apply(change)``


def award(outcome: Outcome, currency: str, points_names: dict[str, str] | None = None) -> Award:
    """The explained award of an event's outcome (what ``explain`` words); ``points_names`` is
    what the program calls its points (``Program.points_names``)."""
    tier = outcome.member_tier
    assert tier is not None, "an event's outcome knows the member's tier"
    tier_points = {who: entry.tier_points for who, entry in outcome.history if entry.tier_points}
    return Award(outcome.event_id, outcome.kind, outcome.member, outcome.local, tier.name, tier.label, currency,
                 outcome.totals(), tuple(outcome.lines), outcome.zone, points_names or {}, tier_points, outcome.tier_rules)
