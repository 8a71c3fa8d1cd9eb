"""`pointrules ledger ACTION FILE.db`: read and maintain a SQLite points ledger (balances, history,
expiry, reminders, liability, summary). No program is needed: the ledger keeps the program's time
zone and the value of a point from when events were first recorded into it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any

from pointrules.diagnostics import safe
from pointrules.events import read_time
from pointrules.ledger import Ledger, SQLiteStore, StoreError
from pointrules.evaluate.calendar import last_valid_second, wire_time

NAME = "ledger"
HELP = "read and maintain a SQLite points ledger: balances, history, expire, expiring, liability, summary"
EXAMPLES = (
    "  pointrules simulate examples/shop.points events.jsonl --ledger points.db\n"
    "  pointrules ledger balances points.db --at 2027-01-01T00:00:00+08:00 --format jsonl\n"
    "  pointrules ledger history points.db --member m42\n"
    "  pointrules ledger expire points.db --at 2028-01-01T00:00:00+08:00\n"
    "  pointrules ledger expiring points.db --within 30\n"
    "  pointrules ledger liability points.db\n"
)


def _time(text: str) -> dt.datetime:
    """An instant written as an event time is (events.read_time)."""
    instant = read_time(text)
    if instant is None:
        if read_time(text + "Z") is not None:
            raise argparse.ArgumentTypeError(f"`{safe(text)}` has no UTC offset; add one, e.g. +08:00")
        raise argparse.ArgumentTypeError(f"`{safe(text)}` is not a time like 2027-01-01T00:00:00+08:00")
    return instant


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str, *, at: str = "the instant to look at (default: now)") -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help, description=help)
        p.add_argument("db", metavar="FILE.db", help="the SQLite ledger")
        p.add_argument("--at", type=_time, help=at)
        return p

    p = action("balances", "one line per member: available, pending, expired, spent, lifetime …")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--member", metavar="ID", help="only this member")
    p = action("history", "every movement of a member's points with its reason (积分明细)")
    p.add_argument("--member", metavar="ID", required=True)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    action("expire", "record as expired every lot whose expiry has come", at="expire what is due at this instant (default: now)")
    p = action("expiring", "points that expire within N days (for reminders)")
    p.add_argument("--within", type=int, default=30, metavar="DAYS", help="days ahead (default 30)")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    action("liability", "outstanding points and what they are worth")
    action("summary", "points earned, redeemed, expired, reversed and outstanding")


def _show(instant: dt.datetime | None, zone: str) -> str | None:
    return None if instant is None else wire_time(instant, zone)


def run(args: argparse.Namespace) -> int:
    if not os.path.isfile(args.db):
        print(f"error: {args.db}: no such ledger file", file=sys.stderr)
        return 2
    at = args.at or dt.datetime.now(dt.timezone.utc)
    try:
        ledger = Ledger(None, SQLiteStore(args.db))
    except StoreError as error:  # damaged, or not a ledger: never a traceback (docs/ledger.md)
        print(f"error: {safe(str(error))}", file=sys.stderr)
        return 2
    try:
        return _ACTIONS[args.action](ledger, args, at)
    except (ValueError, StoreError) as error:
        print(f"error: {safe(str(error))}", file=sys.stderr)
        return 2
    finally:
        ledger.close()


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    # Text for people: member ids are shown safely (diagnostics.safe); JSON Lines keep them exact.
    table = [columns] + [tuple("" if row[c] is None else f"{row[c]:,}" if isinstance(row[c], int) else safe(str(row[c]))
                               for c in columns) for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(columns))]
    for r in table:
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))).rstrip())


def _balances(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    found = [ledger.balance(args.member, at)] if args.member else ledger.balances(at)
    columns = ("member", "available", "pending", "expired", "spent", "lifetime", "reversed", "adjusted", "transferred")
    _emit([b.row() for b in found], args.format, columns)
    return 0


def _history(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    rows = [{"time": _show(e.at, ledger.zone), "reason": e.reason, "points": e.points, "operation": e.operation,
             "lot": e.lot, "note": e.note} for e in ledger.history(args.member)]
    if args.format == "jsonl":
        _emit(rows, "jsonl", ())
        return 0
    for r in rows:
        print(safe(f"{r['time']}  {r['reason']:<12} {r['points']:>+10,}  {r['operation']}  {r['note']}".rstrip()))
    return 0


def _expire(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    receipt = ledger.expire(at)
    points = -sum(p for _, p in receipt.totals)
    if not args.quiet:
        print(f"expired {points:,} points of {len(receipt.totals):,} members at {_show(at, ledger.zone)}"
              + (" (already done)" if receipt.replayed else ""))
    return 0


def _expiring(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    rows = [{"member": x.member, "points": x.points,
             "expires": _show(last_valid_second(x.expires_at, ledger.zone), ledger.zone)}
            for x in ledger.expiring(at, args.within)]
    _emit(rows, args.format, ("member", "points", "expires"))
    return 0


def _liability(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    owed = ledger.liability(at)
    print(f"outstanding points: {owed.points:,}")
    print(f"liability: {owed.value:,} {owed.currency} (at {_show(at, ledger.zone)})")
    return 0


def _summary(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    s = ledger.summary(at)
    for name in ("members", "earned", "adjusted", "redeemed", "expired", "reversed", "transferred", "shortfall",
                 "outstanding", "overdue"):
        print(f"{name}: {getattr(s, name):,}")
    return 0


_ACTIONS = {"balances": _balances, "history": _history, "expire": _expire, "expiring": _expiring,
            "liability": _liability, "summary": _summary}
