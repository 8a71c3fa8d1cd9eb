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


def returned_points(points: int, part: Decimal, basis: Decimal, mode: str) -> int:
    """The points a return of ``part`` of an event's ``basis`` money takes back (``part`` is what has
    been returned so far: returns add up, so their rounding never accumulates): all of them when all
    is, else in proportion, rounded per the program. The ledger claws back with it; the lint for
    returns that mint points (guards/returns.py) reckons with it."""
    if part == basis:
        return points
    return round_points(Fraction(points) * Fraction(part) / Fraction(basis), mode)


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
