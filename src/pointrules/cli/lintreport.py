"""What `pointrules lint` prints: the findings in the chosen format, or how many of each code
(--statistics), to standard output or to --output-file."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence

from pointrules import __version__
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.check.fixes import edit_of
from pointrules.renderers import as_github, as_json, as_sarif, as_text, summary
from pointrules.source import Source
from pointrules.cli.terminal import colour_on


def report(args: argparse.Namespace, found: Sequence[Diagnostic], sources: dict[str, Source], files: int) -> str:
    """The report: every finding counted in the summary, only errors listed with -q."""
    totals = summary(found, files)
    if args.statistics:
        return statistics(found, totals, args.format)
    shown = [d for d in found if d.severity is Severity.ERROR] if args.quiet else list(found)
    if args.format == "text":
        colour = args.output_file is None and colour_on(sys.stdout)
        fixable = sum(1 for d in found if (s := sources.get(d.filename)) and edit_of(d, s) is not None)
        return as_text(shown, sources, totals, colour) + (f"{fixable} fixable with --fix\n" if fixable else "")
    return {"json": lambda: as_json(shown, totals), "sarif": lambda: as_sarif(shown),
            "github": lambda: as_github(shown)}[args.format]()


def statistics(found: Sequence[Diagnostic], totals: dict[str, int], fmt: str) -> str:
    """How many findings of each code and severity, most first (then by code)."""
    counts = Counter((d.code, d.severity) for d in found)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], -item[0][1].rank))
    if fmt == "json":
        doc = {"version": 1, "tool": {"name": "pointrules", "version": __version__}, "summary": totals,
               "statistics": [{"code": code, "severity": str(severity), "count": n,
                               "summary": CODES[code].summary if code in CODES else None}
                              for (code, severity), n in rows]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{n:>{width}}  {code}  {str(severity):<7}  {CODES[code].summary if code in CODES else ''}".rstrip()
             for (code, severity), n in rows]
    s = totals
    lines.append(f"{s['files']} file{'s' * (s['files'] != 1)} checked: {s['errors']} errors, "
                 f"{s['warnings']} warnings, {s['infos']} infos")
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
