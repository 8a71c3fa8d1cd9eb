"""Whole streams through a compiled program, for ``simulate``: validate, evaluate, apply to a
MemoryState and emit award rows, without building Award and StateChange objects.

What it does per accepted event is, field for field, ``MemoryState.apply(change)``,
``Summary.add(award)`` and ``simulate.award_rows(program, award)`` on the frozen result;
``tests/compile`` runs streams both ways and compares rows, rejections, summaries and states.
Rows can be emitted as dicts (``on_row``) or as the JSON text ``json.dumps(row,
ensure_ascii=False) + "\\n"`` would give (``write``), built directly from pre-encoded pieces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import Any

from ..events import _DECODER, EventError, loads_event
from ..runtime import add_duration, expiry_instant, last_valid_second
from ..state import HistoryEntry, Lot, MemoryState
from . import CompiledProgram
from .core import Outcome
from .kernel import kernels
from .results import history, validity

_MISSING: Any = object()
REMEMBERED = 100_000  # texts of expiry instants and member ids kept; past it the cache starts again
Reject = Callable[[int, EventError | None, str | None], None]


class Stream:
    """Runs lines of one stream against one MemoryState."""

    def __init__(self, compiled: CompiledProgram, state: MemoryState, summary: Any,
                 on_row: Callable[[dict[str, Any]], None] | None, write: Callable[[str], Any] | None,
                 keep_lots: bool = True) -> None:
        self.compiled = compiled
        self.core = compiled.core
        self.program = compiled.program
        self.state = state
        self.summary = summary
        self.on_row = on_row
        self.write = write
        # Evaluation never reads lots: a stream whose state no one sees afterwards need not keep them.
        self.keep_lots = keep_lots
        self.zone = self.core.zone
        self.zone_name = self.core.zone_name
        self.last_second: dict[dt.datetime | None, str] = {None: "null"}
        self.encoded: dict[str, str] = {}
        self.qualifying = self.program.tier_policy.qualification is not None
        self.validator = compiled.validator
        self.rolling = self.core.plan.rolling
        # Per validity class: "never" or "end" (of a period) when points are available at once and
        # expire never or at an instant fixed per local date; None: ask ``results.validity``.
        self.quick: list[str | None] = [
            None if pending else "never" if expiry.kind == "never" else None if expiry.kind in ("after", "inactive")
            else "end" for pending, expiry in self.core.plan.validities]
        self.kind_text: dict[str, str] = {}  # kind -> ', "kind": "…", "member": '
        self.rule_text: dict[str, str] = {}  # rule name -> '"name": '
        # The fused path of simple kinds (kernel.py); row dicts are built by the general path only.
        self.kernels = kernels(self) if on_row is None else {}

    def run(self, lines: Iterable[str | bytes], reject: Reject) -> None:
        """Evaluate every line in stream order; blank lines are skipped, bad ones rejected."""
        summary = self.summary
        decode = _DECODER.decode
        program = self.program
        run = self.core.run
        state = self.state
        accept = self.accept
        check = self.validator.check
        fused = self.kernels
        for number, raw in enumerate(lines, 1):
            if raw.__class__ is bytes:
                try:
                    text = raw.decode("utf-8")  # type: ignore[union-attr]
                except UnicodeDecodeError:
                    summary.read += 1
                    summary.rejected += 1
                    reject(number, None, "this line is not UTF-8 text")
                    continue
            else:
                text = raw  # type: ignore[assignment]
            if not text.strip():
                continue
            summary.read += 1
            try:
                try:
                    data = decode(text)
                except (ValueError, RecursionError):
                    loads_event(program, text)  # raises the reference's EventError (or error) for it
                    raise
                event_id, kind, member, time, fields = check(data)
                step = fused.get(kind)
                if step is not None and step(event_id, member, time, fields):
                    continue
                outcome = run(event_id, kind, member, time, fields, state)
            except EventError as error:
                summary.rejected += 1
                reject(number, error, None)
                continue
            accept(outcome)

    def accept(self, outcome: Outcome) -> None:
        """Apply an accepted event to the state, the summary and the rows."""
        state, summary = self.state, self.summary
        member = outcome.member
        lines = outcome.lines
        event_id = outcome.event_id
        time = outcome.time
        by_rule = summary.by_rule
        rolling = self.rolling
        lots = state.lots if self.keep_lots else None
        lots_in: list[Lot] = []  # added after the member's activity is recorded, as MemoryState.apply does
        memo: dict[int, Any] = {}
        valid = []
        single = True  # every line pays the event's member
        total = 0
        for ln in lines:
            cr = ln.rule
            index = cr.validity
            v = memo.get(index)
            if v is None:
                v = self._validity(outcome, index, memo)
            valid.append(v)
            who = ln.who
            points = ln.points
            if who != member:
                single = False
            total += points
            name = cr.name
            by_rule[name] = by_rule.get(name, 0) + points
            if points > 0 and lots is not None:  # MemoryState.apply: the lot
                lot = Lot(who, points, time, v[0], v[1], event_id, name, rolling[name])
                lots_in.append(lot)
        if single:
            totals = {member: total}
        else:
            totals = {member: 0}
            for ln in lines:
                totals[ln.who] = totals.get(ln.who, 0) + ln.points
            total = sum(totals.values())
        # the rest of MemoryState.apply
        state.processed.add(event_id)
        state.zone = self.zone_name
        if outcome.counters:
            counters = state.counters
            for who, scope, period, amount in outcome.counters:
                key = (who, scope, period)
                counters[key] = counters.get(key, 0) + amount
        if outcome.budgets:
            budgets = state.budgets
            for campaign, points in outcome.budgets:
                budgets[campaign] = budgets.get(campaign, 0) + points
        if self.qualifying:
            self._history(outcome, totals)
        state.touch(member, time)
        for lot in lots_in:
            mine = lots.get(lot.member)  # type: ignore[union-attr]
            if mine is None:
                lots[lot.member] = [lot]  # type: ignore[index]
            else:
                mine.append(lot)
            if lot.rolling is not None:
                state.rolling_members.add(lot.member)
        # Summary.add
        summary.accepted += 1
        kind = outcome.kind
        by_kind = summary.by_kind
        by_kind[kind] = by_kind.get(kind, 0) + total
        by_member = summary.by_member
        if single:
            if total:
                by_member[member] = by_member.get(member, 0) + total
        else:
            for who, points in totals.items():
                if points:
                    by_member[who] = by_member.get(who, 0) + points
        if self.on_row is None and self.write is None:
            return
        if single and len(memo) == 1 and self.on_row is None:
            (available, expires, _), = memo.values()  # every line has the same times
            self._text_row(outcome, total, lines, available, expires)
        else:
            self._rows(outcome, totals, valid, single, memo)

    def _validity(self, outcome: Outcome, index: int, memo: dict[int, Any]) -> tuple[Any, Any, bool]:
        """``results.validity`` with its two common classes found directly: no pending time, and an
        expiry of never or at the end of a period (one instant per local date)."""
        quick = self.quick[index]
        if quick is not None:
            if quick == "never":
                hit = memo[index] = (outcome.local, None, False)
                return hit
            expires = outcome.day.ends.get(index, _MISSING)
            if expires is not _MISSING:
                hit = memo[index] = (outcome.local, expires, False)
                return hit
        return validity(self.core, outcome, index, memo)

    def _text_row(self, outcome: Outcome, points: int, lines: list[Any], available: dt.datetime,
                  expires: dt.datetime | None) -> None:
        """The one row of an event whose lines all pay its member and share their times, as text."""
        shown = self.last_second.get(expires)
        if shown is None:
            self._shown(expires)
            shown = self.last_second[expires]
        kind = outcome.kind
        head = self.kind_text.get(kind) or self._kind_head(kind)
        rule_text = self.rule_text
        if len(lines) == 1:
            ln = lines[0]
            name = ln.rule.name
            key = rule_text.get(name) or self._rule_key(name)
            rules = key + str(ln.points)
        else:
            sums: dict[str, int] = {}
            for ln in lines:
                name = ln.rule.name
                sums[name] = sums.get(name, 0) + ln.points
            rules = ", ".join([(rule_text.get(name) or self._rule_key(name)) + str(p) for name, p in sums.items()])
        # ISO times hold only digits and -:+T. so their JSON text is the text in quotes.
        self.write(  # type: ignore[misc]
            '{"event": ' + encode_basestring(outcome.event_id) + head + self._encode(outcome.member)
            + ', "points": ' + str(points) + ', "available": "' + available.astimezone(self.zone).isoformat()
            + '", "expires": ' + shown + ', "rules": {' + rules + "}}\n"
        )

    def _shown(self, expires: dt.datetime | None) -> None:
        """Remember the JSON text of an expiry's last valid second."""
        last = last_valid_second(expires, self.zone_name)
        assert last is not None
        if len(self.last_second) > REMEMBERED:
            self.last_second.clear()  # emptied, never replaced: the fused kernels hold this very dict
            self.last_second[None] = "null"
        self.last_second[expires] = '"' + last.isoformat() + '"'

    def _kind_head(self, kind: str) -> str:
        head = self.kind_text[kind] = ', "kind": ' + encode_basestring(kind) + ', "member": '
        return head

    def _rule_key(self, name: str) -> str:
        key = self.rule_text[name] = encode_basestring(name) + ": "
        return key

    def _history(self, outcome: Outcome, totals: dict[str, int]) -> None:
        state = self.state
        entries: list[tuple[str, HistoryEntry]] = history(self.core, outcome, totals)
        for who, entry in entries:
            state.histories.setdefault(who, []).append(entry)
        if outcome.tier_record is not None:
            state.tiers[outcome.member] = outcome.tier_record

    def _rows(self, outcome: Outcome, totals: dict[str, int], valid: list[Any], single: bool,
              memo: dict[int, Any]) -> None:
        lines = outcome.lines
        for who, points in totals.items():
            mine = list(zip(lines, valid)) if single else [(ln, v) for ln, v in zip(lines, valid) if ln.who == who]
            if single and len(memo) == 1:
                (available, expires, _), = memo.values()  # every line has the same times
            else:
                available, expires = self._choose(outcome, [p for p in mine if p[0].points > 0] or mine)
            self._row(outcome, who, points, mine, available, expires)

    def _choose(self, outcome: Outcome, chosen: list[Any]) -> tuple[dt.datetime, dt.datetime | None]:
        """Latest availability and soonest expiry of the chosen lines (the program's without lines)."""
        if not chosen:
            return self._program_validity(outcome)
        if len({id(v) for _, v in chosen}) == 1:
            return chosen[0][1][0], chosen[0][1][1]
        dated = [v[1] for _, v in chosen if v[1] is not None]
        return max(v[0] for _, v in chosen), (min(dated) if dated else None)

    def _row(self, outcome: Outcome, who: str, points: int, mine: list[Any], available: dt.datetime,
             expires: dt.datetime | None) -> None:
        shown = self.last_second.get(expires)
        if shown is None:
            self._shown(expires)
            shown = self.last_second[expires]
        rules: dict[str, int] = {}
        for ln, _ in mine:
            name = ln.rule.name
            rules[name] = rules.get(name, 0) + ln.points
        available_text = available.astimezone(self.zone).isoformat()
        if self.on_row is not None:
            self.on_row({
                "event": outcome.event_id, "kind": outcome.kind, "member": who, "points": points,
                "available": available_text, "expires": None if expires is None else shown[1:-1], "rules": rules,
            })
        if self.write is not None:
            enc = self._encode
            # ISO times hold only digits and -:+T. so their JSON text is the text in quotes.
            self.write(
                '{"event": ' + encode_basestring(outcome.event_id) + ', "kind": ' + enc(outcome.kind)
                + ', "member": ' + enc(who) + ', "points": ' + str(points) + ', "available": "'
                + available_text + '", "expires": ' + shown
                + ', "rules": {' + ", ".join([enc(name) + ": " + str(p) for name, p in rules.items()]) + "}}\n"
            )

    def _encode(self, text: str) -> str:
        """JSON text of a str as json.dumps(ensure_ascii=False) writes it; member ids repeat."""
        hit = self.encoded.get(text)
        if hit is None:
            if len(self.encoded) > REMEMBERED:
                self.encoded.clear()
            hit = self.encoded[text] = encode_basestring(text)
        return hit

    def _program_validity(self, outcome: Outcome) -> tuple[dt.datetime, dt.datetime | None]:
        program, zone_name = self.program, self.zone_name
        time = outcome.local
        available = add_duration(time, program.pending, zone_name) if program.pending else time
        return available, expiry_instant(program.expiry, time, zone_name)
