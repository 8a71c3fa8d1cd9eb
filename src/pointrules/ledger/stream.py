"""Record a stream of events (JSON Lines) into a ledger, as ``simulate`` does into memory: the same
rows, rejections and summary, and events the ledger held before the stream began are skipped, so
running the same stream again pays nothing twice (and resumes a run that was interrupted)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from pointrules.errors import ArgumentError
from pointrules.evaluate.choice import in_force
from pointrules.evaluate.compiled import compile_program
from pointrules.events import Event, EventError, decode, loads_event
from pointrules.ledger.ledger import Ledger
from pointrules.program.versions import VersionSet
from pointrules.stream.rows import version_rows
from pointrules.stream.summary import Rejection, Summary


@attrs.define
class Recorded:
    """What a stream did to a ledger: the summary of the events recorded now, and how many
    events were already there."""

    summary: Summary
    skipped: int = 0


def event_reader(versions: VersionSet, evaluator: str) -> Callable[[str], Event]:
    """A line read into its Event (or EventError) by the version in force at its time: for the
    compiled evaluator, by its validator (what ``simulate`` reads a line with, the same event or
    error as ``loads_event`` in a third of the time); else by ``loads_event``."""
    if evaluator == "reference":
        return lambda text: loads_event(in_force(versions, text), text)
    checks = {id(p): compile_program(p).validator.check for p in versions.programs}

    def read(text: str) -> Event:
        try:
            data = decode(text)
        except (ValueError, RecursionError):
            loads_event(versions.last, text)  # raises the reference's EventError
            raise
        return Event(*checks[id(in_force(versions, data))](data))

    return read


BATCH = 500  # events per transaction by default: bench/ledger.py's measurements (docs/ledger.md, "Speed")


def record_stream(
    ledger: Ledger, lines: Iterable[str | bytes], *,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    batch: int = BATCH,
) -> Recorded:
    """Process every line in stream order, ``batch`` events per transaction (1: each event its
    own); blank lines are skipped. A crash keeps whole batches only, and an event the ledger held
    before this stream is skipped, so a rerun resumes. The same event twice within this stream is
    a fault of the stream and rejected, as ``simulate`` rejects it."""
    versions = ledger.versions
    if versions is None:
        raise ArgumentError("recording a stream needs the program: open the ledger with Ledger(program, store)")
    if not isinstance(batch, int) or batch < 1:
        raise ArgumentError("batch must be a whole number of events, 1 or more")
    read = event_reader(versions, ledger.evaluator)
    rows = version_rows(versions)  # a program's versions: each row ends with the version that paid
    out = Recorded(Summary())
    summary = out.summary
    seen: set[str] = set()  # ids this stream recorded or skipped
    pending: list[tuple[int, Event]] = []

    def flush() -> None:
        results = ledger.process_events([event for _, event in pending], awards=False)  # rows come from outcomes
        for (number, event), result in zip(pending, results):
            if isinstance(result, EventError):
                seen.discard(event.id)  # refused by the ledger: the stream may still carry it later
                summary.reject(Rejection(number, result.event_id, result.field, result.message), on_reject)
            elif result.replayed or result.outcome is None:
                out.skipped += 1
            else:
                summary.add(result.outcome)
                if on_row:
                    for row in rows.dicts(result.outcome):
                        on_row(row)
        pending.clear()

    for number, text in summary.texts(lines, on_reject):
        try:
            event = read(text)
            if event.id in seen and pending:
                flush()  # was its first occurrence recorded, or refused?
            if event.id in seen:
                raise EventError(event.id, "id", f"event `{event.id}` was already processed; it is never paid twice")
        except EventError as error:
            flush()  # rejections and rows in stream order
            summary.reject(Rejection(number, error.event_id, error.field, error.message), on_reject)
            continue
        seen.add(event.id)
        pending.append((number, event))
        if len(pending) >= batch:
            flush()
    flush()
    return out
