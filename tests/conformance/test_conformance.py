"""The conformance corpus through every backend: each case of tests/conformance/*.toml and of
examples/*.cases.toml, evaluated by the reference interpreter and by the compiled evaluator, and
consumed as row dicts, as text rows, by the ledger over memory, SQLite and PostgreSQL, and by
``pointrules test``'s own runner (conformance_backends.py lists them).

Each backend's rows must give what the case expects (hand-computed numbers) and be exactly the
oracle's rows (the interpreter's row dicts: every key, in order; the text paths byte for byte),
with the same refusals and the same balances. A failure names the file, the case, the event and
the backend.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from pointrules.cases import Expect, run_case

from conformance_backends import (
    BACKENDS, EVALUATORS, ORACLE, Accepted, Observed, Refused, Replayed, Run, drop_postgres,
)
from conformance_corpus import ROOT, CorpusCase, load_corpus

CORPUS = load_corpus()
NAMES = [*BACKENDS, *(f"{name}-cases" for name in EVALUATORS)]
_REFERENCE: dict[str, Run] = {}


@pytest.fixture(scope="module", autouse=True)
def _postgres_dropped() -> Iterator[None]:
    yield
    drop_postgres()


def reference(case: CorpusCase) -> Run:
    if case.id not in _REFERENCE:
        _REFERENCE[case.id] = BACKENDS[ORACLE](case)
    return _REFERENCE[case.id]


@pytest.mark.parametrize("backend", NAMES)
@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_conformance(case: CorpusCase, backend: str) -> None:
    if backend.endswith("-cases"):
        problems = list(_cases_runner(case, backend.removesuffix("-cases")))
    else:
        run = BACKENDS[backend](case)
        problems = list(_expected(case, run, backend))
        if backend != ORACLE:
            problems += _agrees(case, run, reference(case))
    if problems:
        where = f"{case.file}, case `{case.case.name}`, backend {backend}"
        pytest.fail("\n".join(f"{where}, {p}" for p in problems), pytrace=False)


TOPICS = {"beneficiaries", "campaign_days", "campaigns", "caps", "conditions", "earning", "events", "expiry",
          "fixed_days", "given", "halfyears", "history", "ladders", "lifetime", "lifetime_status", "limits", "lists", "multipliers",
          "names", "profiles", "rolling", "rounding", "shop_reference", "tiers", "tier_points", "units",
          "zones"}


def test_the_corpus_has_every_topic_and_every_example() -> None:
    files = {c.file for c in CORPUS}
    assert {f.removesuffix(".toml") for f in files if not f.startswith("examples/")} == TOPICS
    examples = [f for f in files if f.startswith("examples/")]
    assert len(examples) == len(list((ROOT / "examples").glob("*.points")))


# ---- what the case expects ------------------------------------------------------------------------
def _expected(case: CorpusCase, run: Run, backend: str) -> Iterator[str]:
    for event, extra, seen in zip(case.case.events, case.rows, run.observed, strict=True):
        here = f"event {event.data['id']}"
        expect = event.expect
        if isinstance(seen, Replayed):
            if not (expect is not None and expect.rejected == "id" and "-ledger-" in backend):
                yield f"{here}: the ledger took it for a replay of an event it holds"
            continue
        if isinstance(seen, Refused):
            if expect is None or expect.rejected != seen.field:
                wanted = f"refused for field `{expect.rejected}`" if expect and expect.rejected \
                    else "accepted"
                yield f"{here}: expected {wanted}, got refused for field `{seen.field}`: {seen.message}"
            continue
        if expect is None:
            continue  # a given: prior state, not checked
        if expect.rejected is not None:
            yield f"{here}: expected refused for field `{expect.rejected}`, got rows {list(seen.rows)}"
            continue
        member = event.data["member"]
        rows = {row["member"]: row for row in seen.rows}
        if not seen.rows or seen.rows[0]["member"] != member:
            yield f"{here}: the first row is not the event member `{member}`'s: {list(seen.rows)}"
            continue
        yield from _row(here, seen.rows[0], expect, case.exact_rules)
        for who, points in (expect.to or {}).items():
            got = rows[who]["points"] if who in rows else 0
            if got != points:
                yield f"{here}: to.{who}: expected {points}, got {got}"
        if extra is not None:
            others = [row["member"] for row in seen.rows[1:]]
            if others != list(extra):
                yield f"{here}: rows of other beneficiaries: expected {list(extra)}, got {others}"
            for who, want in extra.items():
                if who in rows:
                    yield from _row(f"{here}: row of {who}", rows[who], want, True)
    if run.balances is not None:
        for check, got in zip(case.balances, run.balances, strict=True):
            if got != check.available:
                yield (f"balance of {check.member} at {check.at.isoformat()}: "
                       f"expected {check.available}, got {got}")


def _row(here: str, row: Mapping[str, Any], expect: Expect, exact_rules: bool) -> Iterator[str]:
    if expect.points is not None and row["points"] != expect.points:
        yield f"{here}: points: expected {expect.points}, got {row['points']}"
    if expect.tier_points is not None and row.get("tier_points") != expect.tier_points:
        yield f"{here}: tier_points: expected {expect.tier_points}, got {row.get('tier_points', '(no key)')}"
    if expect.rules is not None:
        got, wanted = row["rules"], dict(expect.rules)
        if exact_rules:
            if got != wanted:
                yield f"{here}: rules: expected {wanted}, got {got}"
        else:  # the example cases: only the rules listed, a rule without a line counting 0
            for rule, points in wanted.items():
                if got.get(rule, 0) != points:
                    yield f"{here}: rules.{rule}: expected {points}, got {got.get(rule, 0)}"
    if expect.expires is not None and not _same(expect.expires, row["expires"]):
        yield f"{here}: expires: expected {_show(expect.expires)}, got {row['expires']}"
    if expect.available is not None and not _same(expect.available, row["available"]):
        yield f"{here}: available: expected {_show(expect.available)}, got {row['available']}"


def _same(expected: dt.date | dt.datetime | str, actual: str | None) -> bool:
    """A date is the last valid (or first usable) day in the program's zone, where the row's
    times are; a date-time is an instant, whatever its offset."""
    if expected == "never" or actual is None:
        return expected == "never" and actual is None
    instant = dt.datetime.fromisoformat(actual)
    if isinstance(expected, dt.datetime):
        return expected == instant
    return expected == instant.date()


def _show(value: Any) -> str:
    return value if isinstance(value, str) else value.isoformat()


# ---- the same as the reference interpreter ----------------------------------------------------------
def _agrees(case: CorpusCase, run: Run, oracle: Run) -> Iterator[str]:
    for event, seen, want in zip(case.case.events, run.observed, oracle.observed, strict=True):
        here = f"event {event.data['id']}"
        if isinstance(seen, Replayed) and isinstance(want, Refused) and want.field == "id":
            continue  # the ledger answers an identical replay with its first receipt: nothing paid twice
        if _shape(seen) != _shape(want):
            yield f"{here}: the reference gives {_shape(want)}, this backend {_shape(seen)}"
            continue
        if isinstance(seen, Accepted) and isinstance(want, Accepted):
            yield from _same_rows(here, seen, want)
    if run.balances is not None and run.balances != oracle.balances:
        yield f"balances {run.balances} differ from the reference's {oracle.balances}"


def _shape(seen: Observed) -> Any:
    if isinstance(seen, Refused):
        return ("refused", seen.field, seen.message)
    return ("replayed",) if isinstance(seen, Replayed) else ("accepted", len(seen.rows))


def _same_rows(here: str, seen: Accepted, want: Accepted) -> Iterator[str]:
    for mine, theirs in zip(seen.rows, want.rows, strict=True):
        if json.dumps(mine) != json.dumps(theirs):  # the keys in order too
            yield f"{here}: row of {theirs['member']}: the reference writes {theirs}, this backend {mine}"
    for text, theirs in zip(seen.texts or (), want.rows, strict=False):
        if text != json.dumps(theirs, ensure_ascii=False) + "\n":
            yield f"{here}: row text {text!r} is not json.dumps of the reference's row"


# ---- pointrules test's own runner -------------------------------------------------------------------
def _cases_runner(case: CorpusCase, evaluator: str) -> Iterator[str]:
    result = run_case(case.program, case.case, evaluator=evaluator)
    for failure in result.failures:
        for mismatch in failure.mismatches:
            yield (f"{failure.event.label}: {mismatch.what}: "
                   f"expected {mismatch.expected}, got {mismatch.actual}")
