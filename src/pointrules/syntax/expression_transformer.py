"""The leaves and conditions of the parse tree -> syntax tree (``expressions.py``'s nodes): the
tokens (names, texts, numbers, dates, times of day, keywords kept as words), quantities, conditions
and arithmetic, and the member's history. ``transformer.TreeToSyntax`` builds the declarations on it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from lark import Token, Transformer, v_args

from pointrules import syntax as s
from pointrules.source import Span


def _unescape(raw: str) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


@v_args(meta=True)
class ExpressionTransformer(Transformer):
    """Builds the syntax tree's leaves and conditions, each with its span; ``base`` shifts positions
    when parsing resumed mid-file."""

    base: int

    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.base, self.base)
        return Span(self.base + meta.start_pos, self.base + meta.end_pos)

    def _tspan(self, token: Token) -> Span:
        return Span(self.base + token.start_pos, self.base + token.end_pos)  # type: ignore[operator]  # parsed tokens

    # tokens (visit_tokens calls these with the token alone)
    @v_args(inline=False, meta=False)
    def NAME(self, t: Token) -> s.Name:
        return s.Name(text=str(t), span=self._tspan(t))

    POINTS = PERCENT = UNIT = UNITS = HALF_YEAR = NAME

    @v_args(inline=False, meta=False)
    def STRING(self, t: Token) -> s.Text:
        return s.Text(value=_unescape(str(t)), raw=str(t), span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def NUMBER(self, t: Token) -> s.Number:
        return s.Number(value=Decimal(str(t).replace(",", "")), raw=str(t), span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def DATE(self, t: Token) -> s.DateLit:
        y, m, d = (int(p) for p in str(t).split("-"))
        return s.DateLit(raw=str(t), year=y, month=m, day=d, span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def CLOCK(self, t: Token) -> s.ClockLit:
        h, m = (int(p) for p in str(t).split(":"))
        return s.ClockLit(raw=str(t), hour=h, minute=m, span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def MONTHDAY(self, t: Token) -> s.MonthDay:
        m, d = (int(p) for p in str(t).split("-"))
        return s.MonthDay(raw=str(t), month=m, day=d, span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def _word(self, t: Token) -> str:
        return str(t)

    ROUNDING_MODE = STACK_MODE = COMBINE_MODE = COMPARE = ADD_OP = MUL_OP = NEXT = SECOND = PRORATED = _word

    # quantities and expressions
    def quantity(self, meta: Any, c: list[Any]) -> s.Quantity:
        return s.Quantity(amount=c[0], unit=c[1] if len(c) > 1 else None, span=self._span(meta))

    def or_(self, meta: Any, c: list[Any]) -> s.Binary:
        return s.Binary(op="or", left=c[0], right=c[1], span=self._span(meta))

    def and_(self, meta: Any, c: list[Any]) -> s.Binary:
        return s.Binary(op="and", left=c[0], right=c[1], span=self._span(meta))

    def not_(self, meta: Any, c: list[Any]) -> s.Not:
        return s.Not(operand=c[0], span=self._span(meta))

    def compare(self, meta: Any, c: list[Any]) -> s.Binary:
        return s.Binary(op=c[1], left=c[0], right=c[2], span=self._span(meta))

    arith = compare

    def negate(self, meta: Any, c: list[Any]) -> s.Negate:
        return s.Negate(operand=c[0], span=self._span(meta))

    def in_(self, meta: Any, c: list[Any]) -> s.In:
        return s.In(value=c[0], options=tuple(c[1:]), negated=False, span=self._span(meta))

    def not_in(self, meta: Any, c: list[Any]) -> s.In:
        return s.In(value=c[0], options=tuple(c[1:]), negated=True, span=self._span(meta))

    def between(self, meta: Any, c: list[Any]) -> s.Between:
        return s.Between(value=c[0], low=c[1], high=c[2], span=self._span(meta))

    def number_lit(self, meta: Any, c: list[Any]) -> s.NumberLit:
        return s.NumberLit(number=c[0], unit=c[1], span=self._span(meta))

    def text_lit(self, meta: Any, c: list[Any]) -> s.Text:
        return c[0]

    date_lit = monthday_lit = text_lit

    def ref(self, meta: Any, c: list[Any]) -> s.Ref:
        return s.Ref(name=c[0], attr=c[1], span=self._span(meta))

    def history_of(self, meta: Any, c: list[Any]) -> s.History:
        adverb, measure = (c[0], c[1]) if c[1] is not None else (None, c[0])
        return self._history(meta, measure, adverb, True, c[2], c[3])

    def history_first(self, meta: Any, c: list[Any]) -> s.History:
        return self._history(meta, c[0], None, False, c[1], c[2])

    def _history(self, meta: Any, measure: s.Name, adverb: s.Name | None, of: bool, kind: s.Name,
                 window: s.Window | None) -> s.History:
        return s.History(measure=measure, adverb=adverb, of=of, kind=kind,
                         window=window.kind if window is not None else None,
                         count=window.count if window is not None else None,
                         unit=window.unit if window is not None else None, span=self._span(meta))
