"""Every example program has example cases beside it; they all pass and cover every rule and condition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pointrules
from pointrules.cases import Coverage, cases_path, check_cases, load_cases, run_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROGRAMS = sorted(EXAMPLES.glob("*.points"))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_example_cases_pass_and_cover_everything(path):
    program = pointrules.load(path)
    cases = load_cases(cases_path(path))
    assert check_cases(program, cases, str(cases_path(path))) == []
    coverage = Coverage(program)
    failed = [r.case.name for r in (run_case(program, case, coverage) for case in cases) if not r.passed]
    assert failed == []
    assert coverage.missing() == [] and coverage.covered == coverage.total


def test_at_least_thirty_cases_across_the_examples():
    count = sum(len(load_cases(cases_path(p))) for p in PROGRAMS)
    assert len(PROGRAMS) >= 6 and count >= 30


def test_the_command_on_the_examples(pointrules_test):
    result = pointrules_test("--coverage", "--fail-under", "100", "examples/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d+ passed, 0 failed", result.stdout.rstrip("\n").splitlines()[-1])
    assert "coverage: 100.0%" in result.stdout
