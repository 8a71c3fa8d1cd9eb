"""Exact integer arithmetic for points: rounding a ratio and combining multipliers once per set.

``round_ratio(n, d, mode)`` is ``rounding.round_points(Fraction(n, d), mode)`` done on the two
integers (d > 0): the same floor, ceiling and tie rules, without building a Fraction.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pointrules.evaluate.rounding import combine_factors


def round_ratio(n: int, d: int, mode: str) -> int:
    """Whole points of n/d (d > 0) per the rounding mode; never below 0."""
    if n <= 0:
        return 0
    if mode == "down":
        return n // d
    if mode == "up":
        return -(-n // d)
    q, r = divmod(n, d)
    twice = 2 * r
    if twice > d:
        return q + 1
    if twice < d:
        return q
    if mode == "nearest":  # half-up
        return q + 1
    return q + (q % 2)  # half-even


def ratio(x: Decimal | Fraction | int) -> tuple[int, int]:
    """(numerator, denominator > 0) of an exact number."""
    if type(x) is Decimal and x.is_finite():
        return x.as_integer_ratio()
    f = Fraction(x)
    return f.numerator, f.denominator


class Combiner:
    """``combine_factors`` per set of multipliers (keyed by their ids), with the exact ratio of the
    result. A result is remembered only when it is exact (equal to the Fraction of the same sum,
    product or maximum), so the cache can never hide a rounding that the decimal context decides."""

    def __init__(self, stacking: str) -> None:
        self.stacking = stacking
        self.cache: dict[tuple[int, ...], tuple[Decimal, int, int]] = {}

    def combine(self, ids: tuple[int, ...], factors: list[Decimal]) -> tuple[Decimal, int, int]:
        """(combined factor, its numerator, its denominator)."""
        hit = self.cache.get(ids)
        if hit is not None:
            return hit
        combined = combine_factors(factors, self.stacking)
        n, d = ratio(combined)
        if Fraction(n, d) == self._exact(factors):
            self.cache[ids] = (combined, n, d)
        return combined, n, d

    def _exact(self, factors: list[Decimal]) -> Fraction:
        exact = [Fraction(f) for f in factors]
        if not exact:
            return Fraction(1)
        if self.stacking == "adding":
            return 1 + sum((f - 1 for f in exact), Fraction(0))
        if self.stacking == "best":
            return max(exact)
        result = Fraction(1)
        for f in exact:
            result *= f
        return result
