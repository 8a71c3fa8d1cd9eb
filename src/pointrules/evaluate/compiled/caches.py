"""What the compiled evaluator keeps between events, so that it works each out once: what a local
date means to the program (a ``Day``) and what a set of multipliers gives (a ``FactorSet``).
``EventEvaluator`` (core.py) holds one of each per date and per set."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pointrules.evaluate.calendar import campaign_active, period_key, program_effective
from pointrules.evaluate.compiled.arith import Combiner
from pointrules.evaluate.compiled.plan import MultiplierPlan
from pointrules.program import model as m

__all__ = ["Day", "FactorSet"]


class Day:
    """What a local date means to the program: effective or not, campaigns running, period keys."""

    __slots__ = ("campaigns", "date", "dated", "effective", "ends", "keys")

    def __init__(self, program: m.Program, date: dt.date) -> None:
        self.date = date
        self.effective = program_effective(program, date)
        self.campaigns = {name: campaign_active(c, date) for name, c in program.campaigns.items()}
        self.keys: dict[str | None, str] = {}
        self.ends: dict[int, Any] = {}
        # validity class -> expiry of the classes whose lines are usable at once and expire at an
        # instant the date alone decides (never, or the end of a period): usable from the event's time
        self.dated: dict[int, dt.datetime | None] = {}

    def key(self, unit: str | None) -> str:
        key = self.keys.get(unit)
        if key is None:
            key = self.keys[unit] = period_key(self.date, unit)
        return key


class FactorSet:
    """The factors one set of multipliers gives spend-based lines (all) and flat lines (those
    ``including bonuses``), with their combined factor when it is exact (else None: combine again)."""

    __slots__ = ("combo", "factors", "flat_combo", "flat_factors", "flat_ids", "flat_values", "ids", "values")

    def __init__(self, mults: list[MultiplierPlan], combiner: Combiner) -> None:
        flat = [mult for mult in mults if mult.including]
        self.factors = tuple(mult.factor for mult in mults)
        self.ids = tuple(mult.fid for mult in mults)
        self.values = [mult.value for mult in mults]
        self.flat_factors = tuple(mult.factor for mult in flat)
        self.flat_ids = tuple(mult.fid for mult in flat)
        self.flat_values = [mult.value for mult in flat]
        self.combo = self._exact(combiner, self.ids, self.values)
        self.flat_combo = self._exact(combiner, self.flat_ids, self.flat_values)

    @staticmethod
    def _exact(combiner: Combiner, ids: tuple[int, ...], values: list[Decimal]) -> tuple[Decimal, int, int] | None:
        if not ids:
            return None
        combiner.combine(ids, values)
        return combiner.cache.get(ids)  # only an exact result is cached
