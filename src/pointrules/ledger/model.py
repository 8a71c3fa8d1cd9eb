"""What the ledger holds and returns: lots, entries (movements), balances, receipts and options.

Every time in these classes is an aware datetime in UTC: the ledger normalises instants before
it stores them, so every store hands back exactly what another would.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs

from pointrules.errors import Error
from pointrules.evaluate.award import Award
from pointrules.evaluate.outcome import Outcome
from pointrules.program.model import Duration

UTC = dt.UTC

# Why points moved. ``settle`` pays a negative balance (a debt lot) back from new points: it comes
# in pairs that add to 0, so the member's balance does not move. ``tier`` is a retier's entry of
# 0 points: the tier found, kept in the member's history with who asked for it.
REASONS = ("earn", "redeem", "expire", "reverse", "adjust", "transfer_in", "transfer_out", "settle", "tier")

# What a 64-bit column holds. The ledger keeps the points it ever moved (every entry counted
# positive) at or below it, so no lot, entry, counter or sum of them can overflow in any store.
MAX_POINTS = 2**63 - 1


class LedgerError(Error):
    """An operation the ledger refused (not enough points, a limit, a return larger than the
    order…). The refusal is recorded under the operation's id: doing it again refuses again."""

    def __init__(self, operation: str, message: str) -> None:
        self.operation = operation
        self.message = message
        super().__init__(f"operation {operation}: {message}")


class StoreError(Error):
    """A store whose data cannot be used as a ledger: a damaged file, another program's database,
    a ledger format this version does not know, or a file locked for too long. ``where`` names the
    file (or the store); the operation wrote nothing."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


class DamagedData(Error, ValueError):
    """Stored data that does not decode as the ledger wrote it; the store turns it into a
    ``StoreError`` naming itself."""


@attrs.frozen
class LedgerLot:
    """Points earned (or received) together. ``remaining`` is what is left of ``points``; a
    debt lot (a negative balance the ledger allowed) has negative points and remaining.
    ``expires_at`` is the first instant not valid (None: never); a ``rolling`` lot expires that
    long after the member's last activity instead, or at ``lapsed_at`` once a span without
    activity ran out (state/lots.py)."""

    id: str
    seq: int  # ledger-wide order of creation: the last tie-breaker when lots are consumed
    member: str
    points: int
    remaining: int
    earned_at: dt.datetime
    available_at: dt.datetime
    expires_at: dt.datetime | None
    event: str  # the event or operation that created the lot
    rule: str  # the rule that earned it, or ``adjust``, ``transfer``, ``debt``
    rolling: Duration | None = None
    lapsed_at: dt.datetime | None = None


@attrs.frozen
class Entry:
    """One movement of points on one lot (or on none, for a recorded shortfall), with its reason,
    and, for audit, the operator who did the operation and the reason they gave."""

    seq: int
    operation: str
    member: str
    at: dt.datetime
    reason: str  # one of REASONS
    points: int  # signed: + credits the member, - debits
    lot: str | None
    note: str = ""  # what the ledger says of the movement (``reward coffee``, ``return of e17``)
    operator: str = ""  # who did the operation (audit; empty for events and expiry runs nobody named)
    comment: str = ""  # the reason the operator gave (``--reason``), kept for audit
    # the version of the program in force when the operation happened (for an event, at its time:
    # the version that awarded it); None on a ledger of one program file (program/versions.py)
    version: int | None = None


@attrs.frozen
class EventRecord:
    """What a reversal needs of a processed event: its money, how much of it was returned and
    how many points each beneficiary earned and lost so far."""

    id: str
    member: str
    kind: str
    time: dt.datetime
    amount: Decimal | None  # the money field tiers count for its kind, else its first; None without money
    returned: Decimal
    totals: tuple[tuple[str, int], ...]
    clawed: tuple[tuple[str, int], ...] = ()
    tier_totals: tuple[tuple[str, int], ...] = ()  # tier points each beneficiary earned (taken back in proportion)


# Rows: a lot, an entry or an event record as a plain tuple of its values in field order, as the
# stores and a batch keep them (``LedgerLot(*row)`` makes the lot again). Recording an event makes
# rows only (recording.py): a lot or an entry becomes an object when someone reads it.
LotRow = tuple[Any, ...]  # id, seq, member, points, remaining, earned_at, available_at, expires_at, event, rule, rolling, lapsed_at
EntryRow = tuple[Any, ...]  # seq, operation, member, at, reason, points, lot, note, operator, comment, version
RecordRow = tuple[Any, ...]  # id, member, kind, time, amount, returned, totals, clawed, tier_totals


def lot_values(lot: LedgerLot) -> LotRow:
    """A lot as a row."""
    return (lot.id, lot.seq, lot.member, lot.points, lot.remaining, lot.earned_at, lot.available_at, lot.expires_at,
            lot.event, lot.rule, lot.rolling, lot.lapsed_at)


def record_values(record: EventRecord) -> RecordRow:
    """An event record as a row."""
    return (record.id, record.member, record.kind, record.time, record.amount, record.returned, record.totals,
            record.clawed, record.tier_totals)


def special(row: LotRow) -> bool:
    """Whether a lot (as a row) rolls or is owed: what the lot policy may change when its member is
    active or receives points (batch.py's ``plain``)."""
    return row[10] is not None or row[4] < 0


@attrs.frozen
class Balance:
    """A member's points at an instant. available + pending is the sum of the live lots not yet
    expired; ``expired`` counts lots past their expiry even before ``expire`` recorded them."""

    member: str
    available: int
    pending: int
    expired: int
    spent: int  # redeemed on orders and rewards
    lifetime: int  # earned from events, ever
    reversed: int = 0  # clawed back by returns
    adjusted: int = 0  # net of adjustments
    transferred: int = 0  # net of transfers (in - out)

    def row(self) -> dict[str, Any]:
        """The wire form: one JSON object per member."""
        return attrs.asdict(self)


@attrs.frozen
class TransferPolicy:
    """Whether and how much members may give each other (转让): each transfer between
    ``minimum`` and ``max_per_transfer`` points, and a sender gives at most ``max_per_month``
    points per calendar month of the program's zone. None means no limit."""

    minimum: int = 1
    max_per_transfer: int | None = None
    max_per_month: int | None = None


@attrs.frozen
class LedgerOptions:
    """Ledger-level policy the program language does not say: whether a balance may go negative
    (a return after the points were spent) and whether members may transfer points."""

    allow_negative: bool = False
    transfers: TransferPolicy | None = None  # None: transfers are refused


@attrs.frozen
class Receipt:
    """The result of one operation, stored under its id and returned again on a replay.
    ``totals`` is each member's balance change; ``refused`` holds the reason of a refusal."""

    operation: str
    kind: str  # event, redeem_order, redeem_reward, reverse, adjust, transfer, expire, retier
    at: dt.datetime
    totals: tuple[tuple[str, int], ...] = ()
    value: Decimal | None = None  # money the redeemed points are worth (an order) or the cash due (a reward)
    shortfall: tuple[tuple[str, int], ...] = ()  # points a return could not claw back
    note: str = ""
    refused: str | None = None
    award: Award | None = attrs.field(default=None, eq=False)  # the first run of an event only
    outcome: Outcome | None = attrs.field(default=None, eq=False)  # what the award meant, likewise
    replayed: bool = attrs.field(default=False, eq=False)

    def total(self, member: str) -> int:
        """One member's balance change."""
        return dict(self.totals).get(member, 0)


_TEXTS: dict[dt.datetime, str] = {}  # instants written lately: a lot's times, its entries' and its event's repeat


def time_text(instant: dt.datetime) -> str:
    """A fixed-width UTC text that sorts like the instant (fingerprints, receipts and format 3 ledgers):
    ``2026-03-02T02:00:00.000000Z``. Equal instants (whatever their offset) have one text."""
    text = _TEXTS.get(instant)
    if text is None:
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        text = _TEXTS[instant] = instant.astimezone(UTC).isoformat(timespec="microseconds")[:-6] + "Z"
    return text


def parse_time(text: str) -> dt.datetime:
    """The instant of a ``time_text`` (ValueError or TypeError for anything else)."""
    instant = dt.datetime.fromisoformat(text)
    if instant.tzinfo is None:
        raise ValueError(f"time {text!r} has no offset")
    return instant.astimezone(UTC)


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # compact, its encoder made once


def receipt_json(receipt: Receipt) -> str:
    """A receipt as JSON text, without the award (it is not kept)."""
    return _JSON({
        "operation": receipt.operation, "kind": receipt.kind, "at": time_text(receipt.at),
        "totals": receipt.totals, "value": None if receipt.value is None else str(receipt.value),
        "shortfall": receipt.shortfall, "note": receipt.note, "refused": receipt.refused,
    })


def point_pairs(value: Any) -> tuple[tuple[str, int], ...]:
    """(member, points) pairs read from JSON; TypeError when they are not."""
    pairs = tuple((m, p) for m, p in value)
    if not all(type(m) is str and type(p) is int for m, p in pairs):
        raise TypeError("not (member, points) pairs")
    return pairs


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def receipt_from_json(text: str) -> Receipt:
    """A stored receipt, marked as replayed; DamagedData when it is not one."""
    try:
        d = json.loads(text)
        return Receipt(
            operation=_text(d["operation"]), kind=_text(d["kind"]), at=parse_time(d["at"]),
            totals=point_pairs(d["totals"]), value=None if d["value"] is None else Decimal(_text(d["value"])),
            shortfall=point_pairs(d["shortfall"]), note=_text(d["note"]),
            refused=None if d["refused"] is None else _text(d["refused"]), replayed=True,
        )
    except (ValueError, TypeError, KeyError, IndexError, ArithmeticError) as error:
        raise DamagedData(f"a stored receipt cannot be read ({error})") from None


def event_record_json(record: EventRecord) -> str:
    """An event record as a JSON object: how ledgers of format 3 and before kept it (a SQL store
    of format 4 writes schema.event_body, and reads this form only to upgrade)."""
    return _JSON({
        "id": record.id, "member": record.member, "kind": record.kind, "time": time_text(record.time),
        "amount": None if record.amount is None else str(record.amount), "returned": str(record.returned),
        "totals": record.totals, "clawed": record.clawed,
        **({"tier": record.tier_totals} if record.tier_totals else {}),
    })


def event_record_from_json(text: str) -> EventRecord:
    """A stored event record; DamagedData when it is not one."""
    try:
        d = json.loads(text)
        return EventRecord(
            id=_text(d["id"]), member=_text(d["member"]), kind=_text(d["kind"]), time=parse_time(d["time"]),
            amount=None if d["amount"] is None else Decimal(_text(d["amount"])),
            returned=Decimal(_text(d["returned"])), totals=point_pairs(d["totals"]), clawed=point_pairs(d["clawed"]),
            tier_totals=point_pairs(d.get("tier", [])),
        )
    except (ValueError, TypeError, KeyError, IndexError, ArithmeticError) as error:
        raise DamagedData(f"a stored event record cannot be read ({error})") from None


@attrs.frozen
class ExpiringPoints:
    """Points of a member that expire at one instant (for reminders, 到期提醒)."""

    member: str
    points: int
    expires_at: dt.datetime


@attrs.frozen
class Liability:
    """What the outstanding points are worth: available and pending points of every member
    (a member's negative balance counts as 0), valued at the program's ``value``."""

    points: int
    value: Decimal
    currency: str


@attrs.frozen
class LedgerSummary:
    """Points by movement since the ledger began, and what is outstanding at an instant.
    earned + adjusted - redeemed - expired - reversed = outstanding + overdue (transfers and
    settlements add to 0)."""

    members: int
    earned: int
    adjusted: int
    redeemed: int
    expired: int  # recorded by ``expire``
    reversed: int
    transferred: int  # gross: points that changed hands
    shortfall: int  # points returns could not claw back
    outstanding: int  # live, not yet expired at the instant (net of negative balances)
    overdue: int  # past their expiry at the instant but not yet recorded as expired
