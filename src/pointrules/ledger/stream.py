"""Record a stream of events (JSON Lines) into a ledger, as ``simulate`` does into memory: the same
rows, rejections and summary, and events the ledger held before the stream began are skipped, so
running the same stream again pays nothing twice (and resumes a run that was interrupted)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from pointrules.events import EventError, loads_event
from pointrules.stream.rows import Rows
from pointrules.stream.summary import Rejection, Summary
from pointrules.ledger.ledger import Ledger


@attrs.define
class Recorded:
    """What a stream did to a ledger: the summary of the events recorded now, and how many
    events were already there."""

    summary: Summary
    skipped: int = 0


def record_stream(
    ledger: Ledger, lines: Iterable[str | bytes], *,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
) -> Recorded:
    """Process every line in stream order, one transaction per event; blank lines are skipped.
    An event the ledger held before this stream is skipped (a rerun after a crash); the same event
    twice within this stream is a fault of the stream and rejected, as ``simulate`` rejects it."""
    program = ledger.program
    if program is None:
        raise ValueError("recording a stream needs the program: open the ledger with Ledger(program, store)")
    rows = Rows(program)
    out = Recorded(Summary())
    summary = out.summary
    seen: set[str] = set()  # ids this stream recorded or skipped
    for number, text in summary.texts(lines, on_reject):
        try:
            event = loads_event(program, text)
            if event.id in seen:
                raise EventError(event.id, "id", f"event `{event.id}` was already processed; it is never paid twice")
            receipt = ledger.process_event(event)
        except EventError as error:
            summary.reject(Rejection(number, error.event_id, error.field, error.message), on_reject)
            continue
        seen.add(event.id)
        if receipt.replayed or receipt.outcome is None:
            out.skipped += 1
            continue
        summary.add(receipt.outcome)
        if on_row:
            for row in rows.dicts(receipt.outcome):
                on_row(row)
    return out
