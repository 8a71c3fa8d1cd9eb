"""`pointrules test`, driven as a user would run it: exit status, output, summary, coverage, filter."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

GOOD = """
[[case]]
name = "gold member buys electronics in the app"
tier = "gold"
[[case.event]]
kind = "purchase"
time = 2026-05-01T10:00:00+08:00
amount = "999.99"
category = "electronics"
channel = "app"
expect = { points = POINTS, rules = { base = 2997, app_bonus = 5 } }  # 999 x 2 x 1.5 = 2,997, + 5

[[case]]
name = "a check-in"
[[case.event]]
kind = "checkin"
time = 2026-03-07T08:00:00+08:00
streak = 7
expect = { points = 55 }  # 5 + 50
"""


@pytest.fixture
def shop_dir(tmp_path):
    """A folder with a copy of the shop program and a cases file to fill in."""
    shutil.copy(EXAMPLES / "shop.points", tmp_path / "shop.points")
    return tmp_path


def last_line(output: str) -> str:
    return output.rstrip("\n").splitlines()[-1]


def test_all_pass_exit_0_and_summary_last(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    result = pointrules_test(str(shop_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert last_line(result.stdout) == "2 passed, 0 failed"
    assert result.stderr == ""  # not a terminal: no progress


def test_a_failing_case_shows_expected_actual_and_explanation(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3003"), encoding="utf-8")
    result = pointrules_test(str(shop_dir / "shop.points"))
    assert result.returncode == 1
    out = result.stdout
    # GOOD starts with a blank line: the case's [[case]] is line 2, its [[case.event]] line 5
    assert "FAIL " in out and "shop.cases.toml:2: gold member buys electronics in the app" in out
    assert "event e1 (purchase, member m1, 2026-05-01T10:00:00+08:00) at " in out
    assert "shop.cases.toml:5\n" in out
    assert "points: expected 3,003, got 3,002" in out
    assert "explanation:" in out and "+3,002 points for m1" in out
    assert "a check-in" not in out  # passing cases are not listed
    assert last_line(out) == "1 passed, 1 failed"


def test_a_cases_file_can_be_given_directly(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    result = pointrules_test(str(shop_dir / "shop.cases.toml"))
    assert result.returncode == 0 and last_line(result.stdout) == "2 passed, 0 failed"


def test_filter_runs_matching_cases(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3003"), encoding="utf-8")
    result = pointrules_test(str(shop_dir), "--filter", "CHECK-IN")  # ignoring case
    assert result.returncode == 0 and last_line(result.stdout) == "1 passed, 0 failed"


def test_coverage_lists_what_no_case_exercised(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    result = pointrules_test(str(shop_dir), "--coverage")
    assert result.returncode == 0
    out = result.stdout
    # fired: base, electronics, app_bonus, checkin = 4 of 8 rules; seen: electronics true, app_bonus true,
    # checkin's `streak % 7 = 0` true = 3 of 6 outcomes; 7 of 14 = 50.0%
    assert "shop.points: 50.0% (7 of 14 rules and condition outcomes)" in out
    assert re.search(r"rule `review` \(line \d+\) never fired", out)
    assert re.search(r'rule `app_bonus` when `channel = "app"` \(line \d+\) never false', out)
    assert re.search(r"rule `checkin` earn 2 when `streak % 7 = 0` \(line \d+\) never false", out)
    assert "coverage: 50.0% (7 of 14)" in out
    assert last_line(out) == "2 passed, 0 failed"


def test_fail_under(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    low = pointrules_test(str(shop_dir), "--fail-under", "50")
    assert low.returncode == 0  # 7 of 14 = 50%: not below
    high = pointrules_test(str(shop_dir), "--fail-under", "50.1%")
    assert high.returncode == 1
    assert "coverage 50.0% is below --fail-under 50.1%" in high.stdout
    assert last_line(high.stdout) == "2 passed, 0 failed"
    bad = pointrules_test(str(shop_dir), "--fail-under", "lots")
    assert bad.returncode == 2 and "is not a percentage" in bad.stderr


@pytest.mark.parametrize("args", [["no/such/place"], ["examples/shop.events.jsonl"]])
def test_usage_errors_exit_2(pointrules_test, args):
    result = pointrules_test(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")


def test_a_program_without_cases_given_directly_is_an_error(pointrules_test, shop_dir):
    result = pointrules_test(str(shop_dir / "shop.points"))
    assert result.returncode == 2
    assert "no example cases for" in result.stderr and "(looked for shop.cases.toml)" in result.stderr


def test_a_folder_without_any_cases_is_an_error(pointrules_test, shop_dir):
    result = pointrules_test(str(shop_dir))
    assert result.returncode == 2 and "no example cases found" in result.stderr


def test_programs_without_cases_in_a_folder_are_noted(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    shutil.copy(EXAMPLES / "shop.points", shop_dir / "other.points")
    result = pointrules_test(str(shop_dir))
    assert result.returncode == 0
    assert "other.points has no example cases (looked for other.cases.toml)" in result.stderr


def test_a_cases_file_without_its_program(pointrules_test, tmp_path):
    (tmp_path / "lost.cases.toml").write_text(GOOD, encoding="utf-8")
    result = pointrules_test(str(tmp_path))
    assert result.returncode == 2 and "lost.cases.toml has no program beside it" in result.stderr


def test_a_program_that_does_not_load_prints_its_diagnostics(pointrules_test, tmp_path):
    (tmp_path / "bad.points").write_text('program "bad"\ncurrency CNY\nrule x on nothing {\n', encoding="utf-8")
    (tmp_path / "bad.cases.toml").write_text(GOOD, encoding="utf-8")
    result = pointrules_test(str(tmp_path))
    assert result.returncode == 2
    assert "bad.points does not load" in result.stderr and "error[PR" in result.stderr
    assert last_line(result.stdout) == "0 passed, 0 failed"


def test_a_malformed_cases_file_is_reported_without_a_traceback(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002").replace("expect = { points = 55 }",
                                                                                      "expect = { pionts = 55 }"))
    result = pointrules_test(str(shop_dir))
    assert result.returncode == 2
    assert "shop.cases.toml: case `a check-in`: event 1: expect: unknown key `pionts`; did you mean `points`?" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_toml_is_reported_with_its_line(pointrules_test, shop_dir):
    (shop_dir / "shop.cases.toml").write_text('[[case]]\nname = "open\n', encoding="utf-8")
    result = pointrules_test(str(shop_dir))
    assert result.returncode == 2 and "shop.cases.toml: not valid TOML" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_has_examples(pointrules_test):
    result = pointrules_test("--help")
    assert result.returncode == 0 and "pointrules test --coverage --fail-under 100 examples/" in result.stdout
