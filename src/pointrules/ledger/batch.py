"""A batch's working state in memory, over a store's transaction: the operations of a batch
(``Ledger.process_events``) write into it, read through it, and it reaches the store as ONE
``Batch`` at the end, so a SQL store runs one statement per table per batch (``executemany`` of
every row) instead of a dozen statements per event.

Each operation's ``write`` is laid over the transaction at once, so the next operation reads it
(a counter is the stored amount plus the batch's increments; a member's lots are the stored ones
with the batch's new and changed lots laid over them…), exactly as when every operation wrote to
the store. An operation refused before its write (a bad event) leaves nothing here, as it left
nothing in the store. Nothing of the batch reaches the store before ``flush``, and the store's
transaction commits or rolls back the whole: a crash keeps all of the batch or none of it.

Reads the batch's operations never make (every entry, every lot, the members, totals by reason,
lots due to expire) first send what is held, then ask the store: they see everything too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pointrules.evaluate.calendar import local_time, period_key
from pointrules.evaluate.outcome import CounterChange, Outcome
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
from pointrules.ledger.store import Batch, Transaction, add_increments
from pointrules.program.model import PERIODS


def periods(times: Sequence[dt.datetime], zone: str) -> list[str]:
    """The periods (``2026-03-02``, ``2026-W10``, ``2026-03`` … ``ever``) holding these instants in
    the zone: the counters a batch of events at these times reads most (``SQLTransaction.prefetch``)."""
    days = {local_time(at, zone).date() for at in times}
    return ["ever", *dict.fromkeys(period_key(day, unit) for day in sorted(days) for unit in PERIODS)]


def _seq(row: LotRow) -> int:
    return row[1]


class BatchTransaction:
    """A ``Transaction`` that holds its writes in memory until ``flush`` (see the module)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self._clear()

    def _clear(self) -> None:
        self._seq: int | None = None
        self._moved: int | None = None  # the meta's ``moved`` as a number, once read
        self._meta: dict[str, str] = {}
        self._results: dict[str, tuple[str, str]] = {}
        self._counters: dict[tuple[str, str, str], int] = {}
        self._budgets: dict[str, int] = {}
        self._stock: dict[str, int] = {}
        self._history: list[tuple[int, str, HistoryEntry]] = []
        self._histories: dict[str, list[HistoryEntry]] = {}
        self._tiers: dict[str, TierRecord] = {}
        self._activity: list[tuple[str, dt.datetime]] = []
        self._last: dict[str, dt.datetime] = {}  # each member's latest activity of the batch
        self._lots: dict[str, LotRow] = {}  # new or changed lots, by id (rows: model.py)
        self._member_lots: dict[str, dict[str, LotRow]] = {}  # the same, by member
        self._entries: list[EntryRow] = []
        self._events: dict[str, RecordRow] = {}
        self._profiles: dict[str, str] = {}
        self._special: set[str] = set()  # members with a lot of the batch that rolls or is owed (``plain``)

    def flush(self) -> None:
        """Write what the batch holds to the store's transaction, as one ``Batch``."""
        if self._seq is None and not self._meta and not self._profiles:
            return
        self.tx.write(Batch(
            sequence=self.tx.sequence() if self._seq is None else self._seq,
            results=tuple((op, f, body) for op, (f, body) in self._results.items()),
            counters=tuple(CounterChange(*key, amount) for key, amount in self._counters.items()),
            budgets=tuple(self._budgets.items()), stock=tuple(self._stock.items()), history=tuple(self._history),
            tiers=tuple(self._tiers.items()), activity=tuple(self._activity),
            lots=sorted(self._lots.values(), key=_seq), entries=self._entries,
            events=list(self._events.values()), meta=tuple(self._meta.items()), profiles=tuple(self._profiles.items()),
        ))
        self._clear()

    # ---- what a batch's operations read: the store's state with the batch laid over it ----------
    def meta(self, key: str) -> str | None:
        return self._meta[key] if key in self._meta else self.tx.meta(key)

    def sequence(self) -> int:
        return self.tx.sequence() if self._seq is None else self._seq

    def moved(self) -> int:
        if self._moved is None:
            self._moved = int(self._meta["moved"]) if "moved" in self._meta else self.tx.moved()
        return self._moved

    def result(self, operation: str) -> tuple[str, str] | None:
        found = self._results.get(operation)
        return found if found is not None else self.tx.result(operation)

    def is_processed(self, event_id: str) -> bool:  # what the evaluator reads (state.StateView)
        return self.result(event_id) is not None

    def plain(self, member: str) -> bool:
        """Whether the member has no live lot that rolls or is owed (a negative balance), so that the
        lot policy changes none of their lots when they are active or receive points (recording.py).
        A store's transaction may say it at once (``plain``); else their lots are read."""
        if member in self._special:
            return False
        stored = getattr(self.tx, "plain", None)
        if stored is not None:
            return bool(stored(member))
        return not any(lot.rolling is not None or lot.remaining < 0 for lot in self.tx.lots(member))

    def counter(self, member: str, scope: str, period: str) -> int:
        return self.tx.counter(member, scope, period) + self._counters.get((member, scope, period), 0)

    def budget_used(self, campaign: str) -> int:
        return self.tx.budget_used(campaign) + self._budgets.get(campaign, 0)

    def stock_used(self, reward: str) -> int:
        return self.tx.stock_used(reward) + self._stock.get(reward, 0)

    def profile(self, member: str) -> Mapping[str, Any] | None:
        body = self._profiles.get(member)
        return self.tx.profile(member) if body is None else json.loads(body)

    def tier_record(self, member: str) -> TierRecord | None:
        return self._tiers.get(member) or self.tx.tier_record(member)

    def history(self, member: str) -> Sequence[HistoryEntry]:
        mine = self._histories.get(member)
        return (*self.tx.history(member), *mine) if mine else self.tx.history(member)

    def last_activity(self, member: str) -> dt.datetime | None:
        stored, mine = self.tx.last_activity(member), self._last.get(member)
        return stored if mine is None or (stored is not None and stored >= mine) else mine

    def activity(self, member: str, since: dt.datetime) -> list[dt.datetime]:
        times = set(self.tx.activity(member, since))
        times.update(at for who, at in self._activity if who == member and at > since)
        return sorted(times)

    def lots(self, member: str) -> list[LedgerLot]:
        mine = self._member_lots.get(member)
        if not mine:
            return self.tx.lots(member)
        lots = {lot.id: lot for lot in self.tx.lots(member)}
        lots.update((lot_id, LedgerLot(*row)) for lot_id, row in mine.items())
        return sorted((lot for lot in lots.values() if lot.remaining != 0), key=lambda lot: lot.seq)

    def lot(self, lot_id: str) -> LedgerLot | None:
        row = self._lots.get(lot_id)
        return self.tx.lot(lot_id) if row is None else LedgerLot(*row)

    def event_record(self, event_id: str) -> EventRecord | None:
        row = self._events.get(event_id)
        return self.tx.event_record(event_id) if row is None else EventRecord(*row)

    # ---- reads of the whole ledger: the store's, once it holds the batch ------------------------
    def due_lots(self, at: dt.datetime) -> list[LedgerLot]:
        self.flush()
        return self.tx.due_lots(at)

    def entries(self, member: str | None = None) -> list[Entry]:
        self.flush()
        return self.tx.entries(member)

    def all_lots(self) -> list[LedgerLot]:
        self.flush()
        return self.tx.all_lots()

    def members(self) -> list[str]:
        self.flush()
        return self.tx.members()

    def reason_totals(self, member: str | None = None) -> dict[str, int]:
        self.flush()
        return self.tx.reason_totals(member)

    # ---- an operation's write, laid over ---------------------------------------------------------
    def write(self, batch: Batch) -> None:
        self._profiles.update(batch.profiles)
        self._lay(batch, batch.sequence, batch.meta, batch.results, batch.history, batch.tiers, batch.lots,
                  batch.events)

    def take(self, work: PendingOperation, result: tuple[str, str, str]) -> None:
        """What ``write(work.batch((result,)))`` does, without making the ``Batch``: a batch's
        operations write this way (``PendingOperation.write``)."""
        self._lay(work, work.seq, work.meta.items(), (result,), work.histories, work.tiers.items(), work.lot_rows(),
                  [record_values(record) for record in work.events.values()])

    def _lay(self, moves: Batch | PendingOperation, seq: int, meta: Iterable[tuple[str, str]],
             results: Iterable[tuple[str, str, str]], history: Sequence[tuple[int, str, HistoryEntry]],
             tiers: Iterable[tuple[str, TierRecord]], lots: Iterable[LotRow], events: Iterable[RecordRow]) -> None:
        """Lay an operation's changes over the batch; ``moves`` holds its counters, budgets, stock,
        activity and entries (a ``Batch`` and a ``PendingOperation`` name them alike)."""
        self._seq = seq
        self._meta.update(meta)
        self._moved = None  # ``moved`` may be in the meta written
        for operation, fingerprint, body in results:
            self._results[operation] = (fingerprint, body)
        add_increments(moves, self._counters, self._budgets, self._stock)
        self._add_history(history)
        self._tiers.update(tiers)
        for member, at in moves.activity:
            self._add_activity(member, at)
        for row in lots:
            self._add_lot(row)
            if special(row):
                self._special.add(row[2])
        self._entries.extend(moves.entries)
        for record in events:
            self._events[record[0]] = record

    def lay_event(self, seq: int, result: tuple[str, str, str], change: Outcome,
                  history: Sequence[tuple[int, str, HistoryEntry]], tier: tuple[str, TierRecord] | None,
                  activity: tuple[str, dt.datetime], lots: Sequence[LotRow], entries: Sequence[EntryRow],
                  record: RecordRow, moved: int) -> None:
        """An event recorded the short way (recording.earn): what ``_lay`` does with its ``PendingOperation``,
        given its rows at once (its lots neither roll nor are owed)."""
        self._seq = seq
        if moved:
            self._moved = self.moved() + moved
            self._meta["moved"] = str(self._moved)
        self._results[result[0]] = result[1:]
        add_increments(change, self._counters, self._budgets, self._stock)
        if history:
            self._add_history(history)
        if tier is not None:
            self._tiers[tier[0]] = tier[1]
        self._add_activity(*activity)
        for row in lots:
            self._add_lot(row)
        self._entries.extend(entries)
        self._events[record[0]] = record

    def _add_history(self, history: Sequence[tuple[int, str, HistoryEntry]]) -> None:
        self._history.extend(history)
        for _, member, entry in history:
            self._histories.setdefault(member, []).append(entry)

    def _add_activity(self, member: str, at: dt.datetime) -> None:
        self._activity.append((member, at))
        last = self._last.get(member)
        if last is None or at > last:
            self._last[member] = at

    def _add_lot(self, row: LotRow) -> None:
        self._lots[row[0]] = row
        mine = self._member_lots.get(row[2])
        if mine is None:
            mine = self._member_lots[row[2]] = {}
        mine[row[0]] = row
