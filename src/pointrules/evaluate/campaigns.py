"""Campaigns running on the same day, for both evaluators: which one's multipliers apply.

With ``campaigns combine by highest`` (the default) only the campaign whose multipliers give the
event most applies; the others are *outdone*. Each campaign's multipliers that hold for the event
are combined per ``multipliers stack by`` to compare them; on a tie the campaign written first
wins. Outdone campaigns lose only their multipliers: their earning rules still pay, and a rule of
theirs that only multiplies does not fire (so its limits do not count it).
With ``campaigns combine by stacking`` every running campaign's multipliers apply, stacked with the
others, as before issue 13.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pointrules.evaluate.rounding import combine_factors
from pointrules.program import model as m


def outdone(program: m.Program, applying: Iterable[tuple[str, Decimal]]) -> frozenset[str]:
    """The campaigns another running campaign outdoes, from (campaign, factor) of every campaign
    multiplier that holds for the event; empty when at most one campaign multiplies."""
    found: dict[str, list[Decimal]] = {}
    for name, factor in applying:
        found.setdefault(name, []).append(factor)
    if len(found) < 2 or not program.best_campaign_only:
        return frozenset()
    order = {name: i for i, name in enumerate(program.campaigns)}
    best = max(found, key=lambda name: (combine_factors(found[name], program.stacking), -order[name]))
    return frozenset(found) - {best}
