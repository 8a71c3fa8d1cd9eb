"""How points move between lots within one operation (a ``PendingOperation``): a lot credited, points taken
from lots in a given order, a negative balance opened, a member's activity. Every change of a lot
is an entry with a reason; when a rolling lot lapses is the lot policy's to say (state/lots.py),
here as in the in-memory state. The operations (operations.py) move points only through these.
"""

from __future__ import annotations

import datetime as dt

from pointrules.ledger.model import LedgerLot
from pointrules.ledger.pending import PendingOperation, utc
from pointrules.state.lots import bridged, lapse, lapse_at, with_lapse


def credit(work: PendingOperation, operation: str, at: dt.datetime, reason: str, lot: LedgerLot, note: str = "") -> None:
    """Add a lot; a negative balance of the member is paid back from it at once. A rolling lot
    earned before its member's last activity lapses as it would have in time order."""
    if lot.rolling is not None:
        last = work.last_activity(lot.member)
        if last is not None and last > lot.earned_at:
            end = lapse(lot, work.activity_after(lot.member, lot.earned_at), work.zone)
            lot = with_lapse(lot, None if end is None else utc(end))
    work.entry(operation, lot.member, at, reason, lot.points, lot.id, note)
    for owed in work.lots(lot.member):
        if lot.remaining <= 0:
            break
        if owed.remaining < 0:
            paid = min(-owed.remaining, lot.remaining)
            lot = left(lot, lot.remaining - paid)
            work.put(left(owed, owed.remaining + paid))
            work.entry(operation, lot.member, at, "settle", -paid, lot.id, "pays back a negative balance")
            work.entry(operation, lot.member, at, "settle", paid, owed.id, "paid back")
    work.put(lot)


def activity(work: PendingOperation, member: str, at: dt.datetime) -> None:
    """The member's activity at ``at`` (an event of theirs, or a redemption), which carries on their
    rolling lots: each whose span without activity ended at or before ``at`` lapsed then and keeps
    that expiry, so the activity cannot bring it back. An activity dated before the last one may
    carry on the lots found lapsed after it, as it would have in time order."""
    last = work.last_activity(member)
    work.touch(member, at)
    if last is None or at > last:  # a referee's first own activity too: its lots count from earning
        for lot in work.lots(member):
            end = lapse_at(lot, last, at, work.zone) if lot.remaining > 0 and lot.rolling is not None else None
            if end is not None:
                work.put(with_lapse(lot, utc(end)))
    elif at < last:
        for lot in work.lots(member):
            if lot.remaining > 0 and bridged(lot, at):
                end = lapse(lot, work.activity_after(member, lot.earned_at), work.zone)
                work.put(with_lapse(lot, None if end is None else utc(end)))


def take(work: PendingOperation, lots: list[LedgerLot], points: int, operation: str, at: dt.datetime, reason: str,
         note: str = "") -> list[tuple[LedgerLot, int]]:
    """Take up to ``points`` from lots in the order given; returns what each gave."""
    taken = []
    for lot in lots:
        if points <= 0:
            break
        current = work.changed.get(lot.id, lot)
        n = min(points, current.remaining)
        if n <= 0:
            continue
        work.put(left(current, current.remaining - n))
        work.entry(operation, lot.member, at, reason, -n, lot.id, note)
        taken.append((current, n))
        points -= n
    return taken


def debt(work: PendingOperation, operation: str, member: str, at: dt.datetime, points: int, reason: str, note: str) -> None:
    """A negative balance of ``points`` (only when the ledger allows them): a debt lot, paid back
    from the next points the member receives (``credit``)."""
    lot = LedgerLot(f"{operation}#debt:{member}", work.next_seq(), member, -points, -points, at, at, None,
                    operation, "debt")
    work.put(lot)
    work.entry(operation, member, at, reason, -points, lot.id, note)


def left(lot: LedgerLot, remaining: int) -> LedgerLot:
    """The lot with ``remaining`` points left."""
    return LedgerLot(lot.id, lot.seq, lot.member, lot.points, remaining, lot.earned_at, lot.available_at,
                     lot.expires_at, lot.event, lot.rule, lot.rolling, lot.lapsed_at)
