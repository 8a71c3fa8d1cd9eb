"""Ledger tests: the stores to run against (memory, a SQLite file, a PostgreSQL schema)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pointrules.ledger import Ledger, LedgerOptions, MemoryStore, SQLiteStore, Store

from ledger_helpers import PROGRAM
from postgres_server import drop_schema, new_schema, postgres_url

STORES = ["memory", "sqlite", "postgres"]


@pytest.fixture(params=STORES)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """``make_store()``: a new, empty store of each kind (closed by whoever opened a ledger on it)."""
    url = postgres_url() if request.param == "postgres" else ""
    schemas: list[str] = []
    count = iter(range(1_000_000))

    def make() -> Store:
        if request.param == "memory":
            return MemoryStore()
        if request.param == "sqlite":
            return SQLiteStore(str(tmp_path / f"l{next(count)}.db"))
        from pointrules.ledger.postgres import PostgresStore

        schemas.append(new_schema())
        return PostgresStore(url, schema=schemas[-1])

    yield make
    for schema in schemas:
        drop_schema(url, schema)


@pytest.fixture
def make_ledger(make_store: Callable[[], Store]) -> Iterator[Callable[..., Ledger]]:
    """``make_ledger(options=None, program=PROGRAM)`` on each store."""
    made: list[Ledger] = []

    def make(options: LedgerOptions | None = None, program=PROGRAM) -> Ledger:
        ledger = Ledger(program, make_store(), options)
        made.append(ledger)
        return ledger

    yield make
    for ledger in made:
        ledger.close()


@pytest.fixture(params=["sqlite", "postgres"])
def make_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """``make_target(name)``: where a worker process keeps a ledger shared by several processes, a
    SQLite file or a PostgreSQL schema (``ledger_helpers.open_target`` opens it)."""
    url = postgres_url() if request.param == "postgres" else ""
    schemas: list[str] = []

    def make(name: str) -> str:
        if request.param == "sqlite":
            return str(tmp_path / f"{name}.db")
        schemas.append(new_schema())
        return f"{url}#{schemas[-1]}"

    yield make
    for schema in schemas:
        drop_schema(url, schema)


@pytest.fixture(params=["sqlite", "postgres"])
def ledger_at(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a command line keeps a ledger: a SQLite file, or a ``postgresql://`` URL whose
    ``options`` set the ``search_path`` to a new schema (how a user picks one on the command line)."""
    if request.param == "sqlite":
        yield str(tmp_path / "points.db")
        return
    import psycopg

    url, schema = postgres_url(), new_schema()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    drop_schema(url, schema)
