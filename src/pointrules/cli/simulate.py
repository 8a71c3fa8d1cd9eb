"""`pointrules simulate PROGRAM EVENTS.jsonl`: run a stream of events, write award rows, summarise.
With ``--ledger FILE.db`` the events are recorded into a SQLite ledger, ``--batch`` per transaction, and
events the ledger already holds are skipped: running the same stream again pays nothing twice.
With ``--window 30d`` the in-memory run keeps ids and period counters for 30 days before the latest
event only, and rejects older events: memory bounded by the events of a window, not of the stream."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from typing import Any, BinaryIO, TextIO

from pointrules import ProgramError, VersionsError, VersionSet, load_versions
from pointrules.cli.language import add_lang, config_lang, lang_for
from pointrules.cli.terminal import Progress
from pointrules.diagnostics import render, safe, safe_lines
from pointrules.events import read_lines
from pointrules.ledger.model import StoreError
from pointrules.report.html import report_words, run_page
from pointrules.report.tally import Tally, labels_of
from pointrules.stream.simulate import Rejection, read_members, simulate
from pointrules.stream.summary import Summary

NAME = "simulate"
HELP = "run a stream of events (JSON Lines) through a program and summarise the points"
EXAMPLES = (
    "  pointrules simulate examples/shop.points events.jsonl\n"
    "  pointrules simulate examples/shop.points events.jsonl --members members.jsonl --awards awards.jsonl\n"
    "  pointrules simulate examples/shop.points events.jsonl --awards -    # rows to stdout\n"
    "  pointrules simulate examples/shop.points events.jsonl --ledger points.db  # record into a ledger\n"
    "  pointrules simulate examples/shop.points events.jsonl --window 30d  # bounded memory for long streams\n"
    "  pointrules simulate examples/shop.points events.jsonl --report run.html  # a report with charts\n"
    "  pointrules simulate examples/shop.points events.jsonl --awards - --summary json  # rows out, summary on stderr\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", metavar="PROGRAM",
                        help="the program file (.points), or a folder of its versions (each event by the one in force)")
    parser.add_argument("events", metavar="EVENTS", help="events, one JSON object a line")
    parser.add_argument("--members", metavar="FILE", help='member profiles, JSON Lines {"id": "m42", "tier": "gold"}')
    parser.add_argument("--awards", metavar="FILE", help="write one award row per beneficiary and event here (- for stdout)")
    parser.add_argument("--ledger", metavar="FILE.db|URL",
                        help="record into this ledger, a SQLite file (created if missing) or a postgresql:// URL;"
                             " events already in it are skipped")
    parser.add_argument("--batch", type=int, default=None, metavar="N",
                        help="with --ledger: events per transaction (default 500; 1: each event its own)")
    parser.add_argument("--report", metavar="FILE.html",
                        help="also write a self-contained HTML report of the run (points by day, rule, kind, tier)")
    parser.add_argument("--summary", choices=("text", "json"), default="text",
                        help="the summary as text for people (default) or as JSON for scripts; on standard output, "
                             "or on standard error when --awards - takes standard output")
    parser.add_argument("--summary-file", metavar="FILE", default=None,
                        help="write the summary to FILE instead (even with -q)")
    parser.add_argument("--window", metavar="DURATION", type=window,
                        help="keep ids and counters only this long before the latest event (e.g. 30d, 12h, 2w)"
                             " and reject older events; default: keep all")
    add_lang(parser, "summary, the report and the diagnostics")


def window(text: str) -> dt.timedelta:
    """``30d``, ``12h``, ``2w``, ``90m`` as a duration; argparse reports a bad one."""
    units = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not (number.isascii() and number.isdigit()) or int(number) == 0 or len(number) > 6:
        raise argparse.ArgumentTypeError(f"`{text}` is not a duration: write a whole number and w, d, h or m, e.g. 30d")
    return dt.timedelta(**{units[unit]: int(number)})


def load_set(path: str, lang: str | None = None) -> VersionSet | None:
    """The program, or the versions in the folder ``path``, or None after printing why they cannot
    be loaded (docs/cli.md, "A folder of versions")."""
    found = versions_or_why(path, lang)
    if isinstance(found, str):
        print(found, end="", file=sys.stderr)
        return None
    return found


def versions_or_why(path: str, lang: str | None = None) -> VersionSet | str:
    """The program, or the versions in the folder ``path``, or why they cannot be loaded, as printed."""
    try:
        return load_versions(path)
    except OSError as error:
        return f"error: cannot read {path}: {error.strerror or error}\n"
    except ProgramError as error:
        lang = lang or config_lang(path)
        return "".join(render(d, error.source, lang=lang) + "\n\n" for d in error.diagnostics)
    except VersionsError as error:
        lang = lang or config_lang(path)
        return "".join(render(d, error.sources.get(d.filename), lang=lang) + "\n\n" for d in error.diagnostics)


def streaming_gc() -> None:
    """Tune the garbage collector for a long stream in this process: what is loaded so far (the
    program, its compiled tables) is never scanned again, and young objects are collected every
    20,000 allocations instead of 700. A stream makes no reference cycles per event, so this costs
    no memory; on 100,000 shop events it saved about 7% (best of five runs each way). Only the
    command line does this: the library never changes a host's collector."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)


def run(args: argparse.Namespace) -> int:
    if args.batch is not None and (not args.ledger or args.batch < 1):
        print("error: --batch N (1 or more) goes with --ledger", file=sys.stderr)
        return 2
    if args.ledger and args.report:
        print("error: --report is for the in-memory run; `pointrules ledger` reports on a ledger", file=sys.stderr)
        return 2
    if args.ledger and args.window:
        print("error: --window is for the in-memory run; a ledger keeps every id on disk", file=sys.stderr)
        return 2
    args.lang = lang_for(args, args.program)
    versions = load_set(args.program, args.lang)
    if versions is None:
        return 2
    program = versions.last
    streaming_gc()
    profiles = read_profiles(program, args.members)
    if profiles is None:
        return 2
    out: TextIO | None = None
    try:
        events = open(args.events, "rb")  # noqa: SIM115 -- closed by `with events` in _run_stream
    except OSError as error:
        print(f"error: cannot read {args.events}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        if args.awards == "-":
            out = sys.stdout
        elif args.awards:
            out = open(args.awards, "w", encoding="utf-8")  # noqa: SIM115 -- closed in the finally below
        summary, skipped = _run_stream(versions, args, events, out, profiles)
    except OSError as error:
        print(f"error: cannot write {error.filename or args.awards}: {error.strerror}", file=sys.stderr)
        return 2
    except StoreError as error:  # a damaged file or another program's database: never a traceback
        print(f"error: ledger {safe(str(error))}", file=sys.stderr)
        return 2
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    if not _write_summary(versions, args, summary, skipped):
        return 2
    return 1 if summary.rejected else 0


def _write_summary(versions: VersionSet, args: argparse.Namespace, summary: Summary, skipped: int | None) -> bool:
    """The summary, as text or JSON, to --summary-file, or to standard output (standard error when
    the award rows take standard output; nothing with -q); False when the file cannot be written.
    Rules and kinds are labelled as the newest version that has them labels them."""
    program, say = versions.last, report_words(versions.last, args.lang)
    labels = labels_of(versions.programs)
    rules, kinds = labels["rule"], labels["kind"]
    if args.summary == "json":
        data = {"version": 1, "program": args.program, "events": args.events, **summary.as_dict(rules, kinds),
                "skipped": skipped}
        text = json.dumps(data, ensure_ascii=False)  # one line: the last of standard error, when it goes there
    else:
        text = safe_lines(summary.render(rules, kinds, args.lang, program.points_names.get(args.lang)))
        if skipped is not None:
            text += f"\n{say['skipped']}{say['colon']}{skipped:,}"
    if args.summary_file is not None:
        try:
            with open(args.summary_file, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        except OSError as error:
            print(f"error: cannot write {args.summary_file}: {error.strerror}", file=sys.stderr)
            return False
    elif not args.quiet:
        print(text, file=sys.stderr if args.awards == "-" else sys.stdout)
    return True


def read_profiles(program: Any, path: str | None) -> dict[str, dict[str, Any]] | None:
    """The member profiles in ``path`` (none without one), or None after printing why they cannot be read."""
    if not path:
        return {}
    try:
        with open(path, "rb") as file:
            return read_members(program, read_lines(file))
    except (OSError, ValueError) as error:
        print(f"error: {path}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return None


def _run_stream(versions: VersionSet, args: argparse.Namespace, events: BinaryIO, out: TextIO | None,
                profiles: dict[str, dict[str, Any]]) -> tuple[Any, int | None]:
    """Run the events into the ledger or in memory, rows to ``out``; the summary and, with a ledger,
    how many events it already held."""
    write = out.write if out is not None else None

    def on_row(row: dict[str, Any]) -> None:
        if write is not None:
            write(json.dumps(row, ensure_ascii=False) + "\n")

    def on_reject(rejection: Rejection) -> None:
        progress.clear()
        # FILE:LINE: …, the id shown safely (it can hold a newline or an escape sequence)
        print(safe(rejection.located(args.events)), file=sys.stderr)

    skipped = None
    progress = Progress(not args.quiet)
    lines = progress.count(read_lines(events), "events")
    with events:
        if args.ledger:
            summary, skipped = _into_ledger(versions, args.ledger, lines, on_row, on_reject, profiles, args.batch)
        else:
            # rows go out as text straight from the compiled stream (byte-identical to json.dumps)
            tally = Tally(versions.last) if args.report else None
            summary = simulate(versions, lines, write=write, on_reject=on_reject, profiles=profiles,
                               window=args.window, on_outcome=tally.add if tally is not None else None)
            if tally is not None:
                with open(args.report, "w", encoding="utf-8") as report:
                    report.write(run_page(tally, args.events, args.lang, labels_of(versions.programs)))
    return summary, skipped


def _into_ledger(versions: VersionSet, path: str, events: Any, on_row: Any, on_reject: Any,
                 profiles: dict[str, dict[str, Any]], batch: int | None) -> tuple[Any, int]:
    """Record the stream into the ledger at ``path`` (a SQLite file or a PostgreSQL URL), ``batch``
    events per transaction; member profiles are kept in it."""
    from pointrules.ledger import Ledger, open_store
    from pointrules.ledger.stream import BATCH, record_stream

    ledger = Ledger(versions, open_store(path))
    try:
        ledger.set_profiles({member: {k: v for k, v in p.items() if k != "id"} for member, p in profiles.items()})
        recorded = record_stream(ledger, events, on_row=on_row, on_reject=on_reject, batch=batch or BATCH)
    finally:
        ledger.close()
    return recorded.summary, recorded.skipped
