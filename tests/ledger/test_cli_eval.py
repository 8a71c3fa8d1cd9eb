"""`pointrules eval --history` and `--ledger`: an event tried on a prior state, the same as recording
it would give, and a ledger read without being written (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pointrules.ledger import StoreError, open_store
from pointrules.ledger.store import Batch

from cli_runner import run_cli
from ledger_helpers import ROOT

SHOP = str(ROOT / "examples" / "shop.points")
COFFEE = str(ROOT / "examples" / "coffee.points")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, ROOT)


def review(number: int, time: str, member: str = "m1") -> str:
    return json.dumps({"id": f"r{number}", "kind": "review", "member": member, "time": time, "product": f"p{number}"})


# shop.points: `rule review … earn 20 points; limit 3 times per day`, days in Asia/Shanghai
EARLIER = [review(1, "2026-03-02T09:00:00+08:00"), review(2, "2026-03-02T12:00:00+08:00"),
           review(3, "2026-03-02T20:00:00+08:00")]
FOURTH = review(4, "2026-03-02T23:30:00+08:00")  # 15:30 UTC: still 2 March in Shanghai
NEXT_DAY = review(5, "2026-03-03T00:10:00+08:00")  # 16:10 UTC on 2 March, but 3 March in Shanghai
PURCHASE = json.dumps({"id": "p1", "kind": "purchase", "member": "m1", "time": "2026-03-02T21:00:00+08:00",
                       "amount": "999.99", "category": "electronics", "channel": "app"})


def history(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "earlier.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def rows_and_explanation(result: subprocess.CompletedProcess[str]) -> tuple[list[dict], str]:
    assert result.returncode == 0, result.stderr
    *rows, explanation = result.stdout.splitlines()
    return [json.loads(r) for r in rows], explanation


def test_the_fourth_review_of_a_day_after_three_in_the_history_earns_nothing_and_names_the_limit(tmp_path: Path) -> None:
    earlier = history(tmp_path, EARLIER)
    rows, explanation = rows_and_explanation(run("eval", SHOP, "--history", earlier, "--event", FOURTH))
    assert [(r["points"], r["rules"]) for r in rows] == [(0, {"review": 0})]  # 3 paid already: 20 -> 0
    assert explanation == "+0 points for m1 (普通会员): 评价奖励 20 → 0 (评价奖励 pays at most 3 times a day)."
    zh = run("eval", SHOP, "--history", earlier, "--event", FOURTH, "--lang", "zh")
    assert zh.stdout.splitlines()[-1] == "+0 积分（m1，普通会员）：评价奖励 20 → 0（「评价奖励」每日最多 3 次）。"
    # the day ends at midnight in Shanghai: the next review is the first of 3 March, 20 points
    rows, _ = rows_and_explanation(run("eval", SHOP, "--history", earlier, "--event", NEXT_DAY))
    assert rows[0]["points"] == 20
    # without the history the same review is the first of its day: 20 points
    rows, _ = rows_and_explanation(run("eval", SHOP, "--event", FOURTH))
    assert rows[0]["points"] == 20
    # two earlier reviews leave one: the 3rd pays 20
    rows, _ = rows_and_explanation(run("eval", SHOP, "--history", history(tmp_path, EARLIER[:2]), "--event", FOURTH))
    assert rows[0]["points"] == 20


def test_eval_after_a_history_gives_the_row_simulate_gives_the_same_event_after_it(tmp_path: Path) -> None:
    earlier = history(tmp_path, [*EARLIER, PURCHASE])
    for tried in (FOURTH, NEXT_DAY):
        rows, _ = rows_and_explanation(run("eval", SHOP, "--history", earlier, "--event", tried))
        stream = run("simulate", SHOP, history(tmp_path, [*EARLIER, PURCHASE, tried]), "--awards", "-", "-q")
        assert rows == [json.loads(stream.stdout.splitlines()[-1])]


def test_a_history_that_cannot_be_replayed_whole_is_exit_2_naming_its_line(tmp_path: Path) -> None:
    earlier = history(tmp_path, [EARLIER[0], '{"id": "x", "kind": "refund", "member": "m1"}', EARLIER[0]])
    result = run("eval", SHOP, "--history", earlier, "--event", FOURTH)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{earlier}:2: event x: field kind" in result.stderr  # the first rejection, where it is
    assert "1 more rejected" in result.stderr  # line 3 repeats the id r1
    missing = run("eval", SHOP, "--history", str(tmp_path / "none.jsonl"), "--event", FOURTH)
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    both = run("eval", SHOP, "--history", earlier, "--ledger", "x.db", "--event", FOURTH)
    assert both.returncode == 2 and "not allowed with" in both.stderr


def _contents(target: str) -> object:
    """Everything a ledger holds: a SQLite file's bytes (and its folder's files), or a schema's rows."""
    if not target.startswith("postgresql://"):
        path = Path(target)
        return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())
    import psycopg

    with psycopg.connect(target) as conn:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables"
                                             " WHERE table_schema = current_schema() ORDER BY table_name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def test_eval_on_a_ledger_reads_its_state_and_leaves_it_untouched(tmp_path: Path, ledger_at: str) -> None:
    members = tmp_path / "members.jsonl"
    members.write_text('{"id": "m1", "tier": "gold"}\n', encoding="utf-8")
    recorded = run("simulate", SHOP, history(tmp_path, EARLIER), "--members", str(members), "--ledger", ledger_at, "-q")
    assert recorded.returncode == 0, recorded.stderr
    before = _contents(ledger_at)

    rows, explanation = rows_and_explanation(run("eval", SHOP, "--ledger", ledger_at, "--event", FOURTH))
    assert rows[0]["points"] == 0 and "pays at most 3 times a day" in explanation
    # gold, as the ledger keeps m1: floor(999 x 2 x 1.5) + 5 = 3,002 (a member would get 999 x 2 + 5 = 2,003)
    rows, explanation = rows_and_explanation(run("eval", SHOP, "--ledger", ledger_at, "--event", PURCHASE))
    assert rows[0]["points"] == 3002 and "(金卡)" in explanation
    # --member stands for the profile the ledger keeps
    rows, _ = rows_and_explanation(run("eval", SHOP, "--ledger", ledger_at, "--member", '{"id": "m1"}',
                                       "--event", PURCHASE))
    assert rows[0]["points"] == 2003
    again = run("eval", SHOP, "--ledger", ledger_at, "--event", EARLIER[2])
    assert again.returncode == 1 and "event `r3` is already in the ledger" in again.stderr
    other = run("eval", COFFEE, "--ledger", ledger_at, "--event", FOURTH)
    assert other.returncode == 2 and "a ledger of program `Shop Rewards`" in other.stderr
    assert _contents(ledger_at) == before  # byte for byte (SQLite), row for row (PostgreSQL)

    # recording the event gives the row eval gave
    tried, _ = rows_and_explanation(run("eval", SHOP, "--ledger", ledger_at, "--event", PURCHASE))
    stream = run("simulate", SHOP, history(tmp_path, [PURCHASE]), "--ledger", ledger_at, "--awards", "-", "-q")
    assert tried == [json.loads(line) for line in stream.stdout.splitlines()]


def test_eval_never_makes_a_ledger(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = run("eval", SHOP, "--ledger", str(missing), "--event", FOURTH)
    assert result.returncode == 2 and f"{missing}: cannot open the ledger: no such file" in result.stderr
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = run("eval", SHOP, "--ledger", str(empty), "--event", FOURTH)
    assert result.returncode == 2 and "no pointrules ledger here to read" in result.stderr
    assert empty.read_bytes() == b""


def test_a_read_only_store_refuses_a_write(tmp_path: Path, ledger_at: str) -> None:
    assert run("simulate", SHOP, history(tmp_path, EARLIER), "--ledger", ledger_at, "-q").returncode == 0
    store = open_store(ledger_at, readonly=True)
    try:
        with pytest.raises(StoreError), store.transaction() as tx:
            tx.write(Batch(sequence=tx.sequence() + 1, meta=(("program", "another"),)))
            getattr(tx, "flush", lambda: None)()  # PostgreSQL holds rows until the next read
        with store.transaction() as tx:
            assert tx.meta("program") == "Shop Rewards"
    finally:
        store.close()


def test_a_folder_of_versions_replays_its_history_across_the_switch_in_memory_and_on_a_ledger(tmp_path: Path) -> None:
    teahouse = str(ROOT / "examples" / "teahouse")  # version 2 from 2026-07-01 10:00 Shanghai; 1 sign-in a day earns 5
    checkin = '{"id": "c2", "kind": "checkin", "member": "m1", "time": "2026-07-01T11:00:00+08:00"}'
    earlier = history(tmp_path, ['{"id": "c1", "kind": "checkin", "member": "m1", "time": "2026-07-01T09:00:00+08:00"}'])
    rows, explanation = rows_and_explanation(run("eval", teahouse, "--history", earlier, "--event", checkin))
    # c1 (version 1) used the day's one sign-in: c2, by version 2, earns 0, on the state version 1 left
    assert [(r["points"], r["version"]) for r in rows] == [(0, 2)]
    rows, _ = rows_and_explanation(run("eval", teahouse, "--event", checkin))
    assert [(r["points"], r["version"]) for r in rows] == [(5, 2)]
    db = str(tmp_path / "tea.db")  # c1 recorded by the folder's ledger: the same answer from its state
    assert run("simulate", teahouse, earlier, "--ledger", db, "-q").returncode == 0
    rows, _ = rows_and_explanation(run("eval", teahouse, "--ledger", db, "--event", checkin))
    assert [(r["points"], r["version"]) for r in rows] == [(0, 2)]
