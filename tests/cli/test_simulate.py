"""`pointrules simulate` and `pointrules eval`, driven as a user would run them."""

from __future__ import annotations

import json

import pytest

SHOP = "examples/shop.points"

EVENTS = [
    {"id": "e1", "kind": "purchase", "member": "m42", "time": "2026-05-01T10:00:00+08:00",
     "amount": "999.99", "category": "electronics", "channel": "app"},
    {"id": "e2", "kind": "referral", "member": "m1", "time": "2026-12-31T17:30:00-05:00", "referee": "m9"},
    {"id": "e1", "kind": "signup", "member": "m1", "time": "2026-05-01T10:00:00+08:00"},  # duplicate id
    {"id": "e3", "kind": "purchase", "member": "m1", "time": "2026-05-01T10:00:00", "amount": 1,
     "category": "x", "channel": "web"},  # no UTC offset
    {"id": "e4", "kind": "purchase", "member": "m1", "time": "2026-05-01T10:00:00+08:00", "amount": "1.001",
     "category": "x", "channel": "web"},
] + [{"id": f"r{i}", "kind": "review", "member": "m7", "time": f"2026-03-02T0{i}:00:00+08:00", "product": "p"}
     for i in range(4)]


@pytest.fixture
def files(tmp_path):
    events = tmp_path / "events.jsonl"
    lines = [json.dumps(e, ensure_ascii=False) for e in EVENTS]
    lines.insert(3, "{not json")
    events.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    members = tmp_path / "members.jsonl"
    members.write_text('{"id": "m42", "tier": "gold"}\n', encoding="utf-8")
    return events, members, tmp_path


def test_rows_stderr_and_exit_status(pointrules, files):
    events, members, tmp = files
    out = tmp / "awards.jsonl"
    result = pointrules("simulate", SHOP, str(events), "--members", str(members), "--awards", str(out))
    assert result.returncode == 1  # some events were rejected
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"event": "e1", "kind": "purchase", "member": "m42", "points": 3002,
                       "available": "2026-05-01T10:00:00+08:00", "expires": "2027-12-31T23:59:59+08:00",
                       "rules": {"base": 2997, "app_bonus": 5}}
    assert list(rows[0]) == ["event", "kind", "member", "points", "available", "expires", "rules"]
    # 2026-12-31 17:30 -05:00 is 2027-01-01 06:30 in Shanghai: expires at the end of 2028
    assert rows[1] == {"event": "e2", "kind": "referral", "member": "m1", "points": 100,
                       "available": "2027-01-01T06:30:00+08:00", "expires": "2028-12-31T23:59:59+08:00",
                       "rules": {"referral": 100}}
    assert [(r["event"], r["points"]) for r in rows[2:]] == [("r0", 20), ("r1", 20), ("r2", 20), ("r3", 0)]
    assert rows[-1]["rules"] == {"review": 0}
    assert result.stderr.splitlines() == [  # each named FILE:LINE, as a compiler names a place
        f"{events}:3: event e1: field id: event `e1` was already processed; it is never paid twice",
        f"{events}:4: event ?: field -: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{events}:5: event e3: field time: `2026-05-01T10:00:00` has no UTC offset; add one, e.g. +08:00",
        f"{events}:6: event e4: field amount: money has 3 decimals; this currency has at most 2 decimals",
    ]
    assert "events read: 10" in result.stdout and "accepted: 6" in result.stdout and "rejected: 4" in result.stdout
    # each rule and kind with its label (shop.points: rule base "消费返积分", event review "评价")
    assert "  base (消费返积分): 2,997" in result.stdout and "  review (评价奖励): 60" in result.stdout
    assert "  purchase (消费): " in result.stdout


def test_awards_to_stdout_are_alone_there_and_the_summary_goes_to_stderr(pointrules, files):
    events, members, _ = files
    result = pointrules("simulate", SHOP, str(events), "--awards", "-")
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # every line a row: jq reads it
    assert rows[0]["points"] == 2003  # without --members m42 is a plain member: 999 x 2 + 5
    assert rows[-1]["event"] == "r3" and "events read: 10" in result.stderr


def test_the_summary_as_json(pointrules, files, tmp_path):
    events, members, _ = files
    result = pointrules("simulate", SHOP, str(events), "--members", str(members), "--awards", "-",
                        "--summary", "json")
    assert all(line.startswith('{"event": ') for line in result.stdout.splitlines())  # rows only
    summary = json.loads(result.stderr.splitlines()[-1])  # after the rejections, on one line
    # 10 events, 4 rejected (test_rows_stderr_and_exit_status); base earns 2,997 (999 x 2 x 1.5), review
    # 20 x 3 (the 4th of the day earns 0)
    assert (summary["read"], summary["accepted"], summary["rejected"]) == (10, 6, 4)
    assert summary["by_rule"][0] == {"rule": "base", "label": "消费返积分", "points": 2997}
    assert {"rule": "review", "label": "评价奖励", "points": 60} in summary["by_rule"]
    assert summary["by_kind"][0]["kind"] == "purchase" and summary["by_kind"][0]["label"] == "消费"
    assert summary["points"] == sum(k["points"] for k in summary["by_kind"])
    assert (summary["program"], summary["events"], summary["skipped"]) == (SHOP, str(events), None)
    out = tmp_path / "summary.json"
    quiet = pointrules("simulate", SHOP, str(events), "--summary", "json", "--summary-file", str(out), "-q")
    assert quiet.stdout == "" and json.loads(out.read_text(encoding="utf-8"))["accepted"] == 6
    text = tmp_path / "summary.txt"
    pointrules("simulate", SHOP, str(events), "--summary-file", str(text))
    assert text.read_text(encoding="utf-8").startswith("events read: 10\n")


def test_without_awards_only_the_summary_is_printed(pointrules, files):
    events, _, _ = files
    result = pointrules("simulate", SHOP, str(events))
    assert "{" not in result.stdout and result.stdout.startswith("events read:")


def test_clean_stream_exits_0(pointrules, tmp_path):
    events = tmp_path / "ok.jsonl"
    events.write_text(json.dumps({"id": "s1", "kind": "signup", "member": "m1",
                                  "time": "2026-03-02T10:00:00+08:00"}) + "\n", encoding="utf-8")
    result = pointrules("simulate", SHOP, str(events), "--awards", "-")
    assert result.returncode == 0 and result.stderr.startswith("events read: 1\n")  # no rejection: the summary alone
    assert json.loads(result.stdout.splitlines()[0])["points"] == 100


def test_unknown_tier_in_members_file_is_a_usage_error(pointrules, files, tmp_path):
    events, _, _ = files
    members = tmp_path / "bad.jsonl"
    members.write_text('{"id": "m1", "tier": "platinum"}\n', encoding="utf-8")
    result = pointrules("simulate", SHOP, str(events), "--members", str(members))
    assert result.returncode == 2 and "platinum" in result.stderr


def test_eval_prints_the_award_and_its_explanation(pointrules):
    event = json.dumps(EVENTS[0])
    result = pointrules("eval", SHOP, "--event", event, "--member", '{"id": "m42", "tier": "gold"}', "--lang", "zh")
    assert result.returncode == 0
    row, text = result.stdout.splitlines()
    assert json.loads(row)["points"] == 3002
    assert text.startswith("+3,002 积分（m42，金卡）：消费返积分 999 × 电子产品双倍 ×2 × 金卡 ×1.5 = 2,997")


def test_eval_reports_a_bad_event(pointrules):
    result = pointrules("eval", SHOP, "--event", '{"id": "x", "kind": "refund", "member": "m", "time": "2026-01-01T00:00:00Z"}')
    assert result.returncode == 1 and "field kind" in result.stderr


AIRLINE_EVENTS = [
    {"id": "f1", "kind": "flight", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "fare": "1000.00",
     "cabin": "business", "distance": 6000},
    {"id": "d1", "kind": "dining", "member": "m1", "time": "2026-03-03T19:00:00+08:00", "amount": "100.00"},
]


def test_rows_of_a_program_with_tier_points_carry_them_and_other_programs_rows_do_not(pointrules, tmp_path):
    events = tmp_path / "flights.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in AIRLINE_EVENTS), encoding="utf-8")
    run = pointrules("simulate", "examples/airline.points", str(events), "--awards", "-", "-q")
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    # f1: 1,000 points; tier points 1,000 + 1,000 (business) + 1,000 (long haul, 6,000 km) = 3,000
    assert [(r["points"], r["tier_points"]) for r in rows] == [(1000, 3000), (50, 0)]  # d1: 100 / 2, none
    assert list(rows[0]) == ["event", "kind", "member", "points", "available", "expires", "rules", "tier_points"]
    shop = tmp_path / "shop.jsonl"
    shop.write_text(json.dumps(EVENTS[0]) + "\n", encoding="utf-8")
    plain = json.loads(pointrules("simulate", SHOP, str(shop), "--awards", "-", "-q").stdout)
    assert list(plain) == ["event", "kind", "member", "points", "available", "expires", "rules"]
