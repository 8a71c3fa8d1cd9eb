"""The step of a ladder a value reaches, for both evaluators (``earn 5, 10, 15 points by streak``)."""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal
from typing import Any

from pointrules.evaluate.award import Step
from pointrules.program import model as m


def step_of(ladder: m.Ladder, value: Any) -> Step | None:
    """The step ``value`` reaches: the last whose start is at or below it (the last step repeats
    beyond); None below the first start, or when the value is absent or not a number (no line)."""
    if value is None or value.__class__ not in (int, Decimal) or (value.__class__ is Decimal and not value.is_finite()):
        return None
    number = bisect_right(ladder.starts, value)
    if number == 0:
        return None
    return Step(ladder.what, value, number, len(ladder.starts), ladder.points[number - 1], ladder.label, ladder.money)
