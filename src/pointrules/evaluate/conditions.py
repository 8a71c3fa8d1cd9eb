"""Conditions, for the reference evaluator (and the literals, comparisons and arithmetic the compiled
evaluator's closures share): what a name means while a condition is decided (``Scope``), values,
comparisons and whether a condition holds. An observer, when given, sees every whole condition
decided (``pointrules test --coverage``). It reads ``model`` objects and syntax nodes only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Any

from pointrules import syntax as s
from pointrules.evaluate.calendar import local_time
from pointrules.program import model as m
from pointrules.program.history import key as history_key
from pointrules.program.resolve import WEEKDAYS, Meaning, date_part, resolve, tier_operands


class Scope:
    """What names mean while evaluating a condition: the event's fields (the member's profile
    fields merged in) and built-ins, and inside ``where`` the record being filtered. ``observe(condition, answer)``, when given, sees every
    whole condition decided (``pointrules test --coverage``)."""

    __slots__ = ("builtins", "fields", "observe", "program", "record", "record_schema", "schema")

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
    program = scope.program
    if ref.attr is not None:
        whole = date_part(ref, event=scope.schema, record=scope.record_schema, tiers=program.tier_names,
                          profile=program.profile)
        if whole is not None:  # `birthday.month`: a part of a date field; absent when the date is
            return part_of(_field(whole, scope), ref.attr.text)
        # `item.category` inside `where`: the record's own field.
        return scope.record.get(ref.attr.text) if scope.record is not None else None
    meaning = resolve(name, event=scope.schema, record=scope.record_schema, tiers=program.tier_names,
                      profile=program.profile)
    if meaning is None:
        return None
    if meaning.kind in ("record_field", "field", "profile_field"):
        return _field(meaning, scope)
    if meaning.kind == "builtin":
        return scope.builtins.get(name)
    if meaning.kind == "tier":
        return scope.program.tier(name).rank
    return WEEKDAYS[name]


def _field(meaning: Meaning, scope: Scope) -> Any:
    """A field's value: the record's inside ``where``, else the event's, whose ``fields`` carry the
    member's profile fields too (evaluators merge them: the names never clash, PR112)."""
    if meaning.kind == "record_field":
        return scope.record.get(meaning.name) if scope.record is not None else None
    return scope.fields.get(meaning.name)


def part_of(day: Any, part: str) -> int | None:
    """``day``, ``month`` or ``year`` of a date (resolve.DATE_PARTS); None when there is no date."""
    return getattr(day, part) if isinstance(day, dt.date) else None


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
    if isinstance(expr, s.History):  # the evaluator put the member's history among the fields
        return scope.fields.get(history_key(expr))
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
    return tier_operands(expr, event=scope.schema, record=scope.record_schema, tiers=scope.program.tier_names,
                         profile=scope.program.profile)


def _operand(expr: s.Expr, scope: Scope, tiers: frozenset[int]) -> Any:
    """An operand of a comparison: a name facing a tier is that tier's rank (resolve.py)."""
    if id(expr) in tiers:
        return scope.program.tier(expr.name.text).rank  # type: ignore[union-attr]  # only a name's id is in tiers
    return value(expr, scope)
