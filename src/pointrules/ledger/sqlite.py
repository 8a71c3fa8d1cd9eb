"""The SQLite store (standard library ``sqlite3``): the embedded default for one service.

Every transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock before the first read,
so an operation's reads and its write are never split by another writer (no lost update, no
double payment), and a process killed at any instant leaves the file as before or after the
operation. The database runs in WAL mode; ``synchronous`` is NORMAL by default (a killed process
loses nothing committed; a power cut may lose the last commits but never half of one) and FULL
on request. The tables, reads and write are sql.py's, shared with the PostgreSQL store; only
connecting (the PRAGMAs), beginning and committing are SQLite's own.

``readonly=True`` reads a ledger without ever writing to it (``pointrules eval --ledger``): the file
must exist and be of this format, the connection is ``query_only`` (SQLite refuses any write), and
every transaction is a plain ``BEGIN`` rolled back at its end. The file stays byte for byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pointrules.errors import ArgumentError
from pointrules.ledger.model import DamagedData, StoreError
from pointrules.ledger.schema import FORMAT, MIGRATED, OURS, SCHEMA, upgrade
from pointrules.ledger.sql import SQLTransaction


class SQLiteStore:
    """A ledger in one SQLite file; several processes may write to it at once. A file that is not
    a pointrules ledger, or is damaged, raises ``StoreError`` naming it (on opening or on the
    operation that meets the damage), never a database error of its own."""

    def __init__(self, path: str, *, synchronous: str = "NORMAL", timeout: float = 60.0,
                 readonly: bool = False) -> None:
        if synchronous not in ("NORMAL", "FULL"):
            raise ArgumentError("synchronous must be NORMAL or FULL")
        self.path = path
        self.timeout = timeout
        self.readonly = readonly
        self._lock = threading.Lock()
        self._begin, self._end = ("BEGIN", "ROLLBACK") if readonly else ("BEGIN IMMEDIATE", "COMMIT")
        if readonly and not os.path.isfile(path):
            raise StoreError(path, "cannot open the ledger: no such file")
        try:
            # Autocommit mode: the store issues BEGIN IMMEDIATE / COMMIT itself. Read-only: a missing
            # file is an error (mode=rw never creates one), and any write is refused (query_only).
            where = f"file:{urllib.parse.quote(path)}?mode=rw" if readonly else path
            self.conn = sqlite3.connect(where, timeout=timeout, isolation_level=None, check_same_thread=False,
                                        uri=readonly)
        except sqlite3.Error as error:
            raise StoreError(path, f"cannot open the ledger: {error}") from None
        try:
            try:
                self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                if readonly:
                    self.conn.execute("PRAGMA query_only = ON")
                    _readable(self.conn, path)
                    return
                _tables(self.conn, path)  # before WAL mode: another program's file is left as it was
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute(f"PRAGMA synchronous = {synchronous}")
            except (sqlite3.Error, UnicodeDecodeError) as error:
                raise self._error(error) from None
            with self.transaction() as tx:
                _prepare(tx.c, path)
        except BaseException:
            self.conn.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[SQLiteTransaction]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; ``ROLLBACK`` when the body raises (read-only: ``BEGIN``
        … ``ROLLBACK``). A database error or data that does not decode becomes a ``StoreError``
        naming the file."""
        with self._lock:
            try:
                self.conn.execute(self._begin)
            except sqlite3.Error as error:
                raise self._error(error) from None
            try:
                yield SQLiteTransaction(self.conn)
            except BaseException as error:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # nothing was committed; a damaged file may refuse even this
                if isinstance(error, (sqlite3.Error, DamagedData, UnicodeDecodeError)):
                    raise self._error(error) from None
                raise
            try:
                self.conn.execute(self._end)
            except sqlite3.Error as error:
                raise self._error(error) from None

    def _error(self, error: Exception) -> StoreError:
        text = str(error)
        if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return StoreError(self.path, f"the ledger stayed locked by another writer for {self.timeout:g} s")
        if isinstance(error, DamagedData):
            return StoreError(self.path, f"the ledger is damaged: {text}")
        if isinstance(error, UnicodeDecodeError):  # SQLite decodes TEXT as UTF-8: damage, not ours to read
            return StoreError(self.path, f"the ledger is damaged: text that is not UTF-8 ({error.reason})")
        return StoreError(self.path, f"damaged, or not a pointrules ledger (SQLite: {text})")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _tables(c: sqlite3.Connection, path: str) -> set[str]:
    """The file's tables: none (a new ledger) or ours; StoreError for another program's database."""
    tables = {str(row[0]) for row in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and not OURS <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(path, f"not a pointrules ledger: it is another program's database (tables: {shown})")
    return tables


def _readable(c: sqlite3.Connection, path: str) -> None:
    """A ledger read without being written must already be one, of this format (nothing upgrades it)."""
    if not _tables(c, path):
        raise StoreError(path, "no pointrules ledger here to read")
    found = c.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if found is None or found[0] != FORMAT:
        shown = "unknown" if found is None else str(found[0])[:20]
        raise StoreError(path, f"a ledger of format {shown}, read here without being written: open it once with"
                               f" `pointrules ledger balances` to bring it to format {FORMAT}")


def _prepare(c: sqlite3.Connection, path: str) -> None:
    """Make an empty file a ledger; accept a ledger of this format, and bring one of an earlier
    format (or of before formats were kept) to it (schema.upgrade); refuse any other database."""
    tables = _tables(c, path)
    found = c.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() if tables else None
    if found is not None and found[0] != FORMAT and found[0] not in MIGRATED:
        raise StoreError(path, f"a ledger of format {str(found[0])[:20]!r}, which this version of pointrules"
                               f" cannot read (it reads formats {', '.join((*MIGRATED, FORMAT))})")
    if tables and (found is None or found[0] != FORMAT):
        upgrade(lambda sql: _read(c, sql), lambda sql: _run(c, sql), c.executemany, tables,
                str(found[0]) if found is not None else None)
    for statement in SCHEMA:
        _run(c, statement)
    c.execute("INSERT INTO meta (key, value) VALUES ('format', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
              " WHERE meta.value <> excluded.value", (FORMAT,))


def _run(c: sqlite3.Connection, statement: str) -> None:
    c.execute(statement.replace("seq BIGINT PRIMARY KEY", "seq INTEGER PRIMARY KEY"))  # the rowid: no index of its own


def _read(c: sqlite3.Connection, sql: str) -> tuple[list[str], list[Any]]:
    cursor = c.execute(sql)
    return [d[0] for d in cursor.description], cursor.fetchall()


class SQLiteTransaction(SQLTransaction):
    """Reads and the write of one ``BEGIN IMMEDIATE`` transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.c = conn

    def _row(self, sql: str, args: Sequence[Any]) -> Sequence[Any] | None:
        return self.c.execute(sql, args).fetchone()

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Sequence[Any]]:
        return self.c.execute(sql, args).fetchall()

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.c.executemany(sql, rows)
