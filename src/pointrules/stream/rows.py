"""The wire format of award rows: this module alone owns it, as dicts and as JSON text.

One row per beneficiary of an accepted event, the event's member first (0 points included):
``{"event", "kind", "member", "points", "available", "expires", "rules"}``. ``available`` is when
the beneficiary's points of this event become usable (the latest of its paying lines), ``expires``
the last valid second of the soonest expiry among them (None: never), both ISO 8601 in the
program's zone; ``rules`` the points per rule. A beneficiary none of whose lines paid takes the
times of all its lines; an event with no line takes the program's own pending and expiry.

A program with tier points (``earn N tier points …``) adds ``"tier_points"`` after ``rules`` to
each of its rows: the tier points the event earned the beneficiary (0 included), and a row for a
beneficiary who earned tier points and no points (0 points, no rules, the program's own pending and
expiry). Other programs' rows are as they were, byte for byte.

The rows of a program's versions (program/versions.py, ``VersionRows``) end with ``"version"``:
the version in force at the event's time, which evaluated it; they carry ``tier_points`` when any
version earns tier points, so every row of one run has the same keys.

``Rows.dicts`` and ``Rows.text`` read the same ``rows_of`` tuples, so the JSON text is, byte for
byte, ``json.dumps(row, ensure_ascii=False) + "\\n"`` of each dict (tests/compile checks it).
"""

from __future__ import annotations

import datetime as dt
from json.encoder import encode_basestring
from typing import Any

from pointrules.evaluate.calendar import add_duration, expiry_instant, last_valid_second, zone
from pointrules.evaluate.outcome import Outcome
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

REMEMBERED = 100_000  # texts of expiry instants and names kept; past it the cache starts again
TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))  # hours, minutes and seconds as isoformat writes them

# (member, points, available, expires, points per rule) of one row
Row = tuple[str, int, dt.datetime, "dt.datetime | None", dict[str, int]]


class Rows:
    """Award rows of one program's outcomes."""

    def __init__(self, program: m.Program) -> None:
        self.program = program
        # whether rows carry "tier_points": the program has an earn statement of tier points
        self.tier_points = any(earn.tier for rule in program.rules for earn in rule.earns)
        self.zone_name = program.timezone
        self.zone = zone(program.timezone)
        self.version: int | None = None  # rows of a program's versions end with "version" (VersionRows)
        self.shown: dict[dt.datetime | None, str] = {None: "null"}  # expiry -> JSON text of its last second
        # The expiry last written and its text: the lines of one day share one expiry object.
        self.last: tuple[dt.datetime | None, str] = (None, "null")
        self.encoded: dict[str, str] = {}  # member id -> its JSON text
        self.heads: dict[str, str] = {}  # event kind -> ', "kind": "…", "member": '
        self.keys: dict[str, str] = {}  # rule name -> '"name": '
        # Pieces of the ISO text of local times (see ``_time_text``), cut from isoformat() itself.
        self.dates: dict[dt.date, str] = {}  # local date -> "2026-03-01T"
        self.offsets: dict[dt.timedelta | None, str] = {}  # UTC offset -> "+08:00"

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
        if self.tier_points:  # who earned tier points and no line has a row too, after the others
            for who, entry in outcome.history:
                if entry.tier_points:
                    mine.setdefault(who, [])
        return [self._row(who, ls) if ls else self._no_line(outcome, who) for who, ls in mine.items()]

    def _row(self, who: str, lines: Any) -> Row:
        """The row of one beneficiary's lines: the times of the lines that paid (of all of them when
        none did), the latest usable-from and the soonest expiry; one pass over the lines."""
        rules: dict[str, int] = {}
        total = 0
        paid_from = paid_expires = None  # over the lines that paid
        for ln in lines:
            points = ln.points
            rules[ln.rule] = rules.get(ln.rule, 0) + points
            total += points
            if points > 0:
                available, expires = ln.available_at, ln.expires_at
                if paid_from is None or available > paid_from:
                    paid_from = available
                if expires is not None and (paid_expires is None or expires < paid_expires):
                    paid_expires = expires
        if paid_from is None:  # none paid: the times of all of them
            paid_from = max(ln.available_at for ln in lines)
            for ln in lines:
                if ln.expires_at is not None and (paid_expires is None or ln.expires_at < paid_expires):
                    paid_expires = ln.expires_at
        return who, total, paid_from, paid_expires, rules

    def _no_line(self, outcome: Outcome, who: str | None = None) -> Row:
        """The row of a beneficiary without a line (the event's member unless ``who``)."""
        program, time = self.program, outcome.local
        available = add_duration(time, program.pending, self.zone_name) if program.pending else time
        return who or outcome.member, 0, available, expiry_instant(program.expiry, time, self.zone_name), {}

    @staticmethod
    def _tiers(outcome: Outcome) -> dict[str, int]:
        """The tier points the event earned each beneficiary."""
        return {who: entry.tier_points for who, entry in outcome.history}

    def dicts(self, outcome: Outcome) -> list[dict[str, Any]]:
        """The rows as dicts."""
        out = []
        tiers = self._tiers(outcome) if self.tier_points else None
        for who, points, available, expires, rules in self.rows_of(outcome):
            last = last_valid_second(expires, self.zone_name)
            row = {
                "event": outcome.event_id, "kind": outcome.kind, "member": who, "points": points,
                "available": self._time_text(available),
                "expires": last.isoformat() if last is not None else None, "rules": rules,
            }
            if tiers is not None:
                row["tier_points"] = tiers.get(who, 0)
            if self.version is not None:
                row["version"] = self.version
            out.append(row)
        return out

    def text(self, outcome: Outcome) -> str:
        """The rows as JSON Lines text."""
        kind = outcome.kind
        member = outcome.member
        lines = outcome.lines
        head = f'{{"event": {encode_basestring(outcome.event_id)}{self.heads.get(kind) or self._head(kind)}'
        if self.tier_points or self.version is not None:
            tiers = self._tiers(outcome) if self.tier_points else None
            return "".join([self._row_text(head, row, tiers) for row in self.rows_of(outcome)])
        if len(lines) == 1 and lines[0].beneficiary == member:  # the commonest row: one line, one rule
            ln = lines[0]
            rule = ln.rule
            return self._text(head, member, ln.points, ln.available_at, ln.expires_at,
                              f"{self.keys.get(rule) or self._key(rule)}{ln.points}")
        for ln in lines:
            if ln.beneficiary != member:
                return "".join([self._row_text(head, row) for row in self.rows_of(outcome)])
        return self._row_text(head, self._row(member, lines) if lines else self._no_line(outcome))

    def _row_text(self, head: str, row: Row, tiers: dict[str, int] | None = None) -> str:
        """A row as JSON text, its points per rule written in the order the rules paid; with
        ``tiers`` (a program with tier points), the beneficiary's tier points after them."""
        who, points, available, expires, rules = row
        keys = self.keys
        shown = ""
        for name, p in rules.items():
            part = f"{keys.get(name) or self._key(name)}{p}"
            shown = f"{shown}, {part}" if shown else part
        tier = "" if tiers is None else f', "tier_points": {tiers.get(who, 0)}'
        if self.version is not None:
            tier = f'{tier}, "version": {self.version}'
        return self._text(head, who, points, available, expires, shown, tier)

    def _text(self, head: str, who: str, points: int, available: dt.datetime, expires: dt.datetime | None,
              shown_rules: str, tier: str = "") -> str:
        """One row as JSON text: the one place its template is written."""
        # ISO times hold only digits and -:+T. so their JSON text is the text in quotes.
        last = self.last
        expiry = last[1] if expires is last[0] else self._shown(expires)
        return (f'{head}{self.encoded.get(who) or self._encode(who)}, "points": {points}, "available": '
                f'"{self._time_text(available)}", "expires": {expiry}, '
                f'"rules": {{{shown_rules}}}{tier}}}\n')

    def _time_text(self, instant: dt.datetime) -> str:
        """``instant.astimezone(zone).isoformat()``, put together from pieces: formatting a datetime
        costs more than the rest of a row (about 0.75 us); the date's and the offset's text are
        cut from an earlier isoformat() of the same date and offset."""
        local = instant if instant.tzinfo is self.zone else instant.astimezone(self.zone)
        date = self.dates.get(local.date())
        offset = self.offsets.get(local.utcoffset())
        if date is None or offset is None or local.microsecond:
            text = local.isoformat()  # YYYY-MM-DDTHH:MM:SS[.ffffff] then the offset (4-digit years)
            if not local.microsecond:
                if len(self.dates) > REMEMBERED:
                    self.dates.clear()
                self.dates[local.date()], self.offsets[local.utcoffset()] = text[:11], text[19:]
            return text
        return f"{date}{TWO_DIGITS[local.hour]}:{TWO_DIGITS[local.minute]}:{TWO_DIGITS[local.second]}{offset}"

    def _head(self, kind: str) -> str:
        head = self.heads[kind] = ', "kind": ' + encode_basestring(kind) + ', "member": '
        return head

    def _key(self, rule: str) -> str:
        key = self.keys[rule] = encode_basestring(rule) + ": "
        return key

    def _shown(self, expires: dt.datetime | None) -> str:
        """The JSON text of an expiry's last valid second (``null`` for never), remembered."""
        text = self.shown.get(expires)
        if text is None:
            last = last_valid_second(expires, self.zone_name)
            assert last is not None
            if len(self.shown) > REMEMBERED:
                self.shown.clear()
                self.shown[None] = "null"
            text = self.shown[expires] = '"' + last.isoformat() + '"'
        self.last = (expires, text)
        return text

    def _encode(self, text: str) -> str:
        """JSON text of a str as json.dumps(ensure_ascii=False) writes it; member ids repeat."""
        hit = self.encoded.get(text)
        if hit is None:
            if len(self.encoded) > REMEMBERED:
                self.encoded.clear()
            hit = self.encoded[text] = encode_basestring(text)
        return hit


class VersionRows:
    """Award rows of a program's versions: each outcome's rows by the version in force at its
    time (its pending and expiry for a row without a line), ending with that version's number."""

    def __init__(self, versions: VersionSet) -> None:
        self.versions = versions
        each = [Rows(p) for p in versions.programs]
        tier_points = any(r.tier_points for r in each)
        for rows, program in zip(each, versions.programs, strict=True):
            rows.tier_points, rows.version = tier_points, program.version
        self.rows = {id(p): r for p, r in zip(versions.programs, each, strict=True)}

    def _of(self, outcome: Outcome) -> Rows:
        return self.rows[id(self.versions.in_force(outcome.time))]

    def dicts(self, outcome: Outcome) -> list[dict[str, Any]]:
        return self._of(outcome).dicts(outcome)

    def text(self, outcome: Outcome) -> str:
        return self._of(outcome).text(outcome)


def version_rows(versions: VersionSet) -> Rows | VersionRows:
    """The award rows of a program (one version) or of its versions."""
    return VersionRows(versions) if versions.versioned else Rows(versions.last)
