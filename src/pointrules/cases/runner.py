"""Running an example case: its events in order against one fresh ``MemoryState``, through the
chosen evaluator (evaluate/choice.py), each ``expect`` compared with the award the event earned.
A case across a program's versions (cases/versions.py) runs each event through the version in
force at its time, on the one state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from pointrules.cases.coverage import Coverage
from pointrules.cases.model import Case, CaseEvent, CaseResult, EventFailure, Expect, Mismatch
from pointrules.cases.versions import version_for
from pointrules.evaluate.award import Award
from pointrules.evaluate.choice import Evaluate, outcome_of
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.outcome import award as make_award
from pointrules.events import EventError, parse_event
from pointrules.program import model as m
from pointrules.program.versions import VersionSet
from pointrules.state.memory import MemoryState
from pointrules.stream.simulate import award_rows


def run_case(program: m.Program | VersionSet, case: Case, coverage: Coverage | None = None,
             evaluator: str | None = None) -> CaseResult:
    """Evaluate a case's events in order against one fresh state and compare each expectation;
    ``evaluator`` as evaluate/choice.py chooses. ``coverage`` watches one program: a case across
    versions is run without it."""
    versions = program if isinstance(program, VersionSet) else VersionSet.single(program)
    watch = coverage if not versions.versioned else None
    profiles: dict[str, Mapping[str, Any]] = dict(case.given_profiles())
    state = MemoryState(profiles=profiles, zone=versions.last.timezone)
    evaluators = {id(p): outcome_of(p, evaluator, watch.saw if watch is not None else None) for p in versions.programs}
    failures: list[EventFailure] = []
    for event in case.events:
        failure = _run_event(versions, evaluators, event, state, watch)
        if failure is not None:
            failures.append(failure)
    return CaseResult(case, tuple(failures))


def _run_event(versions: VersionSet, evaluators: dict[int, Evaluate], event: CaseEvent, state: MemoryState,
               coverage: Coverage | None) -> EventFailure | None:
    expect = event.expect
    try:
        program = version_for(versions, event.data)
        parsed = parse_event(program, event.data)
        change = evaluators[id(program)](parsed, state)
        award = make_award(change, program.currency)
    except EventError as error:
        if expect is not None and expect.rejected == error.field:
            return None
        wanted = f"rejected for field `{expect.rejected}`" if expect and expect.rejected else "accepted"
        what = "rejected" if expect is not None and expect.rejected else "given event" if expect is None else "event"
        return EventFailure(event, (Mismatch(what, wanted, f"rejected: field `{error.field}`: {error.message}"),), None)
    state.apply(change)
    if coverage is not None:
        coverage.observe(award)
    if expect is None:
        return None
    found: tuple[Mismatch, ...]
    if expect.rejected is not None:
        found = (Mismatch("rejected", f"rejected for field `{expect.rejected}`", f"accepted with {award.points:,} points"),)
    else:
        found = tuple(_compare(program, award, change, expect))
        if expect.version is not None and program.version != expect.version:
            found = (Mismatch("version", str(expect.version), str(program.version)), *found)
    return EventFailure(event, found, award.explain("en")) if found else None


def _compare(program: m.Program, award: Award, outcome: Outcome, expect: Expect) -> Iterator[Mismatch]:
    if expect.points is not None and award.points != expect.points:
        yield Mismatch("points", f"{expect.points:,}", f"{award.points:,}")
    tier_points = award.tier_points.get(award.member, 0)
    if expect.tier_points is not None and tier_points != expect.tier_points:
        yield Mismatch("tier_points", f"{expect.tier_points:,}", f"{tier_points:,}")
    actual_rules = award.by_rule(award.member)
    for rule, points in (expect.rules or {}).items():
        got = actual_rules.get(rule, 0)
        if got != points:
            yield Mismatch(f"rules.{rule}", f"{points:,}", f"{got:,}" if rule in actual_rules else "0 (the rule did not fire)")
    for who, points in (expect.to or {}).items():
        if award.total(who) != points:
            yield Mismatch(f"to.{who}", f"{points:,}", f"{award.total(who):,}")
    if expect.expires is None and expect.available is None:
        return
    row = award_rows(program, outcome)[0]  # the event member's row, as `pointrules simulate` writes it
    expires = dt.datetime.fromisoformat(row["expires"]) if row["expires"] else None
    if expect.expires is not None and not _same(expect.expires, expires):
        yield Mismatch("expires", _show(expect.expires), _show(expires, expect.expires))
    available = dt.datetime.fromisoformat(row["available"])
    if expect.available is not None and not _same(expect.available, available):
        yield Mismatch("available", _show(expect.available), _show(available, expect.available))


def _same(expected: dt.date | dt.datetime | str, actual: dt.datetime | None) -> bool:
    if expected == "never" or actual is None:
        return expected == "never" and actual is None
    if isinstance(expected, dt.datetime):
        return expected == actual  # aware datetimes compare as instants
    return expected == actual.date()  # actual is in the program's zone already


def _show(value: dt.date | dt.datetime | str | None, like: Any = None) -> str:
    if value is None:
        return "never"
    if isinstance(value, dt.datetime) and type(like) is dt.date:
        return f"{value.date().isoformat()} ({value.isoformat()})"
    return value if isinstance(value, str) else value.isoformat()
