"""The fixes diagnostics already name, as edits `pointrules lint --fix` applies.

A fix is taken only where the help names one exact replacement for the diagnostic's span:
``did you mean `gold`?`` (an unknown name, keyword, field, value or time zone) and ``use the plain
`(` instead`` (full-width punctuation). Advice that needs judgement ("did you mean a smaller factor,
like 1.5?") is never applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from pointrules.diagnostics import Diagnostic
from pointrules.source import Source

_DID_YOU_MEAN = re.compile(r"did you mean `([^`\n]+)`\?")
_PLAIN = re.compile(r"use the plain `([^`\n]+)` instead")


@attrs.frozen
class Edit:
    """Replace the text from ``start`` to ``end`` (character offsets) with ``text``."""

    start: int
    end: int
    text: str


def edit_of(d: Diagnostic, source: Source) -> Edit | None:
    """The edit the diagnostic's help names, or None when it names none exactly."""
    if d.help is None or d.line != d.end_line or not 1 <= d.line <= source.line_count:
        return None
    m = _DID_YOU_MEAN.fullmatch(d.help) or _PLAIN.fullmatch(d.help)
    if m is None:
        return None
    start = source.line_start(d.line) + d.column - 1
    end = source.line_start(d.line) + d.end_column - 1
    written, wanted = source.text[start:end], m.group(1)
    if written.startswith('"') and written.endswith('"') and not wanted.startswith('"'):
        wanted = f'"{wanted}"'  # a time zone is named in a text: keep the quotes
    elif "." in wanted and "." not in written:
        prefix = wanted[: wanted.rindex(".") + 1]  # `birthday.month` for the `months` of `birthday.months`
        if source.text[max(0, start - len(prefix)):start] != prefix:
            return None
        wanted = wanted[len(prefix):]
    if not written or written == wanted or "\n" in written:
        return None
    return Edit(start, end, wanted)


def apply(source: Source, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """The source's text with every fix applied (of two that overlap, the first), and how many."""
    edits = sorted({e for d in diagnostics if (e := edit_of(d, source)) is not None}, key=lambda e: e.start)
    kept: list[Edit] = []
    for e in edits:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    text = source.text
    for e in reversed(kept):
        text = text[: e.start] + e.text + text[e.end:]
    return text, len(kept)
