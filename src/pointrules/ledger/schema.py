"""The tables of a SQL ledger (sqlite.py, postgres.py), how their values are written, and the
upgrade of an older layout: the one place the SQL stores' format is said.

Format 4 (issue 15: bytes per event). Every instant is a whole number of microseconds since
1970-01-01 UTC (``BIGINT``, 8 bytes at most, where format 3 wrote 27 characters of text; it sorts
like the instants), a result's fingerprint is its 32 bytes (``BLOB``/``BYTEA``, not 64 hex
characters), an event's record is a JSON array without keys, and an event's receipt is not
written at all (an empty body: ledger.py makes it again from the event's record, which holds all
it says). Tables whose rows are their key (results, counters, activities, events, lots) are SQLite
WITHOUT ROWID tables (PostgreSQL has no rowid: postgres.py drops the words), the ``seq`` of
entries and of the history is SQLite's rowid (sqlite.py makes it INTEGER PRIMARY KEY), and lots
carry no index of their expiry (``due_lots`` cannot use one: a rolling lot has none).

Format 5 (issue 14: versions of a program): each entry keeps ``version``, the version of the program
its operation was done under (NULL on a ledger of one program file).

Format 6 (issue 14: caps by what they are): a cap's counter is named by the cap's period and kinds
(``cap:day:*``, evaluate/caps.py), where earlier formats named it by the cap's place among the
program's caps (``cap0:day``). The tables do not change; which cap a place meant is the program's
to say, and the store does not have it: the upgrade marks a ledger holding such counters (meta
``caps`` = ``by position``) and the Ledger opened with its program renames them (ledger/caps.py).

meta ``format``: the layout. A ledger of format 1 to 5 (or from before formats were kept) is
brought to format 6 when it is opened (``upgrade``), in the transaction that opens it; a later
format is refused by name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pointrules.ledger.model import (
    UTC,
    DamagedData,
    EventRecord,
    LotRow,
    RecordRow,
    event_record_from_json,
    parse_time,
    point_pairs,
    record_values,
)

FORMAT = "6"
MIGRATED = ("1", "2", "3", "4", "5")
CAPS_BY_POSITION = "by position"  # meta ``caps`` of a ledger whose caps' counters await their names (format 6)
POSITIONAL = "scope >= 'cap0' AND scope < 'cap:'"  # a counter named by a cap's place: ``cap`` and a digit
OURS = {"meta", "results", "counters", "lots", "entries", "events"}  # the tables that make a ledger

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR(100) PRIMARY KEY, value TEXT NOT NULL)",
    ("CREATE TABLE IF NOT EXISTS results (operation VARCHAR(200) PRIMARY KEY, fingerprint BLOB NOT NULL,"
     " body TEXT NOT NULL) WITHOUT ROWID"),
    ("CREATE TABLE IF NOT EXISTS counters (member VARCHAR(200) NOT NULL, scope VARCHAR(200) NOT NULL,"
     " period VARCHAR(20) NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (member, scope, period)) WITHOUT ROWID"),
    "CREATE TABLE IF NOT EXISTS budgets (campaign VARCHAR(200) PRIMARY KEY, used BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS stock (reward VARCHAR(200) PRIMARY KEY, used BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS profiles (member VARCHAR(200) PRIMARY KEY, body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tiers (member VARCHAR(200) PRIMARY KEY, tier VARCHAR(200) NOT NULL, since BIGINT NOT NULL)",
    ("CREATE TABLE IF NOT EXISTS history (member VARCHAR(200) NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL,"
     " spend VARCHAR(40) NOT NULL, purchases BIGINT NOT NULL, points BIGINT NOT NULL,"
     " tier_points BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (member, seq)) WITHOUT ROWID"),
    "CREATE TABLE IF NOT EXISTS activity (member VARCHAR(200) PRIMARY KEY, at BIGINT NOT NULL)",
    ("CREATE TABLE IF NOT EXISTS activities (member VARCHAR(200) NOT NULL, at BIGINT NOT NULL,"
     " PRIMARY KEY (member, at)) WITHOUT ROWID"),
    ("CREATE TABLE IF NOT EXISTS lots (member VARCHAR(200) NOT NULL, id VARCHAR(300) NOT NULL, seq BIGINT NOT NULL,"
     " points BIGINT NOT NULL, remaining BIGINT NOT NULL, earned_at BIGINT NOT NULL, available_at BIGINT,"
     " expires_at BIGINT, event VARCHAR(200), rule VARCHAR(200) NOT NULL, rolling_count INTEGER,"
     " rolling_unit VARCHAR(10), lapsed_at BIGINT, PRIMARY KEY (member, id)) WITHOUT ROWID"),
    ("CREATE TABLE IF NOT EXISTS entries (member VARCHAR(200) NOT NULL, seq BIGINT NOT NULL,"
     " operation VARCHAR(200) NOT NULL, at BIGINT NOT NULL, reason VARCHAR(20) NOT NULL,"
     " points BIGINT NOT NULL, lot VARCHAR(300), note TEXT NOT NULL, operator VARCHAR(200) NOT NULL DEFAULT '',"
     " comment TEXT NOT NULL DEFAULT '', version INTEGER, PRIMARY KEY (member, seq)) WITHOUT ROWID"),
    # Empty since format 4 (an event's record is in its result's row), and kept: a version of pointrules
    # from before format 4 knows a ledger by its tables, then refuses this one by its format's name.
    "CREATE TABLE IF NOT EXISTS events (id VARCHAR(200) PRIMARY KEY, body TEXT NOT NULL)",
)
LOT_COLUMNS = ("id, seq, member, points, remaining, earned_at, available_at, expires_at, event, rule,"
               " rolling_count, rolling_unit, lapsed_at")  # as sql.py reads them (``_lot``)

EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_STEP = dt.timedelta(microseconds=1)


def micro(instant: dt.datetime) -> int:
    """An instant as written: microseconds since 1970-01-01 UTC (negative before)."""
    d = instant - EPOCH
    return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds


def instant(value: Any) -> dt.datetime:
    """The instant written as ``micro(instant)``; TypeError or OverflowError for anything else."""
    if type(value) is not int:
        raise TypeError(f"{value!r} is not an instant")
    return EPOCH + value * _STEP


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_body(record: RecordRow) -> str:
    """An event record (a row: model.py) as written, in its result's row (the row's key is its id):
    a JSON array of member (0: the first of its totals, as the ledger orders them), kind, time,
    amount and totals, then returned, clawed and tier totals when not nothing."""
    _, member, kind, time, amount, returned, totals, clawed, tier_totals = record
    rest = [str(returned), clawed, tier_totals]
    while rest and rest[-1] in ("0", ()):
        rest.pop()
    written = 0 if totals and totals[0][0] == member else member
    return _JSON([written, kind, micro(time), None if amount is None else str(amount), totals, *rest])


def event_from_body(event_id: str, body: Any) -> EventRecord:
    """An event record as ``event_body`` wrote it; DamagedData when it is not one."""
    try:
        values = json.loads(body)
        if type(values) is not list or not 5 <= len(values) <= 8:
            raise TypeError("not an event record")
        member, kind, time, amount = values[:4]
        totals = point_pairs(values[4])
        member = totals[0][0] if member == 0 and type(member) is int and totals else member
        returned, clawed, tier = values[5:] + ["0", [], []][len(values) - 5:]  # left out: nothing returned, clawed
        if not (type(member) is type(kind) is type(returned) is str) or not (amount is None or type(amount) is str):
            raise TypeError("not an event record")
        return EventRecord(event_id, member, kind, instant(time), None if amount is None else Decimal(amount),
                           Decimal(returned), totals, point_pairs(clawed), point_pairs(tier))
    except (ValueError, TypeError, ArithmeticError) as error:
        raise DamagedData(f"a stored event record cannot be read ({error})") from None


def lot_event(lot_id: str, event: str) -> str | None:
    """A lot's ``event`` as written: None when it is its id up to the last ``#`` (``e17#1`` of
    ``e17``: every lot an event makes), which ``event_of`` reads back."""
    return None if lot_id.rpartition("#")[0] == event else event


def event_of(lot_id: str, written: str | None) -> str:
    return lot_id.rpartition("#")[0] if written is None else written


def lot_row(lot: LotRow) -> tuple[Any, ...]:
    """A lot (a row: model.py) as written, its columns as LOT_COLUMNS: no ``available_at`` when it
    is ``earned_at``, no ``event`` when ``lot_event`` says so."""
    lot_id, seq, member, points, remaining, earned_at, available_at, expires_at, event, rule, rolling, lapsed_at = lot
    return (lot_id, seq, member, points, remaining, micro(earned_at),
            None if available_at == earned_at else micro(available_at),
            None if expires_at is None else micro(expires_at), lot_event(lot_id, event), rule,
            None if rolling is None else rolling.count, None if rolling is None else rolling.unit,
            None if lapsed_at is None else micro(lapsed_at))


# ---- the upgrade of formats 1, 2 and 3 ------------------------------------------------------------
_TIMES = {"at", "since", "earned_at", "available_at", "expires_at", "lapsed_at"}
_DEFAULTS = {"operator": "", "comment": "", "tier_points": 0, "lapsed_at": None, "rolling_count": None,
             "rolling_unit": None}
# each table whose layout format 4 changed, with its columns in format 4 (their names are format 3's)
_CHANGED = {
    "results": ("operation", "fingerprint", "body"),
    "tiers": ("member", "tier", "since"),
    "history": ("member", "seq", "at", "spend", "purchases", "points", "tier_points"),
    "activity": ("member", "at"),
    "activities": ("member", "at"),
    "lots": ("member", *(c for c in LOT_COLUMNS.split(", ") if c != "member")),
    "entries": ("member", "seq", "operation", "at", "reason", "points", "lot", "note", "operator", "comment",
                "version"),
}


def _converted(table: str, row: dict[str, Any], events: dict[str, str]) -> tuple[Any, ...]:
    """A row of format 3 (or before) as format 4 writes it."""
    new = {c: row.get(c, _DEFAULTS.get(c)) for c in _CHANGED[table]}
    for column in _TIMES & new.keys():
        if new[column] is not None:
            new[column] = micro(parse_time(new[column]))
    if table == "results":
        new["fingerprint"] = bytes.fromhex(new["fingerprint"])
        if new["operation"] in events:  # an event: its record is its result's body (format 3: a table of them)
            new["body"] = event_body(record_values(event_record_from_json(events[new["operation"]])))
    if table == "lots":
        new["event"] = lot_event(new["id"], new["event"])
        if new["available_at"] == new["earned_at"]:
            new["available_at"] = None
    return tuple(new.values())


def upgrade(rows: Callable[[str], tuple[list[str], list[Any]]], run: Callable[[str], object],
            many: Callable[[str, list[tuple[Any, ...]]], object], tables: set[str], old: str | None = None) -> None:
    """Bring the ``tables`` of a ledger of format ``old`` (1 to 5, None from before formats were
    kept) to format 6, inside the caller's transaction. Format 5 only lacks the names of its caps'
    counters: a ledger that has counters named by a cap's place is marked (meta ``caps``), for the
    Ledger to rename them with its program. Format 4 also lacks the entries' version: the column is
    added, NULL in every entry (they were made under one program file). Before it,
    the event records are read, then each table format 4 changed is read whole (one at a time in
    memory), dropped, made again and filled with its rows converted (a column an old format lacked
    gets its default). ``rows(sql)`` gives the column names and rows of a query, ``run`` runs a
    statement, ``many`` runs one for each row; the statements are written with ``?`` parameters."""
    if old == "4":
        run("ALTER TABLE entries ADD COLUMN version INTEGER")
    elif old != "5":
        _relaid(rows, run, many, tables)
    if rows(f"SELECT member FROM counters WHERE {POSITIONAL} LIMIT 1")[1]:
        many("INSERT INTO meta (key, value) VALUES (?, ?)", [("caps", CAPS_BY_POSITION)])


def _relaid(rows: Callable[[str], tuple[list[str], list[Any]]], run: Callable[[str], object],
            many: Callable[[str, list[tuple[Any, ...]]], object], tables: set[str]) -> None:
    """The tables format 4 changed, each read whole, made again and filled with its rows converted."""
    events: dict[str, str] = {}
    if "events" in tables:
        events = {str(r[0]): str(r[1]) for r in rows("SELECT id, body FROM events")[1]}
        run("DELETE FROM events")
    for table, columns in _CHANGED.items():
        if table not in tables:
            continue
        names, found = rows(f"SELECT * FROM {table}")
        run(f"DROP TABLE {table}")  # its indexes with it
        for statement in SCHEMA:  # the table made again (the others are there)
            run(statement)
        converted = [_converted(table, dict(zip(names, values)), events) for values in found]
        if converted:
            many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", converted)
