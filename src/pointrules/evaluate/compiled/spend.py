"""What a line of the compiled evaluator counts: the money or units a spend-based earn reads, the
points a ladder's step or the event itself gives, and the base points as an exact ratio. The
interpreter's ``_spend_amount``, ``_units`` and base arithmetic, on the compiled structures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pointrules.evaluate.award import Step
from pointrules.evaluate.compiled.arith import ratio
from pointrules.evaluate.compiled.plan import EarnPlan, SpendPlan
from pointrules.evaluate.ladders import step_of


def points_of(earn_plan: EarnPlan, fields: Any, b: Any) -> tuple[Any, int, Step | None] | None:
    """(points ratio pn/pd, ladder step) of an earn whose points are not fixed: the step its
    ladder's value reaches, or the points the event carries (a flat bonus of that size); None
    when it pays nothing (no step reached, an absent optional field)."""
    pn, pd, step = earn_plan.pn, earn_plan.pd, None
    if earn_plan.ladder is not None:  # the step the value reaches picks the points
        step = step_of(earn_plan.ladder.model, earn_plan.ladder.value(fields, b, None))
        if step is None:
            return None
        pn, pd = earn_plan.ladder.ratios[step.number - 1]
    if earn_plan.given is not None:  # the points the event carries
        pn = fields.get(earn_plan.given)
        if pn is None:
            return None
        pd = 1
    return pn, pd, step


def money_amount(spend: SpendPlan, fields: Any, b: Any) -> Any:
    """The money a per-money line counts: the field (0 when its ``where`` fails), or over a list's
    records whose ``where`` holds, the sum of their money ``attr``; None when the field is absent."""
    raw = fields.get(spend.field)
    if raw is None:
        return None  # an absent optional money field or list: nothing to count
    if not isinstance(raw, tuple):
        return raw if spend.where is None or spend.where(fields, b, None) else Decimal(0)
    total = Decimal(0)
    attr, where = spend.attr, spend.record_where
    for record in raw:
        if attr is not None and (where is None or where(fields, b, record)):
            money = record.get(attr)
            if isinstance(money, Decimal):
                total += money
    return total


def units_of(spend: SpendPlan, fields: Any, b: Any) -> int | None:
    """The units a per-unit line counts, as the interpreter's ``_units``: a count, a list of texts'
    length, or over the records whose ``where`` holds, each its count ``attr`` (absent: 0) or 1."""
    raw = fields.get(spend.field)
    if raw is None:
        return None  # an absent optional count or list: nothing to count
    if not isinstance(raw, tuple):
        return raw if spend.where is None or spend.where(fields, b, None) else 0
    if spend.record is None:
        return len(raw)  # a list of texts
    total = 0
    attr, where = spend.attr, spend.record_where
    for record in raw:
        if where is None or where(fields, b, record):
            units = 1 if attr is None else record.get(attr)
            if isinstance(units, int):
                total += units
    return total


def spend_base(spend: SpendPlan, amount: Any, pn: int, pd: int) -> tuple[int, int]:
    """The base points of a spend-based earn of pn/pd points per block, as the ratio (numerator,
    denominator > 0): blocks = amount / block; per full block floor(blocks) x points, prorated
    blocks x points. ``amount`` is money (a Decimal) or, for a per-unit line, units (an int).
    Per full 1 of money (``spend.whole``) it is floor(amount) x points, which ``EventEvaluator._lines``
    works out itself without this call."""
    an, ad = (amount, 1) if amount.__class__ is int else ratio(amount)
    if spend.prorated:
        bn, bd = an * spend.bd * pn, ad * spend.bn * pd
        return (-bn, -bd) if bd < 0 else (bn, bd)
    return (an * spend.bd) // (ad * spend.bn) * pn, pd
