"""Periods in the program's zone, campaign schedules, pending points and every expiry kind."""

from __future__ import annotations

import datetime as dt

import pytest

from pointrules import model as m
from pointrules.runtime import campaign_active, expiry_instant, last_valid_second, period_key
from pointrules.source import Span


@pytest.mark.parametrize(("day", "unit", "key"), [
    (dt.date(2026, 3, 2), "day", "2026-03-02"),
    (dt.date(2026, 3, 2), "week", "2026-W10"),
    (dt.date(2027, 1, 1), "week", "2026-W53"),  # ISO week of the previous year
    (dt.date(2026, 3, 2), "month", "2026-03"),
    (dt.date(2026, 11, 11), "quarter", "2026-Q4"),
    (dt.date(2026, 3, 2), "year", "2026"),
    (dt.date(2026, 3, 2), None, "ever"),
])
def test_period_keys(day, unit, key):
    assert period_key(day, unit) == key


def test_end_of_next_year_expiry_across_a_year_boundary_in_another_zone(shop, run):
    award = run(shop)("purchase", "2026-12-31T17:30:00-05:00", amount="100", category="x", channel="web")
    # 2026-12-31 17:30 -05:00 is 2027-01-01 06:30 in Shanghai: earned in 2027, valid through 2028
    assert award.lines[0].expires_at.isoformat() == "2029-01-01T00:00:00+08:00"
    assert last_valid_second(award.lines[0].expires_at, "Asia/Shanghai").isoformat() == "2028-12-31T23:59:59+08:00"


@pytest.mark.parametrize(("expiry", "first_invalid"), [
    (m.Expiry("never"), None),
    (m.Expiry("after", duration=m.Duration(12, "month")), "2027-01-31T10:00:00+08:00"),
    (m.Expiry("after", duration=m.Duration(30, "day")), "2026-03-02T10:00:00+08:00"),
    (m.Expiry("inactive", duration=m.Duration(6, "month")), "2026-07-31T10:00:00+08:00"),
    (m.Expiry("end", period="month", periods_after=0), "2026-02-01T00:00:00+08:00"),
    (m.Expiry("end", period="quarter", periods_after=2), "2026-10-01T00:00:00+08:00"),
    (m.Expiry("end", period="year", periods_after=1), "2028-01-01T00:00:00+08:00"),
])
def test_expiry_kinds(expiry, first_invalid):
    earned = dt.datetime(2026, 1, 31, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    got = expiry_instant(expiry, earned, "Asia/Shanghai")
    assert (got.isoformat() if got else None) == first_invalid


def test_rule_expiry_and_pending_override_the_programs(run):
    r = run('expire at end of next year\npending 7 days\nevent purchase { amount: money }\n'
            'rule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'rule promo on purchase { earn 5 points\n expire after 30 days\n pending 1 day }')
    base, promo = r("purchase", "2026-03-02T10:00:00+08:00", amount="10").lines
    assert base.available_at.isoformat() == "2026-03-09T10:00:00+08:00"
    assert base.expires_at.isoformat() == "2028-01-01T00:00:00+08:00"
    assert promo.available_at.isoformat() == "2026-03-03T10:00:00+08:00"
    assert promo.expires_at.isoformat() == "2026-04-01T10:00:00+08:00"


def test_inactive_expiry_rolls_with_later_activity(run):
    r = run("expire after 6 months without activity\nevent signup\nevent checkin\n"
            "rule s on signup { earn 100 points }\nrule c on checkin { earn 1 point }")
    r("signup", "2026-01-10T10:00:00+08:00")
    lot = r.state.lots["m1"][0]
    assert r.state.expires_at(lot).isoformat() == "2026-07-10T10:00:00+08:00"
    r("checkin", "2026-05-01T10:00:00+08:00")
    assert r.state.expires_at(lot).isoformat() == "2026-11-01T10:00:00+08:00"


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


def test_every_wednesday_campaign_in_a_program(run):
    r = run('tiers { member  gold multiplier 1.5 }\nevent purchase { amount: money }\n'
            'rule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'campaign member_day "会员日" every wednesday {\n'
            '  rule member_day on purchase when tier >= gold { multiply 2 } }', {"g": {"tier": "gold"}})
    assert r("purchase", "2026-03-04T10:00:00+08:00", member="g", amount="100").points == 300  # 100 x 1.5 x 2
    assert r("purchase", "2026-03-04T10:00:00+08:00", member="m", amount="100").points == 100  # not gold
    assert r("purchase", "2026-03-05T10:00:00+08:00", member="g", amount="100").points == 150  # Thursday
