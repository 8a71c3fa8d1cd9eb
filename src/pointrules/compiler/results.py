"""An Outcome frozen into the interpreter's Award and StateChange, field for field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from ..award import Award, AwardLine
from ..runtime import add_duration, period_end
from ..state import CounterChange, HistoryEntry, Lot, StateChange
from .core import Core, Outcome

_EXACT_LIMIT = 10**50  # below this an integer base is exact at the interpreter's 50 digits


def exact(bn: int, bd: int) -> Decimal:
    """The interpreter's ``_exact``: the base as a Decimal of 50 significant digits."""
    if bd == 1 and -_EXACT_LIMIT < bn < _EXACT_LIMIT:
        return Decimal(bn)  # what Decimal(bn) / Decimal(1) gives: exact, exponent 0
    x = Fraction(bn, bd)
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(x.numerator) / Decimal(x.denominator)


def validity(core: Core, outcome: Outcome, index: int, memo: dict[int, Any]) -> tuple[dt.datetime, dt.datetime | None, bool]:
    """(available at, expires at, rolling) of the lines of one validity class, once per event."""
    hit = memo.get(index)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    pending, expiry = core.plan.validities[index]
    time, zone_name = outcome.time, core.zone_name
    available = add_duration(time, pending, zone_name) if pending else outcome.local
    if expiry.kind == "never":
        expires = None
    elif expiry.kind in ("after", "inactive"):
        assert expiry.duration is not None
        expires = add_duration(time, expiry.duration, zone_name)
    else:
        ends = outcome.day.ends
        if index in ends:
            expires = ends[index]
        else:
            assert expiry.period is not None
            expires = ends[index] = period_end(outcome.day.date, expiry.period, expiry.periods_after, zone_name)
    hit = memo[index] = (available, expires, expiry.kind == "inactive")
    return hit


def freeze(core: Core, outcome: Outcome) -> tuple[Award, StateChange]:
    """The Award and StateChange the interpreter returns for the same event."""
    memo: dict[int, Any] = {}
    lines = []
    for ln in outcome.lines:
        available, expires, rolling = validity(core, outcome, ln.rule.validity, memo)
        lines.append(AwardLine(
            rule=ln.rule.name, label=ln.rule.rule.label, earn=ln.earn, beneficiary=ln.who, base=exact(ln.bn, ln.bd),
            amount=ln.amount, multipliers=ln.factors, factor=ln.factor, rounded=ln.rounded,
            trims=tuple(ln.trims) if ln.trims else (), points=ln.points, available_at=available,
            expires_at=expires, rolling=rolling,
        ))
    member = outcome.member
    totals: dict[str, int] = {member: 0}
    for line in lines:
        totals[line.beneficiary] = totals.get(line.beneficiary, 0) + line.points
    program = core.program
    tier = outcome.tier
    award = Award(
        event=outcome.event_id, kind=outcome.kind, member=member, time=outcome.local, tier=tier.name,
        tier_label=tier.label, currency=program.currency, totals=totals, lines=tuple(lines), zone=core.zone_name,
    )
    rolling = core.plan.rolling
    lots = tuple(
        Lot(member=line.beneficiary, points=line.points, earned_at=outcome.time, available_at=line.available_at,
            expires_at=line.expires_at, event=outcome.event_id, rule=line.rule, rolling=rolling[line.rule])
        for line in lines if line.points > 0
    )
    change = StateChange(
        event_id=outcome.event_id, member=member, time=outcome.time,
        counters=tuple(CounterChange(*c) for c in outcome.counters), budgets=tuple(outcome.budgets), lots=lots,
        history=tuple(history(core, outcome, totals)),
        tier=(member, outcome.tier_record) if outcome.tier_record is not None else None, zone=core.zone_name,
    )
    return award, change


def history(core: Core, outcome: Outcome, totals: dict[str, int]) -> list[tuple[str, HistoryEntry]]:
    """Tier qualification history, as the interpreter's ``_history``."""
    if core.program.tier_policy.qualification is None:
        return []
    field = core.plan.kinds[outcome.kind].spend_field
    spend = None
    if field is not None:
        value = outcome.fields.get(field)
        spend = value if isinstance(value, Decimal) else Decimal(0)
    member = outcome.member
    out = [(member, HistoryEntry(outcome.time, spend or Decimal(0), 1 if spend is not None else 0, totals[member]))]
    out.extend((who, HistoryEntry(outcome.time, Decimal(0), 0, points)) for who, points in totals.items() if who != member)
    return out
