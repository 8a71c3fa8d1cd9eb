"""Ledger tests: the stores to run against."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pointrules.ledger import Ledger, LedgerOptions, MemoryStore, SQLiteStore

from ledger_helpers import PROGRAM


@pytest.fixture(params=["memory", "sqlite"])
def make_ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Ledger]]:
    """``make_ledger(options=None, program=PROGRAM)`` on the memory store and on a SQLite file."""
    made: list[Ledger] = []

    def make(options: LedgerOptions | None = None, program=PROGRAM) -> Ledger:
        store = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / f"l{len(made)}.db"))
        ledger = Ledger(program, store, options)
        made.append(ledger)
        return ledger

    yield make
    for ledger in made:
        ledger.close()
