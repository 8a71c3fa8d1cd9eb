"""Example cases: a program's own tests, written by marketers beside the program (NAME.cases.toml
beside NAME.points), and the runner behind ``pointrules test``.

Theory of operation: ``load_cases`` reads the TOML (money exact: ``parse_float=Decimal``) into
frozen ``Case`` objects and reports every problem of the file at once (``CaseFileError``), never a
traceback; ``check_cases`` then checks the cases against their program (tiers, kinds, fields, rule
names). ``run_case`` evaluates the events of one case in order against one fresh ``MemoryState``
and compares each ``expect`` with the award. ``Coverage`` watches which rules fired and which
conditions were seen both true and false, by an observer the evaluator shows every condition it decides.
docs/cases.md describes the format.

- ``model.py``: what a case is (``Case``, ``CaseEvent``, ``Expect``) and what a run finds
  (``CaseResult``, ``EventFailure``, ``Mismatch``);
- ``reader.py``: the file (where it lives, reading it, checking it against its program);
- ``runner.py``: running a case and comparing each expectation with the award;
- ``coverage.py``: which rules and conditions the cases exercised;
- ``scenarios.py`` and ``scenario_runner.py``: scenarios (``[[scenario]]``), sequences of steps
  (events, redemptions, returns, expiry, adjustments, transfers) run on an in-memory ledger;
- ``values.py``: what the readers share (TOML values as sent, unknown keys, instants);
- ``versions.py``: cases across a program's versions (``versions.cases.toml`` in their folder).
"""

from __future__ import annotations

from pointrules.cases.coverage import Condition, Coverage, percent
from pointrules.cases.model import (
    Case,
    CaseEvent,
    CaseFileError,
    CaseResult,
    EventFailure,
    Expect,
    Mismatch,
)
from pointrules.cases.reader import (
    SUFFIX,
    CasesFile,
    cases_path,
    check_cases,
    load_cases,
    load_file,
    loads_cases,
    loads_file,
    parse_cases,
    program_path,
)
from pointrules.cases.runner import run_case
from pointrules.cases.scenario_runner import ScenarioResult, StepFailure, run_scenario
from pointrules.cases.scenarios import Scenario, Step, StepExpect, check_scenarios

__all__ = [
    "SUFFIX",
    "Case",
    "CaseEvent",
    "CaseFileError",
    "CaseResult",
    "CasesFile",
    "Condition",
    "Coverage",
    "EventFailure",
    "Expect",
    "Mismatch",
    "Scenario",
    "ScenarioResult",
    "Step",
    "StepExpect",
    "StepFailure",
    "cases_path",
    "check_cases",
    "check_scenarios",
    "load_cases",
    "load_file",
    "loads_cases",
    "loads_file",
    "parse_cases",
    "percent",
    "program_path",
    "run_case",
    "run_scenario",
]
