"""Text -> lark parse tree -> syntax tree, with recovery after a syntax error.

Theory of operation: the whole text is parsed with one LALR parser. On a syntax error the
diagnostic is recorded and parsing resumes at the next line that begins, unindented, with a
declaration keyword, so a mistake in one declaration does not hide mistakes in the following ones.
A program with any syntax error yields no tree.
"""

from __future__ import annotations

import re
from typing import Any

import lark

from pointrules import syntax as s
from pointrules.diagnostics import Diagnostic
from pointrules.source import Source, Span
from pointrules.syntax.errors import diagnose, misspelt
from pointrules.syntax.grammar import COMMENT_OR_STRING, DECLARATION_KEYWORDS, lark_parser
from pointrules.syntax.limits import MAX_SYNTAX_ERRORS, too_deep, too_many_declarations
from pointrules.syntax.scan import first_excess
from pointrules.syntax.transformer import TreeToSyntax
from pointrules.syntax.typos import tier_typos

_RESYNC = re.compile(r"^(?:{})\b".format("|".join(DECLARATION_KEYWORDS)), re.MULTILINE)


def parse(source: Source) -> tuple[s.Program | None, list[Diagnostic]]:
    """The syntax tree of ``source``, or None and the syntax diagnostics."""
    text = source.text
    too_big = first_excess(source)
    if too_big is not None:
        return None, [too_big]
    diagnostics: list[Diagnostic] = []
    declarations: list[Any] = []
    base = 0
    while True:
        try:
            tree = lark_parser().parse(text[base:] if base else text)
        except lark.exceptions.UnexpectedInput as error:
            diagnostics.append(diagnose(source, error, base))
            resume = _resume_offset(text, base + _error_offset(error, len(text) - base))
            if resume is None or len(diagnostics) >= MAX_SYNTAX_ERRORS:
                break
            base = resume
            continue
        nested = too_deep(source, tree, base)
        if nested is not None:
            diagnostics.append(nested)
            break
        if not diagnostics:
            declarations = TreeToSyntax(base).transform(tree).declarations
            too_many = too_many_declarations(source, declarations)
            if too_many is not None:
                diagnostics.append(too_many)
            diagnostics += [misspelt(source, typo, "tiers") for typo in tier_typos(declarations, text)]
        break
    if diagnostics:
        return None, diagnostics
    comments = tuple(
        s.Comment(text=m.group(), span=Span(m.start(), m.end()))
        for m in COMMENT_OR_STRING.finditer(text)
        if m.group().startswith("#")
    )
    return s.Program(declarations=tuple(declarations), comments=comments, span=Span(0, len(text))), []


def _error_offset(error: lark.exceptions.UnexpectedInput, length: int) -> int:
    if isinstance(error, lark.exceptions.UnexpectedEOF):
        return length
    if isinstance(error, lark.exceptions.UnexpectedToken) and error.token.type == "$END":
        return length
    pos = getattr(error, "pos_in_stream", None)
    return pos if pos is not None else length


def _resume_offset(text: str, error_at: int) -> int | None:
    """Where to resume after an error: the error's own line if it starts a declaration (the one
    before was left open), else the next line that does."""
    line_start = text.rfind("\n", 0, error_at) + 1
    if error_at == line_start and _RESYNC.match(text, line_start) and line_start > 0:
        return line_start
    m = _RESYNC.search(text, text.find("\n", error_at) + 1 if "\n" in text[error_at:] else len(text))
    if m is None or m.start() <= error_at and m.start() == 0:
        return None
    return m.start() if m.start() > error_at - (error_at - line_start) else None
