"""The lot model and the lot policy: when a lot's points expire, when a rolling lot lapses, whether
points may be spent at an instant, and in which order lots are spent. One model and one policy for
the in-memory state (memory.py) and every ledger store (ledger/pending.py, ledger/moves.py): the
rolling-expiry rules are written here once, and both keepers call these functions.

Theory of operation. A lot is points earned together (``Lot``; the ledger's ``LedgerLot`` adds an
id, an order of creation and what is left). It expires at its fixed ``expires_at`` (the first
instant not valid; None: never), or, when it is ``rolling``, that long after the later of its
earning and its member's last activity. Each activity of the member before the end of that span
carries it on; the first activity at or after the end finds it *lapsed* at the end
(``lapse_at``): the keeper sets ``lapsed_at``, and from then on the lot is like one with a fixed
expiry at that instant (valid before it, expired from it, spent by nobody), so a balance asked at
any instant counts it as the lots earned with a fixed expiry are counted.

All of it follows the member's activity *in time order*, whatever order events arrive in: a lot
earned before its member's last activity (a late event, or points for a referee who was active
since) is walked through that activity (``lapse``), so it lapses as it would have if it had come in
time; an activity dated before the member's last one is activity all the same, and the lots found
lapsed after it are walked again (``bridged``): it may carry them on (they had not lapsed after
all) or move their lapse later. A lot still carried on is carried to the member's last activity,
which a late activity cannot change. Only a movement is final: once the ledger's ``expire`` has
recorded a lot as expired, its points are gone.

Lots are spent soonest expiry first, then oldest, never-expiring last, creation order breaking
ties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from pointrules.evaluate.calendar import add_duration
from pointrules.program.model import Duration

if TYPE_CHECKING:
    from pointrules.evaluate.outcome import Outcome

FAR = dt.datetime.max.replace(tzinfo=dt.UTC)  # sorts after every real expiry


@attrs.frozen
class Lot:
    """Points earned together: usable from ``available_at``; valid until ``expires_at`` (the first
    instant not valid, None for never). A ``rolling`` lot expires ``rolling`` after the member's
    last activity instead (``expires_at`` is then its expiry as of the earning event), or at
    ``lapsed_at`` once a span without activity ran out."""

    member: str
    points: int
    earned_at: dt.datetime
    available_at: dt.datetime
    expires_at: dt.datetime | None
    event: str
    rule: str
    rolling: Duration | None = None
    lapsed_at: dt.datetime | None = None


class Expiring(Protocol):
    """What the policy reads of a lot: ``Lot`` and the ledger's ``LedgerLot`` both have it."""

    @property
    def earned_at(self) -> dt.datetime: ...
    @property
    def expires_at(self) -> dt.datetime | None: ...
    @property
    def rolling(self) -> Duration | None: ...
    @property
    def lapsed_at(self) -> dt.datetime | None: ...


L = TypeVar("L", bound=Expiring)


def lots_of(outcome: Outcome) -> list[Lot]:
    """The lots an event's outcome makes: one per paying line, earned at the event's time."""
    time, event = outcome.time, outcome.event_id
    return [Lot(ln.beneficiary, ln.points, time, ln.available_at, ln.expires_at, event, ln.rule, ln.rolling)
            for ln in outcome.lines if ln.points > 0]


def expiry_now(lot: Expiring, last_activity: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A lot's expiry as of its member's last activity: fixed, lapsed, or the end of its span
    without activity."""
    if lot.rolling is None:
        return lot.expires_at
    if lot.lapsed_at is not None:
        return lot.lapsed_at
    return _span_end(lot.earned_at, lot.rolling, last_activity, zone)


def _span_end(earned_at: dt.datetime, rolling: Duration, last_activity: dt.datetime | None,
              zone: str) -> dt.datetime:
    """The rolling rule: a span after the later of the earning and the last activity."""
    since = earned_at if last_activity is None or last_activity < earned_at else last_activity
    return add_duration(since, rolling, zone)


def lapsed(expiry: dt.datetime | None, at: dt.datetime) -> bool:
    """Whether points with this expiry are no longer valid at ``at`` (the expiry is the first
    instant not valid: at that very instant they are gone)."""
    return expiry is not None and expiry <= at


def lapse_at(lot: Expiring, last_activity: dt.datetime | None, at: dt.datetime, zone: str) -> dt.datetime | None:
    """One step of the walk: activity at ``at``, the member's next after ``last_activity``, finds a
    rolling lot still carried on lapsed at the end of its span (returned), or carries it on (None).
    An activity exactly at the end finds it lapsed."""
    if lot.rolling is None or lot.lapsed_at is not None:
        return None
    end = _span_end(lot.earned_at, lot.rolling, last_activity, zone)
    return end if lapsed(end, at) else None


def lapse(lot: Expiring, activity: Iterable[dt.datetime], zone: str) -> dt.datetime | None:
    """When a rolling lot lapsed (whatever its ``lapsed_at`` says), walking its member's activity in
    time order (``activity``, sorted) from its earning, as ``lapse_at`` steps; None: carried on to
    the last of them."""
    if lot.rolling is None:
        return None
    last = None
    for at in activity:
        if at <= lot.earned_at:
            continue
        end = _span_end(lot.earned_at, lot.rolling, last, zone)
        if lapsed(end, at):
            return end
        last = at
    return None


def bridged(lot: Expiring, late: dt.datetime) -> bool:
    """Whether an activity at ``late``, arriving after later ones, may change a lapsed lot: it falls
    after the lot's earning and before its lapse (activity after a lapse never brings points back)."""
    return lot.lapsed_at is not None and lot.earned_at < late < lot.lapsed_at


def with_lapse(lot: L, lapsed_at: dt.datetime | None) -> L:
    """The lot lapsed at ``lapsed_at`` (None: carried on again)."""
    return attrs.evolve(lot, lapsed_at=lapsed_at)  # type: ignore[misc]


def state_at(remaining: int, available_at: dt.datetime, expiry: dt.datetime | None, at: dt.datetime) -> str:
    """``debt`` (a negative balance), ``expired``, ``pending`` or ``available`` at ``at``."""
    if remaining < 0:
        return "debt"
    if lapsed(expiry, at):
        return "expired"
    return "pending" if available_at > at else "available"


def spending_order(expiry: dt.datetime | None, earned_at: dt.datetime, created: int) -> tuple[dt.datetime, dt.datetime, int]:
    """The key lots are spent by: soonest expiry, then oldest, then first created."""
    return (expiry or FAR, earned_at, created)
