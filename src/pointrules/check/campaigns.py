"""The campaigns pass, over the whole program: two campaigns that multiply on the same day.

Since issue 13 the multipliers of campaigns running on one day do not all apply: only the campaign
whose multipliers give most does (``campaigns combine by highest``, the default). A program that
does not say so and has two multiplying campaigns sharing a day is warned (PR340), naming the first
such day, so an old program that counted on both applying (×2 × ×2 = ×4) is not changed silently.
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.lower import campaign
from pointrules.check.report import Report, q
from pointrules.check.values import month_day_ok, real_date
from pointrules.diagnostics import Diagnostic
from pointrules.messages import t
from pointrules.program.resolve import WEEKDAYS
from pointrules.program.schedule import first_clash
from pointrules.source import Source


def check_campaigns(tree: s.Program, source: Source) -> list[Diagnostic]:
    """PR340: two multiplying campaigns can run on the same day, and the program does not say how
    their multipliers combine."""
    d = tree.declarations
    if any(isinstance(x, s.CampaignsCombine) for x in d):
        return []
    if any(isinstance(x, s.Stacking) and x.mode == "best" for x in d):
        return []  # only the best factor applies anyway: nothing changes
    effective = next((x for x in d if isinstance(x, s.Effective)), None)
    start = real_date(effective.start) if effective is not None else None
    multiplying = {c.name.text: c for c in d if isinstance(c, s.Campaign) and _multiplies(c) and _days_exist(c)}
    r = Report(source)
    clash = first_clash([campaign(c) for c in multiplying.values()], start)
    if clash is not None:  # one warning says it for the program
        a, b, day = multiplying[clash[0].name], multiplying[clash[1].name], clash[2]
        r.add(b.name.span, "PR340",
              t("campaigns {a} and {b} both multiply on {day}; only the higher applies there",
                a=q(a.name.text), b=q(b.name.text), day=day.isoformat()),
              help=t("say so with `campaigns combine by highest`, or write `campaigns combine by stacking` "
                     "to apply both, stacked like the other multipliers"),
              notes=[t("campaign {name} is on line {line}", name=q(a.name.text), line=r.line(a.name.span))])
    return r.diagnostics


def _multiplies(c: s.Campaign) -> bool:
    return any(isinstance(st, s.Multiply) for rule in c.rules for st in rule.statements)


def _days_exist(c: s.Campaign) -> bool:
    """Every date and day of the year of its schedule exists (PR305 reports the others)."""
    for sch in c.schedules:
        if isinstance(sch, s.DateWindow) and (real_date(sch.start) is None or real_date(sch.end) is None):
            return False
        if isinstance(sch, s.OnDates) and any(real_date(x) is None for x in sch.dates):
            return False
        if isinstance(sch, s.Yearly) and not all(month_day_ok(x) for x in sch.days):
            return False
        if isinstance(sch, s.YearlyRange) and not (month_day_ok(sch.start) and month_day_ok(sch.end)):
            return False
        if isinstance(sch, s.Monthly) and not all(x.value == int(x.value) for x in sch.days):
            return False
        if isinstance(sch, s.Weekly) and not all(x.text in WEEKDAYS for x in sch.days):
            return False
    return True
