"""The lot policy: when a lot's points expire, whether they may be spent at an instant, and in which
order lots are spent. One policy for the in-memory state (state.py) and every ledger store
(ledger/work.py, ledger/ledger.py): the rolling-expiry rules are written here once.

A lot expires at its fixed ``expires_at`` (the first instant not valid; None: never), or, when it is
``rolling``, that long after the later of its earning and its member's last activity. A rolling lot
whose span ran out before new activity has *lapsed*: it keeps that expiry, and the activity does
not bring it back (its keeper records the lapse before the activity). Lots are spent soonest expiry
first, then oldest, never-expiring last, creation order breaking ties.
"""

from __future__ import annotations

import datetime as dt

from pointrules.program.model import Duration
from pointrules.evaluate.calendar import add_duration

FAR = dt.datetime.max.replace(tzinfo=dt.timezone.utc)  # sorts after every real expiry


def expiry_now(expires_at: dt.datetime | None, rolling: Duration | None, earned_at: dt.datetime,
               last_activity: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A lot's expiry as of its member's last activity."""
    if rolling is None:
        return expires_at
    since = earned_at if last_activity is None else max(last_activity, earned_at)
    return add_duration(since, rolling, zone)


def lapsed(expiry: dt.datetime | None, at: dt.datetime) -> bool:
    """Whether points with this expiry are no longer valid at ``at``."""
    return expiry is not None and expiry <= at


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
