"""Time in the program's zone, for both evaluators: local times, calendar periods (ISO weeks start
on Monday; half-years are January to June and July to December) and their keys (``2026-03-02``,
``2026-W10``, ``2026-03``, ``2026-Q1``, ``2026-H2``, ``2026``),
durations, when points expire and the last valid second wire formats show, campaign days and the
program's effective window."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from pointrules.program import model as m
from pointrules.program.schedule import runs_on

UTC = dt.UTC
ONE_SECOND = dt.timedelta(seconds=1)


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo of an IANA name, cached."""
    return ZoneInfo(name)


def local_time(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """An aware instant seen in the program's zone."""
    return instant.astimezone(zone(zone_name))


_STEPS = {"day": ("days", 1), "week": ("weeks", 1), "month": ("months", 1), "quarter": ("months", 3),
          "half-year": ("months", 6), "year": ("years", 1)}  # unit -> (relativedelta's argument, times)


@lru_cache(maxsize=256)
def _step(unit: str, n: int) -> relativedelta:
    """``n`` calendar units as one relativedelta, built once (building one costs about 5 us; it is
    only ever added to a date or time, never changed)."""
    name, times = _STEPS[unit]
    return relativedelta(**{name: times * n})  # type: ignore[arg-type]  # a keyword, never dt1


def period_start_date(day: dt.date, unit: str) -> dt.date:
    """The first day of the calendar period holding ``day`` (ISO weeks start on Monday)."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "half-year":
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    if unit == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown period {unit!r}")


@lru_cache(maxsize=4096)
def period_key(day: dt.date, unit: str | None) -> str:
    """The name of the period holding a local date: ``2026-03-02``, ``2026-W10``, ``2026-03``,
    ``2026-Q1``, ``2026-H1``, ``2026``; ``ever`` when there is no period."""
    if unit is None:
        return "ever"
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half-year":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {unit!r}")


def last_day_of(period: str) -> dt.date | None:
    """The last local date of a period key (``period_key``); None for ``ever`` and anything else."""
    try:
        if len(period) == 10:  # 2026-03-02
            return dt.date.fromisoformat(period)
        if len(period) == 8 and period[5] == "W":  # 2026-W10
            return dt.date.fromisocalendar(int(period[:4]), int(period[6:]), 7)
        if len(period) == 7 and period[5] == "Q":  # 2026-Q1
            year, quarter = int(period[:4]), int(period[6])
            return _month_end(year, quarter * 3)
        if len(period) == 7 and period[5] == "H":  # 2026-H1
            return _month_end(int(period[:4]), int(period[6]) * 6) if period[6] in "12" else None
        if len(period) == 7:  # 2026-03
            return _month_end(int(period[:4]), int(period[5:]))
        if len(period) == 4 and period.isdigit():  # 2026
            return dt.date(int(period), 12, 31)
    except ValueError:
        pass
    return None


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def at_midnight(day: dt.date, zone_name: str) -> dt.datetime:
    """The first instant of a local date in the program's zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone(zone_name))


def add_duration(instant: dt.datetime, duration: m.Duration, zone_name: str) -> dt.datetime:
    """``instant`` plus a calendar duration, counted on the wall clock of the program's zone."""
    local = local_time(instant, zone_name).replace(tzinfo=None)
    later = local + _step(duration.unit, duration.count)
    return later.replace(tzinfo=zone(zone_name))


def period_end(day: dt.date, unit: str, periods_after: int, zone_name: str) -> dt.datetime:
    """The first instant NOT in the period ``periods_after`` periods after the one holding ``day``."""
    return _period_end(period_start_date(day, unit), unit, periods_after, zone_name)


@lru_cache(maxsize=4096)  # every lot earned in a period asks for the same end
def _period_end(start: dt.date, unit: str, periods_after: int, zone_name: str) -> dt.datetime:
    return at_midnight(start + _step(unit, periods_after + 1), zone_name)


@lru_cache(maxsize=4096)
def fixed_day_end(day: dt.date, days: tuple[tuple[int, int], ...], nth: int, zone_name: str) -> dt.datetime:
    """The first instant after the ``nth`` of the days of the year ((month, day), sorted; never
    02-29, PR341) that comes after the local date ``day``: the day of earning itself is never one,
    so points earned on 06-30 with ``next 06-30 or 12-31`` last until 12-31."""
    found = 0
    year = day.year
    while True:
        for month, d in days:
            candidate = dt.date(year, month, d)
            if candidate > day:
                found += 1
                if found == nth:
                    return at_midnight(candidate + dt.timedelta(days=1), zone_name)
        year += 1


def local_expiry_end(expiry: m.Expiry, day: dt.date, zone_name: str) -> dt.datetime:
    """When points earned on a local date expire, for the expiries fixed by that date alone
    (``end`` of a period, ``on`` days of the year)."""
    if expiry.kind == "on":
        return fixed_day_end(day, expiry.days, expiry.periods_after, zone_name)
    assert expiry.period is not None
    return period_end(day, expiry.period, expiry.periods_after, zone_name)


def expiry_instant(expiry: m.Expiry, earned: dt.datetime, zone_name: str) -> dt.datetime | None:
    """The first instant a lot is no longer valid; None for ``never``. For ``inactive`` this is
    the expiry as of the earning event, which later activity pushes back (a rolling expiry)."""
    if expiry.kind == "never":
        return None
    if expiry.kind in ("after", "inactive"):
        assert expiry.duration is not None
        return add_duration(earned, expiry.duration, zone_name)
    return local_expiry_end(expiry, local_time(earned, zone_name).date(), zone_name)


def last_valid_second(expires: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    """What wire formats show: the last valid second, in the program's zone."""
    if expires is None:
        return None
    return (expires.astimezone(UTC) - ONE_SECOND).astimezone(zone(zone_name))


def wire_time(instant: dt.datetime, zone_name: str) -> str:
    """ISO 8601 with offset, in the program's zone."""
    return local_time(instant, zone_name).isoformat()


# ---- campaigns and the effective window ------------------------------------------------------
@lru_cache(maxsize=8192)
def campaign_active(campaign: m.Campaign, day: dt.date) -> bool:
    """Whether a campaign runs on a local date (program/schedule.py), cached."""
    return runs_on(campaign, day)


def program_effective(program: m.Program, day: dt.date) -> bool:
    """Whether the program earns on a local date (its ``effective`` window, both ends included);
    on its first day, only from ``program_opens`` when it starts at a time of day."""
    if program.effective is None:
        return True
    start, end = program.effective
    return start <= day and (end is None or day <= end)


def program_opens(program: m.Program) -> dt.datetime | None:
    """The instant a program starting at a time of day (``effective from 2026-12-01 at 10:00``)
    starts earning, in its zone; None when it starts at a midnight (its dates say it all)."""
    if program.effective is None or program.effective_at is None:
        return None
    return dt.datetime.combine(program.effective[0], program.effective_at, zone(program.timezone))
