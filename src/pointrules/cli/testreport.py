"""What `pointrules test` reports: a failing case or scenario as text (file:line, what was expected,
what happened), and the whole run as JUnit XML (which GitHub and GitLab show) or JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import attrs

from pointrules import __version__
from pointrules.cases import CaseResult, EventFailure, Mismatch, ScenarioResult, StepFailure
from pointrules.diagnostics import safe, safe_lines


@attrs.frozen
class Ran:
    """One case or scenario run: its file, what running it found and how long it took."""

    cases_file: Path
    result: CaseResult | ScenarioResult
    seconds: float

    @property
    def name(self) -> str:
        """The case's name, or `scenario NAME` (a case and a scenario may share a name)."""
        if isinstance(self.result, ScenarioResult):
            return f"scenario {self.result.scenario.name}"
        return self.result.case.name

    @property
    def line(self) -> int | None:
        return self.result.scenario.line if isinstance(self.result, ScenarioResult) else self.result.case.line


@attrs.frozen
class Broken:
    """A program or cases file that could not be used, and why (as printed)."""

    cases_file: Path
    why: str


def where(cases_file: Path, line: int | None) -> str:
    return f"{cases_file}:{line}" if line else str(cases_file)


def failure_text(ran: Ran) -> str:
    """A failing case or scenario for people: `FILE:LINE: NAME`, then each event or step that failed."""
    out = [f"{where(ran.cases_file, ran.line)}: {ran.name}"]
    if isinstance(ran.result, ScenarioResult):
        out += [line for failure in ran.result.failures for line in _step_text(failure)]
    else:
        out += [line for failure in ran.result.failures for line in _event_text(ran.cases_file, failure)]
    return safe_lines("\n".join(out))  # ids, members and texts of the cases file, shown safely


def _event_text(cases_file: Path, failure: EventFailure) -> list[str]:
    data = failure.event.data
    head = (f"  event {data.get('id')} ({data.get('kind')}, member {data.get('member')}, {data.get('time')})"
            + (f" at {where(cases_file, failure.event.line)}" if failure.event.line else ""))
    out = [head] + [_mismatch_text(mm) for mm in failure.mismatches]
    if failure.explanation:
        out.append("    explanation:")
        out += [f"      {line}" for line in failure.explanation.splitlines()]
    return out


def _step_text(failure: StepFailure) -> list[str]:
    step = failure.step
    at = f"line {step.line}, " if step.line else ""
    what = f"{step.action} {step.value}" if step.action != "event" else \
        f"event {step.data.get('id', f's{step.number}')} ({step.value})"
    return [f"  step {step.number} ({at}{what})"] + [_mismatch_text(mm) for mm in failure.mismatches]


def _mismatch_text(mm: Mismatch) -> str:
    return f"    {mm.what}: expected {mm.expected}, got {mm.actual}"


def _first_mismatch(result: CaseResult | ScenarioResult) -> str:
    failure = result.failures[0]
    mm = failure.mismatches[0] if failure.mismatches else None
    what = f"{mm.what}: expected {mm.expected}, got {mm.actual}" if mm else "failed"
    if isinstance(failure, StepFailure):
        return safe(f"step {failure.step.number}: {what}")
    return safe(f"event {failure.event.data.get('id')}: {what}")


def junit(ran: Sequence[Ran], broken: Sequence[Broken]) -> str:
    """JUnit XML: one <testsuite> per cases file, one <testcase> per case (with `file` and `line`, as
    GitHub's and GitLab's readers use them); a file that cannot be used is one <testcase> in <error>."""
    suites: dict[Path, ET.Element] = {}
    root = ET.Element("testsuites", name="pointrules test")

    def suite(cases_file: Path) -> ET.Element:
        if cases_file not in suites:
            suites[cases_file] = ET.SubElement(root, "testsuite", name=safe(cases_file.as_posix()))
        return suites[cases_file]

    for r in ran:
        case = ET.SubElement(suite(r.cases_file), "testcase", name=safe(r.name),
                             classname=safe(r.cases_file.as_posix().removesuffix(".toml").replace("/", ".")),
                             file=safe(r.cases_file.as_posix()), time=f"{r.seconds:.3f}")
        if r.line:
            case.set("line", str(r.line))
        if not r.result.passed:
            failure = ET.SubElement(case, "failure", message=_first_mismatch(r.result), type="mismatch")
            failure.text = failure_text(r)
    for b in broken:
        case = ET.SubElement(suite(b.cases_file), "testcase", name="(the program and its cases load)",
                             classname=safe(b.cases_file.as_posix()), file=safe(b.cases_file.as_posix()))
        error = ET.SubElement(case, "error", message="cannot be used", type="load")
        error.text = safe_lines(b.why)
    for element in [*suites.values(), root]:
        counted = list(element.iter("testcase"))
        element.set("tests", str(len(counted)))
        element.set("failures", str(sum(1 for c in counted if c.find("failure") is not None)))
        element.set("errors", str(sum(1 for c in counted if c.find("error") is not None)))
        element.set("time", f"{sum(float(c.get('time', '0')) for c in counted):.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def as_json(ran: Sequence[Ran], broken: Sequence[Broken]) -> str:
    """The run as JSON (schema in docs/cli.md): a summary, then each case with its file and line."""
    passed = sum(1 for r in ran if r.result.passed)
    doc = {
        "version": 1,
        "tool": {"name": "pointrules", "version": __version__},
        "summary": {"passed": passed, "failed": len(ran) - passed, "errors": len(broken)},
        "cases": [_case_dict(r) for r in ran],
        "errors": [{"file": b.cases_file.as_posix(), "message": b.why} for b in broken],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _case_dict(r: Ran) -> dict[str, object]:
    scenario = isinstance(r.result, ScenarioResult)
    return {
        "file": r.cases_file.as_posix(), "line": r.line, "kind": "scenario" if scenario else "case",
        "name": r.result.scenario.name if isinstance(r.result, ScenarioResult) else r.result.case.name,
        "outcome": "passed" if r.result.passed else "failed", "seconds": round(r.seconds, 6),
        "failures": [_failure_dict(f) for f in r.result.failures],
    }


def _failure_dict(failure: EventFailure | StepFailure) -> dict[str, object]:
    mismatches = [attrs.asdict(mm) for mm in failure.mismatches]
    if isinstance(failure, StepFailure):
        return {"step": failure.step.number, "action": failure.step.action, "line": failure.step.line,
                "mismatches": mismatches}
    return {"event": failure.event.data.get("id"), "line": failure.event.line, "mismatches": mismatches,
            "explanation": failure.explanation}
