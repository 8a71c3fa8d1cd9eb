"""What a stream of events did: the summary of its outcomes and the lines it refused."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from pointrules.evaluate.outcome import Outcome
from pointrules.wording import vocabulary
from pointrules.wording.catalogue import labelled


@attrs.frozen
class Rejection:
    """A refused input line: nothing was awarded and the state did not change."""

    line: int
    event_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self._what()}"

    def located(self, filename: str) -> str:
        """The rejection as a compiler names a place: ``FILE:LINE: event ID: field F: message``."""
        return f"{filename}:{self.line}: {self._what()}"

    def _what(self) -> str:
        return f"event {self.event_id if self.event_id is not None else '?'}: field {self.field}: {self.message}"


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

    def add(self, outcome: Outcome) -> None:
        """Count an accepted event's outcome."""
        self.accepted += 1
        by_rule, by_member = self.by_rule, self.by_member
        lines = outcome.lines
        if len(lines) == 1:  # the commonest outcome: its one beneficiary takes the line's points
            line = lines[0]
            points = line.points
            by_rule[line.rule] = by_rule.get(line.rule, 0) + points
            self.by_kind[outcome.kind] = self.by_kind.get(outcome.kind, 0) + points
            if points:
                by_member[line.beneficiary] = by_member.get(line.beneficiary, 0) + points
            return
        total = 0
        for line in outcome.lines:
            by_rule[line.rule] = by_rule.get(line.rule, 0) + line.points
            total += line.points
        self.by_kind[outcome.kind] = self.by_kind.get(outcome.kind, 0) + total
        if not total:
            return
        member = outcome.member
        for line in outcome.lines:
            if line.beneficiary != member:
                break
        else:  # every line pays the event's member
            by_member[member] = by_member.get(member, 0) + total
            return
        for who, points in outcome.totals().items():  # the event's member first, as the rows
            if points:
                by_member[who] = by_member.get(who, 0) + points

    def texts(self, lines: Iterable[str | bytes],
              on_reject: Callable[[Rejection], None] | None) -> Iterator[tuple[int, str]]:
        """The stream's non-blank lines as text, numbered from 1, each counted as read; a line that
        is not UTF-8 is rejected here."""
        for number, raw in enumerate(lines, 1):
            if raw.__class__ is bytes:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.read += 1
                    self.reject(Rejection(number, None, "-", "this line is not UTF-8 text"), on_reject)
                    continue
            else:
                text = raw  # type: ignore[assignment]
            if text and not text.isspace():  # what text.strip() leaves is not empty
                self.read += 1
                yield number, text

    def reject(self, rejection: Rejection, on_reject: Callable[[Rejection], None] | None) -> None:
        """Count a refused line and report it."""
        self.rejected += 1
        if on_reject is not None:
            on_reject(rejection)

    def render(self, rule_labels: Mapping[str, str | None] | None = None,
               kind_labels: Mapping[str, str | None] | None = None, lang: str = "en", name: str | None = None) -> str:
        """The summary as text for people, in ``lang``; ``name`` is what the program calls its points
        in that language (``points are called "京豆" / "beans"``), the language's word without one;
        each rule and kind with its label, where it has one."""
        say = vocabulary(lang, name).report

        def named(key: str, labels: Mapping[str, str | None] | None) -> str:
            return labelled(key, (labels or {}).get(key), say)

        def line(what: str, n: int) -> str:
            return f"{what}{say['colon']}{n:,}"

        out = [line(say["read"], self.read), line(say["accepted"], self.accepted),
               line(say["rejected"], self.rejected), line(say["points"], self.points)]
        for by, labels in ((self.by_rule, rule_labels), (self.by_kind, kind_labels)):
            out.append(say["by"]["rule" if by is self.by_rule else "kind"] + say["colon"].rstrip())
            out += ["  " + line(named(key, labels), points) for key, points in by.items()] or ["  " + say["none"]]
        out.append(say["beneficiaries"].format(n=f"{len(self.by_member):,}"))
        return "\n".join(out)

    def as_dict(self, rule_labels: Mapping[str, str | None] | None = None,
                kind_labels: Mapping[str, str | None] | None = None) -> dict[str, Any]:
        """The summary as JSON-ready data (docs/cli.md, "simulate"): counts, points by rule and kind
        in the order they first earned, each with its label (null without one)."""
        return {
            "read": self.read, "accepted": self.accepted, "rejected": self.rejected, "points": self.points,
            "by_rule": [{"rule": rule, "label": (rule_labels or {}).get(rule), "points": points}
                        for rule, points in self.by_rule.items()],
            "by_kind": [{"kind": kind, "label": (kind_labels or {}).get(kind), "points": points}
                        for kind, points in self.by_kind.items()],
            "beneficiaries": len(self.by_member),
        }
