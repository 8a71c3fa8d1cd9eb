"""The scan before parsing (issue 16): the first limit of docs/robustness.md the text goes beyond,
found by two counts and one linear pass token by token, before lark reads the text.

The scan sees the text as lark's lexer does, one token at a time: spaces and comments skipped, dates
and numbers whole, a text without its closing quote running to the end of its line (so no position is
scanned twice: the scan is linear however the quotes and backslashes fall, and the possessive `*+`
keeps no state to backtrack into). A character the language does not have skips the rest of its line,
as the parser does after it.
"""

from __future__ import annotations

import re

from pointrules.diagnostics import Diagnostic, make
from pointrules.messages import t
from pointrules.source import Source, Span
from pointrules.syntax.errors import unclosed_text
from pointrules.syntax.limits import (
    MAX_CHARS,
    MAX_ITEMS,
    MAX_LINES,
    MAX_NAME,
    MAX_NUMBER,
    MAX_PARENS,
    MAX_TERMS,
    MAX_TEXT,
    MAX_TOKENS,
)

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

# What PR005 says for each limit the scan finds, and its help.
_EXCESS = {
    "tokens": (t("this program has more than {n:,} words, numbers and symbols", n=MAX_TOKENS),
               t("split the program, or remove what is not part of it")),
    "text": (t("this text is longer than {n:,} characters", n=MAX_TEXT), t("shorten the text")),
    "name": (t("this name is longer than {n:,} characters", n=MAX_NAME), t("shorten the name")),
    "number": (t("this number is longer than {n:,} characters", n=MAX_NUMBER),
               t("points, money and counts are below 10^15: write a smaller number")),
    "parens": (t("parentheses nest more than {n} deep here", n=MAX_PARENS),
               t("write the condition with fewer parentheses, or split it into several rules")),
    "items": (t("this list has more than {n:,} values", n=MAX_ITEMS),
              t("split the values over several conditions joined by `or`")),
    "terms": (t("this condition has more than {n} operators (`and`, `or`, `not`, `+`, `-`, `*`, `/`, `%`)",
                n=MAX_TERMS),
              t("split it into several rules or statements, or list values with `in (…)`")),
}


def first_excess(source: Source) -> Diagnostic | None:
    """The first limit the text goes beyond, found by cheap scans before any parsing: the size and
    line count first, then one pass token by token that stops at the first excess."""
    text = source.text
    if len(text) > MAX_CHARS:
        return make(source, Span(0, 1), "PR005",
                    t("this file has {n:,} characters, more than the {most:,} a program may have",
                      n=len(text), most=MAX_CHARS),
                    help=t("split the program, or remove what is not part of it"))
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return make(source, Span(0, 1), "PR005",
                    t("this file has {n:,} lines, more than the {most:,} a program may have", n=lines, most=MAX_LINES),
                    help=t("split the program, or remove empty lines"))
    return _scan(source)


def _excess(source: Source, match: re.Match[str], limit: str) -> Diagnostic:
    message, help = _EXCESS[limit]
    at, end = match.start(), match.end()
    return make(source, Span(at, max(end, at + 1)), "PR005", message, help=help)


def _scan(source: Source) -> Diagnostic | None:
    """The pass token by token: the first token that goes beyond a limit, or None."""
    tokens = 0
    parens = 0
    terms = -1  # operators in the condition being read; -1 outside a condition
    items = -1  # commas in the `in (…)` list being read; -1 outside a list
    previous = ""
    for m in _SCAN.finditer(source.text):
        token = m.group()
        first = token[0]
        if first in _SKIPPED or m.group(2):
            continue  # spaces, comments, and a line from a character the language does not have
        tokens += 1
        if tokens > MAX_TOKENS:
            return _excess(source, m, "tokens")
        if first == '"':
            if len(token) > MAX_TEXT + 2:
                if not m.group(1):  # what lark would find, found before it reads the whole line again
                    return unclosed_text(source, m.start())
                return _excess(source, m, "text")
        elif first in _NAME_START:
            if len(token) > MAX_NAME:
                return _excess(source, m, "name")
            if token in _CONDITION and previous not in _CONTINUING:
                terms = 0
        elif first.isdigit():
            if len(token) > MAX_NUMBER:
                return _excess(source, m, "number")
        elif first == "(":
            parens += 1
            if parens > MAX_PARENS:
                return _excess(source, m, "parens")
            if previous == "in":
                items = 0
        elif first == ")":
            parens = max(0, parens - 1)
            items = -1
        elif first == ",":
            if items >= 0:
                items += 1
                if items >= MAX_ITEMS:
                    return _excess(source, m, "items")
        elif first in "{}":
            terms = -1
        if token in _OPERATORS and terms >= 0:
            terms += 1
            if terms > MAX_TERMS:
                return _excess(source, m, "terms")
        previous = token
    return None
