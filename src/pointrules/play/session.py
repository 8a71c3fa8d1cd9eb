"""What the playground answers about one state of the page: the program's diagnostics (checker and
lint, as `pointrules lint` gives them), its shape for the pickers, its terms, the award of one event
for one member, and its example cases run.

Everything here is pure over the texts the page sends: the program and the cases are parsed and
checked, never executed, and nothing reads a file (the program's own file was read once, when the
playground started: ``Workspace``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from pointrules.cases import CaseFileError, check_cases, loads_cases, run_case
from pointrules.cases.model import Case, CaseResult
from pointrules.check.lints import LintContext, lint
from pointrules.config import LintConfig
from pointrules.diagnostics import Severity
from pointrules.evaluate.choice import outcome_of
from pointrules.evaluate.outcome import award
from pointrules.events import EventError, loads_event
from pointrules.guards import prove
from pointrules.program import model as m
from pointrules.source import Source
from pointrules.state.memory import MemoryState
from pointrules.stream.simulate import award_rows, read_members
from pointrules.wording.terms import terms

BUILT_IN = ("id", "kind", "member", "time")  # shown first in an event picked from the cases
# A value of each field type that an event accepts, for the skeleton events of the event picker.
_PLACEHOLDERS: dict[str, Any] = {
    "money": "100.00", "number": "1", "count": 1, "text": "", "member": "m2", "yesno": True,
    "list": [], "points": 0,
}


@attrs.frozen
class Workspace:
    """What the playground started with: the program's file name (None for the starter program),
    its text, the text of the cases beside it, and the lint configuration found for it."""

    path: Path | None
    program: str
    cases: str
    config: LintConfig = attrs.Factory(LintConfig)

    @property
    def filename(self) -> str:
        return self.path.name if self.path is not None else "starter.points"


def answer(workspace: Workspace, program_text: str, cases_text: str = "", event_text: str = "",
           member_text: str = "", lang: str = "en") -> dict[str, Any]:
    """Everything the page shows for these texts, as JSON-ready values."""
    from pointrules import analyse  # not at the top: pointrules/__init__ imports the stages below it

    source = Source(program_text, workspace.filename)
    program, diagnostics = analyse(source)
    if program is not None:  # the lint rules run on a program without errors, as `pointrules lint` runs them
        diagnostics = diagnostics + lint(program, LintContext(None, workspace.path)) + prove(program, workspace.path)
    shown = workspace.config.apply(sorted(diagnostics, key=lambda d: (d.line, d.column, d.code)), source)
    out: dict[str, Any] = {
        "diagnostics": [d.in_language(lang).to_dict() for d in shown],
        "errors": sum(d.severity is Severity.ERROR for d in shown),
        "shape": None, "terms": None, "award": None, "cases": None, "samples": [],
    }
    if program is None:
        return out
    cases = _cases(program, cases_text, workspace.filename)
    out.update(
        shape=_shape(program), terms=terms(program, lang), cases=cases["report"],
        samples=_samples(program, cases["cases"]),
    )
    if event_text.strip():
        out["award"] = _award(program, event_text, member_text, lang)
    return out


def _shape(program: m.Program) -> dict[str, Any]:
    return {
        "kinds": {k: {"label": s.label, "fields": {f: t.kind for f, t in s.fields.items()}}
                  for k, s in program.events.items()},
        "tiers": [{"name": t.name, "label": t.label} for t in program.tiers],
    }


def _award(program: m.Program, event_text: str, member_text: str, lang: str) -> dict[str, Any]:
    """One event against a fresh state, as `pointrules eval` evaluates it, or the error naming the field."""
    state = MemoryState(zone=program.timezone)
    if member_text.strip():
        try:
            state.profiles.update(read_members(program, [member_text]))
        except ValueError as error:
            return {"error": "member: " + str(error).replace("members line 1: ", "")}
    try:
        event = loads_event(program, event_text)
        outcome = outcome_of(program)(event, state)
    except EventError as error:
        return {"error": str(error), "field": error.field}
    return {"rows": award_rows(program, outcome), "explanation": award(outcome, program.currency, program.points_names).explain(lang)}


def _cases(program: m.Program, text: str, program_name: str) -> dict[str, Any]:
    """The cases of the page's cases text run against the program, or the problems of that text."""
    if not text.strip():
        return {"report": None, "cases": []}
    name = program_name.removesuffix(".points") + ".cases.toml"
    try:
        cases = loads_cases(text, name)
        problems = check_cases(program, cases, name)
    except CaseFileError as error:
        return {"report": {"problems": error.problems}, "cases": []}
    if problems:
        return {"report": {"problems": problems}, "cases": cases}
    results = [_result(run_case(program, case)) for case in cases]
    passed = sum(r["passed"] for r in results)
    return {"report": {"results": results, "passed": passed, "failed": len(results) - passed}, "cases": cases}


def _result(result: CaseResult) -> dict[str, Any]:
    return {
        "name": result.case.name,
        "passed": result.passed,
        "failures": [
            {"event": str(f.event.data.get("id")),
             "mismatches": [{"what": x.what, "expected": x.expected, "actual": x.actual} for x in f.mismatches],
             "explanation": f.explanation}
            for f in result.failures
        ],
    }


def _samples(program: m.Program, cases: list[Case]) -> list[dict[str, str]]:
    """Events to pick: every event of the example cases with its member, then one skeleton per kind."""
    out = []
    for case in cases:
        profiles = case.given_profiles()
        for event in case.events:
            who = str(event.data.get("member"))
            member = {"id": who, **profiles.get(who, {})}
            data = {k: event.data[k] for k in BUILT_IN if k in event.data} | dict(event.data)
            out.append({"label": f"{case.name}: {data.get('kind')} {data.get('id')}",
                        "event": _json(data), "member": _json(member)})
    now = dt.datetime.now(ZoneInfo(program.timezone)).replace(microsecond=0, second=0)
    for kind, schema in program.events.items():
        data = {"id": "e1", "kind": kind, "member": "m1", "time": now.isoformat()}
        data.update((f, _placeholder(t, now)) for f, t in schema.fields.items() if not t.optional)
        label = f"a new `{kind}` event" + (f" ({schema.label})" if schema.label else "")
        out.append({"label": label, "event": _json(data), "member": _json({"id": "m1"})})
    return out


def _placeholder(field: m.FieldType, now: dt.datetime) -> Any:
    if field.kind == "enum":
        return field.values[0]
    if field.kind == "date":
        return now.date().isoformat()
    if field.kind == "time":
        return now.isoformat()
    return _PLACEHOLDERS.get(field.kind, "")


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
