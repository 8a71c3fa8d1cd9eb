"""Hostile event streams through the real command line (issue 16): no traceback, no lost lines, no
forged or terminal-controlling output; every rejection names its line and field."""

from __future__ import annotations

import json

import pytest

COFFEE = "examples/coffee.points"
SHOP = "examples/shop.points"


def cup(event_id: str, member: str = "m1", time: str = "2026-05-01T10:00:00+08:00") -> dict:
    # 33.50 CNY, one cup, at a store at 10:00: floor(33.50) × 2 = 66, + 5 for the cup = 71 (not early)
    return {"id": event_id, "kind": "purchase", "member": member, "time": time, "amount": "33.50", "cups": 1,
            "drinks": ["latte"], "channel": "store", "store": "SH001"}


def write_lines(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


HOSTILE_IDS = ["a\x1b]0;pwned\x07", "b\nline 9: event x: field id: forged", "c\u202etxt.exe", "d\x9b31m"]


@pytest.mark.parametrize("ledger", [False, True], ids=["memory", "ledger"])
def test_rejection_lines_escape_what_the_event_holds(pointrules, tmp_path, ledger):
    # each hostile id on an event that is refused (no amount): four rejections, four stderr lines
    lines = [json.dumps({**cup(i), "amount": None}) for i in HOSTILE_IDS]
    events = write_lines(tmp_path / "events.jsonl", lines)
    extra = ["--ledger", str(tmp_path / "p.db")] if ledger else []
    result = pointrules("simulate", COFFEE, events, *extra)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 4 and all(e.isprintable() for e in errors)
    assert errors[0] == f"{events}:1: " "event a\\u{001b}]0;pwned\\u{0007}: field amount: `amount` is missing"
    assert errors[1].startswith(f"{events}:2: " "event b\\u{000a}line 9: event x: field id: forged: field amount:")
    assert "\\u{202e}" in errors[2] and "\\u{009b}" in errors[3]


@pytest.mark.parametrize("extra", [["--awards", "-"], ["--ledger", "L"]], ids=["awards", "ledger"])
def test_a_lone_surrogate_is_one_rejection_and_the_stream_goes_on(pointrules, tmp_path, extra):
    lines = [json.dumps(cup("e1")), json.dumps(cup("e2", member="\ud800")), json.dumps(cup("e3", member="m3"))]
    events = write_lines(tmp_path / "events.jsonl", lines)
    extra = [str(tmp_path / "p.db") if a == "L" else a for a in extra]
    result = pointrules("simulate", COFFEE, events, *extra)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    rejected = (f"{events}:2: " "event e2: field member: `\\u{d800}` is not valid Unicode text (it holds a lone "
                "surrogate, half of a UTF-16 pair)")
    assert result.stderr.splitlines()[0] == rejected
    # the award rows alone on standard output with `--awards -`: the summary goes to standard error
    summary = result.stderr if "-" in extra else result.stdout
    assert "accepted: 2" in summary and "points: 142" in summary  # 71 + 71
    if "-" in extra:
        assert [json.loads(r)["event"] for r in result.stdout.splitlines()] == ["e1", "e3"]
    else:
        assert result.stderr.splitlines() == [rejected]


def test_eval_refuses_a_lone_surrogate_by_field(pointrules):
    result = pointrules("eval", COFFEE, "--event", json.dumps(cup("e1", member="\ud800")))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: event e1: field member: `\\u{d800}` is not valid Unicode text")


def test_eval_refuses_an_offset_with_seconds(pointrules):
    # 10:00:00+08:00:30 was read as 09:59:30 in Shanghai and earned the early-bird 10 (81 points)
    result = pointrules("eval", COFFEE, "--event", json.dumps(cup("e1", time="2026-05-01T10:00:00+08:00:30")))
    assert result.returncode == 1
    assert result.stderr.startswith("error: event e1: field time: `2026-05-01T10:00:00+08:00:30` is not a time like")


def test_a_giant_line_is_rejected_unread_and_the_rest_runs(pointrules, tmp_path):
    big = json.dumps({**cup("big"), "store": "x" * 1_200_000})
    events = write_lines(tmp_path / "events.jsonl", [json.dumps(cup("e1")), big, json.dumps(cup("e2", "m2"))])
    result = pointrules("simulate", COFFEE, events)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{events}:2: event ?: field -: this line has {len(big):,} bytes, more than the 1,000,000 an event line "
        "may have; it was skipped unread"]
    assert "events read: 3" in result.stdout and "accepted: 2" in result.stdout


def test_a_byte_order_mark_opens_a_file_but_no_line(pointrules, tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_bytes(b"\xef\xbb\xbf" + json.dumps(cup("e1")).encode() + b"\n\xef\xbb\xbf"
                       + json.dumps(cup("e2", "m2")).encode() + b"\n")
    members = tmp_path / "members.jsonl"
    members.write_bytes(b'\xef\xbb\xbf{"id": "m1", "tier": "star"}\n')
    result = pointrules("simulate", COFFEE, str(events), "--members", str(members))
    assert result.returncode == 1 and "accepted: 1" in result.stdout
    assert result.stderr.splitlines() == [
        f"{events}:2: event ?: field -: the line starts with a byte-order mark (U+FEFF); one is dropped only at the "
        "very start of a file"]


@pytest.mark.parametrize("member, message", [
    ('{"id": "m1", "tier": ["gold"]}', "members line 1: `tier` must be the text name of a tier"),
    ('{"id": "m1", "tier": "\\u001b[2J"}', "members line 1: `\\u{001b}[2J` is not a tier of this program"),
])
def test_a_bad_profile_is_a_clear_error(pointrules, tmp_path, member, message):
    events = write_lines(tmp_path / "events.jsonl", [json.dumps(cup("e1"))])
    members = write_lines(tmp_path / "members.jsonl", [member])
    result = pointrules("simulate", COFFEE, events, "--members", members)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr and result.stderr.strip().isprintable()
    evaluated = pointrules("eval", COFFEE, "--member", member, "--event", json.dumps(cup("e1")))
    assert evaluated.returncode == 2 and "Traceback" not in evaluated.stderr


def test_the_ledger_rejects_a_duplicate_within_a_stream_as_simulate_does(pointrules, tmp_path):
    lines = [json.dumps(cup("e1")), json.dumps(cup("e2", "m2")), json.dumps(cup("e1"))]
    events = write_lines(tmp_path / "events.jsonl", lines)
    plain = pointrules("simulate", COFFEE, events)
    db = str(tmp_path / "p.db")
    first = pointrules("simulate", COFFEE, events, "--ledger", db)
    duplicate = [f"{events}:3: event e1: field id: event `e1` was already processed; it is never paid twice"]
    assert plain.stderr.splitlines() == first.stderr.splitlines() == duplicate
    assert plain.returncode == first.returncode == 1
    assert first.stdout == plain.stdout + "already in the ledger (skipped): 0\n"
    # A rerun (after a crash, say) skips what the ledger holds, and the stream's own duplicate is
    # still the stream's fault.
    again = pointrules("simulate", COFFEE, events, "--ledger", db)
    assert again.stderr.splitlines() == duplicate and again.returncode == 1
    assert "points: 0" in again.stdout and "already in the ledger (skipped): 2" in again.stdout


def test_ledger_reports_show_ids_safely_as_text_and_exactly_as_json(pointrules, tmp_path):
    member = "m\x1b[2J\nm2  999,999"
    events = write_lines(tmp_path / "events.jsonl", [json.dumps(cup("e\x1b]0;t\x07", member=member))])
    db = str(tmp_path / "p.db")
    assert pointrules("simulate", COFFEE, events, "--ledger", db, "-q").returncode == 0
    at = ["--at", "2026-06-01T00:00:00+08:00"]
    balances = pointrules("ledger", "balances", db, *at)
    # the caption (what is counted, when), the header and one member: no forged line
    assert len(balances.stdout.splitlines()) == 3
    assert balances.stdout.splitlines()[2].startswith("m\\u{001b}[2J\\u{000a}m2  999,999")
    assert json.loads(pointrules("ledger", "balances", db, *at, "--format", "jsonl").stdout)["member"] == member
    history = pointrules("ledger", "history", db, "--member", member)
    assert all(line.isprintable() for line in history.stdout.splitlines())
    assert "e\\u{001b}]0;t\\u{0007}" in history.stdout
    expiring = pointrules("ledger", "expiring", db, *at, "--within", "400")
    assert all(line.isprintable() for line in expiring.stdout.splitlines()) and "\\u{001b}" in expiring.stdout
