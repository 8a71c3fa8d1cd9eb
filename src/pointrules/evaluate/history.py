"""The member's history, for both evaluators: the values conditions read (``values``) and the counters
an event adds to (``moves``). Pure: reads go through the StateView, changes into the Outcome's
counters. Scopes and what counts are described in program/history.py.

- ``count``/``spend``/``first`` read the member's events of the kind *before* this one: the counter of
  the period holding the event's local date (``this month``), ``ever``, or the sum of the day counters
  of the last N local days, today included.
- ``streak`` counts this event when it is of the kind: the streak stored for today if an earlier event
  of the kind today stored it, else yesterday's (last week's) + 1. On another kind's event it is the
  streak still running: today's, else yesterday's (the member can still keep it today), else 0.
"""

from __future__ import annotations

import datetime as dt
import weakref
from decimal import Decimal
from typing import Any

from pointrules.evaluate.calendar import period_key
from pointrules.evaluate.outcome import CounterChange
from pointrules.evaluate.view import StateView
from pointrules.events import EventError
from pointrules.program import model as m
from pointrules.program.history import key, rule_nodes

Writes = dict[str, tuple[tuple[str, str, str], ...]]  # kind -> (scope, what, unit) of each counter
_WRITES: weakref.WeakKeyDictionary[m.Program, Writes] = weakref.WeakKeyDictionary()
MAX_COUNTER = 2**63 - 1  # what a store's 64-bit counter holds (ledger/sqlite.py: BIGINT)
_READS: weakref.WeakKeyDictionary[m.Program, dict[str, tuple[m.HistoryRead, ...]]] = weakref.WeakKeyDictionary()
_STEP = {"day": dt.timedelta(days=1), "week": dt.timedelta(days=7)}


def writes(program: m.Program) -> Writes:
    """For each event kind whose history is read: the counters its events add to, as (scope, what,
    unit): what is ``count``, ``spend`` or ``streak``; unit the period of the scope's keys."""
    found = _WRITES.get(program)
    if found is None:
        kinds: dict[str, dict[str, tuple[str, str, str]]] = {}
        for read in program.history:
            what = "count" if read.measure == "first" else read.measure
            unit = "day" if read.days is not None else read.unit or "ever"
            kinds.setdefault(read.kind, {})[read.scope] = (read.scope, what, unit)
        found = _WRITES[program] = {kind: tuple(scopes.values()) for kind, scopes in kinds.items()}
    return found


def reads_for(program: m.Program, kind: str) -> tuple[m.HistoryRead, ...]:
    """The history values the rules of an event kind read (only those are read for its events)."""
    found = _READS.get(program)
    if found is None:
        by_key = {read.key: read for read in program.history}
        kinds: dict[str, dict[str, m.HistoryRead]] = {}
        for rule in program.rules:
            mine = kinds.setdefault(rule.event, {})
            for node in rule_nodes(rule):
                mine.setdefault(key(node), by_key[key(node)])
        found = _READS[program] = {name: tuple(reads.values()) for name, reads in kinds.items()}
    return found.get(kind, ())


def _key(day: dt.date, unit: str) -> str:
    return "ever" if unit == "ever" else period_key(day, unit)


def _streak(state: StateView, member: str, scope: str, unit: str, day: dt.date) -> tuple[int, int]:
    """(today's stored streak, the one before: yesterday's or last week's)."""
    return (state.counter(member, scope, period_key(day, unit)),
            state.counter(member, scope, period_key(day - _STEP[unit], unit)))


def values(program: m.Program, kind: str, member: str, day: dt.date, state: StateView) -> dict[str, Any]:
    """The history values the rules of ``kind`` read, by key, for an event of it on local ``day``."""
    out: dict[str, Any] = {}
    for read in reads_for(program, kind):
        if read.measure == "streak":
            assert read.unit is not None
            today, before = _streak(state, member, read.scope, read.unit, day)
            out[read.key] = (today or before + 1) if read.kind == kind else (today or before)
            continue
        if read.days is not None:
            total = sum(state.counter(member, read.scope, (day - dt.timedelta(days=i)).isoformat())
                        for i in range(read.days))
        else:
            total = state.counter(member, read.scope, _key(day, read.unit or "ever"))
        if read.measure == "first":
            out[read.key] = total == 0
        elif read.measure == "spend":
            out[read.key] = Decimal(total).scaleb(-program.minor_unit)
        else:
            out[read.key] = total
    return out


def moves(program: m.Program, event_id: str, kind: str, member: str, day: dt.date, fields: Any,
          state: StateView) -> list[CounterChange]:
    """What an accepted event of ``kind`` adds to its member's history counters (none for a kind no
    condition reads). Money is added in minor units (events carry no more decimals, events.py); a
    sum that would pass what a store's 64-bit counter holds refuses the event (EventError on the
    money field), so no store overflows."""
    scopes = writes(program).get(kind)
    if not scopes:
        return []
    out = []
    for scope, what, unit in scopes:
        if what == "streak":
            today, before = _streak(state, member, scope, unit, day)
            if not today:  # the day's (week's) first event of the kind sets its streak, once
                out.append(CounterChange(member, scope, period_key(day, unit), before + 1))
            continue
        field, amount = ("", 1) if what == "count" else _minor(program, kind, fields)
        if amount and what == "spend" and state.counter(member, scope, _key(day, unit)) + amount > MAX_COUNTER:
            most = f"{Decimal(MAX_COUNTER).scaleb(-program.minor_unit):,f} {program.currency}"
            raise EventError(event_id, field, f"`{member}`'s {kind} money kept for `spend of {kind}` would pass "
                             f"{most}, the most it holds")
        if amount:
            out.append(CounterChange(member, scope, _key(day, unit), amount))
    return out


def _minor(program: m.Program, kind: str, fields: Any) -> tuple[str, int]:
    """The event's money field (its kind's first) and its money in minor units (absent: 0)."""
    for name, ftype in program.events[kind].fields.items():
        if ftype.kind == "money":
            money = fields.get(name)
            return name, int(money.scaleb(program.minor_unit)) if isinstance(money, Decimal) else 0
    return "", 0
