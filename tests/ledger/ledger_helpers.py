"""Shared by the ledger tests (a uniquely named module: every test folder has a conftest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pointrules

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Purchases earn 1 point per full yuan, usable after 3 days, valid 30 days; check-ins earn 10 that
# never expire; referrals pay both sides 50, valid 10 days.
TEXT = '''
program "Ledger test"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding down
event purchase { amount: money }
event checkin
event referral { referee: member }
expire after 30 days
rule base on purchase {
  earn 1 point per 1 CNY of amount
  pending 3 days
}
rule checkin on checkin {
  earn 10 points
  expire never
}
rule referral on referral {
  earn 50 points to member
  earn 50 points to referee
  expire after 10 days
}
redeem {
  minimum 100 points
  step 10 points
  at most 50% of order
}
reward mug costs 200 points {
  limit 2 per month
  stock 3
}
'''
PROGRAM = pointrules.loads(TEXT)


def at(day: int, hour: int = 10, month: int = 3) -> dt.datetime:
    """An instant of 2026 in Shanghai."""
    return dt.datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def event(eid: str, kind: str, member: str, when: dt.datetime, **fields: object) -> dict[str, object]:
    return {"id": eid, "kind": kind, "member": member, "time": when.isoformat(), **fields}


def shop_operations(n: int, seed: int) -> list[dict[str, object]]:
    """A deterministic mix for Shop Rewards: a generated event stream with redemptions, returns,
    adjustments and expiry runs between the events, at the events' times."""
    import json
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_events import generate

    lines, _ = generate(n, seed, None, 0.0)
    ops: list[dict[str, object]] = []
    seen: list[tuple[str, str, str]] = []
    for i, line in enumerate(lines):
        data = json.loads(line)
        ops.append({"op": "event", "line": line})
        seen.append((data["id"], data["member"], data["time"]))
        eid, member, time = seen[i // 2]
        if i % 7 == 3:
            ops.append({"op": "redeem", "id": f"r{i}", "member": data["member"], "order": "80.00", "at": data["time"]})
        if i % 11 == 5:
            ops.append({"op": "reverse", "id": f"v{i}", "event": eid, "at": data["time"]})
        if i % 13 == 6:
            ops.append({"op": "adjust", "id": f"a{i}", "member": member, "points": 25, "at": data["time"]})
        if i % 97 == 50:
            ops.append({"op": "expire", "id": f"x{i}", "at": data["time"]})
    return ops


def apply_operation(ledger, op: dict[str, object]) -> object:
    """Run one operation of ``shop_operations``: its receipt, or the words of its refusal (part of the run)."""
    from decimal import Decimal

    from pointrules.events import EventError
    from pointrules.ledger import LedgerError

    when = lambda: dt.datetime.fromisoformat(str(op["at"]).replace("Z", "+00:00"))  # noqa: E731
    try:
        if op["op"] == "event":
            return ledger.process_event(str(op["line"]))
        elif op["op"] == "redeem":
            return ledger.redeem_order(op["id"], op["member"], Decimal(str(op["order"])), when())
        elif op["op"] == "reverse":
            return ledger.reverse(op["id"], op["event"], when())
        elif op["op"] == "adjust":
            return ledger.adjust(op["id"], op["member"], op["points"], "service recovery", when())
        else:
            return ledger.expire(when(), str(op["id"]))
    except (EventError, LedgerError) as error:
        return str(error)


def open_target(target: str):
    """The store a worker process is given: ``postgresql://…#SCHEMA`` (a schema of the test
    server) or the path of a SQLite file."""
    from pointrules.ledger import SQLiteStore

    if target.startswith("postgresql://"):
        from pointrules.ledger.postgres import PostgresStore

        url, schema = target.rsplit("#", 1)
        return PostgresStore(url, schema=schema)
    return SQLiteStore(target)


def count_results(target: str) -> int:
    """Operations the ledger at ``target`` holds so far, read without waiting for its writers (0
    before it has any, or while a SQLite file is locked)."""
    import sqlite3

    if target.startswith("postgresql://"):
        import psycopg

        url, schema = target.rsplit("#", 1)
        with psycopg.connect(url, autocommit=True) as conn:
            found = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".results',)).fetchone()
            if found is None or found[0] is None:
                return 0
            return int(conn.execute(f'SELECT COUNT(*) FROM "{schema}".results').fetchone()[0])
    if not Path(target).exists():
        return 0
    try:
        with sqlite3.connect(target, timeout=0.05) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
