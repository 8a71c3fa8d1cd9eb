"""Read-only views of a ledger: balances, expiring points, liability and the summary. They need
no program: the zone and the value of a point are kept in the store's meta by ``Ledger``."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from pointrules.errors import ArgumentError
from pointrules.ledger.model import Balance, ExpiringPoints, LedgerSummary, Liability
from pointrules.ledger.pending import lot_expiry, lot_state
from pointrules.ledger.store import Transaction


def _live(tx: Transaction, zone: str, member: str, at: dt.datetime) -> dict[str, int]:
    """The member's live points at ``at`` by state: available, pending, expired (not yet
    recorded) and debt."""
    out = {"available": 0, "pending": 0, "expired": 0, "debt": 0}
    lots = tx.lots(member)
    last = tx.last_activity(member) if any(lot.rolling is not None for lot in lots) else None
    for lot in lots:
        out[lot_state(lot, at, lot_expiry(lot, last, zone))] += lot.remaining
    return out


def balance(tx: Transaction, zone: str, member: str, at: dt.datetime) -> Balance:
    """A member's balance at ``at``; a negative balance (debt) counts against ``available``."""
    live = _live(tx, zone, member, at)
    totals = tx.reason_totals(member)
    return Balance(
        member=member, available=live["available"] + live["debt"], pending=live["pending"],
        expired=-totals.get("expire", 0) + live["expired"], spent=-totals.get("redeem", 0),
        lifetime=totals.get("earn", 0), reversed=-totals.get("reverse", 0), adjusted=totals.get("adjust", 0),
        transferred=totals.get("transfer_in", 0) + totals.get("transfer_out", 0),
    )


def expiring(tx: Transaction, zone: str, at: dt.datetime, days: int) -> list[ExpiringPoints]:
    """Points valid at ``at`` whose expiry falls within ``days`` days, by member and instant."""
    until = at + dt.timedelta(days=days)
    found: dict[tuple[str, dt.datetime], int] = {}
    for member in tx.members():
        lots = tx.lots(member)
        last = tx.last_activity(member) if any(lot.rolling is not None for lot in lots) else None
        for lot in lots:
            expires = lot_expiry(lot, last, zone)
            if lot.remaining > 0 and expires is not None and at < expires <= until:
                found[(member, expires)] = found.get((member, expires), 0) + lot.remaining
    return [ExpiringPoints(member, points, expires) for (member, expires), points in sorted(found.items())]


def _value(tx: Transaction, points: int) -> tuple[Decimal, str]:
    value_points, value_money = tx.meta("value_points"), tx.meta("value_money")
    if value_points is None or value_money is None:
        raise ArgumentError("this ledger does not know what a point is worth: open it once with its program")
    minor = int(tx.meta("minor_unit") or "2")
    exact = Decimal(points) * Decimal(value_money) / Decimal(int(value_points))
    return exact.quantize(Decimal(1).scaleb(-minor), rounding=ROUND_DOWN), tx.meta("currency") or ""


def liability(tx: Transaction, zone: str, at: dt.datetime) -> Liability:
    """Available and pending points of every member (a negative balance counts as 0) and their
    value at the program's ``value``, rounded down to the currency's minor unit."""
    points = 0
    for member in tx.members():
        live = _live(tx, zone, member, at)
        points += max(0, live["available"] + live["pending"] + live["debt"])
    value, currency = _value(tx, points)
    return Liability(points, value, currency)


def summary(tx: Transaction, zone: str, at: dt.datetime) -> LedgerSummary:
    """Totals by movement, and what is outstanding and overdue at ``at``."""
    totals = tx.reason_totals()
    members = tx.members()
    outstanding = overdue = 0
    for member in members:
        live = _live(tx, zone, member, at)
        outstanding += live["available"] + live["pending"] + live["debt"]
        overdue += live["expired"]
    shortfall = sum(tx.counter(member, "shortfall", "ever") for member in members)
    return LedgerSummary(
        members=len(members), earned=totals.get("earn", 0), adjusted=totals.get("adjust", 0),
        redeemed=-totals.get("redeem", 0), expired=-totals.get("expire", 0), reversed=-totals.get("reverse", 0),
        transferred=totals.get("transfer_in", 0), shortfall=shortfall, outstanding=outstanding, overdue=overdue,
    )
