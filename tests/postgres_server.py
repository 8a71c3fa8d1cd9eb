"""The PostgreSQL server the tests run the ledger against: .ci/setup.d/postgres.sh starts one and
exports its URL as POINTRULES_TEST_POSTGRES. Without it a test of PostgreSQL is skipped on a
laptop and fails under CI=true, where a missing server is a broken CI, never a pass. Each ledger
gets a schema of its own (``PostgresStore(url, schema=…)``), dropped when the test ends."""

from __future__ import annotations

import os
import uuid

import pytest

VARIABLE = "POINTRULES_TEST_POSTGRES"


def postgres_url() -> str:
    """The test server's URL; skips (or, under CI=true, fails) the test without one."""
    url = os.environ.get(VARIABLE)
    if url:
        return url
    message = f"no PostgreSQL server: source .ci/setup.d/postgres.sh to start one ({VARIABLE} is unset)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def new_schema() -> str:
    """A schema name no other ledger of this run uses."""
    return f"test_{uuid.uuid4().hex[:16]}"


def drop_schema(url: str, schema: str) -> None:
    """Remove a test's ledger from the server."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET client_min_messages = warning")
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


class ReusedStore:
    """One PostgreSQL ledger emptied for each of many short tests (the conformance corpus runs
    hundreds of cases: a schema each would cost more than the cases). ``close`` keeps it open."""

    def __init__(self) -> None:
        from pointrules.ledger.postgres import PostgresStore

        self.url = postgres_url()
        self.schema = new_schema()
        self.store = PostgresStore(self.url, schema=self.schema)

    def emptied(self) -> ReusedStore:
        """The store with no data, ready for a new ledger."""
        from pointrules.ledger.schema import FORMAT, OURS

        tables = ", ".join(sorted(OURS | {"budgets", "stock", "profiles", "tiers", "history", "activity", "activities"}))
        with self.store.conn.transaction():
            self.store.conn.execute(f"TRUNCATE {tables}")
            self.store.conn.execute("INSERT INTO meta (key, value) VALUES ('format', %s)", (FORMAT,))
        return self

    def transaction(self):  # noqa: ANN201 - the store's own
        return self.store.transaction()

    def close(self) -> None:
        """Left open for the next test (``drop`` removes it)."""

    def drop(self) -> None:
        self.store.close()
        drop_schema(self.url, self.schema)
