"""Period keys, expiry instants and campaign schedules, the runtime functions both evaluators use.
Pending points, every expiry kind, rolling expiry and campaign days in programs are in
tests/conformance/ (expiry, rolling, campaigns), run through every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from pointrules.program import model as m
from pointrules.evaluate.calendar import campaign_active, expiry_instant, period_key
from pointrules.source import Span


@pytest.mark.parametrize(("day", "unit", "key"), [
    (dt.date(2026, 3, 2), "day", "2026-03-02"),
    (dt.date(2026, 3, 2), "week", "2026-W10"),
    (dt.date(2027, 1, 1), "week", "2026-W53"),  # ISO week of the previous year
    (dt.date(2026, 3, 2), "month", "2026-03"),
    (dt.date(2026, 11, 11), "quarter", "2026-Q4"),
    (dt.date(2026, 6, 30), "half-year", "2026-H1"),  # January to June
    (dt.date(2026, 7, 1), "half-year", "2026-H2"),  # July to December
    (dt.date(2026, 3, 2), "year", "2026"),
    (dt.date(2026, 3, 2), None, "ever"),
])
def test_period_keys(day, unit, key):
    assert period_key(day, unit) == key


@pytest.mark.parametrize(("expiry", "first_invalid"), [
    (m.Expiry("never"), None),
    (m.Expiry("after", duration=m.Duration(12, "month")), "2027-01-31T10:00:00+08:00"),
    (m.Expiry("after", duration=m.Duration(30, "day")), "2026-03-02T10:00:00+08:00"),
    (m.Expiry("inactive", duration=m.Duration(6, "month")), "2026-07-31T10:00:00+08:00"),
    (m.Expiry("end", period="month", periods_after=0), "2026-02-01T00:00:00+08:00"),
    (m.Expiry("end", period="quarter", periods_after=2), "2026-10-01T00:00:00+08:00"),
    (m.Expiry("end", period="year", periods_after=1), "2028-01-01T00:00:00+08:00"),
    (m.Expiry("end", period="half-year", periods_after=0), "2026-07-01T00:00:00+08:00"),
    (m.Expiry("end", period="half-year", periods_after=1), "2027-01-01T00:00:00+08:00"),
    (m.Expiry("after", duration=m.Duration(1, "half-year")), "2026-07-31T10:00:00+08:00"),
])
def test_expiry_kinds(expiry, first_invalid):
    earned = dt.datetime(2026, 1, 31, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    got = expiry_instant(expiry, earned, "Asia/Shanghai")
    assert (got.isoformat() if got else None) == first_invalid


def _campaign(**kw):
    base = dict(name="c", label=None, window=None, weekdays=frozenset(), month_days=frozenset(),
                year_days=frozenset(), dates=frozenset(), budget=None, span=Span(0, 0))
    return m.Campaign(**(base | kw))


def test_campaign_schedules():
    member_day = _campaign(weekdays=frozenset({2}), window=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert campaign_active(member_day, dt.date(2026, 3, 4))  # a Wednesday inside the window
    assert not campaign_active(member_day, dt.date(2026, 3, 5))
    assert not campaign_active(member_day, dt.date(2027, 1, 6))  # Wednesday, window over
    first = _campaign(month_days=frozenset({1}))
    assert campaign_active(first, dt.date(2026, 7, 1)) and not campaign_active(first, dt.date(2026, 7, 2))
    double = _campaign(year_days=frozenset({(11, 11), (6, 18)}), dates=frozenset({dt.date(2026, 12, 12)}))
    assert campaign_active(double, dt.date(2030, 6, 18)) and campaign_active(double, dt.date(2026, 12, 12))
    assert not campaign_active(double, dt.date(2027, 12, 12))
