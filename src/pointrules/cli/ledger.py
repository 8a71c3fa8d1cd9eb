"""`pointrules ledger ACTION LEDGER`: read and maintain a points ledger, a SQLite file or a PostgreSQL
database named by a ``postgresql://`` URL (balances, history, expiry, reminders, liability, summary).
No program is needed: the ledger keeps the program's time zone and the value of a point from when
events were first recorded into it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any

from pointrules.cli.ledger_ops import CHANGES, add_operations, instant, run_operation
from pointrules.cli.terminal import columns as text_columns
from pointrules.cli.terminal import pad
from pointrules.diagnostics import safe
from pointrules.evaluate.calendar import last_valid_second, wire_time
from pointrules.ledger import POSTGRES_URL, Ledger, StoreError, open_store
from pointrules.program.called import counted

NAME = "ledger"
HELP = ("read and maintain a points ledger (SQLite or PostgreSQL): balances, history, expire, expiring,"
        " liability, summary; adjust, redeem, quote, transfer, return, retier")
EXAMPLES = (
    "  pointrules simulate examples/shop.points events.jsonl --ledger points.db\n"
    "  pointrules ledger balances points.db --at 2027-01-01T00:00:00+08:00 --format jsonl\n"
    "  pointrules ledger history points.db --member m42\n"
    "  pointrules ledger expire points.db --at 2028-01-01T00:00:00+08:00\n"
    "  pointrules ledger expiring points.db --within 30\n"
    "  pointrules ledger liability points.db\n"
    "  pointrules ledger adjust points.db --program examples/coffee.points --id adj-1 --member m1 --points 500 \\\n"
    "      --operator alice --reason 'late delivery'\n"
    "  pointrules ledger redeem points.db --program examples/coffee.points --id r-1 --member m1 --reward size_up \\\n"
    "      --operator alice\n"
    "  pointrules ledger summary postgresql://points@db.example.com/points\n"
    "exit status: 0 done, 1 refused (nothing moved), 2 usage error or a file that cannot be used\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str, *, at: str = "the instant to look at (default: now)") -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help, description=help)
        p.add_argument("db", metavar="LEDGER", help="the ledger: a SQLite file, or a postgresql:// URL")
        p.add_argument("--at", type=instant, help=at)
        return p

    p = action("balances", "one line per member: available, pending, expired, spent, lifetime …")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--member", metavar="ID", help="only this member")
    p = action("history", "every movement of a member's points with its reason (积分明细)")
    p.add_argument("--member", metavar="ID", required=True)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p = action("expire", "record as expired every lot whose expiry has come",
               at="expire what is due at this instant (default: now)")
    p.add_argument("--operator", metavar="NAME", default="", help="who runs it (kept for audit)")
    p.add_argument("--reason", metavar="TEXT", default="", help="why (kept for audit)")
    p = action("expiring", "points that expire within N days (for reminders)")
    p.add_argument("--within", type=int, default=30, metavar="DAYS", help="days ahead (default 30)")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    action("liability", "outstanding points and what they are worth")
    action("summary", "points earned, redeemed, expired, reversed and outstanding")
    add_operations(action)


def _show(instant: dt.datetime | None, zone: str) -> str | None:
    return None if instant is None else wire_time(instant, zone)


def run(args: argparse.Namespace) -> int:
    if not args.db.startswith(POSTGRES_URL) and not os.path.isfile(args.db):
        print(f"error: {args.db}: no such ledger file", file=sys.stderr)
        return 2
    at = args.at or dt.datetime.now(dt.UTC)
    if args.action in (*CHANGES, "quote"):
        return run_operation(args, at)
    try:
        ledger = Ledger(None, open_store(args.db))
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


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...], titles: tuple[str, ...] = ()) -> None:
    """Rows as JSON Lines (keys as they are) or as a text table headed by ``titles`` (default: the
    columns' keys)."""
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    # Text for people: member ids are shown safely (diagnostics.safe); JSON Lines keep them exact.
    # Columns line up in a terminal's columns: 张三 takes four, as two letters of ｍ２ do.
    table = [tuple(safe(t) for t in titles) or columns] + [tuple("" if row[c] is None else f"{row[c]:,}" if isinstance(row[c], int) else safe(str(row[c]))
                               for c in columns) for row in rows]
    widths = [max(text_columns(r[i]) for r in table) for i in range(len(columns))]
    for r in table:
        print("  ".join(pad(v, w, right=i > 0) for i, (v, w) in enumerate(zip(r, widths))).rstrip())


def _balances(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    found = [ledger.balance(args.member, at)] if args.member else ledger.balances(at)
    columns = ("member", "available", "pending", "expired", "spent", "lifetime", "reversed", "adjusted", "transferred")
    if args.format == "text" and found:  # what the numbers count, and when
        print(safe(f"{ledger.points_name} at {_show(at, ledger.zone)}"))
    _emit([b.row() for b in found], args.format, columns)
    return 0


def _history(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    rows = [{"time": _show(e.at, ledger.zone), "reason": e.reason, "points": e.points, "operation": e.operation,
             "lot": e.lot, "note": e.note, "operator": e.operator, "comment": e.comment, "version": e.version}
            for e in ledger.history(args.member)]
    if args.format == "jsonl":
        _emit(rows, "jsonl", ())
        return 0
    # the version of the program each entry was made under, on a ledger of a program's versions
    versioned = any(r["version"] is not None for r in rows)
    if rows:  # the points' column is called as the program calls them
        print(safe(f"{'time':<25}  {'reason':<12} {ledger.points_name:>10}  " + "version  " * versioned
                   + "operation  note"))
    for r in rows:
        # Who did it and why, when someone did: an adjustment's reason is already its note.
        why = "" if r["comment"] in ("", r["note"]) else f": {r['comment']}"
        audit = f"  [{r['operator'] or 'unnamed'}{why}]" if r["operator"] or why else ""
        version = f"{'' if r['version'] is None else r['version']:>7}  " if versioned else ""
        print(safe(f"{r['time']}  {r['reason']:<12} {r['points']:>+10,}  {version}{r['operation']}  {r['note']}{audit}"
                   .rstrip()))
    return 0


def _expire(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    receipt = ledger.expire(at, operator=args.operator, reason=args.reason)
    points = -sum(p for _, p in receipt.totals)
    if not args.quiet:
        print(safe(f"expired {counted(points, ledger.points_name)} of {len(receipt.totals):,} members at {_show(at, ledger.zone)}")
              + (" (already done)" if receipt.replayed else ""))
    return 0


def _expiring(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    rows = [{"member": x.member, "points": x.points,
             "expires": _show(last_valid_second(x.expires_at, ledger.zone), ledger.zone)}
            for x in ledger.expiring(at, args.within)]
    _emit(rows, args.format, ("member", "points", "expires"), ("member", ledger.points_name, "expires"))
    return 0


def _liability(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    owed = ledger.liability(at)
    print(safe(f"outstanding {ledger.points_name}: {owed.points:,}"))
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
