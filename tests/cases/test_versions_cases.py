"""Cases across a program's versions (cases/versions.py): versions.cases.toml in a folder of versions
runs each event through the version in force at its time, on one state, and checks the version
that evaluated it; its scenarios run on a ledger of the versions. examples/teahouse: version 1 (from 2026-01-01) 1 point per full yuan, at most 500
points a day; version 2 (from 2026-07-01 10:00, Shanghai) 2 points per full yuan, at most 1,000."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pointrules import load_versions
from pointrules.cases import Mismatch, check_cases, check_scenarios, load_file, loads_cases, run_case, run_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEAHOUSE = EXAMPLES / "teahouse"
VERSIONS = load_versions(TEAHOUSE)

ACROSS = """
[[case]]
name = "across"
[[case.event]]
kind = "purchase"
time = 2026-07-01T09:00:00+08:00
amount = "400.00"
expect = { points = 400, version = 1 }
[[case.event]]
kind = "purchase"
time = 2026-07-01T10:30:00+08:00
amount = "400.00"
expect = { points = POINTS, version = VERSION }
"""


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_the_teahouse_cases_across_versions_pass(evaluator: str) -> None:
    found = load_file(TEAHOUSE / "versions.cases.toml")
    assert check_cases(VERSIONS, found.cases, "versions.cases.toml") == []
    assert check_scenarios(VERSIONS, found.scenarios, "versions.cases.toml") == []
    assert [run_case(VERSIONS, case, evaluator=evaluator).passed for case in found.cases] == [True, True]
    assert [run_scenario(VERSIONS, story, evaluator=evaluator).passed for story in found.scenarios] == [True]


def test_the_version_and_the_count_that_carried_are_checked() -> None:
    # version 2 pays 400 x 2 = 800; its cap of 1,000 a day has 1,000 - 400 = 600 left, since the
    # day's count of version 1's purchase carried (the same cap: per day, every kind): 800 -> 600
    case = loads_cases(ACROSS.replace("POINTS", "600").replace("VERSION", "2"))[0]
    assert run_case(VERSIONS, case).passed
    case = loads_cases(ACROSS.replace("POINTS", "800").replace("VERSION", "1"))[0]
    [failure] = run_case(VERSIONS, case).failures
    assert failure.mismatches == (Mismatch("version", "1", "2"), Mismatch("points", "800", "600"))


def test_an_event_before_the_first_version_or_a_version_in_one_programs_case_is_a_problem() -> None:
    early = loads_cases(ACROSS.replace("2026-07-01T09:00", "2025-12-31T23:00").replace("POINTS", "600")
                        .replace("VERSION", "2"))
    assert check_cases(VERSIONS, early, "f") == [
        "f: case `across`: event 1: `time`: `2025-12-31T23:00:00+08:00` is before the first version of the"
        " program: version 1 takes effect from 2026-01-01"]
    single = loads_cases(ACROSS.replace("POINTS", "600").replace("VERSION", "2"))
    assert check_cases(VERSIONS.programs[1], single, "f") == [
        f"f: case `across`: event {n}: expect: `version` is for a case across a program's versions"
        " (versions.cases.toml in their folder)" for n in (1, 2)]


def test_the_command_runs_them_and_a_scenario_across_versions(pointrules_test, tmp_path: Path) -> None:
    result = pointrules_test(str(TEAHOUSE / "versions.cases.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "3 passed, 0 failed"  # two cases and a scenario
    folder = tmp_path / "teahouse"
    shutil.copytree(TEAHOUSE, folder)
    with open(folder / "versions.cases.toml", "a", encoding="utf-8") as file:
        # a sign-in at 08:00 on the day of the switch, under version 1: 5 points; then a step before
        # the first version, a problem of the file
        file.write('\n[[scenario]]\nname = "later"\n[[scenario.step]]\nevent = "checkin"\n'
                   'time = 2026-07-01T08:00:00+08:00\nexpect = { points = 5 }\n')
    result = pointrules_test(str(folder / "versions.cases.toml"))
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "4 passed, 0 failed", result.stdout
    with open(folder / "versions.cases.toml", "a", encoding="utf-8") as file:
        file.write('[[scenario.step]]\nevent = "checkin"\ntime = 2025-07-01T08:00:00+08:00\n')
    result = pointrules_test(str(folder / "versions.cases.toml"))
    assert result.returncode == 2
    assert "step 2: `time`: `2025-07-01T08:00:00+08:00` is before the first version of the program" in result.stderr
