"""The points ledger (积分账本): lots, movements, balances, expiry, redemption, returns,
adjustments and transfers, in memory or in SQLite. ``ledger.py`` explains how it works and which
module does what."""

from __future__ import annotations

from pointrules.ledger.ledger import Ledger
from pointrules.ledger.memory import MemoryStore
from pointrules.ledger.model import (
    REASONS, Balance, Entry, EventRecord, ExpiringPoints, LedgerError, LedgerLot, LedgerOptions,
    LedgerSummary, Liability, Receipt, TransferPolicy,
)
from pointrules.ledger.sqlite import SQLiteStore
from pointrules.ledger.store import Batch, Store, Transaction

__all__ = [
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
    "Transaction",
    "TransferPolicy",
]
