"""Offsets into a program's text and the protocol's positions: 0-based lines and columns counted in
the code units the client and server agreed on: UTF-16 unless told otherwise (`会员` is two columns,
an emoji two as well), or UTF-8 (`会员` is six) or UTF-32 (one per character)."""

from __future__ import annotations

import attrs

from pointrules.source import Source, Span


@attrs.frozen
class Place:
    """A position in the protocol's terms."""

    line: int
    character: int


@attrs.frozen
class Edit:
    """Replace the characters of ``span`` with ``text`` (an insertion when the span is empty)."""

    span: Span
    text: str


def _width(ch: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(ch.encode("utf-8", "surrogatepass"))
    return 2 if encoding == "utf-16" and ord(ch) > 0xFFFF else 1


def place(source: Source, offset: int, encoding: str = "utf-16") -> Place:
    """The protocol's position of a character offset."""
    line, column = source.position(offset)
    start = source.line_start(line)
    return Place(line - 1, sum(_width(ch, encoding) for ch in source.text[start : start + column - 1]))


def offset(source: Source, at: Place, encoding: str = "utf-16") -> int:
    """The character offset of a protocol position; past the end of a line is its end."""
    if at.line >= source.line_count:
        return len(source.text)
    start = source.line_start(at.line + 1)
    line = source.line_text(at.line + 1)
    units = 0
    for i, ch in enumerate(line):
        if units >= at.character:
            return start + i
        units += _width(ch, encoding)
    return start + len(line)


def line_column_offset(source: Source, line: int, column: int) -> int:
    """The offset of a diagnostic's 1-based line and column (columns count characters)."""
    if line > source.line_count:
        return len(source.text)
    return min(source.line_start(line) + column - 1, len(source.text))
