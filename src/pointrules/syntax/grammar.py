"""The lark grammar (``grammar/pointrules.lark``), loaded once, and the few facts about its words that
the code outside lark needs: the declaration keywords and how comments and texts are written."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import lark

DECLARATION_KEYWORDS = ["program", "version", "currency", "timezone", "value", "rounding", "effective", "multipliers", "campaigns", "event", "record", "tiers", "expire", "pending", "rule", "campaign", "cap", "redeem", "reward", "check"]
# A text without its closing quote runs to the end of its line: no position is read twice, and the
# possessive `*+` keeps no state to backtrack into (a 4 MB text of `\"` would take 250 MB).
COMMENT_OR_STRING = re.compile(r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"?|#[^\n]*')
_LITERAL_WORD = re.compile(r'"([a-z][a-z-]*)"')


def grammar_text() -> str:
    """The grammar shipped inside the package, or the source tree's when running from a checkout."""
    try:
        return resources.files("pointrules").joinpath("grammar/pointrules.lark").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        # this file is src/pointrules/syntax/grammar.py: parents[3] is the checkout
        return (Path(__file__).resolve().parents[3] / "grammar" / "pointrules.lark").read_text("utf-8")


@lru_cache(maxsize=1)
def keywords() -> tuple[str, ...]:
    """Every word the grammar spells out (`rule`, `per`, `half-even`), sorted: what editors highlight
    and complete. Each is reserved only where the grammar can take it (the lexer is contextual)."""
    text = re.sub(r"//[^\n]*", "", grammar_text())
    return tuple(sorted(set(_LITERAL_WORD.findall(text))))


@lru_cache(maxsize=1)
def lark_parser() -> lark.Lark:
    """The one LALR parser of the grammar, built on first use."""
    return lark.Lark(
        grammar_text(), parser="lalr", propagate_positions=True, maybe_placeholders=True
    )
