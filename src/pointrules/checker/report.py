"""What every pass shares: a collector of diagnostics, quoting, and "did you mean" advice."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..diagnostics import Diagnostic, make, safe
from ..source import Source, Span

_KEYWORD = re.compile(r"[A-Za-z_]+")


def q(text: str) -> str:
    """User text in backticks, fit to print."""
    return f"`{safe(text)}`"


def close(word: str, options: Iterable[str]) -> str | None:
    """The option closest to ``word`` (case-insensitively first), or None when none is close."""
    options = list(options)
    if not options:
        return None
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """``did you mean `x`?`` for the closest option, or None."""
    best = close(word, options)
    return f"did you mean {q(best)}?" if best is not None and best != word else None


def one_of(options: Iterable[str]) -> str:
    """```a`, `b` or `c``` for a help line."""
    words = [q(o) for o in options]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


class Report:
    """Collects one pass's diagnostics about one source; ``currency`` is the program's valid
    currency code, or None when it has none (then money is not checked against it)."""

    def __init__(self, source: Source, currency: str | None = None) -> None:
        self.source = source
        self.currency = currency
        self.diagnostics: list[Diagnostic] = []

    def add(self, span: Span, code: str, message: str, *, help: str | None = None,
            notes: Iterable[str] = ()) -> None:
        self.diagnostics.append(make(self.source, span, code, message, help=help, notes=notes))

    def line(self, span: Span) -> int:
        return self.source.position(span.start)[0]

    def keyword(self, span: Span) -> Span:
        """The first word of a declaration: where a diagnostic about the whole declaration points."""
        m = _KEYWORD.match(self.source.text, span.start)
        return Span(span.start, m.end()) if m else Span(span.start, span.start + 1)

    def snippet(self, span: Span, limit: int = 40) -> str:
        """The source of ``span`` on one line, shortened to ``limit`` characters, in backticks."""
        text = " ".join(self.source.snippet(span).split())
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        return q(text)

    def first_at(self, what: str, span: Span) -> str:
        """A note pointing back at an earlier declaration."""
        return f"{what} is first given on line {self.line(span)}"

