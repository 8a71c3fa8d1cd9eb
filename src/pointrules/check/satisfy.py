"""Whether conditions can hold together: satisfiability over what conditions compare (numbers and
money, enumerations and texts, dates and their parts, weekdays, tiers, yes/no fields, the member's
history) and over the days a rule's campaign runs. The lints for rules that never fire (PR501) and
for multipliers another always outdoes (PR516) ask it.

Theory of operation. A condition is put in disjunctive normal form, negations pushed down to the
comparisons (at most MAX_ALTERNATIVES alternatives; beyond that nothing is claimed). Each
alternative is a set of comparisons of one value with constants. A value's comparisons hold
together when some value of its type meets them all; the values tried are the constants and their
neighbours on the type's grid (whole numbers, the currency's minor unit, days) and the midpoints
between constants, which is enough: the values meeting them form intervals whose ends are
constants. The calendar values (``date``, ``weekday``, ``day``, ``month``, ``year``) must then meet
on one day, a day the rule's campaign runs. What is not understood (arithmetic, a field compared
with a field, ``not`` over an optional field, which is false when the field is absent) constrains
nothing: a finding is made only when the contradiction is certain.

What a name and a constant stand for (a ``Value`` and the form of its values) is ``compared_values.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pointrules import syntax as s
from pointrules.check.compared_values import Value, constant_of, month_day_value, value_of
from pointrules.formatter import expr
from pointrules.messages import Joined, Words, listing, t
from pointrules.program import model as m
from pointrules.program.schedule import runs_on

__all__ = ["Atom", "never_holds", "never_together"]

MAX_ALTERNATIVES = 64
CALENDAR = ("date", "weekday", "day", "month", "year", "monthday")
CYCLE_YEARS = 28  # weekdays and month days repeat every 28 years from 1901 to 2099
MAX_SCAN_YEARS = 40  # a longer span of days is not scanned: nothing is claimed about it
_NEGATED = {"=": "!=", "!=": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">", "in": "notin", "notin": "in"}
_FLIPPED = {"=": "=", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}


@attrs.frozen
class Atom:
    """One comparison of a value with constants: op is one of = != < <= > >= in notin."""

    value: Value
    op: str
    constants: tuple[Any, ...]
    shown: str  # as written, for reasons; "" for what the type itself says (a points field's maximum)

    def holds(self, v: Any) -> bool:
        if self.op == "in":
            return v in self.constants
        if self.op == "notin":
            return v not in self.constants
        c = self.constants[0]
        return {"=": v == c, "!=": v != c, "<": v < c, "<=": v <= c, ">": v > c, ">=": v >= c}[self.op]


Alternative = list[Atom]


def never_holds(program: m.Program, kind: str, conditions: Sequence[s.Expr | None],
                campaign: m.Campaign | None = None) -> Words | None:
    """Why the conditions can never hold together on an event of ``kind`` (on a day ``campaign``
    runs, when given), or None when they may."""
    schema = program.events[kind]
    alternatives: list[Alternative] | None = [[]]
    for condition in conditions:
        if condition is None:
            continue
        more = _dnf(program, schema, condition, False)
        alternatives = _and(alternatives, more)
        if alternatives is None:
            return None
    assert alternatives is not None
    reasons: list[Words] = []
    for alternative in alternatives:
        reason = _refuted(program, alternative, campaign)
        if reason is None:
            return None
        reasons.append(reason)
    if len(reasons) == 1:
        return reasons[0]
    return t("none of its {n} alternatives can hold ({reasons})", n=len(reasons),
             reasons=Joined(tuple(dict.fromkeys(reasons))))


def never_together(program: m.Program, kind: str, premises: Sequence[s.Expr | None], conclusion: s.Expr | None,
                   campaign: m.Campaign | None = None) -> bool:
    """Whether the premises hold only where ``conclusion`` holds too (on days ``campaign`` runs)."""
    if conclusion is None:
        return True
    denied = s.Not(operand=conclusion, span=conclusion.span)
    return never_holds(program, kind, [*premises, denied], campaign) is not None


# ---- disjunctive normal form ------------------------------------------------------------------
def _and(a: list[Alternative] | None, b: list[Alternative] | None) -> list[Alternative] | None:
    if a is None or b is None or len(a) * len(b) > MAX_ALTERNATIVES:
        return None
    return [x + y for x in a for y in b]


def _dnf(program: m.Program, schema: m.Schema, e: s.Expr, negated: bool) -> list[Alternative] | None:
    """The alternatives of ``e`` (of ``not e`` when negated); None when there are too many."""
    if isinstance(e, s.Not):
        return _dnf(program, schema, e.operand, not negated)
    if isinstance(e, s.Binary) and e.op in ("and", "or"):
        left, right = _dnf(program, schema, e.left, negated), _dnf(program, schema, e.right, negated)
        if (e.op == "and") != negated:
            return _and(left, right)
        if left is None or right is None or len(left) + len(right) > MAX_ALTERNATIVES:
            return None
        return left + right
    if isinstance(e, s.Between) and negated:  # not (low ≤ v ≤ high): v < low or v > high
        low = s.Binary(op="<", left=e.value, right=e.low, span=e.span)
        high = s.Binary(op=">", left=e.value, right=e.high, span=e.span)
        if not _understood(program, schema, e):
            return [[]]
        return [_atoms(program, schema, x, False, expr(x)) for x in (low, high)]
    return [_atoms(program, schema, e, negated, f"not ({expr(e)})" if negated else expr(e))]


def _understood(program: m.Program, schema: m.Schema, e: s.Between) -> bool:
    value = value_of(program, schema, e.value)
    return value is not None and value.always and all(
        constant_of(program, schema, x, value, e) is not None for x in (e.low, e.high))


def _atoms(program: m.Program, schema: m.Schema, e: s.Expr, negated: bool, shown: str) -> list[Atom]:
    """The comparisons ``e`` makes (none when it is not understood: it then constrains nothing)."""
    if isinstance(e, s.Between):
        value = month_day_value(value_of(program, schema, e.value), (e.low, e.high))
        low, high = (constant_of(program, schema, x, value, e) if value else None for x in (e.low, e.high))
        if value is None or low is None or high is None:
            return []
        return [Atom(value, ">=", (low,), shown), Atom(value, "<=", (high,), shown)]
    if isinstance(e, s.In):
        value = month_day_value(value_of(program, schema, e.value), e.options)
        options = [constant_of(program, schema, o, value, e) if value else None for o in e.options]
        op = "notin" if e.negated != negated else "in"
        if value is None or any(o is None for o in options) or (negated and not value.always):
            return []
        return [Atom(value, op, tuple(options), shown)]
    if isinstance(e, s.Binary) and e.op in _FLIPPED:
        left, right, op = e.left, e.right, e.op
        if value_of(program, schema, left) is None:
            left, right, op = right, left, _FLIPPED[op]
        value = month_day_value(value_of(program, schema, left), (right,))
        constant = constant_of(program, schema, right, value, e) if value is not None else None
        if value is None or constant is None or (negated and not value.always):
            return []
        return [Atom(value, _NEGATED[op] if negated else op, (constant,), shown)]
    value = value_of(program, schema, e)  # a yes/no field alone: `when first_order`
    if value is not None and value.choices == (False, True) and (value.always or not negated):
        return [Atom(value, "=", (not negated,), shown)]
    return []


# ---- deciding -----------------------------------------------------------------------------------
def _meets(atoms: Iterable[Atom], v: Any) -> bool:
    try:
        return all(a.holds(v) for a in atoms)
    except TypeError:  # a constant of another type: understood as holding (nothing is claimed)
        return True


def _candidates(value: Value, atoms: Sequence[Atom]) -> Iterable[Any]:
    if value.choices is not None:
        return value.choices
    constants = sorted({c for a in atoms for c in a.constants}, key=lambda c: (str(type(c)), c))
    if value.text:
        return [*constants, "\0another text"]
    numbers = sorted(c for c in constants if isinstance(c, Decimal))
    if not numbers:
        return [Decimal(0)]
    if value.grid is None:
        middles = [(a + b) / 2 for a, b in itertools.pairwise(numbers)]
        return [numbers[0] - 1, *numbers, *middles, numbers[-1] + 1]
    g = value.grid
    return sorted({(math.floor(c / g) + d) * g for c in numbers for d in (-1, 0, 1, 2)})


def _sat(value: Value, atoms: Sequence[Atom]) -> bool:
    return any(_meets(atoms, v) for v in _candidates(value, atoms))


def _core(atoms: list[Atom], unsat: Callable[[list[Atom]], bool]) -> list[Atom]:
    """A smallest-by-deletion part of ``atoms`` that still cannot hold."""
    kept = list(atoms)
    for a in list(kept):
        rest = [x for x in kept if x is not a]
        if unsat(rest):
            kept = rest
    return kept


def _refuted(program: m.Program, alternative: Alternative, campaign: m.Campaign | None) -> Words | None:
    by_value: dict[str, list[Atom]] = {}
    for a in alternative:
        by_value.setdefault(a.value.name, []).append(a)
    for atoms in by_value.values():
        value = atoms[0].value
        if not _sat(value, atoms):
            # _core calls the lambda at once (B023); only mode `plain` makes _both give a str
            return _both(_core(atoms, lambda xs: not _sat(value, xs)), "hold")  # type: ignore[return-value]  # noqa: B023
    calendar = [a for a in alternative if a.value.name in CALENDAR]
    if not calendar or (campaign is None and len({a.value.name for a in calendar}) < 2):
        return None
    if not _never_on_one_day(calendar, campaign):
        return None
    core = _core(calendar, lambda xs: _never_on_one_day(xs, campaign))
    if not core:
        return None
    if campaign is not None:
        return t("campaign `{campaign}` never runs on a day when {when}", campaign=campaign.name,
                 when=_both(core, "plain"))
    return _both(core, "day")  # type: ignore[return-value]


def _both(atoms: list[Atom], mode: str) -> Words | str:
    """Why these comparisons fail together: ``hold`` (they cannot both hold), ``day`` (they never
    fall on one day) or ``plain`` (just the comparisons)."""
    shown = list(dict.fromkeys(f"`{a.shown}`" for a in atoms if a.shown))
    if not shown:
        return t("no value of `{name}` is possible", name=atoms[0].value.name)
    if len(shown) == 1:
        return shown[0] if mode == "plain" else t("{comparison} never holds", comparison=shown[0])
    together = listing(shown, "and")
    if mode == "plain":
        return together
    if mode == "day":
        return t("{comparisons} never fall on one day", comparisons=together)
    return t("{comparisons} cannot both hold", comparisons=together)


def _never_on_one_day(atoms: list[Atom], campaign: m.Campaign | None) -> bool:
    days = _days(atoms, campaign)
    return days is not None and not any(_on(atoms, d) for d in days)


def _on(atoms: Iterable[Atom], day: dt.date) -> bool:
    parts = {"date": Decimal(day.toordinal()), "weekday": day.weekday(), "day": day.day, "month": day.month,
             "year": Decimal(day.year), "monthday": (day.month, day.day)}
    return all(_meets((a,), parts[a.value.name]) for a in atoms)


def _days(calendar: list[Atom], campaign: m.Campaign | None) -> list[dt.date] | None:
    """The days to try: the campaign's (or any), within the dates and years the atoms allow; None
    when the span is too long to scan (nothing is then claimed)."""
    if campaign is not None and campaign.dates and not (campaign.weekdays or campaign.month_days
                                                        or campaign.year_days or campaign.year_ranges):
        return sorted(d for d in campaign.dates if runs_on(campaign, d))
    lows, highs = [], []
    if campaign is not None and campaign.window is not None:
        lows.append(campaign.window[0])
        highs.append(campaign.window[1])
    for a in calendar:
        if a.value.name not in ("date", "year") or a.op in ("!=", "notin"):
            continue
        days = [_day(a.value.name, c, a.op) for c in a.constants]
        if a.op in ("=", "in", ">", ">="):
            lows.append(min(d[0] for d in days))
        if a.op in ("=", "in", "<", "<="):
            highs.append(max(d[1] for d in days))
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    cycle = dt.timedelta(days=round(365.2425 * CYCLE_YEARS))
    low = low or (high - cycle if high else dt.date(2000, 1, 1))
    high = high or low + cycle
    if high < low:
        return []
    if (high - low).days > 366 * MAX_SCAN_YEARS:
        return None
    every = (low + dt.timedelta(n) for n in range((high - low).days + 1))
    return [d for d in every if campaign is None or runs_on(campaign, d)]


def _day(name: str, c: Decimal, op: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date or year constant stands for (clamped to real dates)."""
    if name == "date":
        n = min(max(int(c), 1), dt.date.max.toordinal())
        return dt.date.fromordinal(n), dt.date.fromordinal(n)
    year = min(max(int(c), 1), 9999)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
