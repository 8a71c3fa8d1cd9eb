"""Where comments and blank lines go among the printed lines of a program, and how the lines
become text: a comment that shared a line with code trails the last printed line ending on that
source line; any other comment goes on its own line before the first printed line that came after
it in the source. Blank lines between declarations and statements are kept (several collapse into
one); trailing comments of consecutive lines line up."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import attrs

from pointrules import syntax as s
from pointrules.source import Source, Span, display_width

INDENT = "  "


@attrs.define
class Line:
    """One printed line, its depth of indentation and the comments placed on it."""

    text: str
    depth: int
    span: Span  # the source the line shows; comments are placed by it
    blank_before: bool = False
    trailing: list[str] = attrs.Factory(list)
    leading: list[str] = attrs.Factory(list)


def render(lines: list[Line], tail: list[str]) -> str:
    """The text of the printed lines with their comments; ``tail`` holds the comments after every line."""
    out: list[str] = []
    column = _comment_columns(lines)
    for k, line in enumerate(lines):
        if line.blank_before and out:
            out.append("")
        inner = line.depth + (1 if line.text == "}" else 0)  # a comment before `}` is inside the block
        out.extend(INDENT * inner + c for c in line.leading)
        text = INDENT * line.depth + line.text
        if line.trailing:
            text += " " * (column[k] - display_width(text)) + "  ".join(line.trailing)
        out.append(text)
    if tail:
        if out:
            out.append("")
        out.extend(tail)
    return "\n".join(out) + "\n" if out else ""


def _comment_columns(lines: list[Line]) -> list[int]:
    """Trailing comments of consecutive lines line up, two spaces after the longest code (gofmt)."""
    column = [0] * len(lines)
    k = 0
    while k < len(lines):
        if not lines[k].trailing:
            k += 1
            continue
        end = k + 1
        while end < len(lines) and lines[end].trailing and not lines[end].blank_before and not lines[end].leading:
            end += 1
        width = max(display_width(INDENT * lines[j].depth + lines[j].text) for j in range(k, end)) + 2
        for j in range(k, end):
            column[j] = width
        k = end
    return column


def blank_line_before(source: Source, offset: int) -> bool:
    """Did the source have an empty line before this node (or before the comments leading it)?"""
    text = source.text
    i = text.rfind("\n", 0, offset)
    while i > 0:
        j = text.rfind("\n", 0, i)
        prev = text[j + 1 : i].strip()
        if prev == "":
            return True
        if not prev.startswith("#"):
            return False
        i = j
    return False


def place_comments(comments: Iterable[s.Comment], lines: list[Line], source: Source) -> list[str]:
    """Attach comments to printed lines; returns those that come after every line.

    A comment after code trails the last printed line that starts before it (a continuation line
    belongs to the node it continues); a comment on a line of its own leads the first printed line
    that starts after it."""
    tail: list[str] = []
    order = sorted(range(len(lines)), key=lambda k: lines[k].span.start)
    starts = [lines[k].span.start for k in order]
    for c in comments:
        c_line = source.position(c.span.start)[0]
        own_line = source.text[source.line_start(c_line) : c.span.start].strip() == ""
        if not own_line:
            k = bisect.bisect_left(starts, c.span.start) - 1
            if k >= 0:
                lines[order[k]].trailing.append(c.text.rstrip())
                continue
        k = bisect.bisect_right(starts, c.span.start)
        if k < len(order):
            lines[order[k]].leading.append(c.text.rstrip())
        else:
            tail.append(c.text.rstrip())
    return tail
