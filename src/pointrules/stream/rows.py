"""The wire format of award rows: this module alone owns it, as dicts and as JSON text.

One row per beneficiary of an accepted event, the event's member first (0 points included):
``{"event", "kind", "member", "points", "available", "expires", "rules"}``. ``available`` is when
the beneficiary's points of this event become usable (the latest of its paying lines), ``expires``
the last valid second of the soonest expiry among them (None: never), both ISO 8601 in the
program's zone; ``rules`` the points per rule. A beneficiary none of whose lines paid takes the
times of all its lines; an event with no line takes the program's own pending and expiry.

``Rows.dicts`` and ``Rows.text`` read the same ``rows_of`` tuples, so the JSON text is, byte for
byte, ``json.dumps(row, ensure_ascii=False) + "\\n"`` of each dict (tests/compile checks it).
"""

from __future__ import annotations

import datetime as dt
from json.encoder import encode_basestring
from typing import Any

from pointrules.program import model as m
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.calendar import add_duration, expiry_instant, last_valid_second, zone

REMEMBERED = 100_000  # texts of expiry instants and names kept; past it the cache starts again

# (member, points, available, expires, points per rule) of one row
Row = tuple[str, int, dt.datetime, "dt.datetime | None", dict[str, int]]


class Rows:
    """Award rows of one program's outcomes."""

    def __init__(self, program: m.Program) -> None:
        self.program = program
        self.zone_name = program.timezone
        self.zone = zone(program.timezone)
        self.shown: dict[dt.datetime | None, str] = {None: "null"}  # expiry -> JSON text of its last second
        self.encoded: dict[str, str] = {}  # member id -> its JSON text
        self.heads: dict[str, str] = {}  # event kind -> ', "kind": "…", "member": '
        self.keys: dict[str, str] = {}  # rule name -> '"name": '

    def rows_of(self, outcome: Outcome) -> list[Row]:
        """Each beneficiary's row, the event's member first."""
        lines = outcome.lines
        member = outcome.member
        if lines:
            for ln in lines:
                if ln.beneficiary != member:
                    break
            else:  # every line pays the event's member
                return [self._row(member, lines)]
        mine: dict[str, list[Any]] = {member: []}
        for ln in lines:
            mine.setdefault(ln.beneficiary, []).append(ln)
        return [self._row(who, ls) if ls else self._no_line(outcome) for who, ls in mine.items()]

    def _row(self, who: str, lines: Any) -> Row:
        rules: dict[str, int] = {}
        total = 0
        for ln in lines:
            rules[ln.rule] = rules.get(ln.rule, 0) + ln.points
            total += ln.points
        chosen = [ln for ln in lines if ln.points > 0] or lines
        first = chosen[0]
        available, expires = first.available_at, first.expires_at
        for ln in chosen:
            if ln.available_at > available:
                available = ln.available_at
            if ln.expires_at is not None and (expires is None or ln.expires_at < expires):
                expires = ln.expires_at
        return who, total, available, expires, rules

    def _no_line(self, outcome: Outcome) -> Row:
        program, time = self.program, outcome.local
        available = add_duration(time, program.pending, self.zone_name) if program.pending else time
        return outcome.member, 0, available, expiry_instant(program.expiry, time, self.zone_name), {}

    def dicts(self, outcome: Outcome) -> list[dict[str, Any]]:
        """The rows as dicts."""
        out = []
        for who, points, available, expires, rules in self.rows_of(outcome):
            last = last_valid_second(expires, self.zone_name)
            out.append({
                "event": outcome.event_id, "kind": outcome.kind, "member": who, "points": points,
                "available": self._local(available).isoformat(),
                "expires": last.isoformat() if last is not None else None, "rules": rules,
            })
        return out

    def text(self, outcome: Outcome) -> str:
        """The rows as JSON Lines text."""
        kind = outcome.kind
        head = f'{{"event": {encode_basestring(outcome.event_id)}{self.heads.get(kind) or self._head(kind)}'
        member = outcome.member
        lines = outcome.lines
        single = bool(lines)
        for ln in lines:
            if ln.beneficiary != member:
                single = False
                break
        if not single:
            return "".join([self._text(head, *row) for row in self.rows_of(outcome)])
        if len(lines) == 1:  # the commonest row: one line, one rule
            ln = lines[0]
            return self._text(head, member, ln.points, ln.available_at, ln.expires_at, None, ln)
        return self._text(head, *self._row(member, lines))

    def _text(self, head: str, who: str, points: int, available: dt.datetime, expires: dt.datetime | None,
              rules: dict[str, int] | None, line: Any = None) -> str:
        """One row as JSON text; ``line``: the row's one line, when ``rules`` is None."""
        keys = self.keys
        if rules is None:
            shown_rules = f"{keys.get(line.rule) or self._key(line.rule)}{line.points}"
        else:
            shown_rules = ", ".join([f"{keys.get(name) or self._key(name)}{p}" for name, p in rules.items()])
        if available.tzinfo is not self.zone:
            available = available.astimezone(self.zone)
        # ISO times hold only digits and -:+T. so their JSON text is the text in quotes.
        return (f'{head}{self.encoded.get(who) or self._encode(who)}, "points": {points}, "available": '
                f'"{available.isoformat()}", "expires": {self.shown.get(expires) or self._shown(expires)}, '
                f'"rules": {{{shown_rules}}}}}\n')

    def _head(self, kind: str) -> str:
        head = self.heads[kind] = ', "kind": ' + encode_basestring(kind) + ', "member": '
        return head

    def _key(self, rule: str) -> str:
        key = self.keys[rule] = encode_basestring(rule) + ": "
        return key

    def _local(self, instant: dt.datetime) -> dt.datetime:
        """The instant in the program's zone (usually it is already: an event's local time)."""
        return instant if instant.tzinfo is self.zone else instant.astimezone(self.zone)

    def _shown(self, expires: dt.datetime | None) -> str:
        last = last_valid_second(expires, self.zone_name)
        assert last is not None
        if len(self.shown) > REMEMBERED:
            self.shown.clear()
            self.shown[None] = "null"
        text = self.shown[expires] = '"' + last.isoformat() + '"'
        return text

    def _encode(self, text: str) -> str:
        """JSON text of a str as json.dumps(ensure_ascii=False) writes it; member ids repeat."""
        hit = self.encoded.get(text)
        if hit is None:
            if len(self.encoded) > REMEMBERED:
                self.encoded.clear()
            hit = self.encoded[text] = encode_basestring(text)
        return hit
