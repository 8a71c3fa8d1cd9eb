"""The tier of a member at an event: given by the host (the member's profile) or computed from the
member's recorded history when the program has a qualification rule.

Re-evaluation happens at every event of the member, before the event's own points: the event
itself never counts toward the tier it is evaluated with. An upgrade takes effect at once; a
downgrade only once the member has not qualified for the current tier for the program's ``keep
tier for`` duration (the grace, counted from when they stopped qualifying or, when later, from when
they got the tier; none: at once), either straight to the qualified tier or one level at a time.
A downgrade after a grace is recorded from the instant the grace ended, whenever the next event
comes, so the next level's grace counts from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pointrules.evaluate.calendar import add_duration, at_midnight, local_time, period_end, period_start_date
from pointrules.evaluate.view import HistoryEntry, StateView, TierRecord
from pointrules.events import Event, EventError
from pointrules.program import model as m


def profile_tier(program: m.Program, member: str, profile: Mapping[str, Any] | None, event_id: str | None = None) -> m.Tier:
    """The tier the host gives a member; the lowest tier when the profile names none."""
    if profile is not None and not isinstance(profile, Mapping):
        raise EventError(event_id, "member", f"the profile of member `{member}` is not an object like {{\"tier\": \"gold\"}}")
    name = profile.get("tier") if profile else None
    if name is None:
        return program.tiers[0]
    for tier in program.tiers:
        if tier.name == name:
            return tier
    known = ", ".join(f"`{t.name}`" for t in program.tiers)
    raise EventError(event_id, "member", f"member `{member}` has tier `{name}`, which is not a tier of this program ({known})")


def window_start(program: m.Program, q: m.Qualification, at: dt.datetime) -> dt.datetime | None:
    """The first instant the qualification window counts: ``last N units`` before ``at``, the
    start of ``this`` calendar unit in the program's zone, or None for ``lifetime`` (no start)."""
    if q.window is None:
        return None
    if q.window_kind == "this":
        day = local_time(at, program.timezone).date()
        return at_midnight(period_start_date(day, q.window.unit), program.timezone)
    back = m.Duration(-q.window.count, q.window.unit)
    return add_duration(at, back, program.timezone)


def metric(program: m.Program, history: list[HistoryEntry] | tuple[HistoryEntry, ...], at: dt.datetime,
           lifetime: bool = False) -> Decimal:
    """The qualification metric over the window ending at ``at`` (entries at or before ``at``);
    with ``lifetime``, over the member's whole history instead."""
    q = program.tier_policy.qualification
    assert q is not None
    start = None if lifetime else window_start(program, q, at)
    if start is None:
        inside = [h for h in history if h.time <= at]
    elif q.window_kind == "this":
        inside = [h for h in history if start <= h.time <= at]
    else:
        inside = [h for h in history if start < h.time <= at]
    if q.metric == "spend":
        return sum((h.spend for h in inside), Decimal(0))
    if q.metric == "points":
        return Decimal(sum(h.points for h in inside))
    if q.metric == "tier points":
        return Decimal(sum(h.tier_points for h in inside))
    return Decimal(sum(h.purchases for h in inside))


Standing = tuple[Decimal, Decimal | None]  # the metric over the window, and over the lifetime when read


def standing(program: m.Program, history: list[HistoryEntry], at: dt.datetime) -> Standing:
    """What qualification reads at ``at``: the window's metric and, when some tier has lifetime
    status (``or … over lifetime``), the metric over the member's whole history."""
    lifetime = any(t.lifetime_threshold is not None for t in program.tiers)
    return metric(program, history, at), metric(program, history, at, lifetime=True) if lifetime else None


def qualifies(tier: m.Tier, value: Standing) -> bool:
    """Whether the standing reaches the tier: its threshold over the window (a tier without one
    needs 0) or its lifetime threshold over the whole history."""
    window, lifetime = value
    if window >= (tier.threshold or Decimal(0)):
        return True
    return tier.lifetime_threshold is not None and lifetime is not None and lifetime >= tier.lifetime_threshold


def qualified_tier(program: m.Program, value: Standing) -> m.Tier:
    """The highest tier the standing qualifies for."""
    best = program.tiers[0]
    for tier in program.tiers:
        if qualifies(tier, value):
            best = tier
    return best


def member_tier(
    program: m.Program, member: str, at: dt.datetime, state: StateView,
    profile: Mapping[str, Any] | None = None, event_id: str | None = None,
) -> tuple[m.Tier, TierRecord | None]:
    """The member's tier at ``at`` and, for computed tiers, the new tier record when it changed."""
    given = profile if profile is not None else state.profile(member)
    policy = program.tier_policy
    if policy.qualification is None:
        return profile_tier(program, member, given, event_id), None
    record = state.tier_record(member)
    if record is None:
        current, since = profile_tier(program, member, given, event_id), None
    else:
        current, since = program.tier(record.tier), record.since
    history = list(state.history(member))
    new, changed = current, since or at
    if policy.assess is None:
        new, changed = _downgrade(program, history, current, since, at, at)
    elif since is not None:  # downgrades only at each assessment since the member got the tier
        review = next_assessment(program, since)
        while review <= at:
            new, changed = _downgrade(program, history, new, changed, review - _INSTANT, review)
            review = next_assessment(program, max(review, changed))
    qualified = qualified_tier(program, standing(program, history, at))
    if qualified.rank > new.rank:  # upgrades at once
        new, changed = qualified, at
    if record is None or new.name != current.name:
        return new, TierRecord(new.name, changed if record is not None else at)
    return new, None


def _downgrade(program: m.Program, history: list[HistoryEntry], current: m.Tier, since: dt.datetime | None,
               seen: dt.datetime, at: dt.datetime) -> tuple[m.Tier, dt.datetime]:
    """The tier after deciding a downgrade at ``at`` on the metric at ``seen``, and since when it
    is held: lower only once the grace after the member stopped qualifying has passed."""
    policy = program.tier_policy
    qualified = qualified_tier(program, standing(program, history, seen))
    held = since or at
    if qualified.rank >= current.rank:
        return current, held
    ends = None
    if since is not None and policy.keep is not None:
        ends = add_duration(stopped_qualifying(program, history, current, since, seen), policy.keep, program.timezone)
        if ends > at:
            return current, held
    rank = qualified.rank if policy.downgrade == "qualified" else max(qualified.rank, current.rank - 1)
    return program.tiers[rank], at if policy.assess is not None else (ends or at)


def next_assessment(program: m.Program, after: dt.datetime) -> dt.datetime:
    """The first assessment instant after ``after``: the end of its local period (the start of the
    next), or its next anniversary (the tier's ``since`` plus whole years)."""
    policy = program.tier_policy
    assert policy.assess is not None
    if policy.assess == "anniversary":
        return add_duration(after, m.Duration(1, "year"), program.timezone)
    return period_end(local_time(after, program.timezone).date(), policy.assess, 0, program.timezone)


_INSTANT = dt.timedelta(microseconds=1)


def stopped_qualifying(program: m.Program, history: list[HistoryEntry], tier: m.Tier, since: dt.datetime,
                       at: dt.datetime) -> dt.datetime:
    """When the member stopped qualifying for ``tier`` (held since ``since``), not qualifying at
    ``at``: the last instant the member fell below the tier (its threshold over the window and,
    with lifetime status, over the whole history), or ``since`` when they have not reached it since
    then. Grace (``keep tier for``) counts from this instant."""
    for drop in sorted((d for d in _drops(program, history, at) if since < d <= at), reverse=True):
        if qualifies(tier, standing(program, history, drop - _INSTANT)):
            return drop
    return since


def _drops(program: m.Program, history: list[HistoryEntry], at: dt.datetime) -> set[dt.datetime]:
    """The instants up to ``at`` where the metric may fall: a return (an entry taking spend,
    purchases or points back: the only falls over the lifetime), an entry leaving a ``last``
    window, or the start of a ``this`` period."""
    q = program.tier_policy.qualification
    assert q is not None
    zone_name = program.timezone
    out = {h.time for h in history
           if h.time <= at and (h.spend < 0 or h.purchases < 0 or h.points < 0 or h.tier_points < 0)}
    if q.window is None or not history:
        return out
    if q.window_kind == "this":
        first = min(h.time for h in history)
        step = m.Duration(1, q.window.unit)
        start = at_midnight(period_start_date(local_time(first, zone_name).date(), q.window.unit), zone_name)
        while start <= at:
            out.add(start)
            start = add_duration(start, step, zone_name)
        return out
    for h in history:
        leaves = add_duration(h.time, q.window, zone_name)
        while leaves <= at and (window_start(program, q, leaves) or leaves) < h.time:  # a month end clamped
            leaves = at_midnight(local_time(leaves, zone_name).date() + dt.timedelta(days=1), zone_name)
        if leaves <= at:
            out.add(leaves)
    return out


def spend_of(program: m.Program, event: Event) -> Decimal | None:
    """What tier qualification counts as the event's spend: None when its kind does not count
    (``Qualification.counts``), else its money field's value (0 when absent or without one)."""
    q = program.tier_policy.qualification
    if q is None:
        return None
    counts, field = q.counted_field(event.kind)
    if not counts:
        return None
    value = event.fields.get(field) if field is not None else None
    return value if isinstance(value, Decimal) else Decimal(0)


def event_money(program: m.Program, event: Event) -> Decimal | None:
    """The money a return of the event is counted in: the field tier qualification counts for its
    kind, else its first money field (0 when absent); None when it has no money field."""
    field = return_field(program, event.kind)
    if field is None:
        return None
    value = event.fields.get(field)
    return value if isinstance(value, Decimal) else Decimal(0)


def return_field(program: m.Program, kind: str) -> str | None:
    """The money field a return of an event of ``kind`` is counted in (see event_money)."""
    q = program.tier_policy.qualification
    field = q.counted_field(kind)[1] if q is not None else None
    if field is None:
        field = next((n for n, t in program.events[kind].fields.items() if t.kind == "money"), None)
    return field


def history_entries(time: dt.datetime, member: str, spend: Decimal | None, totals: Mapping[str, int],
                    tier_points: Mapping[str, int]) -> list[tuple[str, HistoryEntry]]:
    """An event's tier history, as both evaluators record it: the event's member first (its spend,
    a purchase when its kind is counted), then each other beneficiary of points or tier points in
    the order they were first paid."""
    zero = Decimal(0)
    out = [(member, HistoryEntry(time, spend or zero, 1 if spend is not None else 0, totals.get(member, 0),
                                 tier_points.get(member, 0)))]
    for who in dict.fromkeys([*totals, *tier_points]):
        if who != member:
            out.append((who, HistoryEntry(time, zero, 0, totals.get(who, 0), tier_points.get(who, 0))))
    return out
