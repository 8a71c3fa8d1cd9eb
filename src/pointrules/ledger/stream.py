"""Record a stream of events (JSON Lines) into a ledger, as ``simulate`` does into memory: the same
rows, rejections and summary, and events the ledger already holds are skipped, so running the same
stream again pays nothing twice (and resumes a run that was interrupted)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..events import EventError, loads_event
from ..rows import Rows
from ..summary import Rejection, Summary
from .ledger import Ledger


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
    """Process every line in stream order, one transaction per event; blank lines are skipped."""
    program = ledger.program
    if program is None:
        raise ValueError("recording a stream needs the program: open the ledger with Ledger(program, store)")
    rows = Rows(program)
    out = Recorded(Summary())
    summary = out.summary
    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            summary.read += 1
            summary.rejected += 1
            if on_reject:
                on_reject(Rejection(number, None, "-", "this line is not UTF-8 text"))
            continue
        if not text.strip():
            continue
        summary.read += 1
        try:
            receipt = ledger.process_event(loads_event(program, text))
        except EventError as error:
            summary.rejected += 1
            if on_reject:
                on_reject(Rejection(number, error.event_id, error.field, error.message))
            continue
        if receipt.replayed or receipt.outcome is None:
            out.skipped += 1
            continue
        summary.add(receipt.outcome)
        if on_row:
            for row in rows.dicts(receipt.outcome):
                on_row(row)
    return out
