"""The PostgreSQL store (psycopg 3, the ``postgres`` extra): one ledger shared by the processes and
machines of a host application.

Theory of operation.
- The tables, the reads and the write are sql.py's, the SQLite store's own, with ``%s`` parameters
  and every text column ``TEXT COLLATE "C"`` (times and ids compare as bytes, whatever the
  database's collation; the ledger enforces its own length limits).
- One writer at a time per ledger, by a row lock. Every transaction, READ COMMITTED, begins by
  locking the ledger's ``format`` row of ``meta`` (``SELECT … FOR UPDATE``) before its first read.
  Another transaction on the same ledger, from any process or machine, waits on that lock until
  the first commits or rolls back; each of its reads then takes a fresh snapshot (READ COMMITTED),
  which holds every committed write. So an operation's reads and its write are never split by
  another writer, which is the store contract (store.py) and what SQLite's ``BEGIN IMMEDIATE``
  gives: no lost update, no double payment, no balance below zero, no reward's stock sold twice,
  and no retry loop. Per-member locks or SERIALIZABLE transactions would not run writers in
  parallel either: every operation advances the ledger-wide sequence number and total of points
  moved (``meta``), and budgets and stock are shared by all members, so every pair of writers
  conflicts. Throughput comes from batching (``record_stream``: one transaction, one lock and one
  commit for 500 events), not from parallel writers.
- Round trips, not the server, bound the speed: an operation makes a dozen reads and writes. A
  batch (``Ledger.process_events``) reads its members' results, profiles, last activity, live
  lots and the counters of the periods its events fall in, in a few queries
  (``SQLTransaction.prefetch``); its operations write into the batch held in memory (batch.py),
  which reaches the server at the end as one ``executemany`` per table, in pipeline mode. A batch
  of 500 events makes about ten round trips, not one or more per event.
- Waiting is bounded: ``lock_timeout`` (``timeout``, 60 s) turns a writer stuck behind another
  into a ``StoreError``, and nothing of its operation is written.
- A writer killed, or a connection lost, before its commit: the server rolls the transaction back.
  A commit whose answer was lost may have happened; every operation is idempotent, so the host
  does it again and gets the stored receipt.
- Opening a ledger creates its tables once, under a transaction-level advisory lock, so writers
  opening a new ledger at the same moment do not race; opening one in use takes the writers' lock
  first, so an upgrade of its format waits for the transaction under way and none waits on it. ``schema=`` keeps a ledger in a schema of
  its own (several ledgers, or test runs, in one database).
- PostgreSQL text cannot hold the character U+0000, which JSON allows in an id: the ledger refuses
  such ids on every store before anything is written (ids.py); should one reach the server anyway,
  the operation raises ``StoreError`` and writes nothing.
- ``readonly=True`` reads a ledger without ever writing to it (``pointrules eval --ledger``): the
  tables must exist, of this format; every transaction is READ ONLY (the server refuses any write),
  REPEATABLE READ (its reads see one snapshot, so it takes no lock) and rolled back at its end.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors, sql

from pointrules.ledger.model import DamagedData, StoreError
from pointrules.ledger.schema import FORMAT, MIGRATED, OURS, SCHEMA, upgrade
from pointrules.ledger.sql import SQLTransaction
from pointrules.ledger.store import Batch

READ = "SELECT value FROM meta WHERE key = 'format'"
LOCK = READ + " FOR UPDATE"  # the one writer's lock (see above)
COPIED = 50  # a statement with at least this many rows is sent by COPY (PostgresTransaction._copy)
_TABLE = re.compile(r"(?:INSERT INTO|UPDATE) (\w+)")
_INSERT = re.compile(r"INSERT INTO (\w+) \(([\w, ]+)\) VALUES \([?, ]+\)(.*)", re.DOTALL)


def dialect(statement: str) -> str:
    """sql.py's SQL for PostgreSQL: ``%s`` parameters, text that compares as bytes."""
    statement = statement.replace(" WITHOUT ROWID", "").replace(" BLOB ", " BYTEA ")  # SQLite's words
    return re.sub(r"VARCHAR\(\d+\)|\bTEXT\b", 'TEXT COLLATE "C"', statement).replace("?", "%s")


_SCHEMA = tuple(dialect(s) for s in SCHEMA)


def where(conninfo: str) -> str:
    """The server and database a conninfo names, without its password (for messages)."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "PostgreSQL"
    host = str(parts.get("host") or "localhost")
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresStore:
    """A ledger in a PostgreSQL database (in ``schema``, created when missing, or in the
    connection's current schema). Any number of processes and machines may write to it at once."""

    def __init__(self, conninfo: str, *, schema: str | None = None, timeout: float = 60.0,
                 readonly: bool = False) -> None:
        self.where = where(conninfo) + (f" (schema {schema})" if schema else "")
        self.timeout = timeout
        self.readonly = readonly
        self._lock = threading.Lock()
        self._sql: dict[str, str] = {}
        self._temporary: set[str] = set()  # the temporary tables COPY fills (PostgresTransaction._copy)
        try:
            self.conn = psycopg.connect(conninfo, autocommit=False, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as error:
            raise StoreError(self.where, f"cannot connect: {_first_line(error)}") from None
        try:
            if readonly:
                self.conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                self.conn.read_only = True
                self._readable(schema)
            else:
                self.conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
                self._prepare(schema)
        except BaseException as error:
            self.conn.close()
            if isinstance(error, psycopg.Error):
                raise self._error(error) from None
            raise

    def _prepare(self, schema: str | None) -> None:
        """Settings, then the tables of a new ledger (or a check of an existing one's format)."""
        c = self.conn
        c.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{int(self.timeout * 1000)}ms")))
        key = int.from_bytes(hashlib.sha256(f"pointrules ledger {schema}".encode()).digest()[:8], "big", signed=True)
        c.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
        if schema is not None:
            c.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            c.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        tables = {str(r[0]) for r in c.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        if tables and not OURS <= tables:
            shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
            raise StoreError(self.where, f"not a pointrules ledger: the schema holds another program's tables ({shown})")
        found = None
        if tables:
            # the writers' own lock first, as every transaction takes it: a ledger in use is brought up
            # to date only between two of its transactions, never across one (no lock-order deadlock)
            found = c.execute(LOCK).fetchone()
            if found is not None and found[0] != FORMAT and found[0] not in MIGRATED:
                raise StoreError(self.where, f"a ledger of format {str(found[0])[:20]!r}, which this version of"
                                             f" pointrules cannot read (it reads formats"
                                             f" {', '.join((*MIGRATED, FORMAT))})")
        if tables and (found is None or found[0] != FORMAT):  # an earlier format: brought to this one
            upgrade(lambda statement: _read(c, statement), lambda statement: c.execute(dialect(statement)),
                    lambda statement, rows: c.cursor().executemany(dialect(statement), rows), tables,
                    str(found[0]) if found is not None else None)
        for statement in _SCHEMA:
            c.execute(statement)
        if found is None or found[0] != FORMAT:
            c.execute("INSERT INTO meta (key, value) VALUES ('format', %s) ON CONFLICT (key) DO UPDATE SET value ="
                      " excluded.value", (FORMAT,))
        c.commit()

    def _readable(self, schema: str | None) -> None:
        """A ledger read without being written must already be one, of this format (nothing upgrades it)."""
        c = self.conn
        if schema is not None:
            c.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        tables = {str(r[0]) for r in c.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        found = c.execute(READ).fetchone() if OURS <= tables else None
        c.rollback()
        if found is None or found[0] != FORMAT:
            if found is None:
                raise StoreError(self.where, "no pointrules ledger here to read")
            raise StoreError(self.where, f"a ledger of format {str(found[0])[:20]}, read here without being written:"
                                         f" open it once with `pointrules ledger balances` to bring it to format {FORMAT}")

    @contextmanager
    def transaction(self) -> Iterator[PostgresTransaction]:
        """The ledger's lock, the body's reads and write, ``COMMIT``; ``ROLLBACK`` when the body
        raises (read-only: no lock, and always ``ROLLBACK``). A database error or data that does
        not decode becomes a ``StoreError``."""
        with self._lock:
            try:
                if self.conn.execute(READ if self.readonly else LOCK).fetchone() is None:
                    raise StoreError(self.where, "not a pointrules ledger any more: its meta table lost its format")
            except psycopg.Error as error:
                self._rollback()
                raise self._error(error) from None
            try:
                tx = PostgresTransaction(self.conn.cursor(), self._sql, self._temporary)
                yield tx
                tx.flush()
            except BaseException as error:
                self._rollback()
                if isinstance(error, (psycopg.Error, DamagedData)):
                    raise self._error(error) from None
                raise
            try:
                if self.readonly:
                    self.conn.rollback()
                else:
                    self.conn.commit()
            except psycopg.Error as error:
                self._rollback()
                raise self._error(error) from None

    def _rollback(self) -> None:
        self._temporary.clear()  # a temporary table made in the transaction is gone with it
        try:
            self.conn.rollback()
        except psycopg.Error:
            pass  # the connection is gone: the server rolls back by itself

    def _error(self, error: Exception) -> StoreError:
        if isinstance(error, (errors.LockNotAvailable, errors.QueryCanceled)):
            return StoreError(self.where, f"the ledger stayed locked by another writer for {self.timeout:g} s")
        if isinstance(error, DamagedData):
            return StoreError(self.where, f"the ledger is damaged: {error}")
        if isinstance(error, psycopg.OperationalError):
            return StoreError(self.where, f"the connection failed: {_first_line(error)}")
        if isinstance(error, psycopg.DataError) and "NUL" in str(error):
            return StoreError(self.where, "PostgreSQL cannot store the character U+0000 (NUL) of an id or a"
                                          " reason; nothing was written")
        return StoreError(self.where, f"damaged, or not a pointrules ledger (PostgreSQL: {_first_line(error)})")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _table(statement: str) -> str:
    """The table a statement of sql.py's write changes."""
    found = _TABLE.match(statement)
    return found[1] if found else ""


def _read(c: psycopg.Connection[Any], statement: str) -> tuple[list[str], list[Any]]:
    cursor = c.execute(statement)
    return [d.name for d in cursor.description or ()], cursor.fetchall()


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class PostgresTransaction(SQLTransaction):
    """Reads and the write of one locked transaction (sql.py's SQL, in the PostgreSQL dialect).

    Round trips are what a PostgreSQL ledger spends its time on, so the rows each ``write``
    inserts are held in ``_unsent`` (statement by statement, in order) and sent together, in one
    ``executemany`` per statement, before the next read that needs them and at the commit. Each
    table is written by one statement, so grouping rows by statement keeps every table's rows in
    order. Counters once read are kept (and increased by each write: sql.py), so their reads need
    not wait for the rows held; an increment of a counter not read yet is added to what the
    server says until the rows are sent."""

    def __init__(self, cursor: psycopg.Cursor[Any], statements: dict[str, str], temporary: set[str]) -> None:
        super().__init__()
        self.cur = cursor
        self._sql = statements  # the store's: each statement rewritten once
        self._temporary = temporary  # the store's: the temporary tables its connection has
        self._unsent: dict[str, list[Sequence[Any]]] = {}  # statement → rows written, not sent yet
        self._increments: dict[tuple[str, str, str], int] = {}  # unsent increments of counters not read
        self._counting = False  # reading a counter: the rows held may stay unsent

    def flush(self) -> None:
        """Send the rows held (the server runs them before any later statement): a table's many
        new rows by COPY (``_copy``), the rest by ``executemany``, in one pipeline."""
        held = list(self._unsent.items())
        self._unsent.clear()
        self._increments.clear()
        rest: list[tuple[str, list[Sequence[Any]]]] = []
        for statement, rows in held:  # copied first: only a table's first statement, so a table's keep their order
            if len(rows) >= COPIED and statement.startswith("INSERT INTO ") and \
                    all(_table(s) != _table(statement) for s, _ in rest):
                self._copy(statement, rows)
            else:
                rest.append((statement, rows))
        if rest:
            with self.cur.connection.pipeline():  # sent without waiting for each other
                for statement, rows in rest:
                    self.cur.executemany(self._dialect(statement), rows)

    def _copy(self, statement: str, rows: list[Sequence[Any]]) -> None:
        """Run an ``INSERT INTO t (columns) VALUES (?, …) [ON CONFLICT …]`` for many rows: COPY them
        into a temporary table like ``t`` (two round trips, no statement per row), then insert
        them with the statement's own ON CONFLICT. The rows of one statement have distinct keys
        (sql.py's write sums counters and keeps each member's latest activity)."""
        found = _INSERT.fullmatch(statement)
        assert found is not None, statement
        table, columns, conflict = found.groups()
        temporary = f"pointrules_copy_{table}"
        if temporary not in self._temporary:
            self.cur.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {temporary} (LIKE {table}) ON COMMIT DELETE ROWS")
            self._temporary.add(temporary)
        with self.cur.copy(f"COPY {temporary} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        self.cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {temporary} WHERE true{conflict};"
                         f" TRUNCATE {temporary}")

    def _stored_counter(self, key: tuple[str, str, str]) -> int:
        self._counting = True
        try:
            stored = super()._stored_counter(key)
        finally:
            self._counting = False
        return stored + self._increments.pop(key, 0)

    def write(self, batch: Batch) -> None:
        for member, scope, period, amount in batch.counters:  # a counter read is kept up to date by sql.py's write
            key = (member, scope, period)
            if key not in self._counters:
                self._increments[key] = self._increments.get(key, 0) + amount
        super().write(batch)

    def _dialect(self, statement: str) -> str:
        found = self._sql.get(statement)
        if found is None:
            found = self._sql[statement] = dialect(statement)
        return found

    def _row(self, statement: str, args: Sequence[Any]) -> Sequence[Any] | None:
        if not self._counting:
            self.flush()
        return self.cur.execute(self._dialect(statement), args).fetchone()

    def _rows(self, statement: str, args: Sequence[Any] = ()) -> list[Sequence[Any]]:
        self.flush()
        return self.cur.execute(self._dialect(statement), args).fetchall()

    def _many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._unsent.setdefault(statement, []).extend(rows)
