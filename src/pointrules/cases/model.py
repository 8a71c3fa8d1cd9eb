"""What an example case is (``Case``: its members and events, each ``CaseEvent`` with its
``Expect``) and what running one finds (``CaseResult``, ``EventFailure``, ``Mismatch``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from pointrules.errors import Error


class CaseFileError(Error):
    """A case file that cannot be used: ``problems`` lists each as ``FILE: case `NAME`: what``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@attrs.frozen
class Expect:
    """What one event must give; None means not checked. ``expires`` is a date (last valid day in
    the program's zone), an aware datetime (the last valid second) or ``"never"``."""

    points: int | None = None
    rules: Mapping[str, int] | None = None
    expires: dt.date | dt.datetime | str | None = None
    available: dt.date | dt.datetime | None = None
    to: Mapping[str, int] | None = None
    rejected: str | None = None
    tier_points: int | None = None  # the tier points the event earns the member (`earn N tier points`)
    version: int | None = None  # the version that evaluates it, in a case across versions (versions.py)


@attrs.frozen
class CaseEvent:
    """One event of a case, as the host would send it (``data``), and its expectation (None: a
    given, prior state that is not checked)."""

    data: Mapping[str, Any]
    expect: Expect | None
    line: int | None = None  # of its [[case.event]] header in the cases file, where known

    @property
    def label(self) -> str:
        return f"event {self.data.get('id')}"


@attrs.frozen
class Case:
    name: str
    tier: str | None
    member: str
    members: Mapping[str, str]
    events: tuple[CaseEvent, ...]
    # profile fields of members (``profile`` and ``profiles`` in a case), as the host sends them
    profiles: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    line: int | None = None  # of its [[case]] header in the cases file, where known

    def given_profiles(self) -> dict[str, dict[str, Any]]:
        """Each member's profile as a host gives it: the profile fields, and the tier if the case names one."""
        out = {who: dict(fields) for who, fields in self.profiles.items()}
        for who, tier in self.members.items():
            out.setdefault(who, {})["tier"] = tier
        return out


@attrs.frozen
class Mismatch:
    """One expectation that did not hold: ``what`` is ``points``, ``rules.base``, ``to.m2`` …"""

    what: str
    expected: str
    actual: str


@attrs.frozen
class EventFailure:
    event: CaseEvent
    mismatches: tuple[Mismatch, ...]
    explanation: str | None  # the award explained, when the event was accepted


@attrs.frozen
class CaseResult:
    case: Case
    failures: tuple[EventFailure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures
