"""Hypothesis strategies shared by every property test (attrs' habit: one module, every stage).

Stable API (other test folders import it; add, never rename):

- ``program_trees()``: ``syntax.Program`` trees the checker accepts with no error, built node by
  node: every declaration and statement kind, every schedule, expiry, stacking and rounding mode,
  typed conditions of bounded depth over fields that exist (a member profile's too, and date parts
  like ``birthday.month``), labels full of Chinese text, quotes,
  backslashes and Unicode tricks, numbers with thousands separators. Spans are all ``Span(0, 0)``:
  compare trees with ``formatter.shape``.
- ``programs()``: the same programs as canonical text (printed by ``formatter.format_program``);
  ``with_comments(text, data)`` puts comments drawn from ``data`` (``st.data()``) into such a text.
- ``expressions()``: untyped expression trees the grammar can produce (for the printer's round trip).
- ``events_for(program, extreme=False, ledger=False)``: event dicts a loaded ``model.Program`` accepts; with
  ``extreme`` also the edges of the valid domain (huge counts, the first and last years accepted, odd offsets);
  with ``ledger`` only ids a ledger keeps (no U+0000).
- ``bad_events_for(program)``: event dicts it must refuse with an ``EventError``.
- ``profiles_for(program, members, broken=5)``: member profiles (tier and the fields of the program's
  ``profile { … }``), in one stream of ``broken`` one that breaks the schema; ``profile_for``,
  ``broken_profile_for`` for one member; ``hostile_profiles_for`` with one hostile value.
- ``event_lines_for(program)``: JSON Lines for ``simulate``: valid, invalid and garbage lines.
- ``wide_conditions()``, ``deep_conditions()``, ``long_lists()``, ``long_texts()``, ``many_rules()``:
  ``LimitCase``s, program texts at the limits of a program file (docs/robustness.md), with the limit
  each goes beyond and where; ``similar_names()``: a ``NamesCase`` of many names alike and misspelled uses.
- ``examples(ci, long)``: how many examples a property test of the normal suite draws.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import attrs
from hypothesis import strategies as st

from pointrules.program import model as m
from pointrules import syntax as s
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.quantities import POINTS_UNITS, TIMES_UNITS, UNITS
from pointrules.check.names import TYPE_ALIASES, TYPES
from pointrules.check.quantities import period_unit
from pointrules.check.texts import refused
from pointrules.formatter import format_program
from pointrules.syntax.limits import MAX_ITEMS, MAX_NAME, MAX_NUMBER, MAX_PARENS, MAX_TERMS, MAX_TEXT, MAX_TOKENS
from pointrules.program.resolve import BUILTINS, DATE_PARTS, WEEKDAYS
from pointrules.source import Source, Span


def examples(ci: int, long: int) -> int:
    """Examples a property test of the normal suite draws: ``long`` under ``make fuzz``
    (POINTRULES_FUZZ=long), ``ci`` under CI=true (or POINTRULES_SLOW=1), half as many in the quick
    suite (`make test`), which runs often."""
    if os.environ.get("POINTRULES_FUZZ") == "long":
        return long
    if os.environ.get("CI") == "true" or os.environ.get("POINTRULES_SLOW") == "1":
        return ci
    return max(1, ci // 2)

Z = Span(0, 0)
ROOT = Path(__file__).resolve().parents[1]
_GRAMMAR = (ROOT / "grammar" / "pointrules.lark").read_text("utf-8")
KEYWORDS = frozenset(re.findall(r'"([a-z][a-z-]*)"', _GRAMMAR))
RESERVED = (
    KEYWORDS | set(BUILTINS) | set(WEEKDAYS) | set(TYPES) | set(TYPE_ALIASES) | set(UNITS) | TIMES_UNITS
    | POINTS_UNITS | set(MINOR_UNITS)
    | {"text", "list", "member", "spend", "purchase", "purchases", "yes", "no", "true", "false", "return",
       "rate", "order", "event", "quarter", "quarters"}
)
POOL = ["amount", "total", "price", "fee", "channel", "category", "sku", "streak", "store", "city", "base",
        "bonus", "double", "vip", "gold", "silver", "bronze", "diamond", "coffee", "tea", "review", "signup",
        "checkin", "referral", "purchase_2", "referee", "friend", "items", "item", "line", "qty", "shop",
        "app_bonus", "double11", "Gold", "VIP_2", "x", "_", "a1"]
CURRENCIES = ["CNY", "USD", "JPY", "KWD", "EUR", "CLF", "KRW", "HKD"]
ZONES = ["Asia/Shanghai", "UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Kolkata", "Europe/London",
         "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe", "America/Sao_Paulo"]
PERIODS = ("day", "week", "month", "quarter", "half-year", "year")

# Label text: Chinese, quotes, backslashes, right-to-left and zero-width marks, controls, emoji; the
# characters a quoted text may not hold (check/texts.py, PR007) are taken out of labels.
TRICKS = ["消费返积分", "双十一", "金卡", '"', "\\", "\\n", "\u202e", "\u202d", "\u2066", "\u200b", "\u200f",
          "\ufeff", "\x00", "\x1b[31m", "\t", "\r", "\u2028", "👍🏽", "e\u0301", "{{7*7}}", "${HOME}",
          "__import__('os').system('touch /tmp/pwned')", '"; DROP TABLE members; --', "# not a comment"]
label_values = st.one_of(
    st.lists(st.sampled_from(TRICKS), min_size=1, max_size=3).map("".join),
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8"), max_size=12),
).map(lambda t: "".join(c for c in t[:200] if not refused(c)))  # what PR007 refuses: test_program_text_characters

# Names are built from a first character and a text, not with ``st.from_regex``: a regex draws one
# character at a time through its own machinery, and that was half of the cost of a whole program.
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_LETTERS = _LOWER + _LOWER.upper()
names = st.one_of(
    st.sampled_from(POOL),
    st.builds(str.__add__, st.sampled_from(_LOWER + "_"), st.text(_LOWER + "0123456789_", max_size=12)),
    st.builds(str.__add__, st.sampled_from(_LETTERS), st.text(_LETTERS + "0123456789_", min_size=20, max_size=99)),
).filter(lambda n: n not in RESERVED)


# ---- leaves -------------------------------------------------------------------------------------
def name(text: str) -> s.Name:
    return s.Name(text=text, span=Z)


def escape(value: str) -> str:
    """The body of a quoted text that unescapes to ``value`` (syntax/expression_transformer.py's ``_unescape``)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def text(value: str) -> s.Text:
    return s.Text(value=value, raw=f'"{escape(value)}"', span=Z)


def number_of(whole: int, frac: str = "", separators: bool = False) -> s.Number:
    raw = (f"{whole:,}" if separators else str(whole)) + (f".{frac}" if frac else "")
    return s.Number(value=Decimal(raw.replace(",", "")), raw=raw, span=Z)


@functools.cache  # one strategy object per bounds: hypothesis validates each new one again
def numbers(lo: int = 0, hi: int = 100_000, places: int = 0) -> st.SearchStrategy[s.Number]:
    """A number as a marketer writes it: ``2,000``, ``1.5``, ``0.05``."""
    return _numbers(lo, hi, places)


@st.composite
def _numbers(draw: Any, lo: int, hi: int, places: int) -> s.Number:
    whole = draw(st.integers(lo, hi))
    k = draw(st.integers(0, places))
    frac = draw(st.text("0123456789", min_size=k, max_size=k))
    if lo > 0 and whole == 0:
        whole = 1
    return number_of(whole, frac, separators=whole >= 1000 and draw(st.booleans()))


def counts(lo: int = 1, hi: int = 100_000) -> st.SearchStrategy[s.Number]:
    return numbers(lo, hi, 0)


def qty(n: s.Number, unit: str | None) -> s.Quantity:
    return s.Quantity(amount=n, unit=name(unit) if unit else None, span=Z)


@st.composite
def dates(draw: Any, lo: dt.date = dt.date(2020, 1, 1), hi: dt.date = dt.date(2032, 12, 31)) -> s.DateLit:
    d = draw(st.dates(lo, hi))
    return s.DateLit(raw=d.isoformat(), year=d.year, month=d.month, day=d.day, span=Z)


def date_lit(d: dt.date) -> s.DateLit:
    return s.DateLit(raw=d.isoformat(), year=d.year, month=d.month, day=d.day, span=Z)


@st.composite
def month_days(draw: Any) -> s.MonthDay:
    d = draw(st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))  # a leap year: 02-29 exists
    return s.MonthDay(raw=f"{d.month:02d}-{d.day:02d}", month=d.month, day=d.day, span=Z)


@st.composite
def date_pair(draw: Any) -> tuple[s.DateLit, s.DateLit]:
    a, b = sorted([draw(st.dates(dt.date(2020, 1, 1), dt.date(2032, 12, 31))) for _ in range(2)])
    return date_lit(a), date_lit(b)


# ---- what a condition may name ---------------------------------------------------------------------
class Scope:
    """Field kinds seen by a condition: (kind, enum values); tiers; the program's currency."""

    def __init__(self, fields: dict[str, tuple[str, tuple[str, ...]]], tiers: tuple[str, ...],
                 currency: str, builtins: bool = True, history: tuple[tuple[str, bool], ...] = ()) -> None:
        self.fields = fields
        self.tiers = tiers
        self.currency = currency
        self.minor = MINOR_UNITS[currency]
        self.builtins = builtins
        self.history = history  # (event kind, whether it carries money): what history may read

    def of(self, *kinds: str) -> list[str]:
        return [n for n, (k, _) in self.fields.items() if k in kinds]

    def parts(self) -> list[str]:
        """``birthday.month``: the parts of every date field (event, profile or record), counts."""
        return [f"{n}.{part}" for n in self.of("date") for part in DATE_PARTS]


def ref(n: str) -> s.Ref:
    """``n`` named alone, or a date's part when it holds a dot (``birthday.month``: names have none)."""
    whole, _, part = n.partition(".")
    return s.Ref(name=name(whole), attr=name(part) if part else None, span=Z)


def lit(n: s.Number, unit: str | None = None) -> s.NumberLit:
    return s.NumberLit(number=n, unit=name(unit) if unit else None, span=Z)


def binary(op: str, a: s.Expr, b: s.Expr) -> s.Binary:
    return s.Binary(op=op, left=a, right=b, span=Z)


COMPARE = ["=", "!=", "<", "<=", ">", ">="]


# Typed expressions are drawn by plain recursion (one ``draw`` per choice): building nested
# strategy objects per scope made generation a hundred times slower.
NUMBER_LITS = numbers(0, 10_000, 3).map(lambda n: lit(n))
DIVISOR_LITS = numbers(1, 100, 2).map(lambda n: lit(n))


def _money_lit(draw: Any, scope: Scope) -> s.NumberLit:
    return lit(draw(numbers(0, 100_000, scope.minor)), scope.currency)


def _neg(e: s.Expr) -> s.Negate:
    return s.Negate(operand=e, span=Z)


def history_kinds(schemas: dict[str, Any]) -> tuple[tuple[str, bool], ...]:
    """The event kinds a condition may read the member's history of, with whether each carries money."""
    return tuple((kind, any(k == "money" for k, _ in fields.values())) for kind, fields in sorted(schemas.items()))


def _history(draw: Any, scope: Scope, measure: str) -> s.History:
    """``count of KIND [this PERIOD | last N days]``, ``spend of …`` (a kind with money),
    ``first KIND …``, ``[daily | weekly] streak of KIND``."""
    kind = draw(st.sampled_from([k for k, money in scope.history if money or measure != "spend"]))
    adverb = window = count = unit = None
    if measure == "streak":
        adverb = draw(st.sampled_from([None, "daily", "weekly"]))
    else:
        window = draw(st.sampled_from([None, "this", "last"]))
        if window == "this":
            unit = draw(st.sampled_from(["day", "week", "month", "quarter", "half-year", "year"]))
        elif window == "last":
            unit = draw(st.sampled_from(["day", "days", "week", "weeks"]))
            count = number_of(draw(st.integers(1, 52 if unit.startswith("week") else 366)))
    return s.History(measure=name(measure), adverb=name(adverb) if adverb else None, of=measure != "first",
                     kind=name(kind), window=window, count=count, unit=name(unit) if unit else None, span=Z)


def _num(draw: Any, scope: Scope, depth: int) -> s.Expr:
    """A number or count: fields, built-ins, literals, arithmetic, the member's history."""
    fields = scope.of("number", "count") + scope.parts() + (["day", "month", "year", "hour"] if scope.builtins else [])
    how = draw(st.sampled_from(["lit", "ref", "arith", "div", "neg"] if depth > 0 else ["lit", "ref"]))
    if how == "ref" and scope.history and draw(st.integers(0, 3)) == 0:
        return _history(draw, scope, draw(st.sampled_from(["count", "streak"])))
    if how == "ref" and fields:
        return ref(draw(st.sampled_from(fields)))
    if how == "arith":
        return binary(draw(st.sampled_from(["+", "-", "*"])), _num(draw, scope, depth - 1), _num(draw, scope, depth - 1))
    if how == "div":
        # a literal 0 divisor is PR204; a divisor that is 0 only at run time gives no value
        right = _num(draw, scope, depth - 1)
        if isinstance(right, s.NumberLit) and right.number.value == 0:
            right = draw(DIVISOR_LITS)
        return binary(draw(st.sampled_from(["/", "%"])), _num(draw, scope, depth - 1), right)
    if how == "neg":
        return _neg(_num(draw, scope, depth - 1))
    return draw(NUMBER_LITS)


def _money(draw: Any, scope: Scope, depth: int) -> s.Expr:
    """Money: money fields and literals, sums, money times or divided by numbers."""
    how = draw(st.sampled_from(["lit", "ref", "sum", "times", "div", "neg"] if depth > 0 else ["lit", "ref"]))
    if how == "ref" and any(money for _, money in scope.history) and draw(st.integers(0, 3)) == 0:
        return _history(draw, scope, "spend")
    if how == "ref" and scope.of("money"):
        return ref(draw(st.sampled_from(scope.of("money"))))
    if how == "sum":
        return binary(draw(st.sampled_from(["+", "-"])), _money(draw, scope, depth - 1), _money(draw, scope, depth - 1))
    if how == "times":
        return binary("*", _money(draw, scope, depth - 1), _num(draw, scope, 0))
    if how == "div":
        return binary("/", _money(draw, scope, depth - 1), draw(DIVISOR_LITS))
    if how == "neg":
        return _neg(_money(draw, scope, depth - 1))
    return _money_lit(draw, scope)


def _sorted_between(draw: Any, value: s.Expr, end: Any, key: Any) -> s.Between:
    low, high = sorted([end(), end()], key=key)
    return s.Between(value=value, low=low, high=high, span=Z)


def _in(value: s.Expr, options: list[s.Expr], negated: bool) -> s.In:
    return s.In(value=value, options=tuple(options), negated=negated, span=Z)


def _options(draw: Any, make: Any, values: Any = None) -> list[Any]:
    k = draw(st.integers(1, 3))
    return [make(draw(values)) if values is not None else make() for _ in range(k)]


def _comparison(draw: Any, scope: Scope) -> s.Expr:
    """One comparison that type-checks in ``scope``."""
    op = lambda: draw(st.sampled_from(COMPARE))  # noqa: E731
    eq = lambda: draw(st.sampled_from(["=", "!="]))  # noqa: E731
    by_value = lambda e: e.number.value  # noqa: E731
    kinds = ["money", "num", "num_in", "money_between", "num_between"]
    texts = scope.of("text", "member") + (["member"] if scope.builtins else [])
    members = scope.of("member") + (["member"] if scope.builtins else [])
    enums = [f for f, (k, _) in scope.fields.items() if k == "enum"]
    day_fields = scope.of("date") + (["date"] if scope.builtins else [])
    time_fields = scope.of("time") + (["time"] if scope.builtins else [])
    kinds += ["text", "text_in"] * bool(texts) + ["members"] * bool(members) + ["enum", "enum_in"] * bool(enums) + ["yesno"] * bool(scope.of("yesno"))
    kinds += ["date", "monthday", "date_between", "monthday_between"] * bool(day_fields) + ["time"] * bool(time_fields)
    kinds += ["weekday", "weekday_in"] * scope.builtins + ["tier", "tier_in"] * bool(scope.builtins and scope.tiers)
    kinds += ["points"] * bool(scope.of("points")) + ["first"] * bool(scope.history)
    kind = draw(st.sampled_from(kinds))
    if kind == "first":  # `first purchase [this month]`, a yes/no
        return _history(draw, scope, "first")
    if kind == "points":  # a points field against points or a plain number: `beans >= 100 points`
        return binary(op(), ref(draw(st.sampled_from(scope.of("points")))), draw(_points_lits))
    if kind == "money":
        right = _money(draw, scope, 1) if draw(st.booleans()) else lit(draw(numbers(0, 999, 2)))
        return binary(op(), _money(draw, scope, 1), right)
    if kind == "num":
        return binary(op(), _num(draw, scope, 2), _num(draw, scope, 2))
    if kind == "num_in":
        return _in(_num(draw, scope, 0), _options(draw, lit, numbers(0, 99_999, 2)), draw(st.booleans()))
    if kind == "money_between":
        return _sorted_between(draw, _money(draw, scope, 0), lambda: _money_lit(draw, scope), by_value)
    if kind == "num_between":
        return _sorted_between(draw, _num(draw, scope, 0), lambda: draw(NUMBER_LITS), by_value)
    if kind == "text":
        return binary(eq(), ref(draw(st.sampled_from(texts))), text(draw(label_values)))
    if kind == "members":  # `referee != member`: the built-in, even beside a tier called `member`
        return binary(eq(), ref(draw(st.sampled_from(members))), ref(draw(st.sampled_from(members))))
    if kind == "text_in":
        return _in(ref(draw(st.sampled_from(texts))), _options(draw, text, label_values), draw(st.booleans()))
    if kind in ("enum", "enum_in"):
        field = draw(st.sampled_from(enums))
        values = st.sampled_from(scope.fields[field][1])
        if kind == "enum":
            return binary(eq(), ref(field), text(draw(values)))
        return _in(ref(field), _options(draw, text, values), draw(st.booleans()))
    if kind == "yesno":
        return ref(draw(st.sampled_from(scope.of("yesno"))))
    if kind in ("date", "monthday", "date_between", "monthday_between"):
        day = ref(draw(st.sampled_from(day_fields)))
        if kind == "date":
            return binary(op(), day, draw(dates()))
        if kind == "monthday":
            return binary(eq(), day, draw(month_days()))
        if kind == "date_between":
            return _sorted_between(draw, day, lambda: draw(dates()), lambda d: (d.year, d.month, d.day))
        return _sorted_between(draw, day, lambda: draw(month_days()), lambda d: (d.month, d.day))
    if kind == "time":
        return binary(op(), ref(draw(st.sampled_from(time_fields))), ref(draw(st.sampled_from(time_fields))))
    if kind == "weekday":
        return binary(eq(), ref("weekday"), ref(draw(st.sampled_from(sorted(WEEKDAYS)))))
    if kind == "weekday_in":
        return _in(ref("weekday"), _options(draw, ref, st.sampled_from(sorted(WEEKDAYS))), draw(st.booleans()))
    if kind == "tier":
        return binary(op(), ref("tier"), ref(draw(st.sampled_from(scope.tiers))))
    return _in(ref("tier"), _options(draw, ref, st.sampled_from(scope.tiers)), draw(st.booleans()))


_points_lits = st.builds(lit, counts(0, 10_000), st.sampled_from([None, "points", "point"]))


def _condition(draw: Any, scope: Scope, depth: int) -> s.Expr:
    how = draw(st.sampled_from(["cmp", "cmp", "join", "not"] if depth > 0 else ["cmp"]))
    if how == "join":
        return binary(draw(st.sampled_from(["and", "or"])), _condition(draw, scope, depth - 1),
                      _condition(draw, scope, depth - 1))
    if how == "not":
        return s.Not(operand=_condition(draw, scope, depth - 1), span=Z)
    return _comparison(draw, scope)


@st.composite
def conditions(draw: Any, scope: Scope, depth: int = 3) -> s.Expr:
    """A condition: typed comparisons joined by ``and``, ``or`` and ``not``, nested up to ``depth``."""
    return _condition(draw, scope, depth)


def reward_conditions(tiers: tuple[str, ...], currency: str) -> st.SearchStrategy[s.Expr]:
    """A reward's ``for``: about the member and the day, not an event."""
    return conditions(Scope({}, tiers, currency), 1)


# ---- untyped expressions, for the printer's round trip -------------------------------------------------
def _literals() -> st.SearchStrategy[s.Expr]:
    return st.one_of(
        numbers(0, 10**7, 3).map(lit),
        st.builds(lit, numbers(0, 9999, 2), st.sampled_from(["CNY", "USD", "points", "days"])),
        label_values.map(text), dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), month_days(),
        names.map(ref), st.builds(lambda a, b: s.Ref(name=name(a), attr=name(b), span=Z), names, names),
    )


def expressions(depth: int = 4) -> st.SearchStrategy[s.Expr]:
    """Expression trees the grammar can produce, meaningful or not."""
    if depth <= 0:
        return _literals()
    sub = expressions(depth - 1)
    ops = ["or", "and", *COMPARE, "+", "-", "*", "/", "%"]
    return st.one_of(
        _literals(),
        st.builds(binary, st.sampled_from(ops), sub, sub),
        sub.map(lambda e: s.Not(operand=e, span=Z)),
        sub.map(lambda e: s.Negate(operand=e, span=Z)),
        st.builds(lambda v, o, neg: _in(v, o, neg), sub, st.lists(_literals(), min_size=1, max_size=3), st.booleans()),
        st.builds(lambda v, a, b: s.Between(value=v, low=a, high=b, span=Z), sub, _literals(), _literals()),
    )


# ---- declarations -------------------------------------------------------------------------------------
FIELD_KINDS = ["money", "number", "count", "text", "date", "time", "member", "yesno", "enum", "points"]
_TYPE_WORDS = {"yesno": ["yesno", "bool", "boolean"], "time": ["time", "datetime"]}


@st.composite
def field_types(draw: Any, records: dict[str, dict[str, tuple[str, tuple[str, ...]]]]) -> tuple[s.TypeExpr, str, tuple[str, ...]]:
    """(type node, kind, enum values); kind ``list`` for lists of records or texts."""
    choices = FIELD_KINDS + (["list"] * 2 if records else []) + ["list_text"]
    kind = draw(st.sampled_from(choices))
    values: tuple[str, ...] = ()
    node: s.TypeExpr
    if kind == "enum":
        values = tuple(draw(st.lists(label_values, min_size=1, max_size=4, unique=True)))
        node = s.EnumType(values=tuple(text(v) for v in values), span=Z)
    elif kind == "list":
        node = s.ListType(of=name(draw(st.sampled_from(sorted(records)))), span=Z)
    elif kind == "list_text":
        node, kind = s.ListType(of=name("text"), span=Z), "list"
    elif kind == "points":  # `points up to N`, paid by `earn FIELD`
        node = s.PointsType(maximum=draw(counts(1, 10_000)), span=Z)
    else:
        node = s.NamedType(name=name(draw(st.sampled_from(_TYPE_WORDS.get(kind, [kind])))), span=Z)
    if draw(st.integers(0, 3)) == 0:
        node = s.OptionalType(inner=node, span=Z)
    return node, kind, values


def durations(units: tuple[str, ...] = tuple(UNITS)) -> st.SearchStrategy[s.Quantity]:
    return st.builds(qty, counts(1, 100), st.sampled_from(units))  # at most 100 years in any unit (PR325)


@st.composite
def expiries(draw: Any) -> s.Declaration:
    kind = draw(st.sampled_from(["never", "after", "inactive", "end", "on"]))
    if kind == "never":
        return s.ExpireNever(span=Z)
    if kind == "on":  # days of the year but 02-29 (PR341), the next or the second after earning
        days = draw(st.lists(month_days().filter(lambda d: (d.month, d.day) != (2, 29)), min_size=1, max_size=3))
        return s.ExpireOn(days=tuple(days), nth=draw(st.sampled_from([1, 2])), span=Z)
    if kind == "after":
        return s.ExpireAfter(duration=draw(durations()), span=Z)
    if kind == "inactive":
        return s.ExpireInactive(duration=draw(durations()), span=Z)
    unit = draw(st.sampled_from(["month", "quarter", "half-year", "year"]))
    nxt = draw(st.booleans())
    after = None
    if not nxt and draw(st.booleans()):
        after = qty(draw(counts(1, 20)), draw(st.sampled_from([unit, unit + "s"])))
    return s.ExpireEnd(unit=name(unit), next=nxt, after=after, span=Z)


def pendings() -> st.SearchStrategy[s.Pending]:
    return durations().map(lambda d: s.Pending(duration=d, span=Z))


def periods(with_none: bool = False, extra: tuple[str, ...] = ()) -> st.SearchStrategy[s.Name | None]:
    base = st.sampled_from(PERIODS + extra).map(name)
    return st.one_of(st.none(), base) if with_none else base


def points_qty(lo: int = 1, hi: int = 1_000_000) -> st.SearchStrategy[s.Quantity]:
    return st.builds(qty, counts(lo, hi), st.sampled_from(["points", "point"]))


def percent_qty() -> st.SearchStrategy[s.Quantity]:
    return numbers(1, 99, 2).map(lambda n: qty(n, "%"))


def money_qty(currency: str) -> st.SearchStrategy[s.Quantity]:
    return numbers(1, 100_000, MINOR_UNITS[currency]).map(lambda n: qty(n, currency))


class _Names:
    """Hands out distinct names, so no two declarations or fields clash or shadow each other."""

    def __init__(self, pool: list[str]) -> None:
        self.pool = pool

    def take(self) -> str:
        return self.pool.pop()


@st.composite
def _statements(draw: Any, ns: _Names, event: str, schemas: dict[str, Any], records: dict[str, Any],
                tiers: tuple[str, ...], currency: str, profile: dict[str, Any]) -> tuple[s.Statement, ...]:
    fields = schemas[event]
    scope = Scope({**fields, **profile}, tiers, currency,  # profile fields read like the event's (PR112)
                  history=history_kinds(schemas))
    out: list[s.Statement] = []
    members = ["member", *scope.of("member")]  # `to referee`, `to referred_by`
    spends = [n for n, (k, _) in fields.items() if k == "money"]
    lists = [n for n, (k, v) in fields.items() if k == "list" and v and v[0] in records
             and any(rk == "money" for rk, _ in records[v[0]].values())]
    # `per unit of`: a count, a list of texts, or a list of records (its records, or a count field of them)
    countable = [n for n, (k, v) in fields.items() if k == "count" or (k == "list" and v and (v[0] in records
                                                                                             or v[0] == "text"))]
    given = [n for n, (k, _) in fields.items() if k == "points"]  # `earn beans`: the points an event carries
    for _ in range(draw(st.integers(1, 4))):
        what = draw(st.sampled_from(["flat", "per", "per", "unit", "given", "multiply", "limit"]))
        cond = draw(st.one_of(st.none(), conditions(scope, 2)))
        if what == "per" and (spends or lists):
            field = draw(st.sampled_from(spends + lists))
            attr = where = None
            if field in lists:
                record = records[fields[field][1][0]]
                money = [n for n, (k, _) in record.items() if k == "money"]
                if len(money) > 1 or draw(st.booleans()):
                    attr = name(draw(st.sampled_from(money)))
                if draw(st.booleans()):
                    where = draw(conditions(Scope({**scope.fields, **record}, tiers, currency, history=scope.history), 1))
            block = draw(st.one_of(st.none(), numbers(1, 1000, MINOR_UNITS[currency])))
            per = s.Per(block=block, currency=name(currency),
                        spend=s.Spend(field=name(field), attr=attr, where=where, span=Z),
                        prorated=draw(st.booleans()), span=Z)
            out.append(s.Earn(points=draw(numbers(1, 1000, 2)), per=per, to=name(draw(st.sampled_from(members)))
                              if draw(st.booleans()) else None, condition=cond, span=Z))
        elif what == "unit" and countable:
            field = draw(st.sampled_from(countable))
            attr = where = None
            record_name = fields[field][1][0] if fields[field][0] == "list" else None
            if record_name in records:
                record = records[record_name]
                quantities = [n for n, (k, _) in record.items() if k == "count"]
                if quantities and draw(st.booleans()):
                    attr = name(draw(st.sampled_from(quantities)))
                if draw(st.booleans()):
                    where = draw(conditions(Scope({**scope.fields, **record}, tiers, currency, history=scope.history), 1))
            per = s.Per(block=draw(st.one_of(st.none(), counts(1, 12))), currency=None,
                        unit=name(draw(st.sampled_from(["unit", "units"]))),
                        spend=s.Spend(field=name(field), attr=attr, where=where, span=Z),
                        prorated=draw(st.booleans()), span=Z)
            out.append(s.Earn(points=draw(numbers(1, 1000, 2)), per=per, to=name(draw(st.sampled_from(members)))
                              if draw(st.booleans()) else None, condition=cond, span=Z))
        elif what in ("flat", "per", "unit", "given"):  # `earn beans` when the event has a points field
            to = draw(st.one_of(st.none(), st.sampled_from(members).map(name)))
            given_field = name(draw(st.sampled_from(given))) if what == "given" and given else None
            out.append(s.Earn(points=None if given_field else draw(counts(1, 10_000)), given=given_field, per=None,
                              to=to, condition=cond, span=Z))
        elif what == "multiply":
            out.append(s.Multiply(factor=draw(numbers(1, 5, 2)), including_bonuses=draw(st.booleans()),
                                  condition=cond, span=Z))
        else:
            unit = draw(st.sampled_from([None, "times", "time", "points", "point"]))
            out.append(s.Limit(amount=qty(draw(counts(1, 5000)), unit), period=draw(periods(True)), span=Z))
    if not any(isinstance(x, (s.Earn, s.Multiply)) for x in out):
        out.append(s.Earn(points=draw(counts(1, 100)), per=None, to=None, condition=None, span=Z))
    out = [draw(_laddered(x, scope)) if isinstance(x, s.Earn) and x.given is None and draw(st.booleans()) else x
           for x in out]
    # tier points (issue 13): any earn but `earn FIELD` may earn them instead of spendable points
    out = [attrs.evolve(x, tier=True) if isinstance(x, s.Earn) and x.given is None and draw(st.integers(0, 3)) == 0
           else x for x in out]
    if draw(st.booleans()):
        out.append(draw(expiries()))
    if draw(st.booleans()):
        out.append(draw(pendings()))
    return tuple(draw(st.permutations(out)))


@st.composite
def _laddered(draw: Any, earn: s.Earn, scope: Scope) -> s.Earn:
    """``earn`` as a ladder: by a count or number (step n from n, or rising starts), an arithmetic
    of one, or money with rising starts; flat points whole, points per money or unit with decimals."""
    steps = draw(st.integers(1, 5))
    values = scope.of("count", "number") + scope.parts() + scope.of("money")
    if scope.history and draw(st.integers(0, 2)) == 0:  # by the member's history: `by streak of checkin`
        values = ["history"]
    if not values:
        return earn
    field = draw(st.sampled_from(values))
    money = field in scope.of("money")
    value: s.Expr = _history(draw, scope, draw(st.sampled_from(["count", "streak"]))) if field == "history" else ref(field)
    if not money and draw(st.booleans()):
        value = s.Binary(op=draw(st.sampled_from(["+", "-"])), left=value, right=lit(draw(counts(1, 5))), span=Z)
    starts: tuple[s.Quantity, ...] = ()
    if money or draw(st.booleans()):
        whole = sorted(draw(st.sets(st.integers(0, 20_000), min_size=steps, max_size=steps)))
        unit = scope.currency if money else None
        starts = tuple(qty(number_of(w, separators=w >= 1000 and draw(st.booleans())), unit) for w in whole)
    points = [draw(counts(1, 1000) if earn.per is None else numbers(1, 1000, 2)) for _ in range(steps)]
    ladder = s.Ladder(value=value, starts=starts, span=Z)
    return attrs.evolve(earn, points=points[0], more=tuple(points[1:]), ladder=ladder)


@st.composite
def _rule(draw: Any, ns: _Names, schemas: dict[str, Any], records: dict[str, Any], tiers: tuple[str, ...],
          currency: str, profile: dict[str, Any]) -> s.Rule:
    event = draw(st.sampled_from(sorted(schemas)))
    cond = draw(st.one_of(st.none(), conditions(Scope({**schemas[event], **profile}, tiers, currency,
                                                      history=history_kinds(schemas)), 3)))
    return s.Rule(name=name(ns.take()), label=draw(st.one_of(st.none(), label_values.map(text))),
                  event=name(event), condition=cond,
                  statements=draw(_statements(ns, event, schemas, records, tiers, currency, profile)), span=Z)


@st.composite
def _schedules(draw: Any) -> tuple[s.Schedule, ...]:
    out: list[s.Schedule] = []
    if draw(st.booleans()):
        a, b = draw(date_pair())
        out.append(s.DateWindow(start=a, end=b, span=Z))
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["weekly", "monthly", "yearly", "year_range", "dates"]))
        if kind == "weekly":
            out.append(s.Weekly(days=tuple(name(d) for d in draw(st.lists(st.sampled_from(sorted(WEEKDAYS)),
                                                                           min_size=1, max_size=3))), span=Z))
        elif kind == "monthly":
            out.append(s.Monthly(days=tuple(draw(st.lists(counts(1, 31), min_size=1, max_size=3))), span=Z))
        elif kind == "yearly":
            out.append(s.Yearly(days=tuple(draw(st.lists(month_days(), min_size=1, max_size=3))), span=Z))
        elif kind == "year_range":  # any two days of the year: over the new year when the end comes first
            out.append(s.YearlyRange(start=draw(month_days()), end=draw(month_days()), span=Z))
        else:
            out.append(s.OnDates(dates=tuple(draw(st.lists(dates(), min_size=1, max_size=3))), span=Z))
    return tuple(draw(st.permutations(out)))


@st.composite
def _counted(draw: Any, metric: str, schemas: dict[str, Fields]) -> tuple[s.Counted, ...]:
    """What tiers by spend or purchases count, after ``of``: often nothing (the default), else some
    kinds, by purchases any kind, by spend those carrying money, with the field when it must or may."""
    if metric not in ("spend", "purchases") or draw(st.booleans()):
        return ()
    options: list[tuple[str, str | None]] = []
    for kind, fields in schemas.items():
        money = [f for f, (k, _) in fields.items() if k == "money"]
        if money and (len(money) > 1 and metric == "spend" or draw(st.booleans())):
            options.append((kind, draw(st.sampled_from(money))))
        elif money or metric == "purchases":
            options.append((kind, None))
    if not options:
        return ()
    chosen = draw(st.lists(st.sampled_from(options), min_size=1, max_size=3, unique_by=lambda o: o[0]))
    return tuple(s.Counted(kind=name(k), field=name(f) if f else None, span=Z) for k, f in chosen)


@st.composite
def _tiers(draw: Any, ns: _Names, currency: str, schemas: dict[str, Fields] | None = None) -> s.Tiers:
    n = draw(st.integers(1, 4))
    computed = draw(st.booleans())
    qualification = None
    thresholds: list[s.Quantity | None] = [None] * n
    lifetime: dict[int, tuple[s.LifetimeThreshold, ...]] = {}
    policies: list[s.Downgrade | s.KeepTier | s.Assess] = []
    if computed:
        metric = draw(st.sampled_from(["spend", "points", "purchases", "tier points"]))
        kind = draw(st.sampled_from(["last", "this", "lifetime"]))
        if kind == "last":
            window = s.Window(kind="last", count=draw(counts(1, 24)), unit=name(draw(st.sampled_from(sorted(UNITS)))), span=Z)
        elif kind == "this":
            window = s.Window(kind="this", count=None, unit=name(draw(st.sampled_from(["week", "month", "quarter", "half-year", "year"]))), span=Z)
        else:
            window = s.Window(kind="lifetime", count=None, unit=None, span=Z)
        qualification = s.Qualification(metric=name(metric), window=window, span=Z,
                                         counted=draw(_counted(metric, schemas or {})))
        steps = sorted(set(draw(st.lists(st.integers(1, 10**6), min_size=n - 1, max_size=n - 1, unique=True))))
        values = [0, *steps][:n]
        unit = {"spend": [currency], "points": ["points", "point"], "tier points": ["points", "point"],
                "purchases": ["purchases", "purchase"]}[metric]
        # every threshold carries its unit (a bare number would swallow the next tier's name)
        thresholds = [qty(number_of(v, "", v >= 1000 and draw(st.booleans())), draw(st.sampled_from(unit)))
                      for v in values]
        n = len(values)
        if kind != "lifetime":  # lifetime status on some tiers above the lowest: each above its own and the last
            last = 0
            for i in range(1, n):
                if draw(st.booleans()):
                    last = max(last, values[i]) + draw(st.integers(1, 10**6))
                    lifetime[i] = (s.LifetimeThreshold(threshold=qty(number_of(last), draw(st.sampled_from(unit))), span=Z),)
        if draw(st.booleans()):
            policies.append(s.Downgrade(mode=draw(st.sampled_from(["one level", "qualified"])), span=Z))
        if draw(st.booleans()):
            policies.append(s.KeepTier(duration=draw(durations()), span=Z))
        if draw(st.booleans()):  # issue 13: downgrades on a schedule
            kind = draw(st.sampled_from(["end", "anniversary", "once"]))
            period = name(draw(st.sampled_from(["month", "quarter", "half-year", "year"]))) if kind == "end" else None
            policies.append(s.Assess(kind=kind, period=period, span=Z))
        policies = draw(st.permutations(policies))
    tiers = []
    for i in range(n):
        benefits: list[s.TierMultiplier | s.Perks] = []
        if draw(st.booleans()):
            benefits.append(s.TierMultiplier(factor=draw(numbers(1, 3, 2)), including_bonuses=draw(st.booleans()), span=Z))
        if draw(st.booleans()):
            benefits.append(s.Perks(perks=tuple(text(p) for p in draw(st.lists(label_values, min_size=1, max_size=3))), span=Z))
        # The lowest tier is often called like a built-in (`member`): resolve.py's rule for a name
        # that is both a tier and a built-in is exercised by every condition that names either.
        tier_name = draw(st.sampled_from(["member", "hour", "id"])) if i == 0 and draw(st.booleans()) else ns.take()
        tiers.append(s.Tier(name=name(tier_name), label=draw(st.one_of(st.none(), label_values.map(text))),
                            threshold=thresholds[i], benefits=tuple(draw(st.permutations(benefits))),
                            lifetime=lifetime.get(i, ()), span=Z))
    return s.Tiers(qualification=qualification, policies=tuple(policies), tiers=tuple(tiers), span=Z)


@st.composite
def _reward(draw: Any, ns: _Names, tiers: tuple[str, ...], currency: str) -> s.Reward:
    items: list[s.RewardItem] = []
    for p in draw(st.lists(st.one_of(st.none(), st.sampled_from(PERIODS)), unique=True, max_size=3)):
        items.append(s.RewardLimit(count=qty(draw(counts(1, 10)), draw(st.sampled_from([None, "times", "time"]))),
                                   period=name(p) if p else None, span=Z))
    if draw(st.booleans()):
        items.append(s.RewardEligibility(condition=draw(reward_conditions(tiers, currency)), span=Z))
    if draw(st.booleans()):
        a, b = draw(date_pair())
        items.append(s.RewardWindow(start=a, end=b, span=Z))
    if draw(st.booleans()):
        items.append(s.RewardStock(count=draw(counts(1, 10**6)), span=Z))
    return s.Reward(name=name(ns.take()), label=draw(st.one_of(st.none(), label_values.map(text))),
                    cost=draw(points_qty(1, 100_000)), cash=draw(st.one_of(st.none(), money_qty(currency))),
                    items=tuple(draw(st.permutations(items))), span=Z)


Fields = dict[str, tuple[str, tuple[str, ...]]]  # name -> (kind, enum values or a list's record)


def _declared_fields(draw: Any, ns: _Names, records: dict[str, Fields], count: int) -> tuple[Fields, tuple[s.Field, ...]]:
    """``count`` fields of any type (lists of ``records`` too), each named apart from every other name."""
    fields: Fields = {}
    nodes = []
    for _ in range(count):
        node, kind, values = draw(field_types(records))
        if kind == "list":  # remember which record, for `per … of items`
            inner = node.inner if isinstance(node, s.OptionalType) else node
            assert isinstance(inner, s.ListType)
            values = (inner.of.text,)
        fname = ns.take()
        fields[fname] = (kind, values)
        nodes.append(s.Field(name=name(fname), type=node, span=Z))
    return fields, tuple(nodes)


def _records(draw: Any, ns: _Names, decls: list[s.Declaration]) -> dict[str, Fields]:
    """Up to two ``record`` declarations (added to ``decls``): fields of one value each, no lists."""
    records: dict[str, Fields] = {}
    for _ in range(draw(st.integers(0, 2))):
        rname, fields, nodes = ns.take(), {}, []
        for _ in range(draw(st.integers(1, 4))):
            node, kind, values = draw(field_types({}))
            if kind == "list":
                node, kind = s.NamedType(name=name("money"), span=Z), "money"
            fname = ns.take()
            fields[fname] = (kind, values)
            nodes.append(s.Field(name=name(fname), type=node, span=Z))
        records[rname] = fields
        decls.append(s.Record(name=name(rname), fields=tuple(nodes), span=Z))
    return records


def _profile(draw: Any, ns: _Names, records: dict[str, Fields], decls: list[s.Declaration]) -> Fields:
    """Half the programs declare ``profile { … }`` (added to ``decls``): fields of any type an event
    field may have, often a ``date`` (its parts in conditions) and an ``optional member`` (``earn …
    to`` it), sometimes none at all; named by ``ns``, so never like an event field or a built-in (PR112).
    Returns the fields conditions may read (none for an empty block)."""
    if draw(st.booleans()):
        return {}
    fields, nodes = _declared_fields(draw, ns, records, draw(st.integers(0, 4)))
    typical = [("date", s.NamedType(name=name("date"), span=Z)),
               ("member", s.OptionalType(inner=s.NamedType(name=name("member"), span=Z), span=Z))]
    for kind, node in typical:
        if draw(st.booleans()):
            fname = ns.take()
            fields[fname] = (kind, ())
            nodes += (s.Field(name=name(fname), type=node, span=Z),)
    decls.append(s.Profile(fields=tuple(draw(st.permutations(nodes))), span=Z))
    return fields


def _redeem(draw: Any, schemas: dict[str, Fields], records: dict[str, Fields], tiers: tuple[str, ...],
            currency: str) -> s.Redeem:
    items: list[s.RedeemItem] = []
    if draw(st.booleans()):
        items.append(s.RedeemMinimum(amount=draw(points_qty()), span=Z))
    if draw(st.booleans()):  # issue 13: points pay only for orders of at least this much money
        items.append(s.RedeemMinimumOrder(amount=draw(money_qty(currency)), span=Z))
    items += _item_shares(draw, schemas, records, tiers, currency)
    if draw(st.booleans()):
        items.append(s.RedeemStep(amount=draw(points_qty(1, 1000)), span=Z))
    if draw(st.booleans()):
        items.append(s.RedeemShare(share=draw(percent_qty()), span=Z))
    for p in draw(st.lists(st.sampled_from(PERIODS), unique=True, max_size=2)):
        items.append(s.RedeemLimit(amount=draw(points_qty()), period=name(p), span=Z))
    return s.Redeem(items=tuple(draw(st.permutations(items))), span=Z)


def _item_shares(draw: Any, schemas: dict[str, Fields], records: dict[str, Fields], tiers: tuple[str, ...],
                 currency: str) -> list[s.RedeemItemShare]:
    """Often none; else one to three shares of one list of records with money (an event's list
    field: `at most 20% of items.amount where …`), every share naming the list alike (PR366), the
    money field named when the record has several or by choice, each with or without a `where` on
    the record's fields."""
    lists = [(field, v[0]) for fields in schemas.values() for field, (k, v) in fields.items()
             if k == "list" and v and v[0] in records and any(rk == "money" for rk, _ in records[v[0]].values())]
    if not lists or draw(st.booleans()):
        return []
    field, record_name = draw(st.sampled_from(lists))
    record = records[record_name]
    money = [n for n, (k, _) in record.items() if k == "money"]
    attr = name(draw(st.sampled_from(money))) if len(money) > 1 or draw(st.booleans()) else None
    inside = Scope(dict(record), tiers, currency, builtins=False)
    return [s.RedeemItemShare(share=draw(percent_qty()), span=Z, spend=s.Spend(
                field=name(field), attr=attr, where=draw(st.one_of(st.none(), conditions(inside, 1))), span=Z))
            for _ in range(draw(st.integers(1, 3)))]


def _order_with_items(draw: Any, ns: _Names, records: dict[str, Fields], schemas: dict[str, Fields],
                      decls: list[s.Declaration]) -> None:
    """A record of one or two money fields and an enum, and an event with a list of it (added to
    ``records``, ``schemas`` and ``decls``): what shares of items read."""
    rname, ename, fname = ns.take(), ns.take(), ns.take()
    fields: Fields = {ns.take(): ("money", ()) for _ in range(draw(st.integers(1, 2)))}
    nodes = [s.Field(name=name(f), type=s.NamedType(name=name("money"), span=Z), span=Z) for f in fields]
    values = tuple(draw(st.lists(label_values, min_size=1, max_size=3, unique=True)))
    category = ns.take()
    fields[category] = ("enum", values)
    nodes.append(s.Field(name=name(category), type=s.EnumType(values=tuple(text(v) for v in values), span=Z), span=Z))
    records[rname] = fields
    decls.append(s.Record(name=name(rname), fields=tuple(nodes), span=Z))
    schemas[ename] = {fname: ("list", (rname,))}
    decls.append(s.Event(name=name(ename), label=None, fields=(
        s.Field(name=name(fname), type=s.ListType(of=name(rname), span=Z), span=Z),), span=Z))


def order_items_for(program: m.Program) -> st.SearchStrategy[list[dict[str, Any]]]:
    """The items of an order for a program's shares of items (records of the list they read)."""
    shares = program.redeem.item_shares if program.redeem is not None else ()
    if not shares:
        return st.just([])
    return st.lists(_fields(program, program.records[shares[0].record], False, ledger_ids_st), max_size=4)


@st.composite
def program_trees(draw: Any, redeem: bool = False) -> s.Program:
    """A whole program the checker accepts (warnings allowed, no errors); with ``redeem``, always
    with a ``redeem`` block."""
    ns = _Names(draw(st.lists(names, min_size=70, max_size=70, unique=True)))
    currency = draw(st.sampled_from(CURRENCIES))
    decls: list[s.Declaration] = [
        s.ProgramName(name=draw(label_values.map(text)), span=Z),
        s.Currency(code=name(currency), span=Z),
        s.TimeZone(name=text(draw(st.sampled_from(ZONES))), span=Z),
    ]
    optional: list[s.Declaration] = [
        s.Version(number=draw(counts(1, 10**6)), span=Z),
        s.Value(points=draw(counts(1, 10_000)), money=draw(money_qty(currency)), span=Z),
        s.Rounding(mode=draw(st.sampled_from(["down", "up", "nearest", "half-even"])), span=Z),
        s.Stacking(mode=draw(st.sampled_from(["multiplying", "adding", "best"])), span=Z),
        s.CampaignsCombine(mode=draw(st.sampled_from(["highest", "stacking"])), span=Z),
        s.PointsName(zh=draw(label_values.filter(str.strip).map(text)),
                     en=draw(st.one_of(st.none(), label_values.filter(str.strip).map(text))), span=Z),
        draw(expiries()), draw(pendings()),
    ]
    a, b = draw(date_pair())
    optional.append(s.Effective(start=a, end=draw(st.sampled_from([None, b])), span=Z))
    decls += [d for d in optional if draw(st.booleans())]

    records = _records(draw, ns, decls)
    schemas: dict[str, Fields] = {}
    for _ in range(draw(st.integers(1, 3))):
        ename = ns.take()
        schemas[ename], nodes = _declared_fields(draw, ns, records, draw(st.integers(0, 5)))
        decls.append(s.Event(name=name(ename), label=draw(st.one_of(st.none(), label_values.map(text))),
                             fields=nodes, span=Z))
    if redeem and draw(st.booleans()):  # an order with items, for shares of items
        _order_with_items(draw, ns, records, schemas, decls)
    profile = _profile(draw, ns, records, decls)

    tier_names: tuple[str, ...] = ()
    if draw(st.booleans()):
        tiers = draw(_tiers(ns, currency, schemas))
        tier_names = tuple(t.name.text for t in tiers.tiers)
        decls.append(tiers)

    def rule() -> s.Rule:
        return draw(_rule(ns, schemas, records, tier_names, currency, profile))

    decls += [rule() for _ in range(draw(st.integers(1, 4)))]
    for _ in range(draw(st.integers(0, 2))):
        budget = draw(st.one_of(st.none(), points_qty(1, 10**7)))
        decls.append(s.Campaign(name=name(ns.take()), label=draw(st.one_of(st.none(), label_values.map(text))),
                                schedules=draw(_schedules()), budget=budget,
                                rules=tuple(rule() for _ in range(draw(st.integers(1, 2)))), span=Z))
    capped = set()  # a second cap with the period and kinds of an earlier one is PR332
    for _ in range(draw(st.integers(0, 2))):
        kinds = draw(st.lists(st.sampled_from(sorted(schemas)), max_size=2, unique=True))
        period = draw(periods(extra=("event",)))
        if (period_unit(period), frozenset(kinds)) not in capped:
            capped.add((period_unit(period), frozenset(kinds)))
            decls.append(s.Cap(amount=draw(points_qty(1, 10**6)), period=period,
                               kinds=tuple(name(k) for k in kinds), span=Z))
    if redeem or draw(st.booleans()):
        decls.append(_redeem(draw, schemas, records, tier_names, currency))
    decls += [draw(_reward(ns, tier_names, currency)) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        decls.append(s.Guard(words=(name("return"), name("rate")), bound=draw(percent_qty()), span=Z))
    return s.Program(declarations=tuple(draw(st.permutations(decls))), comments=(), span=Z)


def to_text(tree: s.Program) -> str:
    """A tree as canonical program text."""
    return format_program(tree, Source(""))


def programs() -> st.SearchStrategy[str]:
    """Valid program texts."""
    return program_trees().map(to_text)


def with_comments(text: str, data: Any, most: int = 5) -> tuple[str, list[str]]:
    """``text`` with up to ``most`` comments drawn and put at the end of lines or on lines of their
    own (inside multi-line conditions and schemas too), and the comments put in."""
    lines = text.split("\n")
    comment = st.text(st.characters(blacklist_characters="\n"), max_size=20).map(lambda c: "# " + c)
    picks = data.draw(st.lists(st.tuples(st.integers(0, len(lines) - 1), comment, st.booleans()), max_size=most))
    for at, c, own_line in sorted(picks, reverse=True):
        if own_line:
            lines.insert(at, c)
        else:
            lines[at] = lines[at] + "  " + c
    return "\n".join(lines), [c for _, c, _ in picks]


# ---- events ---------------------------------------------------------------------------------------------
_OFFSETS = st.sampled_from(["+08:00", "-05:00", "Z", "+14:00", "-12:00", "+05:30", "+00:00", "-03:30", "+12:45"])


def _money_values(minor: int, extreme: bool) -> st.SearchStrategy[Any]:
    top = 10**18 - 1 if extreme else 10**7
    amount = st.decimals(min_value=0, max_value=top, places=minor, allow_nan=False, allow_infinity=False)
    return st.one_of(amount.map(lambda d: format(d, "f")), amount,
                     st.integers(0, top) if extreme else st.integers(0, 10**6))


st_places = 6  # decimals of a generated valid number


def _number_values(extreme: bool) -> st.SearchStrategy[Any]:
    # Valid numbers: below 10^18 with at most 18 decimals as written (events.py); hostile_numbers
    # below goes past both.
    top = 10**17 if extreme else 10**6
    d = st.decimals(min_value=-top, max_value=top, allow_nan=False, allow_infinity=False, places=st_places)
    floats = st.floats(min_value=-1e17, max_value=1e17, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 6))
    return st.one_of(d.map(lambda x: format(x, "f")), d, st.integers(-top, top), floats)


def _times(extreme: bool) -> st.SearchStrategy[str]:
    if not extreme:
        # often three weeks only, so a member's history (streaks, this week, the last 7 days) builds up
        days = st.one_of(st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2032, 12, 31)),
                         st.datetimes(dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 21)))
        return st.builds(lambda t, off: t.isoformat() + off, days, _OFFSETS)
    # The edges of events.FIRST_YEAR..LAST_YEAR (in UTC), with odd offsets: any whole minute, as
    # the documented time grammar has them (an offset with seconds is refused: odd_times below).
    zones = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))
    return st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2999, 12, 30), timezones=zones).map(lambda t: t.isoformat())


MEMBERS = ["m1", "m2", "m42", "会员3", "\u202em4", "a\"b\\c"]  # the members events name most often
members_st = st.one_of(st.sampled_from(MEMBERS), st.text(min_size=1, max_size=12))
# ids a ledger keeps (ledger/ids.py): without U+0000, which PostgreSQL text cannot hold
ledger_ids_st = st.one_of(st.sampled_from(MEMBERS), st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=12))


def _value(program: m.Program, ft: m.FieldType, extreme: bool, members: st.SearchStrategy[str] = members_st) -> st.SearchStrategy[Any]:
    k = ft.kind
    if k == "money":
        return _money_values(program.minor_unit, extreme)
    if k == "number":
        return _number_values(extreme)
    if k == "count":
        return st.integers(0, 10**18 - 1 if extreme else 10**6)  # events.MAX_COUNT
    if k == "points":  # 0 to the field's maximum, both ends included
        most = ft.maximum or 0
        return st.one_of(st.integers(0, most), st.sampled_from([0, most])) if extreme else st.integers(0, most)
    if k == "text":
        return st.text(max_size=20)
    if k == "member":
        return members
    if k == "enum":
        return st.sampled_from(ft.values)
    if k == "yesno":
        return st.booleans()
    if k == "date":
        lo, hi = (dt.date(1, 1, 1), dt.date(9999, 12, 31)) if extreme else (dt.date(2020, 1, 1), dt.date(2032, 12, 31))
        return st.dates(lo, hi).map(lambda d: d.isoformat())
    if k == "time":
        return _times(extreme)
    if k == "list":
        record = program.records.get(ft.record) if ft.record else None
        item = st.text(max_size=8) if record is None else _fields(program, record, extreme, members)
        return st.lists(item, max_size=4)
    raise AssertionError(f"unknown field kind {k}")


def _fields(program: m.Program, schema: m.Schema, extreme: bool,
            members: st.SearchStrategy[str] = members_st) -> st.SearchStrategy[dict[str, Any]]:
    required = {n: _value(program, ft, extreme, members) for n, ft in schema.fields.items() if not ft.optional}
    optional = {n: st.one_of(st.none(), _value(program, ft, extreme, members))
                for n, ft in schema.fields.items() if ft.optional}
    return st.fixed_dictionaries(required, optional=optional)


def events_for(program: m.Program, extreme: bool = False, ledger: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Event dicts the program accepts (ids random: give each its own id for a stream); with
    ``ledger``, only those a ledger accepts too: no U+0000 in the ids it keeps (ledger/ids.py)."""
    members = ledger_ids_st if ledger else members_st

    def one(kind: str) -> st.SearchStrategy[dict[str, Any]]:
        builtins = st.fixed_dictionaries({
            "id": ledger_ids_st if ledger else st.text(min_size=1, max_size=12), "kind": st.just(kind),
            "member": members, "time": _times(extreme),
        })
        return st.builds(lambda b, f: {**f, **b}, builtins, _fields(program, program.events[kind], extreme, members))

    return st.sampled_from(sorted(program.events)).flatmap(one)


_BAD_BY_KIND: dict[str, list[Any]] = {
    "money": ["-1", -1, "1e3", "NaN", Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), float("nan"),
              float("inf"), "1,000", True, "", "1.", ".5", Decimal("1e18"), "1" + "0" * 18, "1e999999",
              Decimal("1e999999"), [], {}, "  1", "١٢٣"],
    "number": [True, "abc", Decimal("NaN"), Decimal("-Infinity"), "1e5", Decimal("1e18"), Decimal("-1e999999"),
               "Infinity", float("-inf"), [], {"a": 1}, "0x10"],
    "count": [-1, 2.0, Decimal("2"), True, "3", None, [], 1.5],
    "points": [-1, 2.0, Decimal("2"), True, "3", None, [], 1.5, 10**15],
    "text": [5, True, [], {}, Decimal(1)],
    "member": ["", 5, [], False],
    "enum": [1, [], None],
    "yesno": [1, 0, "true", "yes", []],
    "date": ["2026-02-30", "2026/01/01", 20260101, "2026-1-1", "", "2026-01-01T00:00:00+08:00x"],
    "time": ["2026-01-01T00:00:00", "x", 5, "", "2026-13-01T00:00:00+08:00", "2026-01-01T25:00:00Z"],
    "list": ["x", {"a": 1}, 5, True],
}
_BAD_TIMES = ["2026-01-01T10:00:00", "yesterday", 1_700_000_000, "2026-02-30T00:00:00+08:00", None, "",
              "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-01-01T00:00:00+25:00"]


@st.composite
def bad_events_for(draw: Any, program: m.Program) -> Any:
    """Event dicts (or other JSON values) the program must refuse with an EventError."""
    event = draw(events_for(program, extreme=draw(st.booleans())))
    schema = program.events[event["kind"]]
    fields = [n for n in schema.fields]
    how = draw(st.sampled_from(["not_object", "builtin_missing", "id", "kind", "member", "time", "field"]))
    if how == "field" and not fields:
        how = "id"
    if how == "not_object":
        return draw(st.sampled_from([[], "x", 5, None, [event], True]))
    if how == "builtin_missing":
        del event[draw(st.sampled_from(["id", "kind", "member", "time"]))]
    elif how == "id":
        event["id"] = draw(st.sampled_from(["", 5, None, [], {"id": "x"}, True]))
    elif how == "kind":
        event["kind"] = draw(st.one_of(st.sampled_from([3, None, [], ""]),
                                       st.text(max_size=8).filter(lambda k: k not in program.events)))
    elif how == "member":
        event["member"] = draw(st.sampled_from(["", 42, None, [], True]))
    elif how == "time":
        event["time"] = draw(st.sampled_from(_BAD_TIMES))
    else:
        field = draw(st.sampled_from(fields))
        value = draw(st.sampled_from(_bad_values(draw, program, schema.fields[field])))
        if value is _MISSING:
            del event[field]
        else:
            event[field] = value
    return event


def _bad_values(draw: Any, program: m.Program, ft: m.FieldType) -> list[Any]:
    """Values a field of type ``ft`` must refuse; ``_MISSING`` (leave it out) for a required one."""
    bad = list(_BAD_BY_KIND[ft.kind])
    if ft.optional:
        bad = [b for b in bad if b is not None]
    else:
        bad.append(_MISSING)
    if ft.kind == "money":
        bad.append("1." + "0" * (program.minor_unit + 1))
    if ft.kind == "enum":
        bad.append(draw(st.text(max_size=6).filter(lambda v: v not in ft.values)))
    if ft.kind == "points":
        bad.append((ft.maximum or 0) + 1)  # one more than the field may carry
    if ft.kind == "list":
        record = program.records.get(ft.record) if ft.record else None
        bad.append([5])
        if record is not None and any(not f.optional for f in record.fields.values()):
            bad.append([{}])
    return bad


# ---- member profiles: what the host gives beside events (docs/embedding.md) -------------------------
@st.composite
def profile_for(draw: Any, program: m.Program, members: list[str], odd_tier: bool = False) -> dict[str, Any]:
    """One member's profile: a tier of the program or none (``odd_tier``: maybe one it lacks) and,
    for a program with ``profile { … }``, values that fit it: member fields often name ``members``,
    keys the schema does not name are sometimes there too (ignored)."""
    tiers = [{"tier": t.name} for t in program.tiers] + [{}] + [{"tier": "no_such_tier"}] * odd_tier
    profile: dict[str, Any] = dict(draw(st.sampled_from(tiers)))
    if program.profile is None:
        return profile
    for key, value in draw(_fields(program, program.profile, draw(st.booleans()))).items():
        is_member = program.profile.fields[key].kind == "member"
        profile[key] = draw(st.sampled_from(members)) if is_member and members and draw(st.booleans()) else value
    if draw(st.integers(0, 4)) == 0:
        profile[draw(st.sampled_from(["id", "points", "nickname_of_host"]))] = draw(st.sampled_from(["x", 5, None]))
    return profile


@st.composite
def broken_profile_for(draw: Any, program: m.Program, members: list[str]) -> dict[str, Any]:
    """A profile that breaks the program's ``profile { … }`` in one field: missing when required,
    or of a wrong type (a valid profile for a program without profile fields)."""
    profile = draw(profile_for(program, members))
    if program.profile is None:
        return profile
    field = draw(st.sampled_from(sorted(program.profile.fields)))
    value = draw(st.sampled_from(_bad_values(draw, program, program.profile.fields[field])))
    if value is _MISSING:
        profile.pop(field, None)
    else:
        profile[field] = value
    return profile


@st.composite
def profiles_for(draw: Any, program: m.Program, members: list[str], broken: int = 5) -> dict[str, dict[str, Any]]:
    """Profiles for ``members`` (for ``simulate(profiles=…)``, a ``MemoryState`` or ``profile=``): in
    one stream of ten some name a tier the program lacks; in one of ``broken`` (0: never) one member's
    breaks the profile schema, which refuses that member's events, or a whole ``simulate`` run."""
    odd = draw(st.integers(0, 9)) == 0
    out = {who: draw(profile_for(program, members, odd)) for who in members}
    if broken and out and program.profile is not None and draw(st.integers(0, broken - 1)) == 0:
        who = draw(st.sampled_from(sorted(out)))
        out[who] = draw(broken_profile_for(program, members))
    return out


_MISSING = object()


def _to_json(value: Any) -> str:
    """JSON text with Decimals written as numbers, exactly."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_to_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


GARBAGE = [
    "", "   ", "{", "}", "[]", "null", "true", "1e999999", "NaN", "-Infinity", '"text"', "{'single': 1}",
    '{"id": "x"', '{"id": "x", "kind": "signup", "member": "m", "time": "2026-01-01T00:00:00+08:00", "amount": 1e999999}',
    '{"id": "x", "kind": "signup", "member": "m", "time": "2026-01-01T00:00:00+08:00", "amount": NaN}',
    '{"id": "x", "kind": "signup", "member": "m", "time": "2026-01-01T00:00:00+08:00", "amount": -Infinity}',
    '{"id": {"nested": {"deeper": [1, 2, {"x": null}]}}}', "\x00", "\ufeff{}", "\u202e{}", "🙂",
    '{"id": "x", "id": "y"}', '{"__proto__": {"admin": true}}',
]


def event_lines_for(program: m.Program) -> st.SearchStrategy[str | bytes]:
    """Lines of an event stream: valid events, refused events, garbage, raw bytes."""
    return st.one_of(
        events_for(program, extreme=True).map(_to_json),
        bad_events_for(program).map(_to_json),
        st.sampled_from(GARBAGE),
        st.text(max_size=30),
        st.binary(max_size=20),
        st.builds(lambda n: "[" * n + "]" * n, st.integers(1, 5000)),  # past json's recursion limit
        st.builds(lambda n: '{"id": "x", "kind": "k", "member": "m", "time": "t", "count": 1' + "0" * n + "}",
                  st.integers(1, 6000)),  # past Python's 4,300-digit limit for int()
    )


# ---- programs at the limits of a program file (docs/robustness.md): the fuzzer's classes ------------
# Each generator gives a LimitCase: a program text, the limit it goes beyond (None: within them all)
# and where its first excess starts, found from how the text was built: the PR005 (PR004 for a text
# without its closing quote) must start there. Token counts in comments are counted by hand.
LIMITS_HEAD = ('program "Limits"\ncurrency CNY\ntimezone "Asia/Shanghai"\n'
               "event purchase { amount: money  category: text  streak: count }\n")  # 19 tokens


class LimitCase(NamedTuple):
    text: str
    beyond: str | None  # "tokens", "terms", "parens", "items", "name", "text", "number", "unclosed"
    at: int | None  # offset of the first excess


def _near(limit: int, low: int = 0, few: int = 6) -> st.SearchStrategy[int]:
    """Small counts, or counts at ``limit`` give or take two."""
    return st.one_of(st.integers(low, few), st.integers(max(low, limit - 2), limit + 2))


def _assemble(pieces: list[tuple[str, bool]]) -> tuple[str, list[int]]:
    """The text of ``pieces`` and the offsets of those marked (the operators, commas, … counted)."""
    out, marked, at = [], [], 0
    for piece, mark in pieces:
        if mark:
            marked.append(at)
        out.append(piece)
        at += len(piece)
    return "".join(out), marked


def _limit_condition(draw: Any, operators: int, pieces: list[tuple[str, bool]]) -> None:
    """A condition over `streak` of exactly ``operators`` counted operators, well typed: comparisons
    joined by `and`/`or`, each maybe under `not`s, with arithmetic and negations inside."""
    kinds = draw(st.lists(st.sampled_from(["join", "not", "arith", "neg"]), min_size=operators,
                          max_size=operators))
    clauses: list[list[str]] = [[]]
    for kind in kinds:
        if kind == "join":
            clauses.append([])
        else:
            clauses[-1].append(kind)
    for i, clause in enumerate(clauses):
        if i:
            pieces += [(" ", False), (draw(st.sampled_from(["and", "or"])), True), (" ", False)]
        pieces += [p for _ in range(clause.count("not")) for p in (("not", True), (" ", False))]
        pieces.append(("streak", False))
        for _ in range(clause.count("arith")):
            pieces += [(" ", False), (draw(st.sampled_from(["+", "-", "*", "/", "%"])), True), (" 2", False)]
        pieces.append((" > ", False))
        pieces += [p for _ in range(clause.count("neg")) for p in (("-", True), (" ", False))]
        pieces.append(("1", False))


@st.composite
def wide_conditions(draw: Any) -> LimitCase:
    """A rule with a condition in its head and one in a statement, each of about MAX_TERMS
    operators or few: each condition counts alone."""
    first, second = draw(_near(MAX_TERMS)), draw(_near(MAX_TERMS))
    pieces: list[tuple[str, bool]] = [(LIMITS_HEAD + "rule wide on purchase when ", False)]
    _limit_condition(draw, first, pieces)
    pieces.append((" {\n  earn 1 point when ", False))
    _limit_condition(draw, second, pieces)
    pieces.append(("\n}\n", False))
    text, marked = _assemble(pieces)
    if first > MAX_TERMS:
        return LimitCase(text, "terms", marked[MAX_TERMS])
    if second > MAX_TERMS:
        return LimitCase(text, "terms", marked[first + MAX_TERMS])
    return LimitCase(text, None, None)


@st.composite
def deep_conditions(draw: Any) -> LimitCase:
    """`not (not (… not not amount > 1 CNY …))`: parentheses about MAX_PARENS deep, operators about
    MAX_TERMS in all; the first limit reached in reading order is the one reported."""
    depth, extra = draw(_near(MAX_PARENS)), draw(st.integers(0, MAX_TERMS + 2))
    pieces: list[tuple[str, bool]] = [(LIMITS_HEAD + "rule deep on purchase when ", False)]
    beyond, at, parens, terms = None, None, 0, 0
    for _ in range(depth):
        pieces += [("not", True), (" ", False), ("(", False)]
    pieces += [p for _ in range(extra) for p in (("not", True), (" ", False))]
    pieces += [("amount > 1 CNY" + ")" * depth + " {\n  earn 1 point\n}\n", False)]
    text, marked = _assemble(pieces)
    for offset in sorted(marked + [o + 4 for o in marked[:depth]]):  # a `(` follows each of the first nots
        if text[offset] == "(":
            parens += 1
            if parens > MAX_PARENS:
                beyond, at = "parens", offset
                break
        else:
            terms += 1
            if terms > MAX_TERMS:
                beyond, at = "terms", offset
                break
    return LimitCase(text, beyond, at)


@st.composite
def long_lists(draw: Any) -> LimitCase:
    """`field in (…)` (or `not in`) of few values or about MAX_ITEMS: texts, counts or money, on one
    line or one a line."""
    count = draw(_near(MAX_ITEMS, low=1))
    field, value = draw(st.sampled_from([("category", '"c{}"'), ("streak", "{}"), ("amount", "{} CNY")]))
    # around each comma; numbers need a space after it (`100,200` is one number, a hundred thousand
    # two hundred)
    before, after = draw(st.sampled_from([("", " "), (" ", "\n  ")] + [("", "")] * (field == "category")))
    negated = draw(st.booleans())
    pieces = [(LIMITS_HEAD + f"rule list on purchase when {field} {'not in' if negated else 'in'} (", False)]
    for j in range(count):
        if j:
            pieces += [(before, False), (",", True), (after, False)]
        pieces.append((value.format(j), False))
    pieces.append((") {\n  earn 1 point\n}\n", False))
    text, commas = _assemble(pieces)
    return LimitCase(text, "items", commas[MAX_ITEMS - 1]) if count > MAX_ITEMS else LimitCase(text, None, None)


def _typo(draw: Any, word: str) -> str:
    """``word`` misspelled: a letter changed, dropped or doubled, or its case changed."""
    how = draw(st.sampled_from(["change", "drop", "double", "case"]))
    i = draw(st.integers(0, len(word) - 1))
    if how == "change":
        return word[:i] + ("q" if word[i] != "q" else "z") + word[i + 1:]
    if how == "drop" and len(word) > 1:
        return word[:i] + word[i + 1:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    return word.upper() if word != word.upper() else word.lower() + "x"


class NamesCase(NamedTuple):
    text: str
    declared: frozenset[str]
    uses: tuple[tuple[str, int], ...]  # each misspelled word and its offset


@st.composite
def similar_names(draw: Any) -> NamesCase:
    """Many names alike (event kinds, fields of one event or values of one field) and misspelled
    uses of them, more than "did you mean" looks up in a pass."""
    where = draw(st.sampled_from(["kinds", "fields", "values"]))
    prefix = draw(st.sampled_from(["level_", "k", "kind_of_member_and_place_"]))
    count = draw(st.integers(1, 600))
    declared = [f"{prefix}{i:04d}" for i in range(count)]
    if where == "kinds":
        head = LIMITS_HEAD + "".join(f"event {n}\n" for n in declared)
        before, after, quote = "rule u{j} on ", " { earn 1 point }\n", ""
    elif where == "fields":
        head = LIMITS_HEAD + "event big {\n" + "".join(f"  {n}: count\n" for n in declared) + "}\n"
        before, after, quote = "rule u{j} on big when ", " > 1 { earn 1 point }\n", ""
    else:
        head = LIMITS_HEAD + "event big { channel: " + " | ".join(f'"{n}"' for n in declared) + " }\n"
        before, after, quote = "rule u{j} on big when channel = ", " { earn 1 point }\n", '"'
    out, uses, at = [head], [], len(head)
    for j in range(draw(st.integers(0, 120))):
        word = _typo(draw, declared[draw(st.integers(0, count - 1))])
        if word[0].isdigit():
            word = "x" + word  # still a name
        start = before.format(j=j)
        if word not in declared:
            uses.append((word, at + len(start)))  # a value's diagnostic holds its quotes
        line = start + quote + word + quote + after
        out.append(line)
        at += len(line)
    return NamesCase("".join(out), frozenset(declared), tuple(uses))


# an invisible character counts as one (the right-to-left mark: PR007 refuses overrides such as U+202E)
_TEXT_PIECES = ["a", "积", '\\"', "\\\\", "\u200f", "#", " "]


@st.composite
def long_texts(draw: Any) -> LimitCase:
    """A rule's label, name or a cap's number of about MAX_TEXT, MAX_NAME or MAX_NUMBER
    characters; a label may lack its closing quote (then it is PR004, however long)."""
    what = draw(st.sampled_from(["text", "text", "name", "number"]))
    if what == "name":
        name = "r" * draw(_near(MAX_NAME, low=1))
        text = LIMITS_HEAD + f"rule {name} on purchase {{ earn 1 point }}\n"
        return LimitCase(text, "name" if len(name) > MAX_NAME else None, len(LIMITS_HEAD) + 5)
    if what == "number":
        digits = "1" * draw(_near(MAX_NUMBER, low=1))
        text = LIMITS_HEAD + f"cap {digits} points per day\n"
        return LimitCase(text, "number" if len(digits) > MAX_NUMBER else None, len(LIMITS_HEAD) + 4)
    length = draw(_near(MAX_TEXT))
    body = ""
    while len(body) < length:
        piece = draw(st.sampled_from(_TEXT_PIECES))
        body += piece if len(body) + len(piece) <= length else "a"
    closed = draw(st.booleans())
    at = len(LIMITS_HEAD) + len("rule t ")
    if not closed:
        text = LIMITS_HEAD + f'rule t "{body}\nrule t2 on purchase {{ earn 1 point }}\n'
        return LimitCase(text, "unclosed", at)
    text = LIMITS_HEAD + f'rule t "{body}" on purchase {{ earn 1 point }}\n'
    return LimitCase(text, "text" if length > MAX_TEXT else None, at)


# rules of a known number of tokens each (counted by hand), for programs of a known size
_RULES = [
    ("rule r{i} on purchase {{ earn 1 point per 1 CNY of amount }}\n", 14),
    ('rule r{i} "规则 {i}" on purchase when category in ("a", "b") {{ earn 2 points }}\n', 18),
    ("rule r{i} on purchase when streak % 7 = 0 and amount >= 10 CNY {{ multiply 2 }}\n", 19),
    ("campaign c{i} from 2026-01-01 to 2026-12-31 {{ rule d{i} on purchase {{ earn 1 point }} }}\n", 17),
]


@st.composite
def many_rules(draw: Any) -> LimitCase:
    """Many rules, comments between them (free of tokens, whatever they hold), and sometimes a
    tail of words that brings the whole to about MAX_TOKENS: what is beyond it is refused."""
    out, tokens = [LIMITS_HEAD], 19
    for i in range(draw(st.integers(0, 300))):
        if draw(st.integers(0, 9)) == 0:
            out.append("# ( ( ( and or not x y z 1 2 3 \"\n")
        rule, cost = draw(st.sampled_from(_RULES))
        out.append(rule.format(i=i))
        tokens += cost
    if not draw(st.booleans()):
        return LimitCase("".join(out), None, None)
    out.append("rule z on purchase {")  # 5 tokens, then a tail the parser stops at
    tokens += 5
    head = "".join(out)
    tail = max(0, MAX_TOKENS - tokens + draw(st.integers(-2, 2)))
    text = head + " x" * tail + "\n"
    if tokens + tail <= MAX_TOKENS:
        return LimitCase(text, None, None)
    return LimitCase(text, "tokens", len(head) + 2 * (MAX_TOKENS - tokens) + 1)


# ---- hostile events (issue 16): values at and past every limit of events.py --------------------------
# ``hostile_numbers()``, ``hostile_texts()``, ``odd_times()``: values for one field; ``hostile_events_for
# (program)``: an accepted event with one text, number or time anywhere in it (list items and records
# too) replaced by one of them; ``hostile_lines_for(program)``: JSON Lines of those, with byte-order
# marks, numbers thousands of digits long and raw bytes. Every one must give an award or an
# EventError naming a field, alike in both evaluators.
_LONG_DIGITS = st.integers(19, 5000)


def hostile_numbers() -> st.SearchStrategy[Any]:
    """Numbers as JSON would bring them (Decimal for a JSON number with a point or an exponent, int,
    or decimal text): very long, tiny, huge, at the 18-digit edges, negative zero."""
    exponent = st.one_of(st.integers(-40, 40), st.integers(-10**9, 10**9))
    scientific = st.builds(lambda d, e: Decimal(f"{d}E{e}"), st.integers(-999, 999), exponent)
    edges = st.sampled_from([
        Decimal("1E-18"), Decimal("1E-19"), Decimal("-1E-18"), Decimal("0E-18"), Decimal("0E-19"), Decimal("0E+17"),
        Decimal("0E+18"), Decimal("-0"), Decimal("-0.00"), "-0", "-0.00", "0.000000000000000001",
        "0.0000000000000000001", "999999999999999999", "1000000000000000000", 10**18 - 1, -(10**18 - 1), 10**18,
        Decimal("999999999999999999.999999999999999999"), Decimal("-999999999999999999.999999999999999999"),
        Decimal("1e-999999999"), Decimal("1e999999999"), Decimal("9.99e999999"), Decimal("1e-1000000"),
    ])
    long_text = st.builds(lambda n, k: "1" * n if k == 0 else "0." + "0" * n + "1" if k == 1 else "1." + "7" * n,
                          _LONG_DIGITS, st.integers(0, 2))
    return st.one_of(edges, scientific, long_text, long_text.map(Decimal),
                     st.decimals(allow_nan=False, allow_infinity=False, places=None))


_BAD_CHARACTERS = ["\ud800", "\udbff", "\udc00", "\udfff", "\x00", "\x1b[2J", "\x1b]0;title\x07", "\x07", "\x7f", "\x85",
                   "\x9b", "\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\ufeff", "\n", "\r", "\t"]


def hostile_texts() -> st.SearchStrategy[str]:
    """Text holding lone surrogates, control characters (C0 and C1), bidirectional and zero-width
    marks, byte-order marks and line separators, alone or inside ordinary text."""
    bad = st.sampled_from(_BAD_CHARACTERS)
    around = st.sampled_from(["", "m1", "会员", "e1", "a\"b\\c", "👍🏽"])
    return st.one_of(bad, st.builds(lambda a, b, c: a + b + c, around, bad, around),
                     st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=6))


def odd_times() -> st.SearchStrategy[Any]:
    """Event times in spellings other than events.read_time's one, and its edges."""
    def spell(t: dt.datetime, how: int) -> str:
        base = t.strftime("%Y-%m-%dT%H:%M:%S")
        spellings = [
            base + "+08:00:30", base + " +08:00", base.replace("T", " ") + "+08:00", base.lower() + "z",
            base + "z", base + "+0800", base + "+08", t.strftime("%Y%m%dT%H%M%S") + "Z",
            t.strftime("%G-W%V-%uT%H:%M:%S") + "Z", base + ",5Z", base + ".1234567890Z", base[:13] + "+08:00",
            base[:16] + "+08:00", base + ".999999999+08:00", base + "-00:00", base + "+23:59", base + "+24:00",
            base[:17] + "60Z", base[:11] + "24:00:00Z", base + "+08:00\n", " " + base + "Z", base + "Z ",
            base.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "Z", base, base + "+8:00",
            base + "Z" + "\ud800", base[:10], base + ".Z", base + "+08:00" + "\x00",
        ]
        return spellings[how % len(spellings)]
    return st.one_of(
        st.builds(spell, st.datetimes(dt.datetime(1899, 12, 31), dt.datetime(3000, 1, 2)), st.integers(0, 99)),
        st.sampled_from(["1899-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2999-12-31T23:59:59Z",
                         "3000-01-01T00:00:00Z", "1900-01-01T00:00:00+00:01", "2999-12-31T23:59:59-00:01"]),
    )


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in an event that holds a str, a number or a list of them."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, path + (key,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _paths(inner, path + (i,))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@st.composite
def hostile_profiles_for(draw: Any, program: m.Program, members: list[str]) -> dict[str, Any]:
    """Profiles for ``members`` that fit the program, one of them with one value anywhere in it (a
    profile field or ``tier``) replaced by a hostile number, text or time."""
    out = draw(profiles_for(program, members, broken=0))
    if out:
        who = draw(st.sampled_from(sorted(out)))
        value = draw(st.one_of(hostile_numbers(), hostile_texts(), odd_times()))
        places = _paths(out[who])
        out[who] = _replace(out[who], draw(st.sampled_from(places)), value) if places else {"tier": value}
    return out


@st.composite
def hostile_events_for(draw: Any, program: m.Program) -> Any:
    """An event the program accepts with one value anywhere in it (a built-in, a schema field, a
    list item, a record's field) replaced by a hostile number, text or time."""
    event = draw(events_for(program, extreme=draw(st.booleans())))
    place = draw(st.sampled_from(_paths(event)))
    value = draw(st.one_of(hostile_numbers(), hostile_texts(), odd_times()))
    return _replace(event, place, value)


_BOMS = ["\ufeff", "\ufeff\ufeff", " \ufeff", "\ufeff "]


def hostile_lines_for(program: m.Program) -> st.SearchStrategy[str | bytes]:
    """Lines of a stream: hostile events as JSON (lone surrogates written as ``\\ud800`` escapes, as
    json writes them, or raw in the text, or raw in bytes that are then not UTF-8), the same behind
    byte-order marks or as bytes, and numbers of thousands of digits written straight into the JSON."""
    events = hostile_events_for(program)
    hostile = events.map(_exact_json)
    valid = events_for(program).map(_to_json)

    def long_number(line: str, n: int, k: int) -> str:
        number = ["1" * n, "0." + "0" * n + "1", "1e-" + "9" * min(n, 30), "-0." + "0" * n][k]
        return line.replace('"time"', f'"weight": {number}, "amount": {number}, "streak": {number}, "time"', 1)

    return st.one_of(
        hostile,
        st.builds(lambda b, line: b + line, st.sampled_from(_BOMS), st.one_of(valid, hostile)),
        hostile.map(lambda line: line.encode("utf-8")),
        events.map(lambda e: _exact_json(e, ascii=False)),  # a lone surrogate raw in a str line
        events.map(lambda e: _exact_json(e, ascii=False).encode("utf-8", "surrogatepass")),
        st.builds(long_number, valid, st.integers(19, 4000), st.integers(0, 3)),
    )


def _exact_json(value: Any, ascii: bool = True) -> str:
    """JSON text with each Decimal written as the JSON number it came from (``1E-999999999`` stays
    short) and texts escaped as json escapes them."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=ascii)}: {_exact_json(v, ascii)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_exact_json(v, ascii) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii)
