"""What pointrules wrote before format 4 (issue 15): a ledger of format 4 turned back into format 3,
as another program would, so the upgrade tests open a real format 3 ledger (and, from it, formats 2
and 1). Format 3 kept instants as fixed-width UTC text (``model.time_text``), fingerprints as 64 hex
characters, event records as JSON objects and every receipt as JSON. Before format 6 (issue 14) a
cap's counter was named by the cap's place among the program's caps (``positional_caps``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from pointrules.ledger.model import Receipt, event_record_json, receipt_json, time_text
from pointrules.evaluate.caps import cap_scope
from pointrules.ledger.schema import event_from_body, event_of, instant
from pointrules.program.model import Program

# format 3's tables that format 4 changed, as pointrules 0d67c50 … a1ee47d made them in SQLite
FORMAT_3 = (
    ("CREATE TABLE results (operation VARCHAR(200) PRIMARY KEY, fingerprint VARCHAR(64) NOT NULL,"
     " body TEXT NOT NULL)"),
    "CREATE TABLE tiers (member VARCHAR(200) PRIMARY KEY, tier VARCHAR(200) NOT NULL, since VARCHAR(32) NOT NULL)",
    ("CREATE TABLE history (seq INTEGER PRIMARY KEY, member VARCHAR(200) NOT NULL,"
     " at VARCHAR(32) NOT NULL, spend VARCHAR(40) NOT NULL, purchases BIGINT NOT NULL, points BIGINT NOT NULL,"
     " tier_points BIGINT NOT NULL DEFAULT 0)"),
    "CREATE INDEX history_member ON history (member, seq)",
    "CREATE TABLE activity (member VARCHAR(200) PRIMARY KEY, at VARCHAR(32) NOT NULL)",
    ("CREATE TABLE activities (member VARCHAR(200) NOT NULL, at VARCHAR(32) NOT NULL,"
     " PRIMARY KEY (member, at)) WITHOUT ROWID"),
    ("CREATE TABLE lots (id VARCHAR(300) PRIMARY KEY, seq BIGINT NOT NULL,"
     " member VARCHAR(200) NOT NULL, points BIGINT NOT NULL, remaining BIGINT NOT NULL,"
     " earned_at VARCHAR(32) NOT NULL, available_at VARCHAR(32) NOT NULL, expires_at VARCHAR(32),"
     " event VARCHAR(200) NOT NULL, rule VARCHAR(200) NOT NULL, rolling_count INTEGER, rolling_unit VARCHAR(10),"
     " lapsed_at VARCHAR(32))"),
    "CREATE INDEX lots_member ON lots (member, remaining)",
    ("CREATE TABLE entries (seq INTEGER PRIMARY KEY, operation VARCHAR(200) NOT NULL,"
     " member VARCHAR(200) NOT NULL, at VARCHAR(32) NOT NULL, reason VARCHAR(20) NOT NULL,"
     " points BIGINT NOT NULL, lot VARCHAR(300), note TEXT NOT NULL, operator VARCHAR(200) NOT NULL DEFAULT '',"
     " comment TEXT NOT NULL DEFAULT '')"),
    "CREATE INDEX entries_member ON entries (member, seq)",
    "CREATE TABLE events (id VARCHAR(200) PRIMARY KEY, body TEXT NOT NULL)",
)
TIMES = {"at", "since", "earned_at", "available_at", "expires_at", "lapsed_at"}
LATER = {"entries": {"version"}}  # columns a later format added (5: the entries' version, issue 14)


def positional_caps(program: Program) -> list[str]:
    """The statements that give a ledger's cap counters the names formats 1 to 5 gave them: the
    cap's place and period (``cap0:day``), for a ledger recorded by ``program`` alone."""
    return [f"UPDATE counters SET scope = 'cap{i}:{cap.period}' WHERE scope = '{cap_scope(cap)}'"
            for i, cap in enumerate(program.caps) if cap.period != "event"]


def _as_format_3(table: str, row: dict[str, Any], events: dict[str, str]) -> tuple[Any, ...]:
    out = dict(row)
    if table == "lots":
        out["event"] = event_of(row["id"], row["event"])
        if row["available_at"] is None:
            out["available_at"] = row["earned_at"]
    for column in TIMES & set(row):
        if out[column] is not None:
            out[column] = time_text(instant(out[column]))
    if table == "results":
        out["fingerprint"] = bytes(row["fingerprint"]).hex()
        if row["body"].startswith("["):  # an event: its receipt and its record, as format 3 kept them
            record = event_from_body(row["operation"], row["body"])
            out["body"] = receipt_json(Receipt(record.id, "event", record.time, totals=record.totals))
            events[record.id] = event_record_json(record)
    return tuple(out.values())


def to_format_3(rows: Callable[[str], tuple[list[str], list[Sequence[Any]]]], run: Callable[[str], None],
                many: Callable[[str, list[tuple[Any, ...]]], None], dialect: Callable[[str], str] = str) -> None:
    """Rewrite a ledger's changed tables (format 4 or later) as format 3 wrote them, and say format 3."""
    kept = {}
    for statement in FORMAT_3:
        table = statement.split()[2]
        if statement.startswith("CREATE TABLE"):
            if table != "events":  # format 4 keeps it empty
                kept[table] = rows(f"SELECT * FROM {table}")
            run(f"DROP TABLE {table}")
    for statement in FORMAT_3:
        run(dialect(statement))
    events: dict[str, str] = {}
    for table, (names, found) in kept.items():
        keep = [i for i, name in enumerate(names) if name not in LATER.get(table, set())]
        names, found = [names[i] for i in keep], [[values[i] for i in keep] for values in found]
        converted = [_as_format_3(table, dict(zip(names, values)), events) for values in found]
        if converted:
            many(dialect(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"), converted)
    if events:
        many(dialect("INSERT INTO events (id, body) VALUES (?, ?)"), list(events.items()))
    run("UPDATE meta SET value = '3' WHERE key = 'format'")


def sqlite_to_format_3(path: str) -> None:
    """A SQLite ledger of format 4 turned into format 3."""
    conn = sqlite3.connect(path)
    with conn:
        def rows(sql: str) -> tuple[list[str], list[Any]]:
            cursor = conn.execute(sql)
            return [d[0] for d in cursor.description], cursor.fetchall()

        to_format_3(rows, conn.execute, conn.executemany)
    conn.close()


def postgres_to_format_3(url: str, schema: str) -> None:
    """A PostgreSQL ledger of format 4 (in ``schema``) turned into format 3."""
    import psycopg

    from pointrules.ledger.postgres import dialect

    with psycopg.connect(url) as conn:
        conn.execute(f'SET search_path TO "{schema}"')

        def rows(sql: str) -> tuple[list[str], list[Any]]:
            cursor = conn.execute(sql)
            return [d.name for d in cursor.description or ()], cursor.fetchall()

        to_format_3(rows, conn.execute, lambda sql, r: conn.cursor().executemany(sql, r),
                    lambda s: dialect(s.replace("INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY")))
