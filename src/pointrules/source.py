"""Source text and spans: where in which file a piece of a program stands."""

from __future__ import annotations

import bisect
import unicodedata

import attrs


@attrs.frozen
class Span:
    """A half-open range of character offsets ``[start, end)`` into one source text."""

    start: int
    end: int

    def cover(self, other: Span) -> Span:
        """The smallest span holding both."""
        return Span(min(self.start, other.start), max(self.end, other.end))


@attrs.frozen(eq=False)
class Source:
    """A program's text and file name, with 1-based line and column lookup."""

    text: str
    filename: str = "<string>"
    _line_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        object.__setattr__(self, "_line_starts", starts)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def snippet(self, span: Span) -> str:
        return self.text[span.start : span.end]


def display_width(text: str) -> int:
    """The columns a text takes on a terminal: a wide or full-width (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
