"""Recording a batch's events the short way: the hot path of ``Ledger.process_events`` (and so of
``record_stream``).

Theory of operation. An event's outcome (evaluate/outcome.py) says everything its recording
writes: counters, budgets, history, the tier, the member's activity, one lot and one ``earn`` entry
per paying line, the event's record and its result. operations.py records it through a ``PendingOperation``
(``record_outcome``), which reads the members' lots because the lot policy (state/lots.py) may
have to change some: a rolling lot carried on or lapsed by the activity, a rolling lot earned
late, a negative balance paid back from the new points. None of that can happen to a member with
no live lot that rolls or is owed (a *plain* member, ``BatchTransaction.plain``), so for an event
whose member and beneficiaries are all plain, and whose new lots do not roll, ``earn`` writes the
same rows straight into the batch held in memory (batch.py), with the same sequence numbers, and
reads no lot at all. Any other event goes the long way: the two ways write the same thing where
both apply, and ``record_outcome`` is the one that knows every case.

The fingerprint of an operation (what tells a replay from another operation under the same id)
is here too: the batch computes its events' before its transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.view import TierRecord
from pointrules.events import Event, EventError
from pointrules.ledger.batch import BatchTransaction
from pointrules.ledger.model import EntryRow, LotRow, time_text
from pointrules.ledger.pending import capacity_problem, earned_lot, entry_row, event_row, history_row, utc
from pointrules.program import model as m


def _plain_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


_CANONICAL = json.JSONEncoder(sort_keys=True, default=_plain_value, ensure_ascii=False).encode  # made once
_STRING = json.encoder.encode_basestring  # a text as _CANONICAL writes it (ensure_ascii=False)


def fingerprint(kind: str, params: Mapping[str, Any]) -> str:
    """What tells an operation from another under the same id: the SHA-256 of its kind and
    arguments as canonical JSON (hex). Stored with every result; never change it (a ledger's
    replays compare against what it stored)."""
    return hashlib.sha256(_CANONICAL([kind, params]).encode("utf-8")).hexdigest()


def event_params(ev: Event) -> dict[str, Any]:
    """An event's arguments as its fingerprint reads them."""
    return {"kind": ev.kind, "member": ev.member, "time": time_text(ev.time), "fields": dict(ev.fields)}


def event_fingerprint(ev: Event) -> str:
    """``fingerprint("event", event_params(ev))``, the same bytes hashed, its canonical JSON written
    around the fields (keys in sorted order: fields, kind, member, time) instead of encoding a
    list and a dictionary made for it: one of the few costs every recorded event pays."""
    fields = ev.fields if ev.fields.__class__ is dict else dict(ev.fields)
    text = (f'["event", {{"fields": {_CANONICAL(fields)}, "kind": {_STRING(ev.kind)}, "member": {_STRING(ev.member)},'
            f' "time": "{time_text(ev.time)}"}}]')
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def earn(batch: BatchTransaction, program: m.Program, ev: Event, change: Outcome, fingerprint: str,
         version: int | None, audit: tuple[str, str] = ("", "")) -> tuple[tuple[str, int], ...] | None:
    """Record an evaluated event into the batch when its members are plain (see the module): its
    totals; None, having written nothing, when it must go the long way. EventError when the ledger
    cannot hold its points (as ``PendingOperation.over_capacity``)."""
    plain, member = batch.plain, ev.member
    lines = [ln for ln in change.lines if ln.points > 0]
    if not plain(member) or any(ln.rolling is not None or (ln.beneficiary != member and not plain(ln.beneficiary))
                                for ln in lines):
        return None
    operation = ev.id
    moved = sum(ln.points for ln in lines)
    if moved:
        problem = capacity_problem(batch.moved(), moved)
        if problem is not None:
            raise EventError(operation, "-", problem)
    at = utc(ev.time)
    seq = batch.sequence()
    history = []
    lots: list[LotRow] = []
    entries: list[EntryRow] = []
    for who, entry in change.history:  # as record_outcome: one number each
        history.append(history_row(seq, who, entry))
        seq += 1
    for number, ln in enumerate(lines, 1):  # as record_outcome and moves.credit: the lot, then its entry
        available, expires = ln.available_at, ln.expires_at
        lot = earned_lot(operation, number, seq, ln.beneficiary, ln.points, at,
                         at if available is change.local else utc(available), None if expires is None else utc(expires),
                         ln.rule)
        lots.append(lot)
        entries.append(entry_row(seq + 1, operation, ln.beneficiary, at, "earn", ln.points, lot[0], "", audit, version))
        seq += 2
    tier = change.tier
    record = event_row(program, ev, at, change)
    batch.lay_event(
        seq, (operation, fingerprint, ""), change, history,
        None if tier is None else (tier[0], TierRecord(tier[1].tier, utc(tier[1].since))), (member, at), lots,
        entries, record, moved)
    return record[6]  # its totals
