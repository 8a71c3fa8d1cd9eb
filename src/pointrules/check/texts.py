"""Quoted texts hold only characters every consumer can keep and show as written (PR007).

A program's texts reach the ledger (its name and the points' name are kept in every store),
explanations, terms, reports and the terminal. Refused, at the character:
- control characters (U+0000-U+001F, U+007F-U+009F) but the tab: PostgreSQL text cannot hold
  U+0000, and an escape sequence can rewrite a terminal; a new line is written ``\\n``;
- the line and paragraph separators U+2028 and U+2029, which break a line where none is written;
- the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make
  a text show in another order than it holds ("Trojan Source"). The marks U+200E, U+200F and
  U+061C stay allowed: right-to-left scripts need them and they reorder nothing around them.
``\\n`` and ``\\t`` are the language's own escapes and stay allowed; a backslash before a refused
character is refused too, since it stands for that character.
"""

from __future__ import annotations

import unicodedata

from pointrules import syntax as s
from pointrules.check.report import Report, nodes
from pointrules.diagnostics import Diagnostic
from pointrules.messages import Text, t
from pointrules.source import Source, Span

_SEPARATORS = frozenset("\u2028\u2029")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refused(ch: str) -> bool:
    """Whether a quoted text may not hold ``ch`` (the module's docstring says why)."""
    code = ord(ch)
    return (code < 0x20 and ch != "\t") or 0x7F <= code <= 0x9F or ch in _SEPARATORS or ch in _BIDI


def check_texts(tree: s.Program, source: Source) -> list[Diagnostic]:
    """PR007 at the first refused character of each quoted text; walked without recursion."""
    r = Report(source, None)
    for node in nodes(tree):
        if isinstance(node, s.Text):
            _text(r, node)
    return r.diagnostics


def _text(r: Report, text: s.Text) -> None:
    at = next((i for i, ch in enumerate(text.raw) if refused(ch)), None)
    if at is None:
        return
    ch = text.raw[at]
    more = sum(map(refused, text.raw[at + 1:]))
    message, help = _said(ch)
    if more:
        message = t("{message}; {n:,} more later in this text", message=message, n=more)
    start = text.span.start + at
    r.add(Span(start, start + 1), "PR007", message, help=help)


def _said(ch: str) -> tuple[Text, Text]:
    code = f"U+{ord(ch):04X}"
    if ch in _BIDI:
        return (t("this text holds the bidirectional control `{code}` ({name}), which can make it show "
                  "in another order than it holds", code=code, name=unicodedata.name(ch)),
                t("remove it: what members read must be what the program says"))
    if ch in _SEPARATORS:
        return (t("this text holds the line separator `{code}` ({name})", code=code, name=unicodedata.name(ch)),
                t("remove it; a text is one line, and a new line inside it is written `\\n`"))
    return (t("this text holds the control character `{code}`", code=code),
            t("remove it: control characters cannot be kept by every ledger (PostgreSQL refuses `U+0000`) "
              "or shown safely; a tab is written `\\t` and a new line `\\n`"))
