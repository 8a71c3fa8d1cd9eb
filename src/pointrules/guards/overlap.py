"""Campaigns that multiply the same event together (PR513), with the first day they do.

Where a program stacks the multipliers of campaigns that run on the same day, two campaigns that
both multiply one kind multiply each other on every day they share: a Wednesday member day and an
11-11 campaign give ×4 on 2026-11-11, a Wednesday. The lint names the first such day from the day it
runs (or, when none is left, the first ever) and the factor they give together, per the program's
stacking. A program whose campaigns combine by the highest one has no such day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import combinations

from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, make
from pointrules.evaluate.rounding import combine_factors
from pointrules.guards.bounds import campaign_days
from pointrules.messages import t
from pointrules.program import model as m

__all__ = ["overlapping_campaigns"]


def overlapping_campaigns(program: m.Program, today: dt.date | None = None) -> list[Diagnostic]:
    """PR513 for each pair of campaigns that multiply one kind together on some day."""
    if program.best_campaign_only:
        return []
    factors = _factors(program)  # (campaign, kind) -> the campaign's multipliers of that kind
    pairs = {(a, b) for (a, kind) in factors for (b, other) in factors if a < b and kind == other}
    if not pairs:
        return []
    first: dict[tuple[str, str], dt.date] = {}
    start = today or dt.date.today()
    for day, running in campaign_days(program):
        for pair in combinations(sorted(running), 2):
            if pair in pairs and (pair not in first or first[pair] < start <= day):
                first[pair] = day
    found = []
    for (a, b), day in sorted(first.items(), key=lambda item: item[1]):
        kinds = sorted(k for (c, k) in factors if c == a and (b, k) in factors)
        together = combine_factors(factors[(a, kinds[0])] + factors[(b, kinds[0])], program.stacking)
        found.append(make(
            program.source, program.campaigns[b].span, "PR513",
            t("campaigns `{a}` and `{b}` both multiply `{kind}` on {day} ({weekday}): ×{factor} together", a=a, b=b,
              kind=kinds[0], day=day.isoformat(), weekday=_WEEKDAYS[day.weekday()], factor=_factor(together)),
            help=t("write `campaigns combine by highest` so that only the larger applies, give the campaigns days "
                   "they do not share, or keep it if the product is meant"),
            notes=tuple(t("campaign `{campaign}` is at line {line}", campaign=c,
                          line=program.source.position(program.campaigns[c].span.start)[0]) for c in (a,)),
            severity=CODES["PR513"].severity))
    return found


_WEEKDAYS = (t("Monday"), t("Tuesday"), t("Wednesday"), t("Thursday"), t("Friday"), t("Saturday"), t("Sunday"))


def _factors(program: m.Program) -> dict[tuple[str, str], list[Decimal]]:
    out: dict[tuple[str, str], list[Decimal]] = {}
    for rule in program.rules:
        if rule.campaign is not None and rule.multipliers:
            out.setdefault((rule.campaign, rule.event), []).extend(x.factor for x in rule.multipliers)
    return out


def _factor(x: Decimal) -> str:
    text = f"{x.normalize():f}"
    return text
