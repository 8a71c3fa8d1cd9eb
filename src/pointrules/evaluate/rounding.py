"""Whole points from exact amounts: rounding happens in ``round_points`` and nowhere else, and the
multipliers of a line combine per the program's stacking mode in ``combine_factors``. Shared by
both evaluators."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction


def round_points(value: Fraction | Decimal | int, mode: str) -> int:
    """Whole points from an exact value, per the program's rounding mode; never below 0."""
    x = Fraction(value)
    if x <= 0:
        return 0
    if mode == "down":
        return math.floor(x)
    if mode == "up":
        return math.ceil(x)
    floor = math.floor(x)
    rest = x - floor
    if rest > Fraction(1, 2):
        return floor + 1
    if rest < Fraction(1, 2):
        return floor
    if mode == "nearest":  # half-up
        return floor + 1
    return floor + (floor % 2)  # half-even: to the even neighbour


def combine_factors(factors: list[Decimal], stacking: str) -> Decimal:
    """One factor from several: product, 1 + sum of the extras, or the best one."""
    if not factors:
        return Decimal(1)
    with localcontext() as ctx:
        ctx.prec = 60
        if stacking == "adding":
            return Decimal(1) + sum((f - 1 for f in factors), Decimal(0))
        if stacking == "best":
            return max(factors)
        result = Decimal(1)
        for f in factors:
            result *= f
        return result
