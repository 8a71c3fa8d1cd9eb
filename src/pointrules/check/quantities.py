"""The language's units (periods, times, points) and what a quantity, a date or an expiry clause is
in the checked model; read by the passes that check units and by ``lower.py``."""

from __future__ import annotations

import datetime as dt

from pointrules import syntax as s
from pointrules.program import model as m

UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "quarter": "quarter", "quarters": "quarter", "half-year": "half-year", "half-years": "half-year",
    "year": "year", "years": "year",
}
TIMES_UNITS = {"time", "times"}
POINTS_UNITS = {"point", "points"}


def period_unit(name: s.Name | None) -> str | None:
    """``days`` -> ``day``; ``event`` stays; None stays None."""
    if name is None:
        return None
    return UNITS.get(name.text, name.text)


def duration(q: s.Quantity) -> m.Duration:
    assert q.unit is not None
    return m.Duration(int(q.amount.value), UNITS[q.unit.text])


def date(d: s.DateLit) -> dt.date:
    return dt.date(d.year, d.month, d.day)


def expiry(node: s.Declaration | s.Statement) -> m.Expiry:
    if isinstance(node, s.ExpireNever):
        return m.Expiry("never")
    if isinstance(node, s.ExpireAfter):
        return m.Expiry("after", duration=duration(node.duration))
    if isinstance(node, s.ExpireInactive):
        return m.Expiry("inactive", duration=duration(node.duration))
    if isinstance(node, s.ExpireOn):
        return m.Expiry("on", days=tuple(sorted({(x.month, x.day) for x in node.days})), periods_after=node.nth)
    assert isinstance(node, s.ExpireEnd)
    after = int(node.after.amount.value) if node.after is not None else 0
    return m.Expiry("end", period=UNITS[node.unit.text], periods_after=after + (1 if node.next else 0))
