"""Renderers of one list of diagnostics: text (with source and caret), JSON, SARIF 2.1.0 and
GitHub workflow annotations. The JSON schema is documented in docs/cli.md."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from pointrules import __version__
from pointrules.codes import CODES
from pointrules.diagnostics import LABELS, Diagnostic, Severity, render
from pointrules.source import Source

DOCS = "https://github.com/pointrules/pointrules/blob/main/docs/diagnostics.md"
DOCS_IN = {"en": DOCS, "zh": DOCS.removesuffix(".md") + ".zh.md"}  # the catalogue in each language


def anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lowercase, spaces as `-`, letters, digits, `-`
    and `_` kept, every other character (punctuation, symbols such as `×`, backticks) dropped."""
    kept = (c for c in heading.strip().lower() if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return "".join(kept).replace(" ", "-")


def help_uri(code: str, lang: str = "en") -> str:
    """The code's section of the catalogue in ``lang``: docs/diagnostics.md, whose heading is
    `## CODE: summary`, or docs/diagnostics.zh.md, whose heading is `## CODE：中文摘要 {#english-anchor}`
    (the explicit id keeps the English anchor on the documentation site; GitHub, which shows the
    `{#…}` as text, makes its fragment of the whole heading). Percent-encoded, as a URI is."""
    english = anchor(f"{code}: {CODES[code].summary}")
    if lang == "en":
        return f"{DOCS}#{english}"
    heading = f"{code}：{CODES[code].summary_in(lang)} {{#{english}}}"
    return f"{DOCS_IN[lang]}#{quote(anchor(heading), safe='-_')}"


def file_uri(filename: str) -> tuple[str, bool]:
    """A file as a SARIF artifact URI, percent-encoded: relative to the current folder (with the
    base id %SRCROOT%) when it lies below it, else an absolute file:// URI; and which it is."""
    path = Path(filename)
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve()) if path.is_absolute() else None
    except ValueError:
        return path.resolve().as_uri(), False
    posix = (relative if relative is not None else Path(os.path.normpath(filename))).as_posix()
    if posix.startswith("../"):
        return path.resolve().as_uri(), False
    return quote(posix, safe="/"), True


def summary(diagnostics: Sequence[Diagnostic], files: int) -> dict[str, int]:
    counts = {str(s): 0 for s in Severity}
    for d in diagnostics:
        counts[str(d.severity)] += 1
    return {"files": files, "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}


def as_text(diagnostics: Sequence[Diagnostic], sources: dict[str, Source], totals: dict[str, int],
            colour: bool = False, lang: str = "en") -> str:
    """The diagnostics as the compiler prints them, then one line of ``totals`` (see ``summary``:
    it counts every finding, also those a quiet run does not show), in ``lang``."""
    parts = [render(d, sources.get(d.filename), colour, lang) for d in diagnostics]
    tail = checked_line(totals, lang)
    return "\n\n".join(parts + [tail]) + "\n"


def checked_line(totals: dict[str, int], lang: str = "en") -> str:
    """How many files were checked and what was found in them, in ``lang``."""
    return LABELS[lang]["checked"].format(**totals, s="s" * (totals["files"] != 1))


def _text(d: Diagnostic, lang: str, notes: bool = True) -> str:
    """A diagnostic's message, help and notes as one text, for SARIF and annotations."""
    say = LABELS[lang]
    return (d.message + (f"\n{say['help']}{d.help}" if d.help else "")
            + ("".join(f"\n{say['note']}{n}" for n in d.notes) if notes else ""))


def as_json(diagnostics: Sequence[Diagnostic], totals: dict[str, int]) -> str:
    doc = {
        "version": 1,
        "tool": {"name": "pointrules", "version": __version__},
        "summary": totals,
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def as_sarif(diagnostics: Sequence[Diagnostic], lang: str = "en") -> str:
    used = sorted({d.code for d in diagnostics})
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": CODES[code].summary_in(lang)},
            "helpUri": help_uri(code, lang),
            "defaultConfiguration": {"level": _SARIF_LEVEL[CODES[code].severity]},
        }
        for code in used if code in CODES
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for d in diagnostics:
        text = _text(d, lang)
        uri, relative = file_uri(d.filename)
        location: dict[str, str] = {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": text},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": d.line, "startColumn": d.column,
                               "endLine": d.end_line, "endColumn": d.end_column},
                }
            }],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pointrules", "version": __version__,
                                "informationUri": DOCS_IN[lang], "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def as_github(diagnostics: Sequence[Diagnostic], lang: str = "en") -> str:
    lines = []
    for d in diagnostics:
        props = (f"file={_escape_property(d.filename)},line={d.line},col={d.column},"
                 f"endLine={d.end_line},endColumn={d.end_column},title={_escape_property(d.code)}")
        text = _text(d, lang, notes=False)
        lines.append(f"::{_GITHUB[d.severity]} {props}::{_escape_data(text)}")
    return "\n".join(lines) + ("\n" if lines else "")
