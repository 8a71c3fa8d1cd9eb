"""One operation in progress: the transaction's state with the operation's own changes laid over
it, readable by the evaluator (``PendingOperation`` is a ``state.StateView``), then written as one ``Batch``.

Lots follow the lot policy of state/lots.py (expiry now, lapses, state at an instant, spending
order), as the in-memory state does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pointrules.errors import ArgumentError
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.tiers import event_money
from pointrules.evaluate.view import HistoryEntry, TierRecord
from pointrules.events import Event
from pointrules.ledger.model import (
    MAX_POINTS,
    UTC,
    EntryRow,
    EventRecord,
    LedgerLot,
    LotRow,
    RecordRow,
    lot_values,
    record_values,
)
from pointrules.ledger.store import Batch, Transaction
from pointrules.program import model as m
from pointrules.state.lots import Expiring, expiry_now, spending_order, state_at


def utc(instant: dt.datetime) -> dt.datetime:
    """An aware instant in UTC; a naive one is refused (times must carry their offset)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ArgumentError(f"time {instant.isoformat()} has no UTC offset")
    return instant.astimezone(UTC)


def earned_lot(operation: str, number: int, seq: int, member: str, points: int, at: dt.datetime,
               available_at: dt.datetime, expires_at: dt.datetime | None, rule: str,
               rolling: Any = None) -> LotRow:
    """The lot an event's ``number``-th paying line makes, as a row (times in UTC): the one layout of
    an earned lot, for ``record_outcome`` and for recording.earn's short way alike."""
    return (f"{operation}#{number}", seq, member, points, points, at, available_at, expires_at, operation, rule,
            rolling, None)


def entry_row(seq: int, operation: str, member: str, at: dt.datetime, reason: str, points: int, lot: str | None,
              note: str, audit: tuple[str, str], version: int | None) -> EntryRow:
    """An entry as a row: the one layout of an entry, for ``PendingOperation.entry`` and recording.earn alike."""
    return (seq, operation, member, at, reason, points, lot, note, *audit, version)


def history_row(seq: int, member: str, entry: HistoryEntry) -> tuple[int, str, HistoryEntry]:
    """A member's history entry as the ledger keeps it (its time in UTC), for ``PendingOperation.add_history``
    and recording.earn alike."""
    return (seq, member, HistoryEntry(utc(entry.time), entry.spend, entry.purchases, entry.points,
                                      entry.tier_points))


def event_row(program: m.Program, ev: Event, at: dt.datetime, change: Outcome) -> RecordRow:
    """What the ledger keeps of a recorded event (an ``EventRecord`` as a row): its money, and the
    points and tier points each beneficiary earned, for ``record_outcome`` and recording.earn alike."""
    tier_totals = tuple((who, entry.tier_points) for who, entry in change.history if entry.tier_points)
    return (ev.id, ev.member, ev.kind, at, event_money(program, ev), _NO_MONEY, tuple(change.totals().items()), (),
            tier_totals)


_NO_MONEY = Decimal(0)  # returned of a new event record


def capacity_problem(before: int, moved: int) -> str | None:
    """Why a ledger that moved ``before`` points cannot move ``moved`` more (MAX_POINTS), or None."""
    if before + moved <= MAX_POINTS:
        return None
    return (f"moving {moved:,} points would take the ledger past {MAX_POINTS:,} points moved in all,"
            f" the most its 64-bit columns hold ({before:,} so far); nothing was recorded")


def lot_expiry(lot: Expiring, last_activity: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A lot's expiry now, in UTC (lots.expiry_now)."""
    expiry = expiry_now(lot, last_activity, zone)
    return None if expiry is None else utc(expiry)


def lot_state(lot: LedgerLot, at: dt.datetime, expiry: dt.datetime | None) -> str:
    """``debt``, ``expired``, ``pending`` or ``available`` at an instant (lots.state_at)."""
    return state_at(lot.remaining, lot.available_at, expiry, at)


def spend_key(lot: LedgerLot, expiry: dt.datetime | None) -> tuple[dt.datetime, dt.datetime, int]:
    return spending_order(expiry, lot.earned_at, lot.seq)


class PendingOperation:
    """The reads of a transaction plus what the operation has changed so far."""

    def __init__(self, tx: Transaction, zone: str, operator: str = "", comment: str = "") -> None:
        self.tx = tx
        self.zone = zone
        self.audit = (operator, comment)  # kept on every entry of the operation
        self.version: int | None = None  # the program's version in force, on every entry (Ledger._version_at)
        self.seq = tx.sequence()
        self.changed: dict[str, LedgerLot] = {}  # new or updated lots, by id
        self.entries: list[EntryRow] = []  # rows (model.py): Entry(*row)
        self.counters: list[tuple[str, str, str, int]] = []  # (member, scope, period, amount)
        self.budgets: list[tuple[str, int]] = []
        self.stock: list[tuple[str, int]] = []
        self.histories: list[tuple[int, str, HistoryEntry]] = []
        self.tiers: dict[str, TierRecord] = {}
        self.activity: list[tuple[str, dt.datetime]] = []  # (member, time) of each activity recorded
        self.events: dict[str, EventRecord] = {}
        self.meta: dict[str, str] = {}
        self._stored: dict[str, list[LedgerLot]] = {}  # the transaction's live lots, read once per member
        self._last: dict[str, dt.datetime | None] = {}  # the transaction's last activity, read once per member

    # ---- StateView: what the evaluator reads ---------------------------------------------------
    def is_processed(self, event_id: str) -> bool:
        return self.tx.result(event_id) is not None

    def counter(self, member: str, scope: str, period: str) -> int:
        stored = self.tx.counter(member, scope, period)
        if not self.counters:  # what the evaluator reads: before the operation counted anything
            return stored
        return stored + sum(c[3] for c in self.counters if c[0] == member and c[1] == scope and c[2] == period)

    def budget_used(self, campaign: str) -> int:
        return self.tx.budget_used(campaign) + sum(p for c, p in self.budgets if c == campaign)

    def profile(self, member: str) -> Mapping[str, Any] | None:
        return self.tx.profile(member)

    def tier_record(self, member: str) -> TierRecord | None:
        return self.tiers.get(member) or self.tx.tier_record(member)

    def history(self, member: str) -> Sequence[HistoryEntry]:
        return (*self.tx.history(member), *(h for _, m, h in self.histories if m == member))

    def stock_used(self, reward: str) -> int:
        return self.tx.stock_used(reward) + sum(u for r, u in self.stock if r == reward)

    # ---- lots ------------------------------------------------------------------------------------
    def last_activity(self, member: str) -> dt.datetime | None:
        if member not in self._last:
            self._last[member] = self.tx.last_activity(member)
        last = self._last[member]
        for who, at in self.activity:
            if who == member and (last is None or at > last):
                last = at
        return last

    def activity_after(self, member: str, since: dt.datetime) -> list[dt.datetime]:
        """The member's activity after ``since``, in time order, this operation's included."""
        times = set(self.tx.activity(member, since))
        times.update(at for who, at in self.activity if who == member and at > since)
        last = self.last_activity(member)  # a file from before every activity was kept has this one
        if last is not None and last > since:
            times.add(last)
        return sorted(times)

    def expiry(self, lot: LedgerLot) -> dt.datetime | None:
        if lot.rolling is None:
            return lot.expires_at
        return lot_expiry(lot, self.last_activity(lot.member), self.zone)

    def lots(self, member: str) -> list[LedgerLot]:
        """The member's live lots as this operation sees them, in creation order."""
        stored = self._stored.get(member)
        if stored is None:
            stored = self._stored[member] = self.tx.lots(member)  # live, by seq
        mine = {lot.id: lot for lot in self.changed.values() if lot.member == member}
        if not mine:
            return list(stored)
        found = [mine.pop(lot.id, lot) for lot in stored]
        new = sorted(mine.values(), key=lambda lot: lot.seq)  # most often lots made now: after every stored one
        if new and found and new[0].seq < found[-1].seq:
            found = sorted(found + new, key=lambda lot: lot.seq)
        else:
            found.extend(new)
        return [lot for lot in found if lot.remaining != 0]

    def ordered(self, member: str, at: dt.datetime, *states: str) -> list[LedgerLot]:
        """The member's lots in the given states at ``at``, in spending order."""
        found = [(self.expiry(lot), lot) for lot in self.lots(member)]
        return [lot for exp, lot in sorted(
            ((exp, lot) for exp, lot in found if lot_state(lot, at, exp) in states),
            key=lambda pair: spend_key(pair[1], pair[0]))]

    def usable(self, member: str, at: dt.datetime) -> int:
        """Points the member may spend at ``at`` (negative balances included)."""
        return sum(lot.remaining for lot in self.lots(member)
                   if lot_state(lot, at, self.expiry(lot)) in ("available", "debt"))

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq - 1

    def put(self, lot: LedgerLot) -> None:
        self.changed[lot.id] = lot

    def entry(self, operation: str, member: str, at: dt.datetime, reason: str, points: int,
              lot: str | None, note: str = "") -> None:
        self.entries.append(entry_row(self.next_seq(), operation, member, at, reason, points, lot, note, self.audit,
                                      self.version))

    def add_history(self, member: str, entry: HistoryEntry) -> None:
        self.histories.append(history_row(self.next_seq(), member, entry))

    def touch(self, member: str, at: dt.datetime) -> None:
        """Record an activity of the member (rolling expiry counts from the latest)."""
        self.activity.append((member, at))

    def over_capacity(self) -> str | None:
        """Why the ledger cannot hold this operation's movements, or None; when it can, the new
        total of points moved goes into the batch's meta. The one check of every store: with the
        total at most MAX_POINTS, no lot, entry, counter or sum of them overflows a 64-bit column."""
        moved = sum(abs(e[5]) for e in self.entries)
        if not moved:
            return None
        before = self.tx.moved()
        problem = capacity_problem(before, moved)
        if problem is None:
            self.meta["moved"] = str(before + moved)
        return problem

    def write(self, result: tuple[str, str, str]) -> None:
        """Write the operation with its result (operation, fingerprint, body) to the transaction:
        taken straight from this ``PendingOperation`` where the transaction offers ``take`` (a batch held in
        memory, batch.py; the memory store), else as one ``Batch``."""
        take = getattr(self.tx, "take", None)
        if take is not None:
            take(self, result)
        else:
            self.tx.write(self.batch((result,)))

    def lot_rows(self) -> tuple[LotRow, ...]:
        """The lots this operation made or changed, as rows, by seq."""
        return tuple(lot_values(lot) for lot in sorted(self.changed.values(), key=lambda x: x.seq))

    def batch(self, results: tuple[tuple[str, str, str], ...]) -> Batch:
        """Everything to write, in one piece."""
        return Batch(
            sequence=self.seq, results=results, counters=tuple(self.counters), budgets=tuple(self.budgets),
            stock=tuple(self.stock), history=tuple(self.histories), tiers=tuple(self.tiers.items()),
            activity=tuple(self.activity), lots=self.lot_rows(), entries=tuple(self.entries),
            events=tuple(record_values(r) for r in self.events.values()), meta=tuple(self.meta.items()),
        )
