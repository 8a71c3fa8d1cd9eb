"""`pointrules test --coverage-format lcov|json`: the coverage as files CI coverage tools read, with
the figures worked out by hand for the shop program and two cases."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pointrules.cli import main

from test_case_command import GOOD

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GENHTML = shutil.which("genhtml")


@pytest.fixture
def shop_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shop program (examples/shop.points) with two passing cases: a gold member buys electronics
    in the app on 2026-05-01 (not a double-points day), and a check-in of a 7-day streak."""
    shutil.copy(EXAMPLES / "shop.points", tmp_path / "shop.points")
    (tmp_path / "shop.cases.toml").write_text(GOOD.replace("POINTS", "3002"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _records(text: str) -> dict[str, list[str]]:
    """An lcov tracefile's records by kind: {"DA": ["31,1", ...], ...}, for the one SF it holds."""
    lines = text.splitlines()
    assert lines[0] == "TN:pointrules" and lines[1] == "SF:shop.points" and lines[-1] == "end_of_record"
    found: dict[str, list[str]] = {}
    for line in lines[2:-1]:
        kind, _, value = line.partition(":")
        found.setdefault(kind, []).append(value)
    return found


def test_lcov_has_each_rule_line_hit_as_often_as_the_rule_fired(shop_dir: Path, capsys) -> None:
    assert main(["test", "--coverage-format", "lcov", "shop.points"]) == 0
    assert "2 passed, 0 failed" in capsys.readouterr().out
    got = _records((shop_dir / "coverage.lcov").read_text(encoding="utf-8"))
    # the purchase fires base, electronics and app_bonus; the check-in fires checkin; signup, referral,
    # review and double_day (05-01 is no campaign day) never fire: 4 of 8 rules
    assert got["FN"] == ["31,base", "35,electronics", "39,app_bonus", "43,signup", "47,referral",
                         "51,checkin", "56,review", "63,double_day"]
    assert got["FNDA"] == ["1,base", "1,electronics", "1,app_bonus", "0,signup", "0,referral",
                           "1,checkin", "0,review", "0,double_day"]
    assert (got["FNF"], got["FNH"]) == (["8"], ["4"])
    # each rule's lines with code (shop.points lines 31-33, 35-37 … 63-65; no blank or comment-only
    # line inside a rule): 3+3+3+3+3+4+4+3 = 26, of which base, electronics, app_bonus, checkin's 13 hit
    expected = {n: 1 for n in [31, 32, 33, 35, 36, 37, 39, 40, 41, 51, 52, 53, 54]}
    expected.update({n: 0 for n in [43, 44, 45, 47, 48, 49, 56, 57, 58, 59, 63, 64, 65]})
    assert got["DA"] == [f"{n},{hits}" for n, hits in sorted(expected.items())]
    assert (got["LF"], got["LH"]) == (["26"], ["13"])
    # three conditions, each seen true once and never false: branch 0 is true, 1 is false
    assert got["BRDA"] == ["35,0,0,1", "35,0,1,0", "39,1,0,1", "39,1,1,0", "53,2,0,1", "53,2,1,0"]
    assert (got["BRF"], got["BRH"]) == (["6"], ["3"])


def test_a_condition_never_decided_is_a_dash(shop_dir: Path) -> None:
    # only the check-in runs: electronics' and app_bonus' conditions are never decided
    assert main(["test", "-q", "-k", "check-in", "--coverage-file", "out/cov.lcov", "shop.points"]) == 0
    got = _records((shop_dir / "out" / "cov.lcov").read_text(encoding="utf-8"))
    assert got["BRDA"][:4] == ["35,0,0,-", "35,0,1,-", "39,1,0,-", "39,1,1,-"]
    assert got["FNH"] == ["1"] and got["BRH"] == ["1"]


def test_json_coverage(shop_dir: Path) -> None:
    assert main(["test", "-q", "--coverage-file", "coverage.json", "shop.points"]) == 0
    doc = json.loads((shop_dir / "coverage.json").read_text(encoding="utf-8"))
    # 4 rules fired of 8 + 3 outcomes seen of 2 x 3 = 7 of 14: 50.0%
    assert doc["totals"] == {"covered": 7, "total": 14, "percent": 50.0}
    (shop,) = doc["files"]
    assert shop["file"] == "shop.points" and shop["percent"] == 50.0
    assert shop["rules"][0] == {"name": "base", "line": 31, "fired": 1}
    assert shop["conditions"][2] == {"rule": "checkin", "place": "earn 2 when", "line": 53, "column": 23,
                                     "text": "streak % 7 = 0", "true": 1, "false": 0}
    assert "rule `review` (line 56) never fired" in shop["missing"]


def test_a_report_that_cannot_be_written_is_exit_two(shop_dir: Path, capsys) -> None:
    (shop_dir / "taken").write_text("a file, not a folder", encoding="utf-8")
    assert main(["test", "--coverage-format", "json", "--coverage-file", "taken/c.json", "shop.points"]) == 2
    assert "error: cannot write taken/c.json" in capsys.readouterr().err


@pytest.mark.skipif(GENHTML is None and os.environ.get("CI") != "true",
                    reason="needs genhtml (apt-get install lcov; CI installs it)")
def test_genhtml_reads_the_tracefile(shop_dir: Path) -> None:
    assert main(["test", "-q", "--coverage-format", "lcov", "shop.points"]) == 0
    done = subprocess.run(["genhtml", "--branch-coverage", "-o", "html", "coverage.lcov"],
                          capture_output=True, text=True, cwd=shop_dir, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "lines......: 50.0% (13 of 26 lines)" in done.stdout  # 13 of 26, as above
    assert "functions..: 50.0% (4 of 8 functions)" in done.stdout
    (page,) = (shop_dir / "html").rglob("shop.points.gcov.html")  # in a folder named as shop_dir
    assert "earn 1 point per 1 CNY of amount" in page.read_text(encoding="utf-8")  # the program's lines
