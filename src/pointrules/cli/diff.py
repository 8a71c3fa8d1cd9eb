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

from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.simulate import load_set, read_profiles, streaming_gc
from pointrules.diagnostics import Diagnostic, render, safe
from pointrules.events import read_lines
from pointrules.guards import prove
from pointrules.program.versions import VersionSet
from pointrules.report.compare import Comparison, compare
from pointrules.report.html import diff_page, money_words, named_rows, report_words
from pointrules.report.tally import Labels, Tally, labels_of
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
    add_lang(parser, "text, the report and the diagnostics")


def run(args: argparse.Namespace) -> int:
    lang = lang_for(args, args.new)
    old_set, new_set = load_set(args.old, lang), load_set(args.new, lang)
    if old_set is None or new_set is None:
        return 2
    old, new = old_set.last, new_set.last
    streaming_gc()
    tallies: list[Tally] = []
    rejected = 0
    for program, versions in ((old, old_set), (new, new_set)):
        profiles = read_profiles(program, args.members)
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
    labels = labels_of([*old_set.programs, *new_set.programs])  # the new version's words win
    guards = {"old": _prove(old_set), "new": _prove(new_set)}
    if args.report:
        try:
            Path(args.report).write_text(diff_page(comparison, args.old, args.new, lang, labels), "utf-8")
        except OSError as error:
            print(f"error: cannot write {args.report}: {error.strerror}", file=sys.stderr)
            return 2
    if args.format == "json":
        data = comparison.as_json()
        data["guards"] = {side: [_finding(d) for d in found] for side, found in guards.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_text(comparison, args.old, args.new, guards, (old_set, new_set), labels, lang))
    return 1 if rejected else 0


def _prove(versions: VersionSet) -> list[Diagnostic]:
    """The findings of every version's guards, oldest version first."""
    return [d for p in versions.programs for d in prove(p, Path(p.source.filename))]


def _finding(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "file": d.filename, "line": d.line, "message": d.message, "notes": list(d.notes)}


def _text(c: Comparison, old_name: str, new_name: str, guards: dict[str, list[Diagnostic]],
          sets: tuple[VersionSet, VersionSet], labels: Labels, lang: str) -> str:
    """The comparison as text for people, in ``lang``; the points called as the new version calls them,
    rules, kinds and tiers with their ``labels`` as ``simulate``'s summary names them."""
    data = c.as_json()
    say = report_words(c.new.program, lang)

    def change(what: str, old: int, new: int, delta: str = "") -> str:
        return say["change"].format(what=what, old=f"{old:,}", new=f"{new:,}", change=delta)

    def delta(old: int, new: int) -> str:
        return say["delta"].format(change=f"{new - old:+,}")

    points, owed = data["points"], data["liability"]
    value = money_words(points["change_value"], c.new.program.currency, say)
    out = [say["versions"].format(old=old_name, new=new_name, events=f"{c.new.events:,}"),
           change(say["points"], points["old"], points["new"],
                  say["delta_money"].format(change=f"{points['change']:+,}", value=value)),
           change(say["owed"], owed["old"], owed["new"])]
    for part in ("rule", "kind", "tier"):
        out.append(say["by"][part] + say["colon"].rstrip())
        rows = named_rows(c.table(part), labels[part], say)
        out += ["  " + change(k, a, b, delta(a, b)) for k, a, b in rows] or ["  " + say["none"]]
    out.append(say["gain_lose"].format(gain=f"{c.gainers:,}", lose=f"{c.losers:,}"))
    out += ["  " + change(m["member"], m["old"], m["new"], delta(m["old"], m["new"])) for m in data["members"]["largest"]]
    out = [safe(line) for line in out]  # ids and labels from the stream and the programs
    for side, versions in zip(("old", "new"), sets):
        found, named = guards[side], say["sides"][side]
        sources = {p.source.filename: p.source for p in versions.programs}
        if not any(p.guards for p in versions.programs):
            out.append(say["guards"]["none"].format(side=named))
        elif not found:
            out.append(say["guards"]["proved"].format(side=named))
        else:
            out.append(say["guards"]["found"].format(side=named))
            out += [render(d, sources.get(d.filename), lang=lang) for d in found]  # shown safely already
    return "\n".join(out)
