"""The points ledger (积分账本): lots, movements, balances, expiry, redemption, returns,
adjustments and transfers, in memory or in SQLite. ``ledger.py`` explains how it works and which
module does what."""

from __future__ import annotations

from pointrules.ledger.ledger import Ledger
from pointrules.ledger.memory import MemoryStore
from pointrules.ledger.model import (
    MAX_POINTS, REASONS, Balance, Entry, EventRecord, ExpiringPoints, LedgerError, LedgerLot, LedgerOptions,
    LedgerSummary, Liability, Receipt, StoreError, TransferPolicy,
)
from pointrules.ledger.sqlite import SQLiteStore
from pointrules.ledger.store import Batch, Store, Transaction

__all__ = [
    "MAX_POINTS",
    "REASONS",
    "Balance",
    "Batch",
    "Entry",
    "EventRecord",
    "ExpiringPoints",
    "Ledger",
    "LedgerError",
    "LedgerLot",
    "LedgerOptions",
    "LedgerSummary",
    "Liability",
    "MemoryStore",
    "Receipt",
    "SQLiteStore",
    "Store",
    "StoreError",
    "Transaction",
    "TransferPolicy",
]
