"""`pointrules test -k EXPRESSION`: which cases to run, as pytest's `-k` chooses tests.

A word matches a case when the case's name or its cases file's name contains it, ignoring case;
words combine with `and`, `or`, `not` and parentheses (`not` binds tightest, then `and`, then `or`);
a word with spaces goes in quotes: `-k '"gold member" and not refund'`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Match = Callable[[str], bool]  # given the text to search (case name and file name), casefolded
_TOKEN = re.compile(r"\s*(?:(\()|(\))|\"([^\"]*)\"|'([^']*)'|([^\s()]+))")


def matcher(expression: str) -> Match:
    """A test of ``expression`` against one case's text; ValueError says what is malformed."""
    tokens: list[str | tuple[str]] = []  # a 1-tuple is a word, so a word `and` can be quoted
    position = 0
    while position < len(expression.rstrip()):
        m = _TOKEN.match(expression, position)
        if m is None:  # only white space is left, or nothing the pattern skips
            break
        position = m.end()
        if m.group(1) or m.group(2):
            tokens.append(m.group(1) or m.group(2))
        elif m.group(5) is not None and m.group(5).lower() in ("and", "or", "not"):
            tokens.append(m.group(5).lower())
        else:
            word = next(g for g in (m.group(3), m.group(4), m.group(5)) if g is not None)
            tokens.append((word.casefold(),))
    if not tokens:
        raise ValueError("an empty expression")
    parser = _Parser(tokens)
    found = parser.either()
    if parser.at < len(tokens):
        raise ValueError(f"unexpected {_show(tokens[parser.at])}")
    return found


def _show(token: str | tuple[str]) -> str:
    return f"`{token[0]}`" if isinstance(token, tuple) else f"`{token}`"


class _Parser:
    def __init__(self, tokens: list[str | tuple[str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def _take(self, token: str) -> bool:
        if self.at < len(self.tokens) and self.tokens[self.at] == token:
            self.at += 1
            return True
        return False

    def either(self) -> Match:
        parts = [self.both()]
        while self._take("or"):
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else (lambda text: any(p(text) for p in parts))

    def both(self) -> Match:
        parts = [self.single()]
        while self._take("and"):
            parts.append(self.single())
        return parts[0] if len(parts) == 1 else (lambda text: all(p(text) for p in parts))

    def single(self) -> Match:
        if self._take("not"):
            inner = self.single()
            return lambda text: not inner(text)
        if self._take("("):
            inner = self.either()
            if not self._take(")"):
                raise ValueError("a `(` without its `)`")
            return inner
        if self.at >= len(self.tokens):
            raise ValueError("the expression ends where a word was expected")
        token = self.tokens[self.at]
        if not isinstance(token, tuple):
            raise ValueError(f"unexpected {_show(token)} where a word was expected")  # noqa: TRY004 -- bad input
        self.at += 1
        word = token[0]
        return lambda text: word in text
