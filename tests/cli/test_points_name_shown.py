"""The points' own name (`points are called "京豆" / "beans"`, issue 13) wherever the command line
shows points as words: the ledger's reports and operations, the simulate summary, `diff`, and the
HTML reports; the JSON keys stay `points`, so a JSON consumer reads every program alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pointrules.cli import main

PROGRAM = """program "Beans"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding down
points are called "京豆" / "beans"
event order { amount: money }
expire at end of next year
rule shop "购物返豆" on order { earn 1 point per 1 CNY of amount }
redeem { at most 50% of order }
"""
# m1: 2,000.00 CNY earns 2,000 beans; m2: 1.00 CNY earns 1 bean (the singular)
EVENTS = [
    {"id": "o1", "kind": "order", "member": "m1", "time": "2026-03-02T12:00:00+08:00", "amount": "2000.00"},
    {"id": "o2", "kind": "order", "member": "m2", "time": "2026-03-03T12:00:00+08:00", "amount": "1.00"},
]
AT = "2026-04-01T00:00:00+08:00"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    program = tmp_path / "beans.points"
    program.write_text(PROGRAM, encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in EVENTS), encoding="utf-8")
    return {"program": str(program), "events": str(events), "db": str(tmp_path / "beans.db"), "dir": str(tmp_path)}


def out(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> str:
    capsys.readouterr()
    assert main(list(argv)) == status
    return capsys.readouterr().out


def test_simulate_summary_and_report_call_the_points_beans(files, capsys):
    report = Path(files["dir"]) / "run.html"
    text = out(capsys, "simulate", files["program"], files["events"], "--report", str(report))
    assert "beans: 2,001" in text.splitlines()  # 2,000 + 1
    assert "beans by rule:" in text and "beans by kind:" in text and "2 members earned beans" in text
    page = report.read_text("utf-8")
    assert "2 events, 2,001 beans (worth 20.01 CNY)" in page  # 2,001 / 100
    assert "<h2>Beans by rule</h2>" in page and "<th>beans</th>" in page and "Points by" not in page
    data = json.loads(page.split('id="data">')[1].split("</script>")[0])
    assert data["points"] == 2001 and data["by_rule"] == {"shop": 2001}  # keys stay


def test_the_chinese_summary_and_report_call_the_points_by_their_chinese_name(files, capsys):
    report = Path(files["dir"]) / "run.html"
    text = out(capsys, "simulate", files["program"], files["events"], "--report", str(report), "--lang", "zh")
    assert "京豆：2,001" in text.splitlines() and "按规则的京豆：" in text and "获得京豆的会员：2 人" in text
    page = report.read_text("utf-8")
    assert "2 个事件，共发放 2,001 京豆（价值 20.01 元），期末仍欠会员 2,001 京豆。" in page  # 2,001 / 100
    assert "<h2>按规则的京豆</h2>" in page and "<th>京豆</th>" in page and "积分" not in page


def test_ledger_reports_call_the_points_beans_and_keep_json_keys(files, capsys):
    assert main(["simulate", files["program"], files["events"], "--ledger", files["db"], "-q"]) == 0
    db = files["db"]
    lines = out(capsys, "ledger", "balances", db, "--at", AT).splitlines()
    assert lines[0] == "beans at 2026-04-01T00:00:00+08:00" and lines[1].split()[:2] == ["member", "available"]
    row = json.loads(out(capsys, "ledger", "balances", db, "--at", AT, "--member", "m1", "--format", "jsonl"))
    assert row["available"] == 2000 and "beans" not in row
    history = out(capsys, "ledger", "history", db, "--member", "m1").splitlines()
    assert history[0].split() == ["time", "reason", "beans", "operation", "note"]
    assert history[1].split() == ["2026-03-02T12:00:00+08:00", "earn", "+2,000", "o1"]
    # earned in 2026, expiring at the end of 2027: 639 days after 2026-04-01 at most
    expiring = out(capsys, "ledger", "expiring", db, "--at", AT, "--within", "700").splitlines()
    assert expiring[0].split() == ["member", "beans", "expires"]
    assert expiring[1].split() == ["m1", "2,000", "2027-12-31T23:59:59+08:00"]
    rows = out(capsys, "ledger", "expiring", db, "--at", AT, "--within", "700", "--format", "jsonl").splitlines()
    assert json.loads(rows[0])["points"] == 2000
    assert out(capsys, "ledger", "expire", db, "--at", "2028-01-01T00:00:00+08:00").startswith(
        "expired 2,001 beans of 2 members")


def test_quotes_and_redemptions_call_the_points_beans(files, capsys):
    assert main(["simulate", files["program"], files["events"], "--ledger", files["db"], "-q"]) == 0
    op = ["--program", files["program"], "--at", AT]
    # 50% of 100.00 is 50.00 CNY = 5,000 beans; m1 has 2,000, worth 20.00 CNY
    assert out(capsys, "ledger", "quote", files["db"], *op, "--member", "m1", "--order", "100.00") == (
        "m1 may use 2,000 beans on an order of 100.00: 20.00 CNY off (the member's usable balance)\n")
    # 50% of 1.00 is 50 beans; m2 has 1 bean, worth 0.01 CNY
    assert out(capsys, "ledger", "quote", files["db"], *op, "--member", "m2", "--order", "1.00") == (
        "m2 may use 1 bean on an order of 1.00: 0.01 CNY off (the member's usable balance)\n")
    quote = json.loads(out(capsys, "ledger", "quote", files["db"], *op, "--member", "m2", "--order", "1.00",
                           "--format", "json"))
    assert quote["points"] == 1 and quote["value"] == "0.01"
    receipt = out(capsys, "ledger", "redeem", files["db"], *op, "--id", "r1", "--member", "m1", "--order", "100.00",
                  "--operator", "alice").splitlines()
    assert receipt[1:] == ["  m1: -2,000 beans", "  m1 now has 0 available, 0 pending"]
    # m1 has nothing left to pay with: the refusal says beans too
    capsys.readouterr()
    assert main(["ledger", "redeem", files["db"], *op, "--id", "r2", "--member", "m1", "--order", "100.00",
                 "--operator", "alice"]) == 1
    assert "no beans can be used on this order" in capsys.readouterr().err


def test_diff_calls_the_points_as_the_new_version_does(files, capsys):
    new = Path(files["dir"]) / "new.points"
    new.write_text(PROGRAM.replace("earn 1 point per 1 CNY", "earn 2 points per 1 CNY"), encoding="utf-8")
    report = Path(files["dir"]) / "diff.html"
    text = out(capsys, "diff", files["program"], str(new), files["events"], "--report", str(report)).splitlines()
    # 2,001 -> 4,002 beans (2 x 2,000 + 2 x 1), +2,001 worth 20.01 CNY
    assert "beans: 2,001 -> 4,002 (+2,001, 20.01 CNY)" in text and "beans by rule:" in text
    page = report.read_text("utf-8")
    assert "<h2>Beans by rule</h2>" in page and "<td>beans</td><td>2,001</td><td>4,002</td>" in page
