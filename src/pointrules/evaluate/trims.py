"""How a limit, a cap or a budget cuts points, for both evaluators: what the lines count above the
allowance goes, later lines first, each cut recorded on its line as a ``Trim``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pointrules.evaluate.award import Trim

CUTS_KEPT = 256  # records kept per reason by ``cuts``; past it new ones are built each time

Cuts = dict[tuple[int, int], Trim]  # (points before, points after) -> the record of that cut


def trim(lines: Sequence[Any], allowance: int, caused: Callable[[Any], int], why: Trim,
         cuts: Cuts | None = None) -> None:
    """Take off what ``caused`` counts of ``lines`` above ``allowance``, later lines first; each
    line has ``points`` and ``trims`` (a list, or an empty tuple until it is first cut). ``cuts``
    keeps the records made for this ``why``: a Trim is frozen, so lines cut alike share one (the
    4th review of a day, every one cut from 20 to 0) instead of building it again."""
    owed = [caused(line) for line in lines]  # what each line counts: a cut changes only its own
    excess = sum(owed) - max(0, allowance)
    for line, counted in zip(reversed(lines), reversed(owed)):
        if excess <= 0:
            break
        cut = min(counted, excess)
        if cut <= 0:
            continue
        before = line.points
        after = line.points = before - cut
        record = cuts.get((before, after)) if cuts is not None else None
        if record is None:
            record = Trim(why.kind, before, after, why.reason, why.subject, why.limit, why.unit, why.period)
            if cuts is not None and len(cuts) < CUTS_KEPT:
                cuts[before, after] = record
        if line.trims:
            line.trims.append(record)
        else:
            line.trims = [record]
        excess -= cut
