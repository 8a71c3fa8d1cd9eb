"""A folder of a program's versions on the command line: check and lint check the set, simulate, diff
and eval evaluate each event with the version in force at its time (examples/teahouse; figures
worked by hand in tests/evaluate/test_versions.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEAHOUSE = ROOT / "examples" / "teahouse"


def test_check_and_lint_check_a_folder_of_versions_as_a_set(pointrules, tmp_path: Path) -> None:
    assert pointrules("check", str(TEAHOUSE), cwd=ROOT).returncode == 0
    folder = tmp_path / "tea"
    shutil.copytree(TEAHOUSE, folder)
    v2 = folder / "v2.points"
    v2.write_text(v2.read_text("utf-8").replace("version 2", "version 1"), "utf-8")
    for command in ("check", "lint"):
        result = pointrules(command, str(folder), cwd=tmp_path)
        assert result.returncode == 1
        assert "error[PR601]: two files are version 1 of `Teahouse Rewards`" in result.stderr + result.stdout


def test_simulate_a_folder_writes_each_rows_version(pointrules) -> None:
    result = pointrules("simulate", "examples/teahouse", "examples/teahouse/events.jsonl",
                        "--members", "examples/teahouse/members.jsonl", "--awards", "-", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # e1 v1 100; e2 v1 sign-in 5; e3 v1 100 (09:59:59); e4 v2 200 (10:00); e5 v2 sign-in 0 (one a day,
    # counted under v1 already); e6 v2 gold: 55 x 2 x 2 = 220
    assert [(r["event"], r["points"], r["version"]) for r in rows] == [
        ("e1", 100, 1), ("e2", 5, 1), ("e3", 100, 1), ("e4", 200, 2), ("e5", 0, 2), ("e6", 220, 2)]
    assert "points: 625" in result.stderr  # 100 + 5 + 100 + 200 + 0 + 220


def test_simulate_refuses_an_event_before_the_first_version(pointrules, tmp_path: Path) -> None:
    events = tmp_path / "early.jsonl"
    events.write_text('{"id": "x", "kind": "checkin", "member": "m1", "time": "2025-12-31T10:00:00+08:00"}\n',
                      "utf-8")
    result = pointrules("simulate", str(TEAHOUSE), str(events), cwd=tmp_path)
    assert result.returncode == 1
    assert "field time: `2025-12-31T10:00:00+08:00` is before the first version of the program" in result.stderr


def test_eval_takes_the_version_in_force(pointrules) -> None:
    before = pointrules("eval", "examples/teahouse", "--event", '{"id": "e", "kind": "purchase", "member": "m",'
                        ' "time": "2026-07-01T09:59:59+08:00", "amount": "100"}', cwd=ROOT)
    after = pointrules("eval", "examples/teahouse", "--event", '{"id": "e", "kind": "purchase", "member": "m",'
                       ' "time": "2026-07-01T10:00:00+08:00", "amount": "100"}', cwd=ROOT)
    assert json.loads(before.stdout.splitlines()[0])["points"] == 100  # version 1: 100 x 1
    assert json.loads(after.stdout.splitlines()[0])["points"] == 200  # version 2: 100 x 2


def test_diff_a_file_against_the_folder(pointrules) -> None:
    result = pointrules("diff", "examples/teahouse/v1.points", "examples/teahouse", "examples/teahouse/events.jsonl",
                        "--members", "examples/teahouse/members.jsonl", "--format", "json", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # version 1 alone: 100 + 5 + 100 + 100 + 0 + 82 (55 x 1.5) = 387; the folder: 625 (above)
    assert (data["points"]["old"], data["points"]["new"]) == (387, 625)
    assert data["guards"] == {"old": [], "new": []}


def test_a_ledger_of_a_folder_records_and_shows_each_entrys_version(pointrules, tmp_path: Path) -> None:
    db = str(tmp_path / "tea.db")
    recorded = pointrules("simulate", str(TEAHOUSE), str(TEAHOUSE / "events.jsonl"), "--members",
                          str(TEAHOUSE / "members.jsonl"), "--ledger", db, "-q", cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    redeemed = pointrules("ledger", "redeem", db, "--program", str(TEAHOUSE), "--id", "r1", "--member", "m1",
                          "--order", "5.00", "--points", "150", "--at", "2026-07-02T12:00:00+08:00",
                          "--operator", "alice", cwd=tmp_path)
    assert redeemed.returncode == 0, redeemed.stderr
    history = pointrules("ledger", "history", db, "--member", "m1", "--format", "jsonl", cwd=tmp_path)
    rows = [json.loads(line) for line in history.stdout.splitlines()]
    # e1 100 (v1), e2 5 (v1), e3 100 (v1), e4 200 (v2), e5 0 (no entry); the 150 points redeemed
    # under v2 come from the lots that expire first: e1's (2027-06-30 20:00) 100, e2's (2027-07-01
    # 09:00) 5, then 45 of e3's (2027-07-01 09:59:59): 100 + 5 + 45 = 150
    assert [(r["reason"], r["points"], r["operation"], r["version"]) for r in rows] == [
        ("earn", 100, "e1", 1), ("earn", 5, "e2", 1), ("earn", 100, "e3", 1), ("earn", 200, "e4", 2),
        ("redeem", -100, "r1", 2), ("redeem", -5, "r1", 2), ("redeem", -45, "r1", 2)]
    text = pointrules("ledger", "history", db, "--member", "m1", cwd=tmp_path).stdout.splitlines()
    assert text[0].split() == ["time", "reason", "points", "version", "operation", "note"]
    assert text[4].split()[:5] == ["2026-07-01T10:00:00+08:00", "earn", "+200", "2", "e4"]


def test_explain_a_folder_gives_each_versions_terms_with_its_dates(pointrules) -> None:
    result = pointrules("explain", "examples/teahouse", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Version 1, in force from 2026-01-01 until 2026-07-01 10:00\n\n")
    assert "\nVersion 2, in force from 2026-07-01 10:00\n\n" in out
    assert out.index("1 point for every full 1 CNY") < out.index("Version 2") < out.index("2 points for every full 1 CNY")
