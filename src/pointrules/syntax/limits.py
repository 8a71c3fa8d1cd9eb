"""The limits of a program file (docs/robustness.md, "Limits of a program file"), and the two checked
after parsing: the depth of the parse tree and the number of declarations.

Input beyond a limit gets PR005 at once, never a slow or failing parse. Those down to MAX_NUMBER are
found before any parsing (``scan.first_excess``: two counts, then one linear scan that stops at the
first excess), so each is enforced before the work it bounds; MAX_TOKENS bounds the parse and the
checking, and keeps checking any file within the limits to a few seconds (bench/worst_programs.py
measures the worst files we found).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import lark
from lark import Token

from pointrules.diagnostics import Diagnostic, make
from pointrules.messages import t
from pointrules.source import Source, Span

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
MAX_SYNTAX_ERRORS = 25  # then parsing stops


def too_deep(source: Source, tree: lark.Tree, base: int) -> Diagnostic | None:
    """PR005 where the parse tree of the text from ``base`` on first goes deeper than MAX_DEPTH, or None."""
    at = _first_too_deep(tree)
    if at is None:
        return None
    return make(
        source, Span(base + at, base + at + 1), "PR005",
        t("this program nests more than {n} levels deep here", n=MAX_DEPTH),
        help=t("split long conditions into several rules or remove extra parentheses"),
    )


def _first_too_deep(tree: lark.Tree) -> int | None:
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


def too_many_declarations(source: Source, declarations: Sequence[Any]) -> Diagnostic | None:
    """PR005 at the first declaration beyond MAX_DECLARATIONS, or None."""
    if len(declarations) <= MAX_DECLARATIONS:
        return None
    return make(
        source, declarations[MAX_DECLARATIONS].span, "PR005",
        t("this program has {n:,} declarations, more than the {most:,} allowed",
          n=len(declarations), most=MAX_DECLARATIONS),
        help=t("split the program into several"))
