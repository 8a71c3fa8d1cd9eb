"""`pointrules eval PROGRAM --event JSON`: evaluate one event and explain its award; PROGRAM may be a
folder of a program's versions, and the one in force at the event's time evaluates it."""

from __future__ import annotations

import argparse
import json
import sys

from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.simulate import load_set
from pointrules.evaluate.choice import in_force, outcome_of
from pointrules.evaluate.outcome import award
from pointrules.events import EventError, loads_event
from pointrules.state.memory import MemoryState
from pointrules.stream.rows import version_rows
from pointrules.stream.simulate import read_members

NAME = "eval"
HELP = "evaluate one event against a program and explain the award"
EXAMPLES = (
    "  pointrules eval examples/shop.points --event '{\"id\": \"e1\", \"kind\": \"signup\", "
    "\"member\": \"m42\", \"time\": \"2026-03-02T10:00:00+08:00\"}'\n"
    "  pointrules eval examples/shop.points --member '{\"id\": \"m42\", \"tier\": \"gold\"}' --lang zh "
    "--event '{\"id\": \"e2\", \"kind\": \"purchase\", \"member\": \"m42\", \"time\": "
    "\"2026-05-01T10:00:00+08:00\", \"amount\": \"999.99\", \"category\": \"electronics\", \"channel\": \"app\"}'\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", metavar="PROGRAM",
                        help="the program file (.points), or a folder of its versions (the one in force at the event's time)")
    parser.add_argument("--event", required=True, metavar="JSON", help="the event, one JSON object")
    parser.add_argument("--member", metavar="JSON", help='the member\'s profile, e.g. {"id": "m42", "tier": "gold"}')
    add_lang(parser, "explanation and of the diagnostics")


def run(args: argparse.Namespace) -> int:
    lang = lang_for(args, args.program)
    versions = load_set(args.program, lang)
    if versions is None:
        return 2
    program = versions.last
    state = MemoryState(zone=program.timezone)
    if args.member:
        try:
            state.profiles.update(read_members(program, [args.member]))
        except ValueError as error:
            print(f"error: --member: {str(error).replace('members line 1: ', '')}", file=sys.stderr)
            return 2
    try:
        program = in_force(versions, args.event)  # the version in force at the event's time
        event = loads_event(program, args.event)
        outcome = outcome_of(program)(event, state)
    except EventError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for row in version_rows(versions).dicts(outcome):
        print(json.dumps(row, ensure_ascii=False))
    print(award(outcome, program.currency, program.points_names).explain(lang))
    return 0
