"""Run a stream of events (JSON Lines) through a program, in stream order, against one in-memory
state: award rows per beneficiary, rejections with their line numbers, and a summary."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from . import model as m
from .award import Award, AwardLine
from .compiler import compile_program
from .compiler import evaluate as compiled_evaluate
from .compiler.stream import Stream
from .events import EventError, loads_event
from .runtime import add_duration, expiry_instant, last_valid_second, local_time
from .state import MemoryState, StateChange


@attrs.frozen
class Rejection:
    """A refused input line: nothing was awarded and the state did not change."""

    line: int
    event_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: event {self.event_id if self.event_id is not None else '?'}: field {self.field}: {self.message}"


@attrs.define
class Summary:
    """What a stream earned: counts of events, points by rule and kind, points per beneficiary."""

    read: int = 0
    accepted: int = 0
    rejected: int = 0
    by_rule: dict[str, int] = attrs.field(factory=dict)
    by_kind: dict[str, int] = attrs.field(factory=dict)
    by_member: dict[str, int] = attrs.field(factory=dict)

    @property
    def points(self) -> int:
        return sum(self.by_kind.values())

    def add(self, award: Award) -> None:
        self.accepted += 1
        self.by_kind[award.kind] = self.by_kind.get(award.kind, 0) + sum(award.totals.values())
        for line in award.lines:
            self.by_rule[line.rule] = self.by_rule.get(line.rule, 0) + line.points
        for who, points in award.totals.items():
            if points:
                self.by_member[who] = self.by_member.get(who, 0) + points

    def render(self) -> str:
        """The summary as text for people."""
        out = [
            f"events read: {self.read:,}", f"accepted: {self.accepted:,}", f"rejected: {self.rejected:,}",
            f"points: {self.points:,}", "points by rule:",
        ]
        out += [f"  {rule}: {points:,}" for rule, points in self.by_rule.items()] or ["  (none)"]
        out.append("points by kind:")
        out += [f"  {kind}: {points:,}" for kind, points in self.by_kind.items()] or ["  (none)"]
        out.append(f"beneficiaries: {len(self.by_member):,} members earned points")
        return "\n".join(out)


def read_members(program: m.Program, lines: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Member profiles from JSON Lines ``{"id": "m42", "tier": "gold"}``; ValueError names a bad line."""
    tiers = {t.name for t in program.tiers}
    profiles: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise ValueError(f"members line {number}: not valid JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
            raise ValueError(f"members line {number}: expected an object with a non-empty text `id`")
        tier = record.get("tier")
        if tier is not None and tier not in tiers:
            known = ", ".join(t.name for t in program.tiers)
            raise ValueError(f"members line {number}: `{tier}` is not a tier of this program ({known})")
        profiles[record["id"]] = record
    return profiles


def _validity(program: m.Program, award: Award, lines: tuple[AwardLine, ...]) -> tuple[dt.datetime, dt.datetime | None]:
    """When a beneficiary's points of this event become usable and expire: the latest availability
    and soonest expiry of the lines that paid (of all its lines when none paid; the program's own
    pending and expiry when it has no line)."""
    chosen = [ln for ln in lines if ln.points > 0] or list(lines)
    if not chosen:
        time = award.time
        available = add_duration(time, program.pending, program.timezone) if program.pending else time
        return available, expiry_instant(program.expiry, time, program.timezone)
    dated = [ln.expires_at for ln in chosen if ln.expires_at is not None]
    return max(ln.available_at for ln in chosen), (min(dated) if dated else None)


def award_rows(program: m.Program, award: Award) -> list[dict[str, Any]]:
    """One wire row per beneficiary, the event's member first (0 points included)."""
    rows = []
    for who, points in award.totals.items():
        lines = award.lines_for(who)
        available, expires = _validity(program, award, lines)
        last = last_valid_second(expires, program.timezone)
        rows.append({
            "event": award.event, "kind": award.kind, "member": who, "points": points,
            "available": local_time(available, program.timezone).isoformat(),
            "expires": last.isoformat() if last is not None else None,
            "rules": award.by_rule(who),
        })
    return rows


def simulate(
    program: m.Program, lines: Iterable[str | bytes], *, state: MemoryState | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    profiles: Mapping[str, Mapping[str, Any]] | None = None,
    write: Callable[[str], Any] | None = None,
    evaluate: Callable[..., tuple[Award, StateChange]] | None = None,
) -> Summary:
    """Evaluate every line in stream order; blank lines are skipped, bad lines rejected and the
    stream goes on. Rows go to ``on_row`` as dicts and/or to ``write`` as JSON Lines text (what
    ``json.dumps(row, ensure_ascii=False) + "\\n"`` gives, without building the dict). The compiled
    evaluator runs the stream; pass ``evaluate`` (e.g. ``interpreter.evaluate``) to use another.
    Without a ``state`` the stream keeps only what evaluation reads (counters, budgets, tiers,
    history, processed ids), not the lots, which no one could see afterwards."""
    private = state is None
    state = state if state is not None else MemoryState(zone=program.timezone)
    if profiles:
        state.profiles.update(profiles)
    summary = Summary()

    def reject(number: int, error: EventError | None, message: str | None) -> None:
        if on_reject:
            if error is None:
                on_reject(Rejection(number, None, "-", message or ""))
            else:
                on_reject(Rejection(number, error.event_id, error.field, error.message))

    if evaluate is None and type(state) is MemoryState:
        Stream(compile_program(program), state, summary, on_row, write, keep_lots=not private).run(lines, reject)
        return summary
    run = evaluate or compiled_evaluate
    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            summary.read += 1
            summary.rejected += 1
            reject(number, None, "this line is not UTF-8 text")
            continue
        if not text.strip():
            continue
        summary.read += 1
        try:
            event = loads_event(program, text)
            award, change = run(program, event, state)
        except EventError as error:
            summary.rejected += 1
            reject(number, error, None)
            continue
        state.apply(change)
        summary.add(award)
        for row in award_rows(program, award) if on_row or write else ():
            if on_row:
                on_row(row)
            if write:
                write(json.dumps(row, ensure_ascii=False) + "\n")
    return summary
