"""Member state: what evaluation reads (``StateView``) and an in-memory store that applies what it
returns (``MemoryState``).

Theory of operation: evaluation never writes. It reads counters through ``StateView`` and returns
an ``Outcome`` (evaluate/outcome.py; ``StateChange`` to hosts): counter increments keyed by (member, scope,
period key), campaign budget use, the lines whose points make lots, the member's recorded tier and
history. Applying it is the caller's step, in ``MemoryState.apply`` (or the ledger), so a rejected
event (EventError) leaves the state exactly as it was. Counter scopes:
``rule:NAME:times:PERIOD``, ``rule:NAME:points:PERIOD``, ``cap:PERIOD:KINDS`` (a cap, by what it
counts: evaluate/caps.py), ``reward:NAME:PERIOD`` and the member's history, ``history:KIND:…`` (program/history.py);
PERIOD is ``day`` … ``year`` or ``ever``.

A ``MemoryState`` keeps every processed id and every period's counters unless it has a ``window``
(docs/robustness.md, "Memory of simulate"): then it keeps them only for events at most ``window``
before the latest event it applied (the horizon), refuses in ``apply`` an event older than that
(EventError on ``time``: its duplicate or its counters may be forgotten), and drops the ids of UTC
days, and the counters of periods, that ended before the horizon (a history counter a streak or a
rolling window still reads is kept as many days longer as its scope says). Every event it accepts is then
paid exactly as without a window, since nothing it could read was dropped.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right, insort
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from pointrules.evaluate.calendar import last_day_of
from pointrules.evaluate.calendar import zone as _zone
from pointrules.evaluate.outcome import CounterChange, Outcome, StateChange
from pointrules.evaluate.view import HistoryEntry, StateView, TierRecord
from pointrules.events import EventError
from pointrules.program.history import scope_unit
from pointrules.state.lots import (
    Lot,
    bridged,
    expiry_now,
    lapse,
    lapse_at,
    lots_of,
    spending_order,
    state_at,
    with_lapse,
)

__all__ = ["CounterChange", "HistoryEntry", "Lot", "MemoryState", "StateChange", "StateView", "TierRecord"]


@attrs.define
class MemoryState:
    """Every member's state in memory: counters, budgets, lots, tiers, history and processed ids."""

    profiles: dict[str, Mapping[str, Any]] = attrs.field(factory=dict)
    processed: set[str] = attrs.field(factory=set)
    counters: dict[tuple[str, str, str], int] = attrs.field(factory=dict)
    budgets: dict[str, int] = attrs.field(factory=dict)
    lots: dict[str, list[Lot]] = attrs.field(factory=dict)
    tiers: dict[str, TierRecord] = attrs.field(factory=dict)
    histories: dict[str, list[HistoryEntry]] = attrs.field(factory=dict)
    activity: dict[str, list[dt.datetime]] = attrs.field(factory=dict)  # each member's, in time order
    stock: dict[str, int] = attrs.field(factory=dict)
    used: dict[tuple[str, int], int] = attrs.field(factory=dict)  # (member, lot index) -> points redeemed
    zone: str = "UTC"
    # False: the lots, and the activity that dates their rolling expiry, are not kept (evaluation
    # never reads them; a stream whose state no one sees afterwards need not build them). Balances
    # and redemptions then see no points.
    keep_lots: bool = attrs.field(default=True, eq=False)
    # Members holding a rolling lot still carried on (expiring after a span without activity): only
    # their lots are looked at when they are active again. Derived from ``lots``, so not part of
    # equality.
    rolling_members: set[str] = attrs.field(factory=set, init=False, eq=False, repr=False)
    # Members holding a lapsed lot: only theirs are walked again when an activity arrives late.
    lapsed_members: set[str] = attrs.field(factory=set, init=False, eq=False, repr=False)
    # Keep ids and period counters only this long before the latest event; None: keep them all.
    window: dt.timedelta | None = attrs.field(default=None, eq=False)
    # The window's bookkeeping: the latest event time applied, the ids applied per UTC day of their
    # event's time, and the time from which the horizon has passed another day (then it prunes).
    latest: dt.datetime | None = attrs.field(default=None, init=False, eq=False, repr=False)
    id_days: dict[int, list[str]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _prune_at: dt.datetime | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.rolling_members.update(member for member, lots in self.lots.items()
                                    if any(lot.rolling is not None and lot.lapsed_at is None for lot in lots))
        self.lapsed_members.update(member for member, lots in self.lots.items()
                                   if any(lot.lapsed_at is not None for lot in lots))
        if self.window is not None and self.window <= dt.timedelta(0):
            raise ValueError("a window must be longer than zero")

    def is_processed(self, event_id: str) -> bool:
        return event_id in self.processed

    def counter(self, member: str, scope: str, period: str) -> int:
        return self.counters.get((member, scope, period), 0)

    def budget_used(self, campaign: str) -> int:
        return self.budgets.get(campaign, 0)

    def profile(self, member: str) -> Mapping[str, Any] | None:
        return self.profiles.get(member)

    def tier_record(self, member: str) -> TierRecord | None:
        return self.tiers.get(member)

    def history(self, member: str) -> Sequence[HistoryEntry]:
        return self.histories.get(member, ())

    def stock_used(self, reward: str) -> int:
        return self.stock.get(reward, 0)

    def apply(self, change: Outcome) -> None:
        """Record an accepted operation's outcome: the one place an event or a redemption changes a
        MemoryState. The id is then processed and cannot pay twice."""
        processed, event_id = self.processed, change.event_id
        if event_id in processed:
            raise ValueError(f"event `{event_id}` was already applied")
        if self.window is not None:
            self._admit(event_id, change.time)
        processed.add(event_id)
        self.zone = change.zone
        if change.counters:
            counters = self.counters
            for who, scope, period, amount in change.counters:
                key = (who, scope, period)
                counters[key] = counters.get(key, 0) + amount
        if change.budgets:
            for campaign, points in change.budgets:
                self.budgets[campaign] = self.budgets.get(campaign, 0) + points
        if self.keep_lots:  # activity dates lots' rolling expiry; evaluation itself never reads it
            self.touch(change.member, change.time)
            if change.lines:
                for lot in lots_of(change):
                    if lot.rolling is not None:
                        times = self.activity.get(lot.member)
                        if times and times[-1] > lot.earned_at:  # late: it lapses as it would have in time
                            lot = with_lapse(lot, lapse(lot, times[bisect_right(times, lot.earned_at):], self.zone))
                        (self.rolling_members if lot.lapsed_at is None else self.lapsed_members).add(lot.member)
                    self.lots.setdefault(lot.member, []).append(lot)
        if change.history:
            for member, entry in change.history:
                self.histories.setdefault(member, []).append(entry)
        if change.tier is not None:
            self.tiers[change.tier[0]] = change.tier[1]
        if change.stock or change.spent:
            for reward, units in change.stock:
                self.stock[reward] = self.stock.get(reward, 0) + units
            for member, points in change.spent:
                self._consume(member, points, change.time)

    def horizon(self) -> dt.datetime | None:
        """The earliest event time this state still accepts (None: any time)."""
        if self.window is None or self.latest is None:
            return None
        return self.latest - self.window

    def _admit(self, event_id: str, time: dt.datetime) -> None:
        """A windowed state's step of ``apply``: refuse an event older than the horizon, else file
        its id under its UTC day and prune when the horizon has passed into another day."""
        horizon = self.horizon()
        if horizon is not None and time < horizon:
            raise EventError(event_id, "time", (
                f"`{time.isoformat()}` is more than {_words(self.window)} before the latest event"  # type: ignore[arg-type]
                f" (`{self.latest.isoformat()}`): this run keeps ids and counters for"  # type: ignore[union-attr]
                f" {_words(self.window)} only, so it could pay this event twice or from a restarted counter"))  # type: ignore[arg-type]
        self.id_days.setdefault(_utc_day(time), []).append(event_id)
        if self.latest is None or time > self.latest:
            self.latest = time
            if self._prune_at is None or time >= self._prune_at:
                self._prune()

    def _prune(self) -> None:
        """Drop the ids of UTC days, and the counters of periods, that ended before the horizon:
        no event this state accepts from now on could read them."""
        horizon = self.horizon()
        assert horizon is not None
        first = _utc_day(horizon)  # ids of earlier days belong to events now refused as late
        for day in [day for day in self.id_days if day < first]:
            self.processed.difference_update(self.id_days.pop(day))
        today = horizon.astimezone(_zone(self.zone)).date()
        ends: dict[tuple[str, int], dt.date | None] = {}
        ended = []
        for key in self.counters:
            period, more = key[2], _kept_longer(key[1])
            end = ends.get((period, more), _UNKNOWN)
            if end is _UNKNOWN:
                end = ends[(period, more)] = _last_day(period, more)
            if end is not None and end < today:
                ended.append(key)
        for key in ended:
            del self.counters[key]
        # Again when the horizon enters the next UTC day; a local day's counters that ended in
        # between wait until then (keeping longer is always safe).
        self._prune_at = _EPOCH + dt.timedelta(days=first + 1) + self.window  # type: ignore[operator]

    def touch(self, member: str, at: dt.datetime) -> None:
        """Record the member's activity at ``at`` (the lot policy, lots.py). A rolling lot whose span
        without activity ended at or before ``at`` lapsed then and keeps that expiry, so the new
        activity does not bring it back; an activity dated before the last one may carry on the
        lots found lapsed after it, as it would have in time order."""
        times = self.activity.get(member)
        if times is None:
            times = self.activity[member] = []
        elif at <= times[-1]:
            if at < times[-1]:
                insort(times, at)
                if member in self.lapsed_members:
                    self._bridge(member, at)
            return
        if member in self.rolling_members:  # without activity yet (a referee), lots count from earning
            last = times[-1] if times else None
            mine = self.lots.get(member, [])
            still = False
            for i, lot in enumerate(mine):
                if lot.rolling is not None and lot.lapsed_at is None:
                    end = lapse_at(lot, last, at, self.zone)
                    if end is not None:
                        mine[i] = with_lapse(lot, end)
                        self.lapsed_members.add(member)
                    else:
                        still = True
            if not still:
                self.rolling_members.discard(member)
        times.append(at)

    def _bridge(self, member: str, late: dt.datetime) -> None:
        """Walk again, through the activity as it now stands, each lapsed lot that an activity at
        ``late`` (arriving after later ones) falls inside the span of."""
        mine = self.lots.get(member, [])
        times = self.activity[member]
        for i, lot in enumerate(mine):
            if bridged(lot, late):
                mine[i] = lot = with_lapse(lot, lapse(lot, times[bisect_right(times, lot.earned_at):], self.zone))
                if lot.lapsed_at is None:
                    self.rolling_members.add(member)

    def last_activity(self, member: str) -> dt.datetime | None:
        """The member's latest activity (an event of theirs or a redemption), or None."""
        times = self.activity.get(member)
        return times[-1] if times else None

    def _consume(self, member: str, points: int, at: dt.datetime) -> None:
        # The lot policy's order (lots.py): soonest expiry, oldest, first created.
        usable = [
            spending_order(self.expires_at(lot), lot.earned_at, i)
            for i, lot in enumerate(self.lots.get(member, ()))
            if self._usable(lot, at)
        ]
        for _, _, i in sorted(usable):
            if points <= 0:
                break
            lot = self.lots[member][i]
            take = min(points, lot.points - self.used.get((member, i), 0))
            self.used[(member, i)] = self.used.get((member, i), 0) + take
            points -= take
        if points > 0:
            raise ValueError(f"member `{member}` has not enough usable points")

    def _usable(self, lot: Lot, at: dt.datetime) -> bool:
        return state_at(lot.points, lot.available_at, self.expires_at(lot), at) == "available"

    def expires_at(self, lot: Lot) -> dt.datetime | None:
        """A lot's expiry now: a rolling lot expires its duration after the member's last activity,
        or when it lapsed."""
        return expiry_now(lot, self.last_activity(lot.member), self.zone)

    def balance(self, member: str, at: dt.datetime) -> int:
        """Usable points at ``at``: what is left of the lots that are available and not expired."""
        return sum(
            lot.points - self.used.get((member, i), 0)
            for i, lot in enumerate(self.lots.get(member, ()))
            if self._usable(lot, at)
        )


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _utc_day(instant: dt.datetime) -> int:
    """Days from 1970-01-01 to the UTC day of an aware instant."""
    return (instant - _EPOCH).days


_UNKNOWN: Any = object()


def _kept_longer(scope: str) -> int:
    """The days past its period's end a counter is still read: a history scope (program/history.py)
    read by a streak (the next day or week) or a rolling window (``day+29``: 29 days); else 0."""
    if not scope.startswith("history:"):
        return 0
    unit, more = scope_unit(scope)
    return more * 7 if unit == "week" else more


def _last_day(period: str, more: int = 0) -> dt.date | None:
    """The last local date a counter of a period key (calendar.period_key) is read: its period's last
    day, ``more`` days later; None for ``ever`` and anything else, which is kept."""
    end = last_day_of(period)
    return end + dt.timedelta(days=more) if end is not None and more else end


def _words(window: dt.timedelta) -> str:
    """A window as a reader says it: ``30 days``, ``12 hours``, ``90 minutes``."""
    seconds = int(window.total_seconds())
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds % size == 0:
            n = seconds // size
            return f"{n:,} {unit}{'' if n == 1 else 's'}"
    return f"{seconds:,} seconds"
