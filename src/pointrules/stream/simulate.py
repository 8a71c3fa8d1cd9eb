"""Run a stream of events (JSON Lines) through a program, in stream order, against one in-memory
state: each line is read and evaluated into its Outcome by the chosen evaluator (evaluate/choice.py),
which ``MemoryState.apply`` records, ``Summary.add`` counts and ``rows`` writes; bad lines are
rejected with their line numbers and the stream goes on."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pointrules.diagnostics import safe
from pointrules.evaluate.award import Award
from pointrules.evaluate.choice import ReadLine, in_force, versions_reader
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.view import StateView
from pointrules.events import MAX_LINE_BYTES, EventError, LongLine, loads_event
from pointrules.profiles import profile_problem
from pointrules.program import model as m
from pointrules.program.versions import VersionSet
from pointrules.state.memory import MemoryState
from pointrules.stream.rows import Rows, version_rows
from pointrules.stream.summary import Rejection, Summary

__all__ = ["Rejection", "Summary", "award_rows", "read_members", "simulate"]


def read_members(program: m.Program, lines: Iterable[str | bytes]) -> dict[str, dict[str, Any]]:
    """Member profiles from JSON Lines ``{"id": "m42", "tier": "gold"}``, as text or as the bytes
    ``events.read_lines`` gives; ValueError names a bad line."""
    tiers = {t.name for t in program.tiers}
    profiles: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, 1):
        where = f"members line {number}"
        if isinstance(line, LongLine):
            raise ValueError(f"{where}: longer than the {MAX_LINE_BYTES:,} bytes a line may have")  # noqa: TRY004
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                raise ValueError(f"{where}: not UTF-8 text") from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            bom = " (it starts with a byte-order mark, U+FEFF)" if line.lstrip().startswith("\ufeff") else ""
            raise ValueError(f"{where}: not valid JSON{bom}") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
            raise ValueError(f"{where}: expected an object with a non-empty text `id`")
        problem = profile_problem(record, program)
        if problem is not None:
            raise ValueError(f"{where}: {safe(problem)}")
        tier = record.get("tier")
        if tier is not None and tier not in tiers:
            known = ", ".join(t.name for t in program.tiers)
            raise ValueError(f"{where}: `{safe(tier)}` is not a tier of this program ({known})")
        profiles[record["id"]] = record
    return profiles


def award_rows(program: m.Program, outcome: Outcome) -> list[dict[str, Any]]:
    """One wire row per beneficiary, the event's member first (0 points included); rows.py."""
    return Rows(program).dicts(outcome)


def simulate(
    program: m.Program | VersionSet, lines: Iterable[str | bytes], *, state: MemoryState | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    profiles: Mapping[str, Mapping[str, Any]] | None = None,
    write: Callable[[str], Any] | None = None,
    evaluator: str | None = None,
    evaluate: Callable[..., tuple[Award, Outcome]] | None = None,
    window: dt.timedelta | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Evaluate every line in stream order; blank lines are skipped, bad lines rejected and the
    stream goes on. Rows go to ``on_row`` as dicts and/or to ``write`` as JSON Lines text (what
    ``json.dumps(row, ensure_ascii=False) + "\\n"`` gives). ``evaluator``: ``compiled`` or
    ``reference`` (evaluate/choice.py); ``evaluate``, a function with ``interpreter.evaluate``'s
    signature, runs instead. Without a ``state`` the stream keeps only what evaluation reads
    (counters, budgets, tiers, history, processed ids), not the lots, which no one could see.
    ``window`` bounds its memory (``MemoryState.window``): ids and period counters are kept only
    that long before the latest event, and an older event is rejected on field ``time``.
    ``on_outcome`` is one more consumer of each accepted event's outcome (a report's tally).
    ``program`` may be a program's versions (program/versions.py): each event is evaluated by the
    version in force at its time, against the one state, and its rows say which version it was."""
    versions = program if isinstance(program, VersionSet) else VersionSet.single(program)
    program = versions.last
    if state is None:
        state = MemoryState(zone=program.timezone, keep_lots=False, window=window)
    elif window is not None:
        raise ValueError("give the window to the MemoryState: MemoryState(window=...)")
    if profiles:
        for who, profile in profiles.items():  # checked before any event: they are the run's settings
            for version in versions.programs:
                problem = profile_problem(profile, version)
                if problem is not None:
                    raise ValueError(f"member `{safe(str(who))}`: {safe(problem)}")
        state.profiles.update(profiles)
    read = versions_reader(versions, evaluator) if evaluate is None else _custom(versions, evaluate)
    rows = version_rows(versions) if on_row is not None or write is not None else None
    summary = Summary()
    apply, add = state.apply, summary.add  # the consumers of each outcome, in this order
    text_of = rows.text if rows is not None and write is not None else None
    for number, text in summary.texts(lines, on_reject):
        try:
            outcome = read(text, state)
            apply(outcome)  # a windowed state refuses a late event here, before any change
        except EventError as error:
            summary.reject(Rejection(number, error.event_id, error.field, error.message), on_reject)
            continue
        add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if on_row is not None:
            for row in rows.dicts(outcome):  # type: ignore[union-attr]
                on_row(row)
        if text_of is not None:
            write(text_of(outcome))  # type: ignore[misc]
    return summary


def _custom(versions: VersionSet, evaluate: Callable[..., tuple[Award, Outcome]]) -> ReadLine:
    def read(text: str, state: StateView) -> Outcome:
        program = in_force(versions, text)
        return evaluate(program, loads_event(program, text), state)[1]

    return read
