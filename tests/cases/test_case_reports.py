"""`pointrules test` for CI: JUnit XML and JSON reports with each case's file and line, and -k."""

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pointrules.cli.selection import matcher

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
from test_case_command import GOOD

# the gold case fails on purpose (3,003 expected: 999 x 2 x 1.5 = 2,997, + 5 = 3,002); GOOD starts with
# a blank line: [[case]] headers on lines 2 and 13, the first event's [[case.event]] on line 5
CASES = GOOD.replace("POINTS", "3003")
# a scenario after them (its [[scenario]] on line 21, the step on 24) that fails: a check-in of a 7-day
# streak earns 5 + 50 = 55, not 60
SCENARIO = """
[[scenario]]
name = "streak"

[[scenario.step]]
event = "checkin"
time = 2026-03-07T08:00:00+08:00
streak = 7
expect = { points = 60 }
"""


@pytest.fixture
def shop_dir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "shop.points", tmp_path / "shop.points")
    (tmp_path / "shop.cases.toml").write_text(CASES, encoding="utf-8")
    return tmp_path


def test_junit_report_has_each_case_with_its_file_and_line(shop_dir: Path, pointrules_test) -> None:
    done = pointrules_test("--format", "junit", "shop.cases.toml", cwd=shop_dir)
    assert done.returncode == 1
    root = ET.fromstring(done.stdout)
    assert root.tag == "testsuites" and (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("name") == "shop.cases.toml" and suite.get("failures") == "1"
    first, second = suite
    assert (first.get("name"), first.get("file"), first.get("line")) == (
        "gold member buys electronics in the app", "shop.cases.toml", "2")
    assert second.get("line") == "13" and second.find("failure") is None
    failure = first.find("failure")
    assert failure.get("message") == "event e1: points: expected 3,003, got 3,002"
    assert "shop.cases.toml:2: gold member" in failure.text and "at shop.cases.toml:5" in failure.text
    assert float(first.get("time")) >= 0


def test_json_report(shop_dir: Path, pointrules_test) -> None:
    done = pointrules_test("--format", "json", "shop.cases.toml", cwd=shop_dir)
    doc = json.loads(done.stdout)
    assert doc["summary"] == {"passed": 1, "failed": 1, "errors": 0}
    failed = doc["cases"][0]
    assert (failed["file"], failed["line"], failed["outcome"]) == ("shop.cases.toml", 2, "failed")
    assert failed["failures"][0]["line"] == 5
    assert failed["failures"][0]["mismatches"] == [{"what": "points", "expected": "3,003", "actual": "3,002"}]
    assert doc["cases"][1]["outcome"] == "passed"


def test_output_file_keeps_the_text_report_on_standard_output(shop_dir: Path, pointrules_test) -> None:
    done = pointrules_test("--format", "junit", "--output-file", "reports/junit.xml", ".", cwd=shop_dir)
    assert done.stdout.rstrip().endswith("1 passed, 1 failed") and "FAIL" in done.stdout
    assert ET.parse(shop_dir / "reports" / "junit.xml").getroot().get("tests") == "2"


def test_scenarios_are_in_the_reports_with_their_lines(shop_dir: Path, pointrules_test) -> None:
    cases = shop_dir / "shop.cases.toml"
    cases.write_text(CASES + SCENARIO, encoding="utf-8")
    assert CASES.count("\n") == 19  # 19 lines, then the blank line 20 the scenario starts with
    done = pointrules_test("--format", "json", "--output-file", "out.json", "shop.cases.toml", cwd=shop_dir)
    assert done.returncode == 1
    assert "shop.cases.toml:21: scenario streak" in done.stdout and "step 1 (line 24, " in done.stdout
    assert done.stdout.splitlines()[-1] == "1 passed, 2 failed"
    doc = json.loads((shop_dir / "out.json").read_text(encoding="utf-8"))
    story = doc["cases"][2]
    assert (story["kind"], story["name"], story["line"], story["outcome"]) == ("scenario", "streak", 21, "failed")
    assert story["failures"] == [{"step": 1, "action": "event", "line": 24, "mismatches": [
        {"what": "points", "expected": "+60", "actual": "+55"}]}]
    root = ET.fromstring(pointrules_test("--format", "junit", "-k", "streak", ".", cwd=shop_dir).stdout)
    (case,) = root.iter("testcase")
    assert (case.get("name"), case.get("line")) == ("scenario streak", "21")
    assert case.find("failure").get("message") == "step 1: points: expected +60, got +55"


def test_a_program_that_does_not_load_is_an_error_in_the_report(shop_dir: Path, pointrules_test) -> None:
    (shop_dir / "shop.points").write_text('program "Broken"\n', encoding="utf-8")
    done = pointrules_test("--format", "junit", ".", cwd=shop_dir)
    assert done.returncode == 2
    root = ET.fromstring(done.stdout)
    assert root.get("errors") == "1" and "does not load" in root.find(".//error").text


def test_k_selects_cases_by_words_of_their_names(shop_dir: Path, pointrules_test) -> None:
    done = pointrules_test("-k", "check-in", ".", cwd=shop_dir)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "1 passed, 0 failed"
    done = pointrules_test("-k", "gold and not app", ".", cwd=shop_dir)
    assert done.stdout.splitlines()[-1] == "0 passed, 0 failed"
    assert pointrules_test("-k", "gold and", ".", cwd=shop_dir).returncode == 2


def test_k_expressions() -> None:
    text = "gold member buys electronics in the app\nshop.cases.toml"
    assert matcher("gold")(text) and matcher("GOLD and app")(text) and matcher("shop")(text)
    assert not matcher("gold and not app")(text)
    assert matcher("silver or (gold and electronics)")(text)
    assert matcher('"member buys" and not refund')(text)
    assert not matcher("not (gold or silver)")(text)
    for bad in ("", "gold and", "(gold", "gold)", "and gold"):
        with pytest.raises(ValueError):
            matcher(bad)
