"""The points ledger (积分账本): lots, movements, balances, expiry, redemption, returns,
adjustments and transfers, in memory, in SQLite or in PostgreSQL. ``ledger.py`` explains how it
works and which module does what. ``PostgresStore`` (postgres.py) is imported on first use, so
nothing imports psycopg, the ``postgres`` extra, until a ledger is kept in PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from pointrules.ledger.ledger import Ledger
from pointrules.ledger.memory import MemoryStore
from pointrules.ledger.model import (
    MAX_POINTS,
    REASONS,
    Balance,
    Entry,
    EventRecord,
    ExpiringPoints,
    LedgerError,
    LedgerLot,
    LedgerOptions,
    LedgerSummary,
    Liability,
    Receipt,
    StoreError,
    TransferPolicy,
)
from pointrules.ledger.sqlite import SQLiteStore
from pointrules.ledger.store import Batch, Store, Transaction

POSTGRES_URL = ("postgresql://", "postgres://")  # how a command line names a PostgreSQL ledger


def open_store(target: str, *, readonly: bool = False) -> Store:
    """The store a command line names: a PostgreSQL URL (``postgresql://user:password@host/db``,
    libpq's form) or the path of a SQLite file. StoreError when it cannot be opened. ``readonly``:
    an existing ledger, read and never written (the store refuses any write)."""
    if not target.startswith(POSTGRES_URL):
        return SQLiteStore(target, readonly=readonly)
    try:
        from pointrules.ledger.postgres import PostgresStore
    except ImportError:
        raise StoreError("PostgreSQL", "the PostgreSQL store needs psycopg: pip install 'pointrules[postgres]'") from None
    return PostgresStore(target, readonly=readonly)


def shown_target(target: str) -> str:
    """A ledger's name as messages show it: a PostgreSQL URL without its password."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@", r"\1@", target)


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from pointrules.ledger.postgres import PostgresStore
        return PostgresStore
    raise AttributeError(f"module 'pointrules.ledger' has no attribute {name!r}")


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
