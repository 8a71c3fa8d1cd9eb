"""`pointrules eval PROGRAM --event JSON`: evaluate one event and explain its award, on an empty
state, on the state earlier events leave (``--history``, replayed in memory as ``simulate`` does) or
on a ledger's state (``--ledger``, read and never written, as ``Ledger.process_event`` would see it).
PROGRAM may be a folder of a program's versions: the one in force at each event's time evaluates it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pointrules import VersionSet
from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.simulate import load_set
from pointrules.diagnostics import safe
from pointrules.errors import Error
from pointrules.evaluate.choice import in_force, outcome_of
from pointrules.evaluate.outcome import Outcome, award
from pointrules.events import EventError, loads_event, read_lines
from pointrules.ledger.model import StoreError
from pointrules.state.memory import MemoryState
from pointrules.stream.rows import version_rows
from pointrules.stream.simulate import Rejection, read_members, simulate

NAME = "eval"
HELP = "evaluate one event against a program and explain the award"
EXAMPLES = (
    "  pointrules eval examples/shop.points --event '{\"id\": \"e1\", \"kind\": \"signup\", "
    "\"member\": \"m42\", \"time\": \"2026-03-02T10:00:00+08:00\"}'\n"
    "  pointrules eval examples/shop.points --member '{\"id\": \"m42\", \"tier\": \"gold\"}' --lang zh "
    "--event '{\"id\": \"e2\", \"kind\": \"purchase\", \"member\": \"m42\", \"time\": "
    "\"2026-05-01T10:00:00+08:00\", \"amount\": \"999.99\", \"category\": \"electronics\", \"channel\": \"app\"}'\n"
    "  pointrules eval examples/shop.points --history earlier.jsonl --event '{\"id\": \"r4\", \"kind\": "
    "\"review\", \"member\": \"m42\", \"time\": \"2026-03-02T18:00:00+08:00\", \"product\": \"p4\"}'\n"
    "  pointrules eval examples/shop.points --ledger points.db --event '{…}'   # the ledger is only read\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", metavar="PROGRAM",
                        help="the program file (.points), or a folder of its versions (the one in force at the event's time)")
    parser.add_argument("--event", required=True, metavar="JSON", help="the event, one JSON object")
    parser.add_argument("--member", metavar="JSON", help='the member\'s profile, e.g. {"id": "m42", "tier": "gold"}')
    prior = parser.add_mutually_exclusive_group()
    prior.add_argument("--history", metavar="EVENTS",
                       help="earlier events, one JSON object a line, replayed first in memory: the event is tried"
                            " on the state they leave")
    prior.add_argument("--ledger", metavar="FILE.db|URL",
                       help="try the event on this ledger's state (a SQLite file or a postgresql:// URL), which is"
                            " read and never written")
    add_lang(parser, "explanation and of the diagnostics")


def run(args: argparse.Namespace) -> int:
    lang = lang_for(args, args.program)
    versions = load_set(args.program, lang)
    if versions is None:
        return 2
    program = versions.last
    profiles: dict[str, dict[str, Any]] = {}
    if args.member:
        try:
            profiles = read_members(program, [args.member])
        except ValueError as error:
            print(f"error: --member: {str(error).replace('members line 1: ', '')}", file=sys.stderr)
            return 2
    try:
        program = in_force(versions, args.event)  # the version in force at the event's time
        outcome = _on_ledger(versions, args, profiles) if args.ledger else _in_memory(versions, args, profiles)
    except EventError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (_PriorError, StoreError) as error:
        print(f"error: {safe(str(error))}", file=sys.stderr)
        return 2
    for row in version_rows(versions).dicts(outcome):
        print(json.dumps(row, ensure_ascii=False))
    print(award(outcome, program.currency, program.points_names).explain(lang))
    return 0


class _PriorError(Error):
    """The prior state cannot be had: a history that cannot be read or holds a bad event."""


def _in_memory(versions: VersionSet, args: argparse.Namespace, profiles: dict[str, dict[str, Any]]) -> Outcome:
    """The event's outcome on the state the history leaves (an empty state without one). The history
    runs through ``simulate``, as a stream does, each event by the version in force at its time;
    every one of its events must be accepted."""
    state = MemoryState(zone=versions.last.timezone)
    state.profiles.update(profiles)
    if args.history:
        rejected: list[Rejection] = []
        try:
            with open(args.history, "rb") as file:
                simulate(versions, read_lines(file), state=state, on_reject=rejected.append)
        except OSError as error:
            raise _PriorError(f"cannot read {args.history}: {error.strerror}") from None
        if rejected:  # a state without that event is not the state the history describes
            more = f"; {len(rejected) - 1} more rejected" if len(rejected) > 1 else ""
            raise _PriorError(f"{rejected[0].located(args.history)} (every event of the history must be accepted{more})")
    program = in_force(versions, args.event)
    return outcome_of(program)(loads_event(program, args.event), state)


def _on_ledger(versions: VersionSet, args: argparse.Namespace, profiles: dict[str, dict[str, Any]]) -> Outcome:
    """The event's outcome as the ledger would record it now (``Ledger.try_event``), writing nothing.
    ``--member`` stands for the profile the ledger keeps of the event's member."""
    from pointrules.cli.ledger_ops import another_program
    from pointrules.ledger import Ledger, open_store

    store = open_store(args.ledger, readonly=True)  # a StoreError names it, without a password
    try:
        other = another_program(store, versions.last, args.ledger, args.program)
        if other is not None:
            raise _PriorError(other)
        event = loads_event(in_force(versions, args.event), args.event)
        profile = profiles.get(event.member)
        receipt = Ledger(versions, store).try_event(
            event, profile=None if profile is None else {k: v for k, v in profile.items() if k != "id"})
    finally:
        store.close()
    assert receipt.outcome is not None  # an event's receipt carries its outcome
    return receipt.outcome
