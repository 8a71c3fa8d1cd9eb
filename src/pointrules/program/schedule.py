"""The days a campaign runs, as local dates: read by the evaluators (through evaluate/calendar.py,
which caches it) and by the checker, which names a day two campaigns share."""

from __future__ import annotations

import datetime as dt

from pointrules.program import model as m


def runs_on(campaign: m.Campaign, day: dt.date) -> bool:
    """Whether a campaign runs on a local date: inside its window (both ends included) and, when it
    has a recurring schedule, matching any one of its weekdays, month days, year days, ranges of
    days every year or dates."""
    if campaign.window is not None and not (campaign.window[0] <= day <= campaign.window[1]):
        return False
    recurring = (campaign.weekdays or campaign.month_days or campaign.year_days or campaign.year_ranges
                 or campaign.dates)
    if not recurring:
        return True
    return (
        day.weekday() in campaign.weekdays
        or day.day in campaign.month_days
        or (day.month, day.day) in campaign.year_days
        or any(in_year_range(day, start, end) for start, end in campaign.year_ranges)
        or day in campaign.dates
    )


def in_year_range(day: dt.date, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Whether a date's month and day fall from ``start`` to ``end`` (both included); a range
    whose end comes before its start runs over the new year (12-20 to 01-05)."""
    md = (day.month, day.day)
    if start <= end:
        return start <= md <= end
    return md >= start or md <= end


# Where a scan for a shared day starts when neither the program nor the campaigns give a date.
SCAN_FROM = dt.date(2026, 1, 1)

# Weekdays and days of the year line up again after 28 years (within 1901-2099), so a scan of 28
# years and a day from a start finds any day two recurring schedules share.
_CYCLE = dt.timedelta(days=28 * 366 + 1)


def first_shared_day(a: m.Campaign, b: m.Campaign, start: dt.date) -> dt.date | None:
    """The first local date from ``start`` on which both campaigns run, or None; scans at most one
    28-year calendar cycle, and only inside the campaigns' windows."""
    first = max([start] + [c.window[0] for c in (a, b) if c.window is not None])
    last = min([first + _CYCLE] + [c.window[1] for c in (a, b) if c.window is not None])
    day = first
    while day <= last:
        if runs_on(a, day) and runs_on(b, day):
            return day
        day += dt.timedelta(days=1)
    return None


def first_clash(campaigns: list[m.Campaign], start: dt.date | None
                ) -> tuple[m.Campaign, m.Campaign, dt.date] | None:
    """The first two campaigns (in the order given) that run on a same day from ``start`` (or
    SCAN_FROM), with the first such day; None when no two ever do."""
    for i, a in enumerate(campaigns):
        for b in campaigns[i + 1:]:
            day = first_shared_day(a, b, start or SCAN_FROM)
            if day is not None:
                return a, b, day
    return None
