"""The fixes a diagnostic's help names, as edits an editor applies (quick fixes, code actions).

A help line says its fix in words (docs/diagnostics.md): "did you mean `purchase`?", "write `day`",
"add `}` at the end of the declaration above", "swap the two dates". Each recognised wording is one
entry of FIXES: a pattern of the help and a function that turns it into edits of the source, or into
nothing when the source does not look as the fix expects (then no action is offered: a wrong edit is
worse than none). A help that only illustrates (`like …`) is not a fix and offers nothing, except the
few whose example is exactly the text to write. Every lint finding can also be silenced with the
inline comment `pointrules lint` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from pointrules.diagnostics import Diagnostic
from pointrules.lsp.text import Edit, line_column_offset
from pointrules.source import Source, Span

_TOKEN = re.compile(r'[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?|"(?:[^"\\\n]|\\.)*"|[0-9][0-9,.]*|\S')
_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{2}-\d{2})"


@attrs.frozen
class Fix:
    title: str
    edits: tuple[Edit, ...]


def span_of(d: Diagnostic, source: Source) -> Span:
    return Span(line_column_offset(source, d.line, d.column), line_column_offset(source, d.end_line, d.end_column))


def _one_token(source: Source, span: Span) -> bool:
    text = source.snippet(span)
    return bool(text) and bool(_TOKEN.fullmatch(text)) and "\n" not in text


def _replace(new: str, title: str | None = None) -> Callable[[Source, Span, re.Match[str]], list[Fix]]:
    """Replace the diagnostic's word with the help's text (group ``new``), when the diagnostic marks
    one word, number or quoted text; a quoted text stays quoted, and ``birthday.month`` replaces only
    what follows ``birthday.``."""

    def fix(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
        text = m.group(new)
        old = source.snippet(span)
        if not _one_token(source, span) or text == old:
            return []
        if old.startswith('"') and not text.startswith('"'):
            text = f'"{text}"'
        head, dot, tail = text.rpartition(".")
        if dot and source.text[: span.start].endswith(head + dot):
            text = tail
        return [Fix((title or "replace `{old}` with `{new}`").format(old=old, new=text), (Edit(span, text),))]

    return fix


def _unquote(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    """`tier = "gold"` → `tier = gold`: the quoted name inside the marked condition."""
    quoted = f'"{m.group("name")}"'
    at = source.snippet(span).rfind(quoted)
    if at < 0:
        return []
    where = Span(span.start + at, span.start + at + len(quoted))
    return [Fix(f"write `{m.group('name')}` without quotes", (Edit(where, m.group("name")),))]


def _close_brace(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    line_start = source.text.rfind("\n", 0, span.start) + 1
    if source.text[line_start : span.start].strip():
        return []
    return [Fix("add `}` to close the declaration above", (Edit(Span(line_start, line_start), "}\n"),))]


def _swap(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    """`from 2026-11-11 to 2026-11-01` → both dates swapped, on the marked date's line."""
    start = source.text.rfind("\n", 0, span.start) + 1
    end = source.text.find("\n", span.start)
    line = source.text[start : end if end >= 0 else len(source.text)]
    for found in re.finditer(rf"from\s+({_DATE})\s+to\s+({_DATE})", line):
        a, b = Span(start + found.start(1), start + found.end(1)), Span(start + found.start(2), start + found.end(2))
        if a.start <= span.start < b.end:
            return [Fix("swap the two dates", (Edit(a, found.group(2)), Edit(b, found.group(1))))]
    return []


def _label(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    """`rule base on purchase` → `rule base "…" on purchase`: a label after the name, to fill in."""
    head = m.group("head")
    if not source.text.startswith(head, span.start):
        return []
    at = span.start + len(head)
    return [Fix("add a label after the name", (Edit(Span(at, at), ' "…"'),))]


def _header_line(word: str) -> Callable[[Source, Span, re.Match[str]], list[Fix]]:
    """`add `currency CNY`…` / `start the file with `program "…"``: a header line, after the header
    lines already written (or first)."""

    def fix(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
        at = 0
        for found in re.finditer(r"^(?:program|version|currency|timezone)\b[^\n]*\n?", source.text, re.MULTILINE):
            if word == "program":
                break
            at = found.end()
        text = m.group("text")
        prefix = "\n" if at and not source.text[:at].endswith("\n") else ""
        return [Fix(f"add `{text}`", (Edit(Span(at, at), f"{prefix}{text}\n"),))]

    return fix


def _append(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    """A declaration the program lacks (an expiry), added at the end of the file."""
    ending = "" if source.text.endswith("\n") or not source.text else "\n"
    end = len(source.text)
    return [Fix(f"add `{t}`", (Edit(Span(end, end), f"{ending}{t}\n"),)) for t in m.groups() if t]


def _declare(source: Source, span: Span, m: re.Match[str]) -> list[Fix]:
    """`declare it: `event review { … }`` before the declaration that names it."""
    line_start = source.text.rfind("\n", 0, span.start) + 1
    decl = re.compile(r"^\S", re.MULTILINE)
    starts = [x.start() for x in decl.finditer(source.text, 0, line_start + 1)]
    at = starts[-1] if starts else 0
    return [Fix(f"declare `{m.group('text')}`", (Edit(Span(at, at), m.group("text") + "\n"),))]


FIXES: list[tuple[re.Pattern[str], Callable[[Source, Span, re.Match[str]], list[Fix]]]] = [
    (re.compile(r"did you mean `(?P<new>[^`]+)`\?$"), _replace("new", "change `{old}` to `{new}`")),
    (re.compile(r"use the plain `(?P<new>.)` instead"), _replace("new")),
    (re.compile(r"(?:^|; )write `(?P<new>[^`]+)`$"), _replace("new")),
    (re.compile(r"(?:upper case|the ISO 4217 code is):? `(?P<new>[A-Z]{3})`$"), _replace("new")),
    (re.compile(r"write it in quotes, `(?P<new>\"[^`]*\")`$"), _replace("new")),
    (re.compile(r"give the points to `(?P<new>[^`]+)`$"), _replace("new")),
    (re.compile(r"^write a whole number like `(?P<new>[0-9][0-9,]*)`$"), _replace("new")),
    (re.compile(r"write the name without quotes: `(?P<name>[A-Za-z_]\w*)`$"), _unquote),
    (re.compile(r"^add `}` at the end of the declaration above$"), _close_brace),
    (re.compile(r"^swap the two (?:dates|ends)$"), _swap),
    (re.compile(r"^add one after the name: `(?P<head>[^`\"]*?) \"…\""), _label),
    (re.compile(r"^add `(?P<text>(?:currency|timezone) [^`]+)`"), _header_line("currency")),
    (re.compile(r"^start the file with `(?P<text>program [^`]+)`$"), _header_line("program")),
    (re.compile(r"^add `(expire [^`]+)` \(or any expiry\), or `(expire never)`"), _append),
    (re.compile(r"^declare it: `(?P<text>(?:event|record) [^`]+)`$"), _declare),
]


def fixes(d: Diagnostic, source: Source) -> list[Fix]:
    """Every fix ``d``'s help names, and for a lint finding the comment that silences it."""
    found: list[Fix] = []
    span = span_of(d, source)
    for pattern, make in FIXES if d.help else ():
        m = pattern.search(d.help or "")
        if m:
            found.extend(make(source, span, m))
    if d.code.startswith("PR5"):
        found.append(_silence(d, source))
    return found


def _silence(d: Diagnostic, source: Source) -> Fix:
    """`# pointrules: ignore[PR503] …` on the line above the finding, indented as that line."""
    line = source.line_text(d.line)
    indent = line[: len(line) - len(line.lstrip())]
    at = source.line_start(d.line)
    return Fix(f"silence {d.code} here with a comment",
               (Edit(Span(at, at), f"{indent}# pointrules: ignore[{d.code}] why this is intended\n"),))
