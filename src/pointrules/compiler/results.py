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
    member = outcome.member
    totals: dict[str, int] = {member: 0}
    lots = []
    time = outcome.time
    event_id = outcome.event_id
    rolling_of = core.plan.rolling
    # Positional arguments in the classes' field order (award.AwardLine, state.Lot): the hot path.
    for ln in outcome.lines:
        cr = ln.rule
        available, expires, rolling = memo.get(cr.validity) or validity(core, outcome, cr.validity, memo)
        who, points, name = ln.who, ln.points, cr.name
        lines.append(AwardLine(
            name, cr.rule.label, ln.earn, who,
            exact(ln.bn, ln.bd), ln.amount, ln.factors, ln.factor, ln.rounded, tuple(ln.trims) if ln.trims else (),
            points, available, expires, rolling,
        ))
        totals[who] = totals.get(who, 0) + points
        if points > 0:
            lots.append(Lot(who, points, time, available, expires, event_id, name, rolling_of[name]))
    program = core.program
    tier = outcome.tier
    award = Award(event_id, outcome.kind, member, outcome.local, tier.name, tier.label, program.currency, totals,
                  tuple(lines), core.zone_name)
    change = StateChange(
        event_id, member, time, tuple([CounterChange(*c) for c in outcome.counters]), tuple(outcome.budgets),
        tuple(lots), tuple(history(core, outcome, totals)),
        (member, outcome.tier_record) if outcome.tier_record is not None else None, zone=core.zone_name,
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
