"""The store interface: where a ledger keeps its state. Implement ``Store`` to add your own
(the memory and SQLite stores are the two shipped; docs/ledger.md explains the contract).

Contract. ``Store.transaction()`` is a context manager giving a ``Transaction``; everything an
operation reads and writes goes through one transaction, and the store makes it atomic and
serialised: a writer's reads must see every earlier committed write and no other writer may
commit between them and the write (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``SERIALIZABLE`` or a
table lock). The ledger calls ``write`` at most once per operation, after its reads; a batch
(``Ledger.process_events``) runs several operations in one transaction, and each ``write`` must be
visible to the reads after it: a batch of events reaches the store as ONE ``write`` at its end, the
ledger holding it in memory meanwhile (batch.py). A transaction that offers
``prefetch(members, operations, periods)`` (the SQL stores) first reads a batch's members at once;
one that offers ``plain(member)`` says whether a member holds no live lot that rolls or is owed
(else the ledger reads their lots to know: recording.py). A transaction left by an exception writes nothing. A store whose
``readonly`` is true refuses every write (``Ledger.try_event`` and the reports only read): the
ledger then keeps its meta as it finds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

import attrs

from pointrules.evaluate.view import HistoryEntry, TierRecord
from pointrules.ledger.model import Entry, EntryRow, EventRecord, LedgerLot, LotRow, RecordRow


@attrs.frozen
class Batch:
    """Everything one operation (or a batch of them) writes. Counters, budgets and stock are increments; lots in
    ``lots`` are inserted or, when their id exists, replaced (their ``remaining`` or their
    ``lapsed_at`` changed). Each activity is kept; a member's latest is their last activity."""

    sequence: int  # the next free sequence number after this batch
    results: tuple[tuple[str, str, str], ...] = ()  # (operation, fingerprint, receipt json)
    counters: Sequence[tuple[str, str, str, int]] = ()  # (member, scope, period, amount): CounterChange or a plain tuple
    budgets: tuple[tuple[str, int], ...] = ()
    stock: tuple[tuple[str, int], ...] = ()
    history: tuple[tuple[int, str, HistoryEntry], ...] = ()  # (seq, member, entry)
    tiers: tuple[tuple[str, TierRecord], ...] = ()
    activity: tuple[tuple[str, dt.datetime], ...] = ()  # (member, an activity of theirs): added
    # Lots, entries and event records come as rows (model.py: a tuple of the values in field order,
    # ``LedgerLot(*row)``): recording an event makes no object a store does not need.
    lots: Sequence[LotRow] = ()
    entries: Sequence[EntryRow] = ()  # each with its audit fields (operator, comment): a store keeps them all
    events: Sequence[RecordRow] = ()  # inserted or replaced
    meta: tuple[tuple[str, str], ...] = ()
    profiles: tuple[tuple[str, str], ...] = ()  # (member, profile as JSON text)


class Increments(Protocol):
    """What ``add_increments`` reads: a ``Batch``, an operation's ``PendingOperation`` (pending.py) or an event's ``Outcome``."""

    @property
    def counters(self) -> Sequence[tuple[str, str, str, int]]: ...
    @property
    def budgets(self) -> Sequence[tuple[str, int]]: ...
    @property
    def stock(self) -> Sequence[tuple[str, int]]: ...


def add_increments(batch: Increments, counters: dict[tuple[str, str, str], int], budgets: dict[str, int],
                   stock: dict[str, int]) -> None:
    """Add a batch's increments of counters, budgets and stock to totals kept as dictionaries
    (the memory store's, and a batch held in memory: batch.py)."""
    for member, scope, period, amount in batch.counters:
        key = (member, scope, period)
        counters[key] = counters.get(key, 0) + amount
    for campaign, points in batch.budgets:
        budgets[campaign] = budgets.get(campaign, 0) + points
    for reward, units in batch.stock:
        stock[reward] = stock.get(reward, 0) + units


class Transaction(Protocol):
    """Reads of one transaction, and its single write."""

    def meta(self, key: str) -> str | None: ...
    def sequence(self) -> int: ...
    def moved(self) -> int: ...  # points moved so far, every entry counted positive (at most MAX_POINTS)
    def result(self, operation: str) -> tuple[str, str] | None: ...  # (fingerprint, receipt json)
    def counter(self, member: str, scope: str, period: str) -> int: ...
    def budget_used(self, campaign: str) -> int: ...
    def stock_used(self, reward: str) -> int: ...
    def profile(self, member: str) -> Mapping[str, Any] | None: ...
    def tier_record(self, member: str) -> TierRecord | None: ...
    def history(self, member: str) -> Sequence[HistoryEntry]: ...
    def last_activity(self, member: str) -> dt.datetime | None: ...
    def activity(self, member: str, since: dt.datetime) -> list[dt.datetime]: ...  # after ``since``, in time order
    def lots(self, member: str) -> list[LedgerLot]: ...  # live (remaining != 0), by seq
    def lot(self, lot_id: str) -> LedgerLot | None: ...
    def due_lots(self, at: dt.datetime) -> list[LedgerLot]: ...  # remaining > 0 and expires_at <= at or rolling
    def event_record(self, event_id: str) -> EventRecord | None: ...
    def entries(self, member: str | None = None) -> list[Entry]: ...  # by seq
    def all_lots(self) -> list[LedgerLot]: ...  # every lot ever, by seq
    def members(self) -> list[str]: ...  # every member with a lot or an entry, sorted
    def reason_totals(self, member: str | None = None) -> dict[str, int]: ...  # signed points per reason
    def write(self, batch: Batch) -> None: ...


class Store(Protocol):
    """A place to keep a ledger."""

    def transaction(self) -> AbstractContextManager[Transaction]: ...
    def close(self) -> None: ...
