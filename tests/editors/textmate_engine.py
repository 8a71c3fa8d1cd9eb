"""A TextMate tokenizer for grammars made of single-line ``match`` patterns, as editors run them: on
each line, from the current position, the pattern whose match starts earliest wins (the first listed
of those starting together), its captures scope their groups, and the search goes on after it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs


@attrs.frozen
class Token:
    line: int  # 1-based
    start: int  # 0-based column
    end: int
    scope: str


def compile_patterns(grammar: dict) -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(p["match"]), p) for p in grammar["patterns"]]


def tokenize(patterns: list[tuple[re.Pattern[str], dict]], text: str) -> Iterator[Token]:
    for number, line in enumerate(text.split("\n"), start=1):
        pos = 0
        while pos <= len(line):
            found = [(m.start(), i, m) for i, (rx, _) in enumerate(patterns) if (m := rx.search(line, pos))]
            if not found:
                break
            _, i, m = min(found, key=lambda f: (f[0], f[1]))
            pattern = patterns[i][1]
            if "name" in pattern:
                yield Token(number, m.start(), m.end(), pattern["name"])
            for group, capture in pattern.get("captures", {}).items():
                if m.group(int(group)) is not None:
                    yield Token(number, m.start(int(group)), m.end(int(group)), capture["name"])
            pos = m.end() if m.end() > m.start() else m.end() + 1


def scopes_at(tokens: list[Token], line: int, column: int) -> list[str]:
    """The scopes covering a 0-based column of a line, outermost first."""
    return [t.scope for t in tokens if t.line == line and t.start <= column < t.end]
