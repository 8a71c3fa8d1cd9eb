"""The operations of `pointrules ledger` that change points (adjust, redeem, transfer, return,
retier) or price them (quote). Each needs the program (``--program``); each change carries an id
(a rerun with the same id changes nothing and shows the first receipt) and, for audit, the
``--operator`` who did it and the ``--reason`` they gave, kept on every entry it writes.

Exit status: 0 done (or done before under this id); 1 refused (not enough points, a member the
ledger does not know, a reward out of stock …: nothing moved, and the refusal is kept under the id);
2 usage or bad data (no such file, a program that does not load or is not the ledger's, a bad
amount, a damaged ledger)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from pointrules.cli.simulate import load_set
from pointrules.diagnostics import safe, safe_lines
from pointrules.evaluate.calendar import wire_time
from pointrules.evaluate.redeem import OrderQuote
from pointrules.events import decode, read_time
from pointrules.ledger import (
    Ledger,
    LedgerError,
    LedgerOptions,
    Receipt,
    Store,
    StoreError,
    TransferPolicy,
    open_store,
    shown_target,
)
from pointrules.program.called import counted, unit
from pointrules.program.model import Program

CHANGES = ("adjust", "redeem", "transfer", "return", "retier")


def instant(text: str) -> dt.datetime:
    """An instant written as an event time is (events.read_time)."""
    found = read_time(text)
    if found is None:
        if read_time(text + "Z") is not None:
            raise argparse.ArgumentTypeError(f"`{safe(text)}` has no UTC offset; add one, e.g. +08:00")
        raise argparse.ArgumentTypeError(f"`{safe(text)}` is not a time like 2027-01-01T00:00:00+08:00")
    return found


def money(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"`{safe(text)}` is not an amount of money like 99.50")
    return value


def whole(text: str) -> int:
    try:
        return int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{safe(text)}` is not a whole number of points") from None


def add_operations(action: Any) -> None:
    """The operations' subcommands; ``action(name, help)`` makes one with LEDGER and --at."""

    def op(name: str, help: str, *, change: bool = True) -> argparse.ArgumentParser:
        p = action(name, help, at="when the operation happens (default: now)")
        p.add_argument("--program", metavar="PROGRAM", required=True,
                       help="the ledger's program (.points), or the folder of its versions (the one in force then)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        if change:
            p.add_argument("--id", required=True, metavar="ID",
                           help="the operation's id: the same id again changes nothing")
            p.add_argument("--operator", required=True, metavar="NAME", help="who does it (kept for audit)")
            p.add_argument("--reason", metavar="TEXT", default="", help="why (kept for audit)")
        return p

    p = op("adjust", "add or remove points by hand (调整); --reason is required")
    p.add_argument("--member", required=True, metavar="ID")
    p.add_argument("--points", required=True, type=whole, metavar="N", help="points to add (or, negative, remove)")
    p.add_argument("--new-member", action="store_true", help="the member may be new to the ledger (points added only)")
    p.add_argument("--allow-negative", action="store_true", help="removing more than the member has leaves a debt")
    p = op("redeem", "use points on an order (--order) or for a catalog reward (--reward)")
    _what(p)
    p.add_argument("--points", type=whole, metavar="N", help="with --order: exactly N points (default: the most allowed)")
    p = op("quote", "how many points an order may use, or whether a reward may be redeemed; writes nothing",
           change=False)
    _what(p)
    p = op("transfer", "give usable points to another member (转让)")
    p.add_argument("--from", dest="sender", required=True, metavar="ID")
    p.add_argument("--to", dest="receiver", required=True, metavar="ID")
    p.add_argument("--points", required=True, type=whole, metavar="N")
    p.add_argument("--new-member", action="store_true", help="the receiver may be new to the ledger")
    p.add_argument("--minimum", type=whole, default=1, metavar="N", help="the least a transfer may be (default 1)")
    p.add_argument("--max-per-transfer", type=whole, metavar="N", help="the most one transfer may be")
    p.add_argument("--max-per-month", type=whole, metavar="N", help="the most a sender may give per month")
    p = op("return", "claw back an order's points for a return (退货), in full or for --amount of money")
    p.add_argument("--event", required=True, metavar="ID", help="the event (order) returned")
    p.add_argument("--amount", type=money, metavar="MONEY", help="the money returned now (default: all of it)")
    p.add_argument("--allow-negative", action="store_true", help="points already spent leave a debt, not a shortfall")
    p = op("retier", "re-evaluate a member's tier from the recorded history")
    p.add_argument("--member", required=True, metavar="ID")


def _what(p: argparse.ArgumentParser) -> None:
    p.add_argument("--member", required=True, metavar="ID")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--order", type=money, metavar="MONEY", help="the order's amount")
    what.add_argument("--reward", metavar="NAME", help="a reward of the program's catalog")
    p.add_argument("--items", type=_items, metavar="JSON",
                   help='with --order: its items, for a program with shares of items: \'[{"category": "gold_jewelry", '
                        '"amount": "600.00"}]\'')


def _items(text: str) -> Any:
    """``--items``: a JSON list, money kept exact."""
    try:
        return decode(text)
    except ValueError:
        raise argparse.ArgumentTypeError("is not JSON, like '[{\"amount\": \"600.00\"}]'") from None


def run_operation(args: argparse.Namespace, at: dt.datetime) -> int:
    """Open the ledger with its program and do the operation; the exit status."""
    versions = load_set(args.program)
    if versions is None:
        return 2
    program = versions.last
    try:
        store = open_store(args.db)
    except StoreError as error:
        return _error(str(error))
    try:
        other = another_program(store, program, args.db, args.program)
        if other is not None:
            return _error(other)
        ledger = Ledger(versions, store, _options(args))
        return _OPERATIONS[args.action](ledger, args, at)
    except LedgerError as refusal:
        if args.format == "json":
            print(json.dumps({"operation": refusal.operation, "refused": refusal.message}, ensure_ascii=False))
        print(f"refused: {safe(refusal.operation)}: {safe(refusal.message)}", file=sys.stderr)
        return 1
    except (ValueError, StoreError) as error:
        return _error(str(error))
    finally:
        store.close()


def another_program(store: Store, program: Program, target: str, path: str) -> str | None:
    """Why the ledger at ``target`` is not ``program``'s (the program file at ``path``), or None."""
    with store.transaction() as tx:
        recorded = tx.meta("program")
    if recorded is not None and recorded != program.name:
        return f"{shown_target(target)}: a ledger of program `{recorded}`, not of `{program.name}` ({path})"
    return None


def _error(message: str) -> int:
    print(f"error: {safe(message)}", file=sys.stderr)
    return 2


def _options(args: argparse.Namespace) -> LedgerOptions:
    transfers = None
    if args.action == "transfer":
        transfers = TransferPolicy(args.minimum, args.max_per_transfer, args.max_per_month)
    return LedgerOptions(allow_negative=getattr(args, "allow_negative", False), transfers=transfers)


def _new(ledger: Ledger, args: argparse.Namespace, member: str) -> None:
    """Refuse points for a member the ledger has never heard of (a typo?) unless --new-member."""
    if not args.new_member and not ledger.known(member):
        raise LedgerError(args.id, f"member `{member}` is not in the ledger; give --new-member to open their account")


def _adjust(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    if args.points > 0:
        _new(ledger, args, args.member)
    receipt = ledger.adjust(args.id, args.member, args.points, args.reason, at, operator=args.operator)
    return _show(ledger, args, receipt, f"adjust {args.member} {args.points:+,} {unit(args.points, ledger.points_name)}")


def _redeem(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    audit = {"operator": args.operator, "reason": args.reason}
    if args.reward is not None:
        receipt = ledger.redeem_reward(args.id, args.member, args.reward, at, **audit)
        cash = f"; {receipt.value:,} {ledger.program.currency} still to pay" if receipt.value else ""  # type: ignore[union-attr]
        return _show(ledger, args, receipt, f"redeem `{args.reward}` for {args.member}{cash}")
    if args.points is not None and args.points <= 0:
        raise ValueError("--points must be above 0")
    receipt = ledger.redeem_order(args.id, args.member, args.order, at, args.points, items=args.items, **audit)
    value = f"{receipt.value:,} {ledger.program.currency}"  # type: ignore[union-attr]
    return _show(ledger, args, receipt, f"redeem on an order of {args.order:,}: {value} off")


def _transfer(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    _new(ledger, args, args.receiver)
    receipt = ledger.transfer(args.id, args.sender, args.receiver, args.points, at,
                              operator=args.operator, reason=args.reason)
    return _show(ledger, args, receipt, f"transfer {counted(args.points, ledger.points_name)} from {args.sender}"
                                        f" to {args.receiver}")


def _return(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    receipt = ledger.reverse(args.id, args.event, at, args.amount, operator=args.operator, reason=args.reason)
    part = "in full" if args.amount is None else f"{args.amount:,} {ledger.program.currency} of it"  # type: ignore[union-attr]
    return _show(ledger, args, receipt, f"return of `{args.event}`, {part}")


def _retier(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    receipt = ledger.retier(args.id, args.member, at, operator=args.operator, reason=args.reason)
    return _show(ledger, args, receipt, f"{args.member} is in tier `{receipt.note}`", members=(args.member,))


def _show(ledger: Ledger, args: argparse.Namespace, receipt: Receipt, what: str,
          members: tuple[str, ...] = ()) -> int:
    """The receipt and the balances after it of the members it moved, as text or JSON."""
    members = members or tuple(m for m, _ in receipt.totals)
    balances = {m: ledger.balance(m, receipt.at) for m in members}
    if args.format == "json":
        print(json.dumps({
            "operation": receipt.operation, "kind": receipt.kind, "at": wire_time(receipt.at, ledger.zone),
            "operator": args.operator, "reason": args.reason, "totals": dict(receipt.totals),
            "value": None if receipt.value is None else str(receipt.value), "note": receipt.note,
            "shortfall": dict(receipt.shortfall), "replayed": receipt.replayed,
            "balances": {m: {"available": b.available, "pending": b.pending} for m, b in balances.items()},
        }, ensure_ascii=False))
        return 0
    done = " (already done under this id: nothing changed)" if receipt.replayed else ""
    out = [f"{receipt.operation}: {what}{done}"]
    out += [f"  {m}: {p:+,} {unit(p, ledger.points_name)}" for m, p in receipt.totals]
    out += [f"  {m}: {counted(p, ledger.points_name)} already spent could not be taken back (shortfall)"
            for m, p in receipt.shortfall]
    out += [f"  {m} now has {b.available:,} available, {b.pending:,} pending" for m, b in balances.items()]
    print(safe_lines("\n".join(out)))
    return 0


def _quote(ledger: Ledger, args: argparse.Namespace, at: dt.datetime) -> int:
    found = ledger.quote(args.member, at, order=args.order, reward=args.reward, items=args.items)
    currency = ledger.program.currency  # type: ignore[union-attr]
    if isinstance(found, OrderQuote):
        ok = found.points > 0
        row: dict[str, Any] = {"member": args.member, "order": str(args.order), "points": found.points,
                               "value": str(found.value), "reason": found.reason}
        name = ledger.points_name
        text = (f"{args.member} may use {counted(found.points, name)} on an order of {args.order:,}: {found.value:,}"
                f" {currency} off ({found.reason})" if ok else f"{args.member} may use no {name}: {found.reason}")
    else:
        ok = found.ok
        row = {"member": args.member, "reward": found.reward, "ok": ok, "cost": found.cost,
               "cash": None if found.cash is None else str(found.cash), "reason": found.reason}
        cash = f" + {found.cash:,} {currency}" if found.cash else ""
        text = (f"{args.member} may redeem `{found.reward}` for {counted(found.cost, ledger.points_name)}{cash}" if ok
                else f"{args.member} cannot redeem `{found.reward}`: {found.reason}")
    print(json.dumps(row, ensure_ascii=False) if args.format == "json" else safe(text))
    return 0 if ok else 1


_OPERATIONS = {"adjust": _adjust, "redeem": _redeem, "quote": _quote, "transfer": _transfer, "return": _return,
               "retier": _retier}
