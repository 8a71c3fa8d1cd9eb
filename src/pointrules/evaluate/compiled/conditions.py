"""Conditions compiled to closures: every name resolved once, at compile time.

A compiled condition is ``cond(fields, builtins, record) -> bool`` and a compiled value is
``value(fields, builtins, record) -> Any``: ``fields`` are the event's typed fields, ``builtins``
the dict of ``conditions.event_builtins`` (None when no condition of the event kind reads one) and
``record`` the record a ``where`` filters (None elsewhere).

Agreement with ``conditions.holds`` / ``conditions.value`` is by construction: every operation that is
not a plain lookup calls the same function of evaluate/conditions.py (``compare``, ``arithmetic``), except a few fast
paths whose result is provably the same (a text, number or rank compared with a literal: the fast
path is taken only for the exact types the generic code would bring to the same comparison, and
any other value falls back to ``compare``). Evaluation order (left before right, ``and``/``or``
short-circuits, ``from … to`` testing the low end first) is the interpreter's, so an observer
sees the same conditions decided in the same order.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pointrules import syntax as s
from pointrules.evaluate.conditions import (
    NOT_A_LITERAL,
    Observer,
    arithmetic,
    compare,
    literal,
    negation,
    part_of,
)
from pointrules.program import model as m
from pointrules.program.history import key as history_key
from pointrules.program.resolve import WEEKDAYS, date_part, resolve, tier_operands

Value = Callable[[Any, Any, Any], Any]
Cond = Callable[[Any, Any, Any], bool]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


class Compiler:
    """Compiles the expressions of one program; remembers whether any reads a built-in name."""

    def __init__(self, program: m.Program, observe: Observer | None = None) -> None:
        self.program = program
        self.observe = observe
        self.tiers = program.tier_names
        self.profile = program.profile  # the profile fields, merged into ``fields`` by the core
        self.uses_builtins = False

    # ---- values ----------------------------------------------------------------------------
    def value(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None) -> Value:
        """A closure giving the expression's value (None when it has none)."""
        const = self._constant(expr)
        if const is not _NONE:
            return lambda f, b, r: const
        if isinstance(expr, s.Ref):
            return self._ref(expr, schema, record)
        if isinstance(expr, s.History):  # the core puts the member's history among the fields
            key = history_key(expr)
            return lambda f, b, r: f.get(key)
        if isinstance(expr, s.Negate):
            inner = self.value(expr.operand, schema, record)

            def negate(f: Any, b: Any, r: Any) -> Any:
                return negation(inner(f, b, r))

            return negate
        if isinstance(expr, s.Binary) and expr.op in ("+", "-", "*", "/", "%"):
            op, left, right = expr.op, self.value(expr.left, schema, record), self.value(expr.right, schema, record)
            divisor = self._constant(expr.right)
            if op == "%" and divisor.__class__ is Decimal and divisor > 0 and divisor.as_tuple().exponent == 0:
                return _remainder(left, right, int(divisor))
            return lambda f, b, r: arithmetic(op, left(f, b, r), right(f, b, r))
        cond = self.condition(expr, schema, record)
        return lambda f, b, r: cond(f, b, r)

    @staticmethod
    def _constant(expr: s.Expr) -> Any:
        return literal(expr)

    def _ref(self, ref: s.Ref, schema: m.Schema, record: m.Schema | None) -> Value:
        if ref.attr is not None:
            attr = ref.attr.text
            whole = date_part(ref, event=schema, record=record, tiers=self.tiers, profile=self.profile)
            if whole is not None:  # `birthday.month`: a part of a date field, as conditions.part_of
                day = self._ref(s.Ref(name=ref.name, attr=None, span=ref.span), schema, record)
                return lambda f, b, r: part_of(day(f, b, r), attr)
            # `item.category` inside `where`: the record's own field, whatever the record's name.
            return lambda f, b, r: r.get(attr) if r is not None else None
        name = ref.name.text
        meaning = resolve(name, event=schema, record=record, tiers=self.tiers, profile=self.profile)
        if meaning is None:
            return lambda f, b, r: None
        if meaning.kind == "record_field":
            return lambda f, b, r: r.get(name) if r is not None else None
        if meaning.kind in ("field", "profile_field"):  # profile fields are merged into the event's
            return lambda f, b, r: f.get(name)
        if meaning.kind == "builtin":
            self.uses_builtins = True
            return lambda f, b, r: b.get(name)
        const = self.program.tier(name).rank if meaning.kind == "tier" else WEEKDAYS[name]
        return lambda f, b, r: const

    def _operand(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None, tiers: frozenset[int]) -> Value:
        """An operand of a comparison: a name facing a tier is that tier's rank (resolve.py)."""
        if id(expr) in tiers:
            rank = self.program.tier(expr.name.text).rank  # type: ignore[union-attr]  # only a name's id is in tiers
            return lambda f, b, r: rank
        return self.value(expr, schema, record)

    def _tier_operands(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None) -> frozenset[int]:
        return tier_operands(expr, event=schema, record=record, tiers=self.tiers, profile=self.profile)

    def _ref_constant(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None,
                      tiers: frozenset[int]) -> Any:
        """The constant a literal, tier or weekday name stands for; _NONE otherwise."""
        const = self._constant(expr)
        if const is not _NONE or not isinstance(expr, s.Ref) or expr.attr is not None:
            return const
        if id(expr) in tiers:
            return self.program.tier(expr.name.text).rank
        meaning = resolve(expr.name.text, event=schema, record=record, tiers=self.tiers, profile=self.profile)
        if meaning is None:
            return None
        if meaning.kind == "tier":
            return self.program.tier(expr.name.text).rank
        if meaning.kind == "weekday":
            return WEEKDAYS[expr.name.text]
        return _NONE

    # ---- conditions ------------------------------------------------------------------------
    def optional(self, expr: s.Expr | None, schema: m.Schema, record: m.Schema | None = None) -> Cond | None:
        """None for no condition (it always holds), else the compiled condition; with an observer,
        one that shows it each answer, as ``conditions.holds`` does."""
        if expr is None:
            return None
        cond = self.condition(expr, schema, record)
        observe = self.observe
        if observe is None:
            return cond

        def observed(f: Any, b: Any, r: Any) -> bool:
            answer = cond(f, b, r)
            observe(expr, answer)
            return answer

        return observed

    def condition(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None) -> Cond:
        """A closure telling whether the condition holds, as ``conditions.holds`` does."""
        if isinstance(expr, s.Binary):
            if expr.op in ("and", "or"):
                left = self.condition(expr.left, schema, record)
                right = self.condition(expr.right, schema, record)
                if expr.op == "and":
                    return lambda f, b, r: left(f, b, r) and right(f, b, r)
                return lambda f, b, r: left(f, b, r) or right(f, b, r)
            if expr.op in _OPS:
                return self._comparison(expr, schema, record)
            arith = self.value(expr, schema, record)
            return lambda f, b, r: bool(arith(f, b, r))
        if isinstance(expr, s.Not):
            inner = self.condition(expr.operand, schema, record)
            return lambda f, b, r: not inner(f, b, r)
        if isinstance(expr, s.In):
            return self._in(expr, schema, record)
        if isinstance(expr, s.Between):
            tiers = self._tier_operands(expr, schema, record)
            v, low, high = (self._operand(e, schema, record, tiers) for e in (expr.value, expr.low, expr.high))

            def between(f: Any, b: Any, r: Any) -> bool:
                x = v(f, b, r)
                return compare(">=", x, low(f, b, r)) and compare("<=", x, high(f, b, r))

            return between
        value = self.value(expr, schema, record)
        return lambda f, b, r: value(f, b, r) is True

    def _comparison(self, expr: s.Binary, schema: m.Schema, record: m.Schema | None) -> Cond:
        op = expr.op
        tiers = self._tier_operands(expr, schema, record)
        left = self._operand(expr.left, schema, record, tiers)
        const = self._ref_constant(expr.right, schema, record, tiers)
        field = None if id(expr.left) in tiers else self._field_name(expr.left, schema, record)
        if field is not None and op == "=" and type(const) is str:
            # `FIELD = "text"`: the event's own field read and compared inline (see _fast_compare).
            def field_is(f: Any, b: Any, r: Any) -> bool:
                v = f.get(field)
                if type(v) is str:
                    return v == const
                return compare(op, v, const)

            return field_is
        fast = _fast_compare(op, left, const)
        if fast is not None:
            return fast
        right = self._operand(expr.right, schema, record, tiers)
        return lambda f, b, r: compare(op, left(f, b, r), right(f, b, r))

    def _field_name(self, expr: s.Expr, schema: m.Schema, record: m.Schema | None) -> str | None:
        """The name of the event field a plain reference reads (as ``_ref`` resolves it); else None."""
        if not isinstance(expr, s.Ref) or expr.attr is not None:
            return None
        meaning = resolve(expr.name.text, event=schema, record=record, tiers=self.tiers, profile=self.profile)
        return expr.name.text if meaning is not None and meaning.kind == "field" else None

    def _in(self, expr: s.In, schema: m.Schema, record: m.Schema | None) -> Cond:
        tiers = self._tier_operands(expr, schema, record)
        value = self._operand(expr.value, schema, record, tiers)
        options = tuple(self._operand(o, schema, record, tiers) for o in expr.options)
        consts = tuple(self._ref_constant(o, schema, record, tiers) for o in expr.options)
        negated = expr.negated
        if all(type(c) is str for c in consts):
            # Texts only: `compare("=", v, text)` is true exactly when v is a str equal to it.
            texts = frozenset(consts)
            if negated:
                # the inner lambda reads the field once: the closures of the compiled evaluator are expressions
                return lambda f, b, r: (lambda v: v is not None and not (type(v) is str and v in texts))(value(f, b, r))  # noqa: PLC3002
            return lambda f, b, r: (lambda v: type(v) is str and v in texts)(value(f, b, r))  # noqa: PLC3002

        def member(f: Any, b: Any, r: Any) -> bool:
            v = value(f, b, r)
            found = v is not None and any(compare("=", v, o(f, b, r)) for o in options)
            return (not found and v is not None) if negated else found

        return member


_NONE: Any = NOT_A_LITERAL  # "no constant": not a literal, nor a tier or weekday name


def _fast_compare(op: str, left: Value, const: Any) -> Cond | None:
    """A comparison with a constant right side that skips ``compare`` for the common exact types.

    ``compare`` brings a str and a str to (a, b), and two non-bool ints or Decimals to
    (Decimal(a), Decimal(b)), whose order is the same as comparing a and b directly; a None left
    side is false for every operator. Anything else goes to ``compare`` itself."""
    ordered = _OPS[op]
    if type(const) is str:
        def text(f: Any, b: Any, r: Any) -> bool:
            v = left(f, b, r)
            if type(v) is str:
                return ordered(v, const)
            return compare(op, v, const)

        return text
    if type(const) is Decimal or type(const) is int:
        def number(f: Any, b: Any, r: Any) -> bool:
            v = left(f, b, r)
            if type(v) is Decimal or type(v) is int:
                return ordered(v, const)
            return compare(op, v, const)

        return number
    return None


_SMALL = 10**59  # below 60 digits Decimal's remainder at the interpreter's precision is exact


def _remainder(left: Value, right: Value, divisor: int) -> Value:
    """``x % N`` for a whole literal N > 0: a non-negative int x (a count) takes Python's integer
    remainder, which equals Decimal's here (both operands of exponent 0, x >= 0); anything else
    goes to ``arithmetic``."""

    def remainder(f: Any, b: Any, r: Any) -> Any:
        x = left(f, b, r)
        if x.__class__ is int and 0 <= x < _SMALL:
            return Decimal(x % divisor)
        return arithmetic("%", x, right(f, b, r))

    return remainder
