"""What every evaluator shares: rounding, periods and expiry in the program's time zone, campaign
schedules and conditions.

Rounding to whole points happens in ``round_points`` and nowhere else. Periods are calendar
periods of the program's zone (ISO weeks start on Monday); a period's key (``2026-03-02``,
``2026-W10``, ``2026-03``, ``2026-Q1``, ``2026``) names it in counters. This module knows nothing
of parsing: it reads ``model`` objects and ``syntax`` expression nodes only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from pointrules.program import model as m
from pointrules.syntax import nodes as s
from pointrules.program.resolve import WEEKDAYS, resolve, tier_operands

UTC = dt.timezone.utc
ONE_SECOND = dt.timedelta(seconds=1)


# ---- rounding -------------------------------------------------------------------------------
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


# ---- zones and periods ------------------------------------------------------------------------
@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo of an IANA name, cached."""
    return ZoneInfo(name)


def local_time(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """An aware instant seen in the program's zone."""
    return instant.astimezone(zone(zone_name))


def _step(unit: str, n: int) -> relativedelta:
    return {
        "day": relativedelta(days=n), "week": relativedelta(weeks=n), "month": relativedelta(months=n),
        "quarter": relativedelta(months=3 * n), "year": relativedelta(years=n),
    }[unit]


def period_start_date(day: dt.date, unit: str) -> dt.date:
    """The first day of the calendar period holding ``day`` (ISO weeks start on Monday)."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown period {unit!r}")


@lru_cache(maxsize=4096)
def period_key(day: dt.date, unit: str | None) -> str:
    """The name of the period holding a local date: ``2026-03-02``, ``2026-W10``, ``2026-03``,
    ``2026-Q1``, ``2026``; ``ever`` when there is no period."""
    if unit is None:
        return "ever"
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {unit!r}")


def at_midnight(day: dt.date, zone_name: str) -> dt.datetime:
    """The first instant of a local date in the program's zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone(zone_name))


def add_duration(instant: dt.datetime, duration: m.Duration, zone_name: str) -> dt.datetime:
    """``instant`` plus a calendar duration, counted on the wall clock of the program's zone."""
    local = local_time(instant, zone_name).replace(tzinfo=None)
    later = local + _step(duration.unit, duration.count)
    return later.replace(tzinfo=zone(zone_name))


def period_end(day: dt.date, unit: str, periods_after: int, zone_name: str) -> dt.datetime:
    """The first instant NOT in the period ``periods_after`` periods after the one holding ``day``."""
    start = period_start_date(day, unit)
    return at_midnight(start + _step(unit, periods_after + 1), zone_name)


def expiry_instant(expiry: m.Expiry, earned: dt.datetime, zone_name: str) -> dt.datetime | None:
    """The first instant a lot is no longer valid; None for ``never``. For ``inactive`` this is
    the expiry as of the earning event, which later activity pushes back (a rolling expiry)."""
    if expiry.kind == "never":
        return None
    if expiry.kind in ("after", "inactive"):
        assert expiry.duration is not None
        return add_duration(earned, expiry.duration, zone_name)
    assert expiry.period is not None
    return period_end(local_time(earned, zone_name).date(), expiry.period, expiry.periods_after, zone_name)


def last_valid_second(expires: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    """What wire formats show: the last valid second, in the program's zone."""
    if expires is None:
        return None
    return (expires.astimezone(UTC) - ONE_SECOND).astimezone(zone(zone_name))


def wire_time(instant: dt.datetime, zone_name: str) -> str:
    """ISO 8601 with offset, in the program's zone."""
    return local_time(instant, zone_name).isoformat()


# ---- campaigns and the effective window ------------------------------------------------------
@lru_cache(maxsize=8192)
def campaign_active(campaign: m.Campaign, day: dt.date) -> bool:
    """Whether a campaign runs on a local date: inside its window (both ends included) and, when it
    has a recurring schedule, matching any one of its weekdays, month days, year days or dates."""
    if campaign.window is not None and not (campaign.window[0] <= day <= campaign.window[1]):
        return False
    recurring = campaign.weekdays or campaign.month_days or campaign.year_days or campaign.dates
    if not recurring:
        return True
    return (
        day.weekday() in campaign.weekdays
        or day.day in campaign.month_days
        or (day.month, day.day) in campaign.year_days
        or day in campaign.dates
    )


def program_effective(program: m.Program, day: dt.date) -> bool:
    """Whether the program earns on a local date (its ``effective`` window, both ends included)."""
    if program.effective is None:
        return True
    start, end = program.effective
    return start <= day and (end is None or day <= end)


# ---- conditions -------------------------------------------------------------------------------
class Scope:
    """What names mean while evaluating a condition: the event's fields and built-ins, and inside
    ``where`` the record being filtered. ``observe(condition, answer)``, when given, sees every
    whole condition decided (``pointrules test --coverage``)."""

    __slots__ = ("program", "schema", "fields", "builtins", "record_schema", "record", "observe")

    def __init__(self, program: m.Program, schema: m.Schema, fields: Mapping[str, Any],
                 builtins: Mapping[str, Any], record_schema: m.Schema | None = None,
                 record: Mapping[str, Any] | None = None, observe: Observer | None = None) -> None:
        self.program = program
        self.schema = schema
        self.fields = fields
        self.builtins = builtins
        self.record_schema = record_schema
        self.record = record
        self.observe = observe

    def with_record(self, schema: m.Schema | None, record: Mapping[str, Any]) -> Scope:
        return Scope(self.program, self.schema, self.fields, self.builtins, schema, record, self.observe)


Observer = Callable[[s.Expr, bool], None]  # sees a whole condition and its answer


def event_builtins(event_id: str, member: str, instant: dt.datetime, zone_name: str, tier_rank: int) -> dict[str, Any]:
    """The built-in names of an event, date parts in the program's zone."""
    local = local_time(instant, zone_name)
    return {
        "id": event_id, "member": member, "time": instant, "date": local.date(),
        "weekday": local.weekday(), "day": local.day, "month": local.month, "year": local.year,
        "hour": local.hour, "tier": tier_rank,
    }


def _ref(ref: s.Ref, scope: Scope) -> Any:
    name = ref.name.text
    if ref.attr is not None:
        # `item.category` inside `where`: the record's own field.
        return scope.record.get(ref.attr.text) if scope.record is not None else None
    meaning = resolve(name, event=scope.schema, record=scope.record_schema, tiers=scope.program.tier_names)
    if meaning is None:
        return None
    if meaning.kind == "record_field":
        return scope.record.get(name) if scope.record is not None else None
    if meaning.kind == "field":
        return scope.fields.get(name)
    if meaning.kind == "builtin":
        return scope.builtins.get(name)
    if meaning.kind == "tier":
        return scope.program.tier(name).rank
    return WEEKDAYS[name]


def _comparable(a: Any, b: Any) -> tuple[Any, Any] | None:
    """Bring two values to one comparable form, or None when they cannot be compared."""
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return (a, b) if isinstance(a, bool) and isinstance(b, bool) else None
    if isinstance(a, tuple) and isinstance(b, dt.date):  # month-day against a date: any year
        return a, (b.month, b.day)
    if isinstance(b, tuple) and isinstance(a, dt.date):
        return (a.month, a.day), b
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a), Decimal(b)
    if type(a) is type(b):
        return a, b
    return None


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def compare(op: str, a: Any, b: Any) -> bool:
    pair = _comparable(a, b)
    if pair is None:
        return op == "!=" and a is not None and b is not None
    try:
        return _COMPARE[op](*pair)
    except TypeError:
        return False


# Condition arithmetic in one fixed context, never the host thread's: 60 digits, and a result out of
# its range (a remainder too far apart to be exact, a product past 10^999999) gives no value.
_ARITH = Context(prec=60, rounding=ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999,
                 traps=[InvalidOperation, DivisionByZero, Overflow])
_OPERATIONS = {"+": _ARITH.add, "-": _ARITH.subtract, "*": _ARITH.multiply, "/": _ARITH.divide,
               "%": _ARITH.remainder}


def arithmetic(op: str, a: Any, b: Any) -> Decimal | None:
    if not isinstance(a, (int, Decimal)) or not isinstance(b, (int, Decimal)) or isinstance(a, bool) or isinstance(b, bool):
        return None
    x, y = Decimal(a), Decimal(b)
    if y == 0 and op in "/%":
        return None  # dividing by zero gives no value: every comparison with it is false
    try:
        return _OPERATIONS[op](x, y)
    except ArithmeticError:
        return None


def negation(v: Any) -> Decimal | None:
    """``-v`` exactly (no context, so no rounding and no trap), None for a non-number."""
    return Decimal(v).copy_negate() if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else None


NOT_A_LITERAL: Any = object()


def literal(expr: s.Expr) -> Any:
    """The value a literal stands for (a month-day is ``(month, day)``); NOT_A_LITERAL otherwise.
    Shared by the interpreter and the compiled evaluator, so both read literals alike."""
    if isinstance(expr, s.NumberLit):
        return expr.number.value
    if isinstance(expr, s.Text):
        return expr.value
    if isinstance(expr, s.DateLit):
        return dt.date(expr.year, expr.month, expr.day)
    if isinstance(expr, s.MonthDay):
        return (expr.month, expr.day)
    return NOT_A_LITERAL


def value(expr: s.Expr, scope: Scope) -> Any:
    """The value of an expression; None when it has none (an absent optional field)."""
    if isinstance(expr, s.Ref):
        return _ref(expr, scope)
    constant = literal(expr)
    if constant is not NOT_A_LITERAL:
        return constant
    if isinstance(expr, s.Negate):
        return negation(value(expr.operand, scope))
    if isinstance(expr, s.Binary) and expr.op in ("+", "-", "*", "/", "%"):
        return arithmetic(expr.op, value(expr.left, scope), value(expr.right, scope))
    return _holds(expr, scope)


def holds(expr: s.Expr | None, scope: Scope) -> bool:
    """Whether a condition holds; no condition always holds. A comparison with an absent value is
    false. The scope's observer, if any, sees each whole condition's answer (not its parts)."""
    if expr is None:
        return True
    result = _holds(expr, scope)
    if scope.observe is not None:
        scope.observe(expr, result)
    return result


def _holds(expr: s.Expr, scope: Scope) -> bool:
    if isinstance(expr, s.Binary):
        if expr.op == "and":
            return _holds(expr.left, scope) and _holds(expr.right, scope)
        if expr.op == "or":
            return _holds(expr.left, scope) or _holds(expr.right, scope)
        if expr.op in _COMPARE:
            tiers = _tier_operands(expr, scope)
            return compare(expr.op, _operand(expr.left, scope, tiers), _operand(expr.right, scope, tiers))
        return bool(value(expr, scope))
    if isinstance(expr, s.Not):
        return not _holds(expr.operand, scope)
    if isinstance(expr, s.In):
        tiers = _tier_operands(expr, scope)
        v = _operand(expr.value, scope, tiers)
        found = v is not None and any(compare("=", v, _operand(o, scope, tiers)) for o in expr.options)
        return (not found and v is not None) if expr.negated else found
    if isinstance(expr, s.Between):
        tiers = _tier_operands(expr, scope)
        v = _operand(expr.value, scope, tiers)
        return (compare(">=", v, _operand(expr.low, scope, tiers))
                and compare("<=", v, _operand(expr.high, scope, tiers)))
    v = value(expr, scope)
    return v is True


def _tier_operands(expr: s.Expr, scope: Scope) -> frozenset[int]:
    return tier_operands(expr, event=scope.schema, record=scope.record_schema, tiers=scope.program.tier_names)


def _operand(expr: s.Expr, scope: Scope, tiers: frozenset[int]) -> Any:
    """An operand of a comparison: a name facing a tier is that tier's rank (resolve.py)."""
    if id(expr) in tiers:
        return scope.program.tier(expr.name.text).rank  # type: ignore[attr-defined]
    return value(expr, scope)
