"""What every pass shares: a collector of diagnostics, quoting, and "did you mean" advice."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Sized
from functools import lru_cache
from itertools import islice

import attrs

from pointrules.diagnostics import Diagnostic, make, safe
from pointrules.messages import Listing, Text, Words, t
from pointrules.source import Source, Span

_KEYWORD = re.compile(r"[A-Za-z_]+")

# "Did you mean" is bounded, so that a file of thousands of names and thousands of misspellings is
# checked as fast as a small one: each pass looks up at most SUGGESTIONS words (``Report``); one
# lookup compares the word with every option when they are few and short (_SCREENED options,
# _SCREENED_CHARS characters), else with the _NEIGHBOURS options on each side of it in spelling order,
# read forwards and backwards (a slip near one end keeps the other); it scores the _SCORED likeliest
# in full and skips words and options longer than _LONGEST. Within these bounds it is difflib's
# ``get_close_matches(word, options, n=1, cutoff=0.6)``.
SUGGESTIONS = 50
_SCREENED = 1_000
_SCREENED_CHARS = 20_000
_NEIGHBOURS = 50
_SCORED = 5
_LONGEST = 100
_CUTOFF = 0.6


def nodes(tree: object) -> Iterator[object]:
    """Every node of a syntax tree, walked without recursion (a deeply nested program cannot
    overflow the stack); tuples are unpacked, spans left out."""
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(node)
        elif attrs.has(type(node)):
            yield node
            stack.extend(getattr(node, f.name) for f in attrs.fields(type(node)) if f.name != "span")  # type: ignore[arg-type]


def q(text: str) -> str:
    """User text in backticks, fit to print."""
    return f"`{safe(text)}`"


def close(word: str, options: Iterable[str]) -> str | None:
    """The option closest to ``word`` (case-insensitively first), or None when none is close."""
    choices = _choices(tuple(options))
    if not choices.lowered:
        return None
    exact = choices.lowered.get(word.lower())
    if exact is not None:
        return exact
    if len(word) > _LONGEST:
        return None
    nearby = choices.near(word)
    found = _closest(word, nearby)
    if found is None:
        found = _closest(word.lower(), dict.fromkeys(o.lower() for o in nearby))
        found = choices.lowered[found] if found is not None else None
    return found


def did_you_mean(word: str, options: Iterable[str]) -> Text | None:
    """``did you mean `x`?`` for the closest option, or None."""
    return _suggest(word, close(word, options))


def _suggest(word: str, best: str | None) -> Text | None:
    return t("did you mean {name}?", name=q(best)) if best is not None and best != word else None


def _closest(word: str, options: Iterable[str]) -> str | None:
    """``difflib.get_close_matches(word, options, n=1)`` scoring at most _SCORED options in full:
    the ones that look closest by their letters alone."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    likely: list[tuple[float, str]] = []
    for option in options:
        if len(option) > _LONGEST:
            continue
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= _CUTOFF:
            quick = matcher.quick_ratio()
            if quick >= _CUTOFF:
                likely.append((-quick, option))
    best: tuple[float, str] | None = None
    for _, option in sorted(likely)[:_SCORED]:
        matcher.set_seq1(option)
        score = matcher.ratio()
        if score >= _CUTOFF and (best is None or (score, option) > best):
            best = (score, option)
    return best[1] if best is not None else None


class _Choices:
    """Options prepared for lookups, kept for the few option lists a check asks about again and
    again (the event kinds, one event's fields, the weekdays)."""

    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options
        self.lowered = {o.lower(): o for o in options}
        self.few = len(options) <= _SCREENED and sum(map(len, options)) <= _SCREENED_CHARS
        self._forward: list[str] = []
        self._backward: list[str] = []

    def near(self, word: str) -> list[str]:
        """Every option when they are few, else those nearest to ``word`` in spelling order."""
        if self.few:
            return list(self.options)
        if not self._forward:  # spelling order of the lowered names, read forwards and backwards
            self._forward = sorted(self.lowered)
            self._backward = sorted(o[::-1] for o in self.lowered)
        key = word.lower()
        found: dict[str, None] = {}
        for ordered, sought, turned in ((self._forward, key, False), (self._backward, key[::-1], True)):
            at = bisect.bisect_left(ordered, sought)
            for o in ordered[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS]:
                found[self.lowered[o[::-1] if turned else o]] = None
        return list(found)


@lru_cache(maxsize=16)
def _choices(options: tuple[str, ...]) -> _Choices:
    return _Choices(options)


_LISTED = 12  # options a help line lists at most


def one_of(options: Iterable[str]) -> Listing:
    """```a`, `b` or `c``` for a help line; of a long list, the first few and how many more."""
    words = [q(o) for o in islice(options, _LISTED + 1)]
    if len(words) > _LISTED:
        more = len(options) - _LISTED + 1 if isinstance(options, Sized) else None
        return Listing(tuple(words[: _LISTED - 1]), more or 0)
    return Listing(tuple(words))


class Report:
    """Collects one pass's diagnostics about one source; ``currency`` is the program's valid
    currency code, or None when it has none (then money is not checked against it)."""

    def __init__(self, source: Source, currency: str | None = None) -> None:
        self.source = source
        self.currency = currency
        self.diagnostics: list[Diagnostic] = []
        self.suggestions = SUGGESTIONS  # "did you mean" lookups left in this pass

    def close(self, word: str, options: Iterable[str]) -> str | None:
        """``close`` while this pass has lookups left, else None (``options`` is not read)."""
        if self.suggestions <= 0:
            return None
        self.suggestions -= 1
        return close(word, options)

    def did_you_mean(self, word: str, options: Iterable[str]) -> Text | None:
        """``did you mean `x`?`` while this pass has lookups left, else None."""
        return _suggest(word, self.close(word, options))

    def add(self, span: Span, code: str, message: Words | str, *, help: Words | str | None = None,
            notes: Iterable[Words | str] = ()) -> None:
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

    def first_at(self, what: Words | str, span: Span) -> Text:
        """A note pointing back at an earlier declaration."""
        return t("{what} is first given on line {line}", what=what, line=self.line(span))

