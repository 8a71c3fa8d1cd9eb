"""The in-memory store: the default, for tests, simulations and single-process hosts.

One lock serialises transactions, so threads sharing a store never interleave an operation's
reads and its write. A transaction writes nothing until ``write`` (or ``take``), which cannot fail
half-way.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from pointrules.evaluate.view import HistoryEntry, TierRecord
from pointrules.ledger.model import (
    Entry,
    EntryRow,
    EventRecord,
    LedgerLot,
    LotRow,
    RecordRow,
    record_values,
    special,
)
from pointrules.ledger.pending import PendingOperation
from pointrules.ledger.store import Batch, add_increments


class MemoryStore:
    """Every table of the ledger as dictionaries."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.meta: dict[str, str] = {}
        self.results: dict[str, tuple[str, str]] = {}
        self.counters: dict[tuple[str, str, str], int] = {}
        self.budgets: dict[str, int] = {}
        self.stock: dict[str, int] = {}
        self.profiles: dict[str, str] = {}
        self.decoded: dict[str, Mapping[str, Any]] = {}  # profiles read, decoded once
        self.tiers: dict[str, TierRecord] = {}
        self.histories: dict[str, list[HistoryEntry]] = {}
        self.activity: dict[str, list[dt.datetime]] = {}  # each member's, in time order
        self.lots: dict[str, LotRow] = {}  # rows (model.py), in insertion (= seq) order
        self.member_lots: dict[str, list[str]] = {}
        self.special: set[str] = set()  # members who were ever given a lot that rolls or is owed (``plain``)
        self.entries: list[EntryRow] = []
        self.events: dict[str, RecordRow] = {}
        self.next_seq = 1

    @contextmanager
    def transaction(self) -> Iterator[MemoryTransaction]:
        """A serialised transaction over the dictionaries."""
        with self._lock:
            yield MemoryTransaction(self)

    def close(self) -> None:
        """Nothing to release."""


class MemoryTransaction:
    """Reads straight from the store; ``write`` applies a batch whole."""

    def __init__(self, store: MemoryStore) -> None:
        self.s = store

    def meta(self, key: str) -> str | None:
        return self.s.meta.get(key)

    def sequence(self) -> int:
        return self.s.next_seq

    def moved(self) -> int:
        return int(self.s.meta.get("moved", "0"))

    def result(self, operation: str) -> tuple[str, str] | None:
        return self.s.results.get(operation)

    def counter(self, member: str, scope: str, period: str) -> int:
        return self.s.counters.get((member, scope, period), 0)

    def budget_used(self, campaign: str) -> int:
        return self.s.budgets.get(campaign, 0)

    def stock_used(self, reward: str) -> int:
        return self.s.stock.get(reward, 0)

    def profile(self, member: str) -> Mapping[str, Any] | None:
        found = self.s.decoded.get(member)
        if found is None:
            text = self.s.profiles.get(member)
            if text is None:
                return None
            found = self.s.decoded[member] = json.loads(text)
        return found

    def tier_record(self, member: str) -> TierRecord | None:
        return self.s.tiers.get(member)

    def history(self, member: str) -> Sequence[HistoryEntry]:
        return tuple(self.s.histories.get(member, ()))

    def last_activity(self, member: str) -> dt.datetime | None:
        times = self.s.activity.get(member)
        return times[-1] if times else None

    def activity(self, member: str, since: dt.datetime) -> list[dt.datetime]:
        times = self.s.activity.get(member, [])
        return times[bisect_right(times, since):]

    def lots(self, member: str) -> list[LedgerLot]:
        found = (self.s.lots[i] for i in self.s.member_lots.get(member, ()))
        return [LedgerLot(*row) for row in found if row[4] != 0]

    def lot(self, lot_id: str) -> LedgerLot | None:
        row = self.s.lots.get(lot_id)
        return None if row is None else LedgerLot(*row)

    def plain(self, member: str) -> bool:
        """No live lot of the member rolls or is owed (batch.py); said of every member never given one."""
        return member not in self.s.special

    def due_lots(self, at: dt.datetime) -> list[LedgerLot]:
        return [  # remaining > 0, and rolling or expiring by ``at``
            LedgerLot(*row) for row in self.s.lots.values()
            if row[4] > 0 and (row[10] is not None or (row[7] is not None and row[7] <= at))
        ]

    def event_record(self, event_id: str) -> EventRecord | None:
        row = self.s.events.get(event_id)
        return None if row is None else EventRecord(*row)

    def entries(self, member: str | None = None) -> list[Entry]:
        return [Entry(*e) for e in self.s.entries if member is None or e[2] == member]

    def all_lots(self) -> list[LedgerLot]:
        return [LedgerLot(*row) for row in self.s.lots.values()]

    def members(self) -> list[str]:
        return sorted(set(self.s.member_lots) | {e[2] for e in self.s.entries})

    def reason_totals(self, member: str | None = None) -> dict[str, int]:
        totals: dict[str, int] = {}
        for e in self.s.entries:  # rows: member 2, reason 4, points 5
            if member is None or e[2] == member:
                totals[e[4]] = totals.get(e[4], 0) + e[5]
        return totals

    def write(self, batch: Batch) -> None:
        self._apply(batch, batch.sequence, batch.results, batch.history, batch.tiers, batch.lots, batch.events,
                    batch.meta)
        self.s.profiles.update(batch.profiles)
        for member, _ in batch.profiles:
            self.s.decoded.pop(member, None)

    def take(self, work: PendingOperation, result: tuple[str, str, str]) -> None:
        """What ``write(work.batch((result,)))`` does, without making the ``Batch`` (``PendingOperation.write``)."""
        self._apply(work, work.seq, (result,), work.histories, work.tiers.items(), work.lot_rows(),
                    [record_values(record) for record in work.events.values()], work.meta.items())

    def _apply(self, moves: Batch | PendingOperation, seq: int, results: Iterable[tuple[str, str, str]],
               history: Iterable[tuple[int, str, HistoryEntry]], tiers: Iterable[tuple[str, TierRecord]],
               lots: Iterable[LotRow], events: Iterable[RecordRow], meta: Iterable[tuple[str, str]]) -> None:
        """Apply an operation's changes; ``moves`` holds its counters, budgets, stock, activity and
        entries (a ``Batch`` and a ``PendingOperation`` name them alike). Nothing here can fail half-way."""
        s = self.s
        s.next_seq = seq
        for operation, fingerprint, body in results:
            s.results[operation] = (fingerprint, body)
        add_increments(moves, s.counters, s.budgets, s.stock)
        for _, member, entry in history:
            s.histories.setdefault(member, []).append(entry)
        for member, record in tiers:
            s.tiers[member] = record
        for member, at in moves.activity:
            times = s.activity.setdefault(member, [])
            i = bisect_right(times, at)
            if not (i and times[i - 1] == at):
                times.insert(i, at)
        for row in lots:
            if row[0] not in s.lots:
                s.member_lots.setdefault(row[2], []).append(row[0])
            s.lots[row[0]] = row
            if special(row):
                s.special.add(row[2])
        s.entries.extend(moves.entries)
        for event in events:
            s.events[event[0]] = event
        s.meta.update(meta)
