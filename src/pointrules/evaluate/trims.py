"""How a limit, a cap or a budget cuts points, for both evaluators: what the lines count above the
allowance goes, later lines first, each cut recorded on its line as a ``Trim``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pointrules.evaluate.award import Trim


def trim(lines: Sequence[Any], allowance: int, caused: Callable[[Any], int], why: Trim) -> None:
    """Take off what ``caused`` counts of ``lines`` above ``allowance``, later lines first; each
    line has ``points`` and ``trims`` (a list, or an empty tuple until it is first cut)."""
    excess = sum(caused(line) for line in lines) - max(0, allowance)
    for line in reversed(lines):
        if excess <= 0:
            break
        cut = min(caused(line), excess)
        if cut <= 0:
            continue
        before = line.points
        line.points -= cut
        record = Trim(why.kind, before, line.points, why.reason, why.subject, why.limit, why.unit, why.period)
        if line.trims:
            line.trims.append(record)
        else:
            line.trims = [record]
        excess -= cut
