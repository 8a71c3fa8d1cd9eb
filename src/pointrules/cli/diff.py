"""`pointrules diff OLD.points NEW.points EVENTS.jsonl`: the cost of a change. Both versions replay
the same events in memory; the report says what each paid by rule, kind, tier and day, which members
gain and lose, what is still owed at the end, and how each version's guards stand. OLD and NEW may
each be a folder of a program's versions: each event is then evaluated by the version in force at its
time, and the guards of every version are proved."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pointrules.cli.language import config_lang
from pointrules.cli.simulate import _read_profiles, load_set, streaming_gc
from pointrules.diagnostics import Diagnostic, render, safe
from pointrules.events import read_lines
from pointrules.guards import prove
from pointrules.program.called import called
from pointrules.program.versions import VersionSet
from pointrules.report.compare import Comparison, compare
from pointrules.report.html import diff_page
from pointrules.report.tally import Tally
from pointrules.stream.simulate import Rejection, simulate

NAME = "diff"
HELP = "replay events through two versions of a program and report what the change costs"
EXAMPLES = (
    "  pointrules diff old.points new.points events.jsonl\n"
    "  pointrules diff old.points new.points events.jsonl --members members.jsonl --format json\n"
    "  pointrules diff old.points new.points events.jsonl --report change.html\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the program as it is (.points, or a folder of its versions)")
    parser.add_argument("new", metavar="NEW", help="the program as it would be (.points, or a folder of its versions)")
    parser.add_argument("events", metavar="EVENTS", help="events, one JSON object a line")
    parser.add_argument("--members", metavar="FILE", help='member profiles, JSON Lines {"id": "m42", "tier": "gold"}')
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--report", metavar="FILE.html", help="also write a self-contained HTML report with charts")


def run(args: argparse.Namespace) -> int:
    old_set, new_set = load_set(args.old), load_set(args.new)
    if old_set is None or new_set is None:
        return 2
    old, new = old_set.last, new_set.last
    streaming_gc()
    tallies: list[Tally] = []
    rejected = 0
    for program, versions in ((old, old_set), (new, new_set)):
        profiles = _read_profiles(program, args.members)
        if profiles is None:
            return 2
        tally = Tally(program)
        refused: list[Rejection] = []
        try:
            with open(args.events, "rb") as events:
                simulate(versions, read_lines(events), profiles=profiles, on_outcome=tally.add, on_reject=refused.append)
        except OSError as error:
            print(f"error: cannot read {args.events}: {error.strerror}", file=sys.stderr)
            return 2
        for rejection in refused if program is new else ():
            print(safe(str(rejection)), file=sys.stderr)
        rejected = max(rejected, len(refused))
        tallies.append(tally)
    comparison = compare(*tallies)
    guards = {"old": _prove(old_set), "new": _prove(new_set)}
    if args.report:
        try:
            Path(args.report).write_text(diff_page(comparison, args.old, args.new), "utf-8")
        except OSError as error:
            print(f"error: cannot write {args.report}: {error.strerror}", file=sys.stderr)
            return 2
    if args.format == "json":
        data = comparison.as_json()
        data["guards"] = {side: [_finding(d) for d in found] for side, found in guards.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_text(comparison, args.old, args.new, guards, old_set, new_set))
    return 1 if rejected else 0


def _prove(versions: VersionSet) -> list[Diagnostic]:
    """The findings of every version's guards, oldest version first."""
    return [d for p in versions.programs for d in prove(p, Path(p.source.filename))]


def _finding(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "file": d.filename, "line": d.line, "message": d.message, "notes": list(d.notes)}


def _text(c: Comparison, old_name: str, new_name: str, guards: dict[str, list[Diagnostic]], old: VersionSet,
          new: VersionSet) -> str:
    data = c.as_json()
    currency = c.new.program.currency
    points, name = data["points"], safe(called(c.new.program))  # as the new version calls them
    out = [f"{old_name} -> {new_name}: {c.new.events:,} events",
           f"{name}: {points['old']:,} -> {points['new']:,} ({points['change']:+,}, {points['change_value']} {currency})",
           f"still owed at the end: {data['liability']['old']:,} -> {data['liability']['new']:,}"]
    for part in ("rule", "kind", "tier"):
        out.append(f"{name} by {part}:")
        out += [f"  {k}: {a:,} -> {b:,} ({b - a:+,})" for k, a, b in c.table(part)] or ["  (none)"]
    out.append(f"members: {c.gainers:,} gain, {c.losers:,} lose")
    out += [f"  {m['member']}: {m['old']:,} -> {m['new']:,} ({m['change']:+,})" for m in data["members"]["largest"]]
    for side, versions in (("old", old), ("new", new)):
        found = guards[side]
        sources = {p.source.filename: p.source for p in versions.programs}
        if not any(p.guards for p in versions.programs):
            out.append(f"guards of the {side} version: none")
        elif not found:
            out.append(f"guards of the {side} version: all proved")
        else:
            out.append(f"guards of the {side} version:")
            out += [render(d, sources.get(d.filename), lang=config_lang(new_name)) for d in found]
    return "\n".join(out)
