"""What `pointrules lint` prints: the findings in the chosen format, or how many of each code
(--statistics), to standard output or to --output-file."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence

from pointrules import __version__
from pointrules.check.fixes import edit_of
from pointrules.cli.terminal import colour_on
from pointrules.codes import CODES
from pointrules.diagnostics import LABELS, Diagnostic, Severity
from pointrules.renderers import as_github, as_json, as_sarif, as_text, checked_line, summary
from pointrules.source import Source


def report(args: argparse.Namespace, found: Sequence[Diagnostic], sources: dict[str, Source], files: int,
           langs: dict[str, str]) -> str:
    """The report: every finding counted in the summary, only errors listed with -q; each file's
    findings in its language (``langs``), the rest in --lang or the language every file shares."""
    totals = summary(found, files)
    lang = args.lang or (next(iter(set(langs.values()))) if len(set(langs.values())) == 1 else "en")
    if args.statistics:
        return statistics(found, totals, args.format, lang)
    shown = [d.in_language(langs.get(d.filename, lang)) for d in found
             if not args.quiet or d.severity is Severity.ERROR]
    if args.format == "text":
        colour = args.output_file is None and colour_on(sys.stdout)
        fixable = sum(1 for d in found if (s := sources.get(d.filename)) and edit_of(d, s) is not None)
        tail = LABELS[lang]["fixable"].format(n=fixable) + "\n" if fixable else ""
        return as_text(shown, sources, totals, colour, lang) + tail
    return {"json": lambda: as_json(shown, totals), "sarif": lambda: as_sarif(shown, lang),
            "github": lambda: as_github(shown, lang)}[args.format]()


def statistics(found: Sequence[Diagnostic], totals: dict[str, int], fmt: str, lang: str = "en") -> str:
    """How many findings of each code and severity, most first (then by code)."""
    counts = Counter((d.code, d.severity) for d in found)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], -item[0][1].rank))
    if fmt == "json":
        doc = {"version": 1, "tool": {"name": "pointrules", "version": __version__}, "summary": totals,
               "statistics": [{"code": code, "severity": str(severity), "count": n,
                               "summary": CODES[code].summary_in(lang) if code in CODES else None}
                              for (code, severity), n in rows]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{n:>{width}}  {code}  {severity!s:<7}  {CODES[code].summary_in(lang) if code in CODES else ''}".rstrip()
             for (code, severity), n in rows]
    lines.append(checked_line(totals, lang))
    return "\n".join(lines) + "\n"


def write_report(args: argparse.Namespace, text: str) -> bool:
    """Print the report, or write it to --output-file (its folder made when missing); False when it
    cannot be written (said on standard error)."""
    if args.output_file is None:
        sys.stdout.write(text)
        return True
    try:
        args.output_file.parent.mkdir(parents=True, exist_ok=True)
        args.output_file.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {args.output_file}: {error.strerror}", file=sys.stderr)
        return False
    return True
