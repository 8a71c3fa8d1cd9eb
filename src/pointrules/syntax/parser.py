"""Text -> lark parse tree -> syntax tree; lark's errors -> syntax diagnostics.

Theory of operation: the whole text is parsed with one LALR parser. On a syntax error the
diagnostic is recorded and parsing resumes at the next line that begins, unindented, with a
declaration keyword, so a mistake in one declaration does not hide mistakes in the following ones.
A program with any syntax error yields no tree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import lark
from lark import Token, Transformer, v_args

from pointrules.syntax import nodes as s
from pointrules.diagnostics import Diagnostic, make, safe
from pointrules.source import Source, Span

# Limits (docs/robustness.md, "Limits of a program file"): input beyond them gets PR005 at once, never a
# slow or failing parse. Those down to MAX_NUMBER are found before any parsing (``_limits``: two counts,
# then one linear scan that stops at the first excess), so each is enforced before the work it bounds;
# MAX_TOKENS bounds the parse and the checking, and keeps checking any file within the limits to a few
# seconds (bench/worst_programs.py measures the worst files we found).
MAX_CHARS = 5_000_000
MAX_LINES = 200_000
MAX_TOKENS = 50_000  # words, numbers, texts and symbols (comments and spaces are free): bounds the parse
MAX_PARENS = 64  # nesting of parentheses
MAX_TERMS = 100  # `and`, `or`, `not` and arithmetic operators in one condition
MAX_ITEMS = 1_000  # values in one `in (…)` list
MAX_NAME = 100  # characters in a name
MAX_TEXT = 1_000  # characters in a quoted text
MAX_NUMBER = 10_000  # characters in a number (the checker then wants it below 10^15: PR326)
MAX_DECLARATIONS = 10_000  # counted after parsing, before checking
MAX_DEPTH = 200  # nesting of the parse tree: a backstop after parsing, never a RecursionError
MAX_SYNTAX_ERRORS = 25

DECLARATION_KEYWORDS = (
    "program version currency timezone value rounding effective multipliers event record tiers "
    "expire pending rule campaign cap redeem reward check"
).split()
_RESYNC = re.compile(r"^(?:%s)\b" % "|".join(DECLARATION_KEYWORDS), re.M)
# A text without its closing quote runs to the end of its line: no position is read twice, and the
# possessive `*+` keeps no state to backtrack into (a 4 MB text of `\"` would take 250 MB).
_COMMENT_OR_STRING = re.compile(r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"?|#[^\n]*')


def _grammar_text() -> str:
    """The grammar shipped inside the package, or the source tree's when running from a checkout."""
    try:
        return resources.files("pointrules").joinpath("grammar/pointrules.lark").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        return (Path(__file__).resolve().parents[3] / "grammar" / "pointrules.lark").read_text("utf-8")


@lru_cache(maxsize=1)
def _lark() -> lark.Lark:
    return lark.Lark(
        _grammar_text(), parser="lalr", propagate_positions=True, maybe_placeholders=True
    )


def parse(source: Source) -> tuple[s.Program | None, list[Diagnostic]]:
    """The syntax tree of ``source``, or None and the syntax diagnostics."""
    text = source.text
    too_big = _limits(source)
    if too_big is not None:
        return None, [too_big]
    diagnostics: list[Diagnostic] = []
    declarations: list[Any] = []
    base = 0
    while True:
        try:
            tree = _lark().parse(text[base:] if base else text)
        except lark.exceptions.UnexpectedInput as error:
            diagnostics.append(_diagnose(source, error, base))
            resume = _resume_offset(text, base + _error_offset(error, len(text) - base))
            if resume is None or len(diagnostics) >= MAX_SYNTAX_ERRORS:
                break
            base = resume
            continue
        too_deep = _too_deep(tree)
        if too_deep is not None:
            diagnostics.append(make(
                source, Span(base + too_deep, base + too_deep + 1), "PR005",
                f"this program nests more than {MAX_DEPTH} levels deep here",
                help="split long conditions into several rules or remove extra parentheses",
            ))
            break
        if not diagnostics:
            declarations = _ToSyntax(base).transform(tree).declarations
            if len(declarations) > MAX_DECLARATIONS:
                diagnostics.append(make(
                    source, declarations[MAX_DECLARATIONS].span, "PR005",
                    f"this program has {len(declarations):,} declarations, more than the {MAX_DECLARATIONS:,} allowed",
                    help="split the program into several"))
        break
    if diagnostics:
        return None, diagnostics
    comments = tuple(
        s.Comment(text=m.group(), span=Span(m.start(), m.end()))
        for m in _COMMENT_OR_STRING.finditer(text)
        if m.group().startswith("#")
    )
    return s.Program(declarations=tuple(declarations), comments=comments, span=Span(0, len(text))), []


# The scan before parsing sees the text as lark's lexer does, one token at a time: spaces and comments
# skipped, dates and numbers whole, a text without its closing quote running to the end of its line
# (so no position is scanned twice: the scan is linear however the quotes and backslashes fall, and
# the possessive `*+` keeps no state to backtrack into). A character the language does not have skips
# the rest of its line, as the parser does after it.
_SCAN = re.compile(r"""
    [ \t\f\r\n\u00a0\u3000\ufeff]+ | \#[^\n]*
  | "[^"\\\n]*+(?:\\.[^"\\\n]*+)*+(")?
  | \d{4}-\d{2}-\d{2} | \d{2}-\d{2}(?![\d.]) | \d{1,3}(?:,\d{3})++(?:\.\d+)? | \d+(?:\.\d+)?
  | [A-Za-z_][A-Za-z0-9_]*
  | [<>!]= | [{}(),:|.=<>+\-*/%] | ([^\n]+)
""", re.VERBOSE)
_SKIPPED = frozenset(" \t\f\r\n\u00a0\u3000\ufeff#")
_OPERATORS = frozenset(["and", "or", "not", "+", "-", "*", "/", "%"])  # each may add a level to a condition
# After these a keyword is a name inside a condition (`when` a field), not the start of a new condition.
_CONTINUING = _OPERATORS | {"(", ",", "=", "!=", "<", "<=", ">", ">=", "in", "from", "to", "."}
_CONDITION = frozenset(["when", "where", "for"])
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def _limits(source: Source) -> Diagnostic | None:
    """The first limit the text goes beyond, found by cheap scans before any parsing: the size and
    line count first, then one pass token by token that stops at the first excess."""
    text = source.text
    if len(text) > MAX_CHARS:
        return make(source, Span(0, 1), "PR005",
                    f"this file has {len(text):,} characters, more than the {MAX_CHARS:,} a program may have",
                    help="split the program, or remove what is not part of it")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return make(source, Span(0, 1), "PR005",
                    f"this file has {lines:,} lines, more than the {MAX_LINES:,} a program may have",
                    help="split the program, or remove empty lines")

    def excess(at: int, end: int, message: str, help: str) -> Diagnostic:
        return make(source, Span(at, max(end, at + 1)), "PR005", message, help=help)

    tokens = 0
    parens = 0
    terms = -1  # operators in the condition being read; -1 outside a condition
    items = -1  # commas in the `in (…)` list being read; -1 outside a list
    previous = ""
    for m in _SCAN.finditer(text):
        token = m.group()
        first = token[0]
        if first in _SKIPPED or m.group(2):
            continue  # spaces, comments, and a line from a character the language does not have
        tokens += 1
        if tokens > MAX_TOKENS:
            return excess(m.start(), m.end(),
                          f"this program has more than {MAX_TOKENS:,} words, numbers and symbols",
                          "split the program, or remove what is not part of it")
        if first == '"':
            if len(token) > MAX_TEXT + 2:
                if not m.group(1):  # what lark would find, found before it reads the whole line again
                    return _unclosed(source, m.start())
                return excess(m.start(), m.end(), f"this text is longer than {MAX_TEXT:,} characters",
                              "shorten the text")
        elif first in _NAME_START:
            if len(token) > MAX_NAME:
                return excess(m.start(), m.end(), f"this name is longer than {MAX_NAME:,} characters",
                              "shorten the name")
            if token in _CONDITION and previous not in _CONTINUING:
                terms = 0
        elif first.isdigit():
            if len(token) > MAX_NUMBER:
                return excess(m.start(), m.end(), f"this number is longer than {MAX_NUMBER:,} characters",
                              "points, money and counts are below 10^15: write a smaller number")
        elif first == "(":
            parens += 1
            if parens > MAX_PARENS:
                return excess(m.start(), m.end(), f"parentheses nest more than {MAX_PARENS} deep here",
                              "write the condition with fewer parentheses, or split it into several rules")
            if previous == "in":
                items = 0
        elif first == ")":
            parens = max(0, parens - 1)
            items = -1
        elif first == ",":
            if items >= 0:
                items += 1
                if items >= MAX_ITEMS:
                    return excess(m.start(), m.end(), f"this list has more than {MAX_ITEMS:,} values",
                                  "split the values over several conditions joined by `or`")
        elif first in "{}":
            terms = -1
        if token in _OPERATORS and terms >= 0:
            terms += 1
            if terms > MAX_TERMS:
                return excess(m.start(), m.end(),
                              f"this condition has more than {MAX_TERMS} operators "
                              "(`and`, `or`, `not`, `+`, `-`, `*`, `/`, `%`)",
                              "split it into several rules or statements, or list values with `in (…)`")
        previous = token
    return None


def _too_deep(tree: lark.Tree) -> int | None:
    """Where the parse tree first goes deeper than MAX_DEPTH (an offset into the parsed text), or None."""
    stack: list[tuple[Any, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            if isinstance(node, Token):
                return node.start_pos or 0
            return 0 if getattr(node.meta, "empty", True) else int(node.meta.start_pos)
        if isinstance(node, lark.Tree):
            stack.extend((child, depth + 1) for child in node.children)
    return None


def _error_offset(error: lark.exceptions.UnexpectedInput, length: int) -> int:
    if isinstance(error, lark.exceptions.UnexpectedEOF):
        return length
    if isinstance(error, lark.exceptions.UnexpectedToken) and error.token.type == "$END":
        return length
    pos = getattr(error, "pos_in_stream", None)
    return pos if pos is not None else length


def _resume_offset(text: str, error_at: int) -> int | None:
    """Where to resume after an error: the error's own line if it starts a declaration (the one
    before was left open), else the next line that does."""
    line_start = text.rfind("\n", 0, error_at) + 1
    if error_at == line_start and _RESYNC.match(text, line_start):
        if line_start > 0:
            return line_start
    m = _RESYNC.search(text, text.find("\n", error_at) + 1 if "\n" in text[error_at:] else len(text))
    if m is None or m.start() <= error_at and m.start() == 0:
        return None
    return m.start() if m.start() > error_at - (error_at - line_start) else None


# ---- syntax diagnostics in the words of the language ------------------------------------------------
_TERMINAL_WORDS = {
    "NUMBER": "a number",
    "NAME": "a name",
    "STRING": 'a quoted text like "消费返积分"',
    "DATE": "a date like `2026-11-11`",
    "MONTHDAY": "a day of the year like `11-11`",
    "COMPARE": "a comparison like `=` or `>=`",
    "ADD_OP": "`+` or `-`",
    "MUL_OP": "`*`, `/` or `%`",
    "ROUNDING_MODE": "a rounding mode (`down`, `up`, `nearest` or `half-even`)",
    "STACK_MODE": "how multipliers stack (`multiplying`, `adding` or `best`)",
    "POINTS": "`points`",
    "PERCENT": "`%`",
    "$END": "the end of the file",
}

# An example of each statement, shown as the fix when a statement goes wrong.
_EXAMPLES = {
    "program": 'program "Shop Rewards"',
    "version": "version 3",
    "currency": "currency CNY",
    "timezone": 'timezone "Asia/Shanghai"',
    "value": "value 100 points = 1 CNY",
    "rounding": "rounding down",
    "effective": "effective from 2026-01-01 to 2026-12-31",
    "multipliers": "multipliers stack by multiplying",
    "event": "event purchase { amount: money, channel: \"app\" | \"store\" }",
    "record": "record item { sku: text, amount: money }",
    "tiers": "tiers by spend over last 12 months { silver from 2,000 CNY multiplier 1.2 }",
    "expire": "expire at end of next year",
    "pending": "pending 7 days",
    "rule": 'rule base "消费返积分" on purchase { earn 10 points per 100 CNY of amount }',
    "earn": "earn 10 points per 100 CNY of amount",
    "multiply": "multiply 2 when category = \"electronics\"",
    "limit": "limit 3 times per day",
    "campaign": 'campaign double11 "双十一" from 2026-11-01 to 2026-11-11 { rule double on purchase { multiply 2 } }',
    "cap": "cap 5,000 points per day",
    "redeem": "redeem { minimum 500 points  step 100 points  at most 50% of order }",
    "reward": 'reward coffee "咖啡兑换券" costs 500 points { limit 2 per month }',
    "check": "check return rate at most 8%",
}
_STATEMENT_WORD = re.compile(r"\b(%s)\b" % "|".join(_EXAMPLES))

# `bronze from 0 silver from 5`: `silver` was read as the unit of 0, so `from` cannot follow.
_UNITLESS_THRESHOLD = re.compile(r"\bfrom\s+[\d,.]+\s+[A-Za-z_]\w*(?:\s+\"[^\"\n]*\")?\s+from\s+$")

_FULL_WIDTH = {"，": ",", "：": ":", "“": '"', "”": '"', "（": "(", "）": ")", "＝": "=", "％": "%",
               "｛": "{", "｝": "}", "；": ";", "。": "."}


def _expected_words(expected: set[str]) -> list[str]:
    terminals = {t.name: t for t in _lark().terminals}
    words = []
    for name in sorted(expected):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
        elif name in terminals and terminals[name].pattern.type == "str":
            words.append(f"`{terminals[name].pattern.value}`")
        else:
            words.append(name.lower())
    # names and numbers first: they are what a writer most often forgot
    words.sort(key=lambda w: (not w.startswith("a "), w))
    return words


def _join(words: list[str]) -> str:
    if len(words) > 6:
        words = words[:6] + ["…"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _context_word(text: str, offset: int) -> str | None:
    """The statement the error is in: the last statement keyword before it on its line, or on the
    line before when the error opens a line."""
    line_start = text.rfind("\n", 0, offset) + 1
    chunk = text[line_start:offset]
    chunk = _COMMENT_OR_STRING.sub(lambda m: "" if m.group().startswith("#") else '""', chunk)
    if not chunk.strip() and line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        chunk = text[prev_start:line_start]
        chunk = _COMMENT_OR_STRING.sub(lambda m: "" if m.group().startswith("#") else '""', chunk)
    words = _STATEMENT_WORD.findall(chunk)
    return words[-1] if words else None


def _describe_token(token: Token) -> str:
    if token.type == "$END":
        return "the end of the file"
    if token.type == "STRING":
        return f"the text {safe(str(token))}"
    return f"`{safe(str(token))}`"


def _diagnose(source: Source, error: lark.exceptions.UnexpectedInput, base: int) -> Diagnostic:
    text = source.text
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        at = base + error.pos_in_stream
        ch = text[at]
        if ch == '"':
            return _unclosed(source, at)
        if ch in _FULL_WIDTH:
            return make(source, Span(at, at + 1), "PR003", f"full-width `{ch}` is not part of the language",
                        help=f"use the plain `{_FULL_WIDTH[ch]}` instead")
        if not ch.isascii() and (ch.isalpha() or ch.isdigit()):
            end = at
            while end < len(text) and end - at < MAX_NAME and (text[end].isalnum() or text[end] == "_"):
                end += 1
            return make(source, Span(at, end), "PR003",
                        f"`{safe(text[at:end])}` is not a name the language accepts",
                        help='names are ASCII letters, digits and `_`; put other languages in a label: '
                             'rule base "消费返积分" on purchase { … }')
        return make(source, Span(at, at + 1), "PR003", f"unexpected character `{safe(ch)}`",
                    help=_help_for(_context_word(text, at)))
    if isinstance(error, lark.exceptions.UnexpectedToken) and error.token.type != "$END":
        token = error.token
        start = base + (token.start_pos or 0)
        end = base + (token.end_pos or start + 1)
        context = _context_word(text, start)
        at_line_start = text.rfind("\n", 0, start) + 1 == start
        if at_line_start and str(token) in DECLARATION_KEYWORDS and "RBRACE" in error.expected:
            return make(source, Span(start, end), "PR001",
                        f"expected `}}` before this `{token}`: the declaration above is not closed",
                        help="add `}` at the end of the declaration above")
        if _UNITLESS_THRESHOLD.search(text, max(0, start - 200), start):
            return make(source, Span(start, end), "PR001",
                        f"expected the next tier, found {_describe_token(token)}: the threshold before it has no unit",
                        help="give every threshold its unit, like `silver from 2,000 CNY` or `gold from 12 purchases`")
        if {"NUMBER", "NAME", "STRING", "LPAR"} <= set(error.expected):
            expected = ["a value (a number, a field name, a quoted text or a date)"]
        else:
            expected = _expected_words(set(error.expected))
        message = f"expected {_join(expected)}, found {_describe_token(token)}"
        if set(error.expected) == {"POINTS"}:
            message = f"expected a number of points, like `10 points`, found {_describe_token(token)}"
        elif context in ("earn",) and "NUMBER" in error.expected and len(error.expected) == 1:
            message = f"expected a number of points, like `10 points`, found {_describe_token(token)}"
        return make(source, Span(start, max(end, start + 1)), "PR001", message, help=_help_for(context))
    expected = set(getattr(error, "expected", ()) or ())
    at = len(text)
    while at > 0 and text[at - 1].isspace():
        at -= 1
    context = _context_word(text, at)
    message = "the file ends in the middle of a declaration"
    if expected:
        message += f": expected {_join(_expected_words(expected))}"
    return make(source, Span(max(0, at - 1), max(at, 1)), "PR002", message, help=_help_for(context)
                if context else "close every `{` with a `}`")


def _unclosed(source: Source, at: int) -> Diagnostic:
    """PR004 for the text opened at ``at``: it runs to the end of its line."""
    end = source.text.find("\n", at)
    return make(source, Span(at, end if end != -1 else len(source.text)), "PR004",
                "this text has no closing quote", help='end the text on the same line with `"`')


def _help_for(context: str | None) -> str | None:
    if context is None:
        return None
    return f"write it like `{_EXAMPLES[context]}`"


# ---- parse tree -> syntax tree ---------------------------------------------------------------------
def _unescape(raw: str) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _opt(items: list[Any]) -> tuple[Any, ...]:
    return tuple(i for i in items if i is not None)


@v_args(meta=True)
class _ToSyntax(Transformer):  # type: ignore[type-arg]
    """Builds syntax nodes; ``base`` shifts positions when parsing resumed mid-file."""

    def __init__(self, base: int) -> None:
        super().__init__(visit_tokens=True)
        self.base = base
        # lark's v_args wraps a callback anew at every lookup on the instance (one per tree node):
        # look each up once and keep it on the instance, where later lookups find it as it is.
        for name in _CALLBACKS:
            setattr(self, name, getattr(self, name))

    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.base, self.base)
        return Span(self.base + meta.start_pos, self.base + meta.end_pos)

    def _tspan(self, token: Token) -> Span:
        return Span(self.base + token.start_pos, self.base + token.end_pos)

    # tokens (visit_tokens calls these with the token alone)
    @v_args(inline=False, meta=False)
    def NAME(self, t: Token) -> s.Name:
        return s.Name(text=str(t), span=self._tspan(t))

    POINTS = PERCENT = NAME

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
    def MONTHDAY(self, t: Token) -> s.MonthDay:
        m, d = (int(p) for p in str(t).split("-"))
        return s.MonthDay(raw=str(t), month=m, day=d, span=self._tspan(t))

    @v_args(inline=False, meta=False)
    def _word(self, t: Token) -> str:
        return str(t)

    ROUNDING_MODE = STACK_MODE = COMPARE = ADD_OP = MUL_OP = NEXT = PRORATED = _word

    # program
    def start(self, meta: Any, c: list[Any]) -> s.Program:
        return s.Program(declarations=tuple(c), comments=(), span=self._span(meta))

    def program_name(self, meta: Any, c: list[Any]) -> s.ProgramName:
        return s.ProgramName(name=c[0], span=self._span(meta))

    def version(self, meta: Any, c: list[Any]) -> s.Version:
        return s.Version(number=c[0], span=self._span(meta))

    def currency(self, meta: Any, c: list[Any]) -> s.Currency:
        return s.Currency(code=c[0], span=self._span(meta))

    def timezone(self, meta: Any, c: list[Any]) -> s.TimeZone:
        return s.TimeZone(name=c[0], span=self._span(meta))

    def value(self, meta: Any, c: list[Any]) -> s.Value:
        return s.Value(points=c[0], money=c[2], span=self._span(meta))

    def rounding(self, meta: Any, c: list[Any]) -> s.Rounding:
        return s.Rounding(mode=c[0], span=self._span(meta))

    def effective(self, meta: Any, c: list[Any]) -> s.Effective:
        return s.Effective(start=c[0], end=c[1], span=self._span(meta))

    def stacking(self, meta: Any, c: list[Any]) -> s.Stacking:
        return s.Stacking(mode=c[0], span=self._span(meta))

    # schemas
    def event(self, meta: Any, c: list[Any]) -> s.Event:
        return s.Event(name=c[0], label=c[1], fields=c[2] or (), span=self._span(meta))

    def record(self, meta: Any, c: list[Any]) -> s.Record:
        return s.Record(name=c[0], fields=c[1], span=self._span(meta))

    def fields(self, meta: Any, c: list[Any]) -> tuple[s.Field, ...]:
        return tuple(c)

    def field(self, meta: Any, c: list[Any]) -> s.Field:
        return s.Field(name=c[0], type=c[1], span=self._span(meta))

    def named_type(self, meta: Any, c: list[Any]) -> s.NamedType:
        return s.NamedType(name=c[0], span=self._span(meta))

    def enum_type(self, meta: Any, c: list[Any]) -> s.EnumType:
        return s.EnumType(values=tuple(c), span=self._span(meta))

    def list_type(self, meta: Any, c: list[Any]) -> s.ListType:
        return s.ListType(of=c[0], span=self._span(meta))

    def optional_type(self, meta: Any, c: list[Any]) -> s.OptionalType:
        return s.OptionalType(inner=c[0], span=self._span(meta))

    # tiers
    def tiers(self, meta: Any, c: list[Any]) -> s.Tiers:
        items = c[1:]
        return s.Tiers(
            qualification=c[0],
            policies=tuple(i for i in items if isinstance(i, (s.Downgrade, s.KeepTier))),
            tiers=tuple(i for i in items if isinstance(i, s.Tier)),
            span=self._span(meta),
        )

    def qualification(self, meta: Any, c: list[Any]) -> s.Qualification:
        return s.Qualification(metric=c[0], window=c[1], span=self._span(meta))

    def window_last(self, meta: Any, c: list[Any]) -> s.Window:
        return s.Window(kind="last", count=c[0], unit=c[1], span=self._span(meta))

    def window_this(self, meta: Any, c: list[Any]) -> s.Window:
        return s.Window(kind="this", count=None, unit=c[0], span=self._span(meta))

    def tier(self, meta: Any, c: list[Any]) -> s.Tier:
        return s.Tier(name=c[0], label=c[1], threshold=c[2], benefits=tuple(c[3:]), span=self._span(meta))

    def tier_multiplier(self, meta: Any, c: list[Any]) -> s.TierMultiplier:
        return s.TierMultiplier(factor=c[0], including_bonuses=bool(c[1]), span=self._span(meta))

    def including_bonuses(self, meta: Any, c: list[Any]) -> bool:
        return True

    def perks(self, meta: Any, c: list[Any]) -> s.Perks:
        return s.Perks(perks=tuple(c), span=self._span(meta))

    def downgrade_one_level(self, meta: Any, c: list[Any]) -> s.Downgrade:
        return s.Downgrade(mode="one level", span=self._span(meta))

    def downgrade_to_qualified(self, meta: Any, c: list[Any]) -> s.Downgrade:
        return s.Downgrade(mode="qualified", span=self._span(meta))

    def keep_tier(self, meta: Any, c: list[Any]) -> s.KeepTier:
        return s.KeepTier(duration=c[0], span=self._span(meta))

    # expiry, pending
    def expire_never(self, meta: Any, c: list[Any]) -> s.ExpireNever:
        return s.ExpireNever(span=self._span(meta))

    def expire_after(self, meta: Any, c: list[Any]) -> s.ExpireAfter:
        return s.ExpireAfter(duration=c[0], span=self._span(meta))

    def expire_inactive(self, meta: Any, c: list[Any]) -> s.ExpireInactive:
        return s.ExpireInactive(duration=c[0], span=self._span(meta))

    def expire_end(self, meta: Any, c: list[Any]) -> s.ExpireEnd:
        return s.ExpireEnd(unit=c[1], next=c[0] is not None, after=c[2], span=self._span(meta))

    def pending(self, meta: Any, c: list[Any]) -> s.Pending:
        return s.Pending(duration=c[0], span=self._span(meta))

    # rules
    def rule(self, meta: Any, c: list[Any]) -> s.Rule:
        return s.Rule(name=c[0], label=c[1], event=c[2], condition=c[3], statements=tuple(c[4:]),
                      span=self._span(meta))

    def earn(self, meta: Any, c: list[Any]) -> s.Earn:
        return s.Earn(points=c[0], per=c[2], to=c[3], condition=c[4], span=self._span(meta))

    def per(self, meta: Any, c: list[Any]) -> s.Per:
        return s.Per(block=c[0], currency=c[1], spend=c[2], prorated=c[3] is not None, span=self._span(meta))

    def spend(self, meta: Any, c: list[Any]) -> s.Spend:
        return s.Spend(field=c[0], attr=c[1], where=c[2], span=self._span(meta))

    def beneficiary(self, meta: Any, c: list[Any]) -> s.Name:
        return c[0]  # type: ignore[no-any-return]

    def multiply(self, meta: Any, c: list[Any]) -> s.Multiply:
        return s.Multiply(factor=c[0], including_bonuses=bool(c[1]), condition=c[2], span=self._span(meta))

    def limit(self, meta: Any, c: list[Any]) -> s.Limit:
        return s.Limit(amount=c[0], period=c[1], span=self._span(meta))

    # campaigns
    def campaign(self, meta: Any, c: list[Any]) -> s.Campaign:
        schedules = tuple(i for i in c[2:] if isinstance(i, (s.DateWindow, s.Weekly, s.Monthly, s.Yearly, s.OnDates)))
        budget = next((i for i in c[2:] if isinstance(i, s.Quantity)), None)
        rules = tuple(i for i in c[2:] if isinstance(i, s.Rule))
        return s.Campaign(name=c[0], label=c[1], schedules=schedules, budget=budget, rules=rules,
                          span=self._span(meta))

    def date_window(self, meta: Any, c: list[Any]) -> s.DateWindow:
        return s.DateWindow(start=c[0], end=c[1], span=self._span(meta))

    def every_weekday(self, meta: Any, c: list[Any]) -> s.Weekly:
        return s.Weekly(days=tuple(c), span=self._span(meta))

    def every_month(self, meta: Any, c: list[Any]) -> s.Monthly:
        return s.Monthly(days=tuple(c), span=self._span(meta))

    def every_year(self, meta: Any, c: list[Any]) -> s.Yearly:
        return s.Yearly(days=tuple(c), span=self._span(meta))

    def on_dates(self, meta: Any, c: list[Any]) -> s.OnDates:
        return s.OnDates(dates=tuple(c), span=self._span(meta))

    def budget(self, meta: Any, c: list[Any]) -> s.Quantity:
        return c[0]  # type: ignore[no-any-return]

    def cap(self, meta: Any, c: list[Any]) -> s.Cap:
        return s.Cap(amount=c[0], period=c[1], kinds=_opt(c[2:]), span=self._span(meta))

    # redemption and rewards
    def redeem(self, meta: Any, c: list[Any]) -> s.Redeem:
        return s.Redeem(items=tuple(c), span=self._span(meta))

    def redeem_minimum(self, meta: Any, c: list[Any]) -> s.RedeemMinimum:
        return s.RedeemMinimum(amount=c[0], span=self._span(meta))

    def redeem_step(self, meta: Any, c: list[Any]) -> s.RedeemStep:
        return s.RedeemStep(amount=c[0], span=self._span(meta))

    def redeem_share(self, meta: Any, c: list[Any]) -> s.RedeemShare:
        return s.RedeemShare(share=c[0], span=self._span(meta))

    def redeem_limit(self, meta: Any, c: list[Any]) -> s.RedeemLimit:
        return s.RedeemLimit(amount=c[0], period=c[1], span=self._span(meta))

    def reward(self, meta: Any, c: list[Any]) -> s.Reward:
        return s.Reward(name=c[0], label=c[1], cost=c[2], cash=c[3], items=tuple(c[4:]), span=self._span(meta))

    def reward_limit(self, meta: Any, c: list[Any]) -> s.RewardLimit:
        return s.RewardLimit(count=c[0], period=c[1], span=self._span(meta))

    def reward_eligibility(self, meta: Any, c: list[Any]) -> s.RewardEligibility:
        return s.RewardEligibility(condition=c[0], span=self._span(meta))

    def reward_window(self, meta: Any, c: list[Any]) -> s.RewardWindow:
        return s.RewardWindow(start=c[0], end=c[1], span=self._span(meta))

    def reward_stock(self, meta: Any, c: list[Any]) -> s.RewardStock:
        return s.RewardStock(count=c[0], span=self._span(meta))

    def guard(self, meta: Any, c: list[Any]) -> s.Guard:
        return s.Guard(words=tuple(c[:-1]), bound=c[-1], span=self._span(meta))

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
        return c[0]  # type: ignore[no-any-return]

    date_lit = monthday_lit = text_lit

    def ref(self, meta: Any, c: list[Any]) -> s.Ref:
        return s.Ref(name=c[0], attr=c[1], span=self._span(meta))


_CALLBACKS = tuple(name for name, value in vars(_ToSyntax).items() if not name.startswith("__") and callable(value)
                   and hasattr(value, "visit_wrapper"))
