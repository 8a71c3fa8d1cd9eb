"""The canonical layout of a program: `pointrules fmt`.

Theory of operation: the tree is printed line by line (``declarations.py``, expressions in
``expressions.py``); every printed line remembers the source span of the node it shows. Each comment
is then placed by its source position: a comment that shared a line with code trails the last
printed line ending on that source line; any other comment goes on its own line before the first
printed line that came after it in the source (``layout.py``). Blank lines between declarations and
statements are kept (several collapse into one). Printing uses only the tree, so
``parse(format(text))`` gives the same tree as ``parse(text)``; `format` checks this.
"""

from __future__ import annotations

import attrs

from pointrules import syntax as s
from pointrules.errors import ArgumentError, Error
from pointrules.formatter.declarations import WIDTH, add_declaration
from pointrules.formatter.expressions import expr
from pointrules.formatter.layout import Line, blank_line_before, place_comments, render
from pointrules.source import Source

__all__ = ["WIDTH", "FormatError", "expr", "format_program", "format_text", "shape"]


class FormatError(Error):
    """The formatter's output would not mean the same program (a bug: please report it)."""


def format_program(tree: s.Program, source: Source, width: int = WIDTH) -> str:
    """The canonical text of a parsed program, comments kept, lines broken to fit in ``width``
    columns where they can be (declarations.py says where)."""
    lines: list[Line] = []
    for i, decl in enumerate(tree.declarations):
        start = len(lines)
        add_declaration(decl, lines, source, width)
        if i > 0 and blank_line_before(source, decl.span.start):
            lines[start].blank_before = True
    tail = place_comments(tree.comments, lines, source)
    return render(lines, tail)


def format_text(text: str, filename: str = "<string>", width: int = WIDTH) -> str:
    """Format a program text; raises ValueError if it does not parse, FormatError if the output
    would not parse back to the same tree or would not hold every comment."""
    from pointrules.syntax.parser import parse

    source = Source(text, filename)
    tree, diagnostics = parse(source)
    if tree is None:
        raise ArgumentError(diagnostics)
    out = format_program(tree, source, width)
    again, _ = parse(Source(out, filename))
    if again is None or shape(again) != shape(tree):
        raise FormatError(f"formatting {filename} would change its meaning")
    if sorted(c.text.rstrip() for c in again.comments) != sorted(c.text.rstrip() for c in tree.comments):
        raise FormatError(f"formatting {filename} would lose a comment")
    return out


def shape(node: object) -> object:
    """A node with its spans left out, for comparing trees parsed from different texts."""
    if isinstance(node, tuple):
        return tuple(shape(n) for n in node)
    if attrs.has(type(node)):
        return (type(node).__name__, *(
            (f.name, shape(getattr(node, f.name)))
            for f in attrs.fields(type(node))  # type: ignore[arg-type]  # attrs.has above
            if f.name not in ("span", "raw", "comments") or (f.name == "raw" and not isinstance(node, s.Number))
        ))
    return node
