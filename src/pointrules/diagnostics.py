"""One diagnostics model for every stage, and its text renderer.

Voice (docs/diagnostics.md): messages are lowercase, with no final period, user text in backticks;
the fix goes in ``help``, context in ``notes``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import attrs

from pointrules.codes import CODES
from pointrules.messages import LANGS, Words, say
from pointrules.severity import Severity
from pointrules.source import Source, Span, display_width


@attrs.frozen(kw_only=True)
class Diagnostic:
    """A finding about a program: stable ``code``, where it is (1-based; ``end_column`` is one
    past the last character), what is wrong and, in ``help``, how to fix it."""

    code: str
    severity: Severity
    message: str
    filename: str
    line: int
    column: int
    end_line: int
    end_column: int
    help: str | None = None
    notes: tuple[str, ...] = ()
    # the message, help and notes as data, so they can be shown in any language (``in_language``)
    wording: Wording | None = attrs.field(default=None, eq=False, repr=False)

    def in_language(self, lang: str) -> Diagnostic:
        """This diagnostic with its message, help and notes in ``lang`` (one of LANGS); the code,
        severity and positions stay as they are."""
        w = self.wording
        if lang == "en" or w is None:
            return self
        return attrs.evolve(self, message=safe(say(w.message, lang)),
                            help=safe(say(w.help, lang)) if w.help is not None else None,
                            notes=tuple(safe(say(n, lang)) for n in w.notes))

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.filename,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "help": self.help,
            "notes": list(self.notes),
        }


@attrs.frozen
class Wording:
    """A diagnostic's message, help and notes before they are worded in a language."""

    message: Words | str
    help: Words | str | None = None
    notes: tuple[Words | str, ...] = ()


def in_language(diagnostics: Iterable[Diagnostic], lang: str) -> list[Diagnostic]:
    """The diagnostics worded in ``lang``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    return [d.in_language(lang) for d in diagnostics]


def make(
    source: Source,
    span: Span,
    code: str,
    message: Words | str,
    *,
    help: Words | str | None = None,
    notes: Iterable[Words | str] = (),
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic at ``span`` of ``source``, with the code's registered severity by default."""
    line, column = source.position(span.start)
    if span.end > span.start:
        end_line, end_column = source.position(span.end)
    else:
        end_line, end_column = line, column + 1
    notes = tuple(notes)
    # Every stage's text is made safe here, once: a message that quotes a file name, a label or a
    # value can never carry a bidirectional mark or a control character into any renderer (JSON too).
    return Diagnostic(
        code=code,
        severity=severity or CODES[code].severity,
        message=safe(str(message)),
        filename=source.filename,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        help=safe(str(help)) if help is not None else None,
        notes=tuple(safe(str(n)) for n in notes),
        wording=Wording(message, help, notes),
    )


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.filename, d.line, d.column, d.code)


# ---- safe display -------------------------------------------------------------------------------
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def safe(text: str) -> str:
    """Text fit to print: control characters, bidirectional marks and other invisible code points
    are shown as ``\\u{…}`` escapes, so a name can never rearrange or hide what a terminal shows."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == " " or unicodedata.category(ch) not in _INVISIBLE:
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):04x}}}")
    return "".join(out)


def safe_lines(text: str) -> str:
    """``safe`` applied line by line, for multi-line text shown to people (explanations, terms)."""
    return "\n".join(safe(line) for line in text.split("\n"))


_COLOURS = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


_QUOTE = 500  # characters of a line quoted at most: a diagnostic on a 5 MB line shows a window of it


def _quote(source: Source, line: int, first: int, last: int | None) -> tuple[str, int, int]:
    """The line shown under a diagnostic and its marked columns ``[first, last)`` in it (0-based;
    ``last`` None marks to the end of the line): the whole line, or ``_QUOTE`` characters around
    the mark with `…` where the line is cut."""
    start = source.line_start(line)
    end = source.line_start(line + 1) - 1 if line < source.line_count else len(source.text)
    if end - start <= _QUOTE:
        text = source.line_text(line).replace("\t", " ")
        return text, first, len(text) if last is None else last
    lo = max(0, min(first - _QUOTE // 4, end - start - _QUOTE))
    hi = lo + _QUOTE
    text = source.text[start + lo : start + hi].replace("\t", " ")
    if start + hi >= end:
        text = text.rstrip("\r")
    head, tail = ("…" if lo else ""), ("…" if start + hi < end else "")
    shift = lo - len(head)
    return head + text + tail, first - shift, (hi if last is None else min(last, hi)) - shift


# what the text rendering says around the messages, by language
LABELS = {
    "en": {"error": "error", "warning": "warning", "info": "info", "help": "help: ", "note": "note: ", "colon": ": ",
           "checked": "{files} file{s} checked: {errors} errors, {warnings} warnings, {infos} infos",
           "fixable": "{n} fixable with --fix"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "help": "建议：", "note": "说明：", "colon": "：",
           "checked": "已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
           "fixable": "其中 {n} 个可用 --fix 自动修正"},
}


def render(diagnostic: Diagnostic, source: Source | None = None, colour: bool = False, lang: str = "en") -> str:
    """The diagnostic as a compiler would print it: header, location, the source line with a caret
    under the span, then help and notes; with ``colour``, ANSI colours for a terminal; worded in
    ``lang``."""
    d = diagnostic.in_language(lang)
    say_ = LABELS[lang]
    paint = (lambda text, c: f"\x1b[{c}m{text}\x1b[0m") if colour else (lambda text, c: text)
    head = f"{say_[d.severity.value]}[{d.code}]"
    lines = [paint(head, _COLOURS[d.severity]) + paint(f"{say_['colon']}{safe(d.message)}", "1")]
    gutter = " " * len(str(d.line))
    lines.append(f"{gutter}--> {safe(d.filename)}:{d.line}:{d.column}")
    if source is not None and 1 <= d.line <= source.line_count:
        text, first, last = _quote(source, d.line, d.column - 1, d.end_column - 1 if d.end_line == d.line else None)
        before = safe(text[:first])
        marked = safe(text[first : max(last, first + 1)]) or " "
        lines.append(f"{gutter} |")
        lines.append(f"{d.line} | {safe(text)}")
        lines.append(f"{gutter} | {' ' * display_width(before)}" + paint("^" * max(1, display_width(marked)), _COLOURS[d.severity]))
    if d.help:
        lines.append(f"{gutter} = {say_['help']}{safe(d.help)}")
    for note in d.notes:
        lines.append(f"{gutter} = {say_['note']}{safe(note)}")
    return "\n".join(lines)


def render_all(diagnostics: Iterable[Diagnostic], source: Source | None = None, colour: bool = False,
               lang: str = "en") -> str:
    return "\n\n".join(render(d, source, colour, lang) for d in diagnostics)
