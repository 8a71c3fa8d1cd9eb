"""Misspelt keywords (`whree`, `rewadr`, `lsit`, `preks`): the keyword the grammar expects where the
typo stands, found by edit distance, so a syntax error says "did you mean `when`?" at the typo.

Three places a typo shows up:
- lark stops at the typo itself (`rewadr coffee …` at the top): the nearest of the keywords lark
  expected there (``nearest``);
- the typo was read as a name and lark stops a little later (`items: lsit of item` stops at `item`):
  the parse is replayed up to the error, and a name on the error's line that is close to a keyword
  the grammar took at that name's place is the typo (``earlier_typo``);
- the typo makes a program that parses (`gold "金卡" preks "免费停车"` is two tiers, gold and preks):
  a tier named like a tier keyword on the line of the tier before it (``tier_typos``).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from copy import copy
from functools import lru_cache

import attrs
import lark
from lark import Token

from pointrules import syntax as s
from pointrules.source import Span
from pointrules.syntax.grammar import keywords, lark_parser

LOOK_BACK = 4  # names before the error, on its line, that may be the typo
TIER_WORDS = ("perks", "multiplier", "from")  # what may follow a tier's name and label


@attrs.frozen
class Typo:
    """A word at ``span`` that is most likely ``keyword`` misspelt."""

    span: Span
    word: str
    keyword: str
    tier_before: str | None = None  # a tier typo: the tier on whose line it stands


def distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``: a letter inserted, removed, replaced, or two neighbours swapped
    (the optimal string alignment distance: `preks` is one swap from `perks`)."""
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[len(b)]


def nearest(word: str, keywords: Iterable[str]) -> str | None:
    """The keyword ``word`` most likely misspells: one edit away (two for words of 5 letters or
    more); among equals, one with the same letters (`pre`: `per`, not `are`), then the same first
    letter, then the first in order. None when none is that close, or when ``word`` is a keyword."""
    lowered = word.lower()
    allowed = 1 if len(lowered) < 5 else 2
    best: tuple[int, bool, bool, str] | None = None
    for keyword in set(keywords):
        if keyword == word:
            return None
        if abs(len(keyword) - len(lowered)) > allowed:
            continue
        found = distance(lowered, keyword)
        rank = (found, sorted(keyword) != sorted(lowered), keyword[:1] != lowered[:1], keyword)
        if found <= allowed and (best is None or rank < best):
            best = rank
    return best[3] if best else None


_ALTERNATIVES = re.compile(r"\(\?:([a-z\\|-]+)\)")


@lru_cache(maxsize=1)
def _keyword_terminals() -> dict[str, tuple[str, ...]]:
    """Terminal name -> its keywords, for the grammar's terminals that are words: `WHEN` ->
    (`when`,), `POINTS` -> (`points`, `point`), `ROUNDING_MODE` -> (`half-even`, `nearest` …)."""
    out: dict[str, tuple[str, ...]] = {}
    for terminal in lark_parser().terminals:
        pattern = terminal.pattern
        if pattern.type == "str" and pattern.value.replace("-", "").isalpha():
            out[terminal.name] = (pattern.value,)
        elif pattern.type == "re" and (m := _ALTERNATIVES.fullmatch(pattern.value)):
            out[terminal.name] = tuple(word.replace("\\", "") for word in m.group(1).split("|"))
    return out


def expected_keywords(expected: Iterable[str]) -> list[str]:
    """The keywords among lark's expected terminal names."""
    words = _keyword_terminals()
    return [word for name in expected for word in words.get(name, ())]


def is_word(token: Token) -> bool:
    """Whether a token is a word (a name or a keyword), which a typo of a keyword would be."""
    return str(token)[:1].isalpha() and str(token).replace("_", "").replace("-", "").isalnum()


def glued_typo(text: str, start: int, end: int) -> Typo | None:
    """A word lark split after a keyword it knows (`capp 5,000` reads as `cap` then `p`), when the
    token at ``start`` is glued to the letters before it: the whole word misspells that keyword."""
    begin = start
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "_-"):
        begin -= 1
    prefix, word = text[begin:start], text[begin:end]
    if begin == start or prefix not in keywords():
        return None
    return Typo(Span(begin, end), word, prefix) if nearest(word, [prefix]) else None


def earlier_typo(text: str, error: lark.exceptions.UnexpectedToken, base: int) -> Typo | None:
    """A name shortly before lark's error, on its line, that is close to a keyword the grammar
    would have taken at that name's place: the parse of ``text`` is replayed up to the error."""
    stop = error.token.start_pos or 0
    line_start = text.rfind("\n", 0, base + stop) + 1 - base
    parser = lark_parser().parse_interactive(text[base:])
    bare = copy(parser.parser_state.parse_conf)
    bare.callbacks = {}  # no tree is built: only the parser's states are wanted (as lark's accepts() does)
    parser.parser_state.parse_conf = bare
    # the last names on the error's line, each with what the grammar could take at its place (lark's
    # table row, kept as is: only these few are compared with keywords, however long the line)
    names: deque[tuple[Token, Iterable[str]]] = deque(maxlen=LOOK_BACK)
    try:
        for token in parser.iter_parse():  # each token before it is fed: choices() are what it met
            start = token.start_pos or 0
            if start >= stop:
                break
            if start >= line_start and token.type == "NAME":
                names.append((token, parser.choices()))
    except lark.exceptions.UnexpectedInput:
        pass  # the error itself: everything before it was seen
    for token, choices in reversed(names):  # the nearest to the error first
        keyword = nearest(str(token), expected_keywords(choices))
        if keyword is not None:
            begin = token.start_pos or 0
            return Typo(Span(base + begin, base + (token.end_pos or begin)), str(token), keyword)
    return None


def tier_typos(declarations: Sequence[object], text: str) -> list[Typo]:
    """Tiers named like `perks`, `multiplier` or `from` on the line of the tier before them: the
    keyword misspelt made a tier of its own (`gold "金卡" multiplier 1.5 preks "免费停车"`)."""
    found = []
    for declaration in declarations:
        if not isinstance(declaration, s.Tiers):
            continue
        for before, tier in zip(declaration.tiers, declaration.tiers[1:]):
            same_line = "\n" not in text[before.span.start:tier.name.span.start]
            keyword = nearest(tier.name.text, TIER_WORDS) if same_line else None
            if keyword is not None:
                found.append(Typo(tier.name.span, tier.name.text, keyword, before.name.text))
    return found
