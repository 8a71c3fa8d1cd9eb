"""`pointrules ledger adjust|redeem|quote|transfer|return|retier` on a SQLite ledger of coffee.points:
receipts, audit in the history, exit statuses, and refusals that move nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pointrules.cli import main

ROOT = Path(__file__).resolve().parents[2]
COFFEE = str(ROOT / "examples" / "coffee.points")
AT = "2026-03-05T12:00:00+08:00"

# examples/coffee.events.jsonl: m1 earns 2 x 750 + 5 x 3 = 1,515 (o1, 03-02) and 2 x 900 + 5 x 2 = 1,810
# (o2, 03-03), 3,325 in all, as a star (x1; under the daily cap of 2,000); m2 checks in for 5.


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "points.db")
    assert main(["simulate", COFFEE, str(ROOT / "examples" / "coffee.events.jsonl"), "--ledger", path, "-q"]) == 0
    capsys.readouterr()
    return path


def ledger(db: str, action: str, *args: str, program: str = COFFEE) -> int:
    return main(["ledger", action, db, "--program", program, *args])


def balances(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, int]]:
    capsys.readouterr()
    assert main(["ledger", "balances", db, "--at", "2026-03-07T00:00:00+08:00", "--format", "jsonl"]) == 0
    return {r["member"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}


def test_redeem_a_reward_in_json_then_the_same_id_again_changes_nothing(db, capsys):
    args = ("--id", "r1", "--member", "m1", "--reward", "free_coffee", "--at", AT, "--operator", "alice",
            "--reason", "at the counter", "--format", "json")
    assert ledger(db, "redeem", *args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["totals"] == {"m1": -3000} and first["balances"]["m1"]["available"] == 325  # 3,325 - 3,000
    assert (first["operator"], first["reason"], first["replayed"]) == ("alice", "at the counter", False)
    assert ledger(db, "redeem", *args) == 0
    assert json.loads(capsys.readouterr().out)["replayed"] is True
    assert balances(db, capsys)["m1"]["spent"] == 3000  # once


def test_a_refusal_is_exit_1_with_its_reason_and_moves_nothing(db, capsys):
    before = balances(db, capsys)
    # m2 has 5 points: a free coffee costs 3,000
    assert ledger(db, "redeem", "--id", "r1", "--member", "m2", "--reward", "free_coffee", "--at", AT,
                  "--operator", "alice") == 1
    assert "refused: r1: `free_coffee` cannot be redeemed: needs 3,000 points; the member has 5" in capsys.readouterr().err
    assert ledger(db, "adjust", "--id", "a1", "--member", "m2", "--points", "-6", "--reason", "x", "--at", AT,
                  "--operator", "bob", "--format", "json") == 1
    out = capsys.readouterr()
    assert json.loads(out.out) == {"operation": "a1", "refused": "member `m2` has only 5 points to remove"}
    assert ledger(db, "redeem", "--id", "r2", "--member", "m9", "--order", "50", "--at", AT, "--operator", "a") == 1
    assert "member `m9` is not in the ledger" in capsys.readouterr().err
    assert ledger(db, "transfer", "--id", "t1", "--from", "m2", "--to", "m8", "--points", "5", "--at", AT,
                  "--operator", "a") == 1
    assert "give --new-member" in capsys.readouterr().err
    assert balances(db, capsys) == before
    assert main(["ledger", "history", db, "--member", "m9"]) == 0 and capsys.readouterr().out == ""


def test_a_return_claws_back_in_proportion_and_the_history_shows_who_and_why(db, capsys):
    # half of o2's 900 yuan: 1,810 x 450 / 900 = 905 points, all still there
    assert ledger(db, "return", "--id", "ret1", "--event", "o2", "--amount", "450.00", "--at", AT,
                  "--operator", "bob", "--reason", "one drink spilt") == 0
    assert "m1: -905 points" in capsys.readouterr().out
    assert balances(db, capsys)["m1"]["available"] == 2420  # 3,325 - 905
    assert main(["ledger", "history", db, "--member", "m1", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    returned = [(r["points"], r["operator"], r["comment"]) for r in rows if r["reason"] == "reverse"]
    assert returned == [(-905, "bob", "one drink spilt")]  # all from o2's first lot (1,800), same expiry as its 10
    assert main(["ledger", "history", db, "--member", "m1"]) == 0
    assert "ret1  return of o2  [bob: one drink spilt]" in capsys.readouterr().out
    # the other half: the rest, 1,810 - 905 = 905; a third return has nothing left
    assert ledger(db, "return", "--id", "ret2", "--event", "o2", "--at", AT, "--operator", "bob") == 0
    assert ledger(db, "return", "--id", "ret3", "--event", "o2", "--at", AT, "--operator", "bob") == 1
    assert "already returned in full" in capsys.readouterr().err
    assert balances(db, capsys)["m1"]["available"] == 1515


def test_quote_an_order_and_a_reward(db, capsys):
    assert ledger(db, "quote", "--member", "m1", "--order", "20.00", "--at", AT, "--format", "json") == 1
    # coffee.points has no `redeem` block: points pay for no order there (its catalog is their use)
    row = json.loads(capsys.readouterr().out)
    assert (row["points"], row["reason"]) == (0, "the program has no `redeem` block: points do not pay for orders")
    assert ledger(db, "quote", "--member", "m1", "--reward", "mug", "--at", AT) == 1  # on sale in December 2027
    assert "m1 cannot redeem `mug`: available only from 2027-12-01 to 2027-12-31" in capsys.readouterr().out


def test_transfer_within_limits_and_retier(db, capsys):
    common = ("--at", AT, "--operator", "bob", "--new-member")
    assert ledger(db, "transfer", "--id", "t1", "--from", "m1", "--to", "m3", "--points", "600",
                  "--max-per-transfer", "500", *common) == 1
    assert "a transfer is at most 500 points" in capsys.readouterr().err
    assert ledger(db, "transfer", "--id", "t2", "--from", "m1", "--to", "m3", "--points", "500", *common) == 0
    got = balances(db, capsys)
    assert (got["m1"]["available"], got["m3"]["available"]) == (2825, 500)  # 3,325 - 500
    assert ledger(db, "retier", "--id", "x1", "--member", "m1", "--at", AT, "--operator", "carol") == 0
    # points earned this year: 3,325 (a transfer is not earning), at least jade's 2,000
    assert "m1 is in tier `jade`" in capsys.readouterr().out


def test_usage_and_bad_data_are_exit_2(db, tmp_path, capsys):
    assert ledger(db, "adjust", "--id", "a1", "--member", "m1", "--points", "5", "--at", AT, "--operator", "x") == 2
    assert "an adjustment needs a reason" in capsys.readouterr().err
    assert ledger(db, "redeem", "--id", "r1", "--member", "m1", "--reward", "yacht", "--at", AT,
                  "--operator", "x") == 2
    assert "`yacht` is not a reward of this program" in capsys.readouterr().err
    other = tmp_path / "shop.points"
    shutil.copy(ROOT / "examples" / "shop.points", other)
    assert ledger(db, "adjust", "--id", "a1", "--member", "m1", "--points", "5", "--reason", "x", "--at", AT,
                  "--operator", "x", program=str(other)) == 2
    assert "a ledger of program `豆子咖啡会员俱乐部`, not of `Shop Rewards`" in capsys.readouterr().err
    assert ledger(str(tmp_path / "missing.db"), "retier", "--id", "x", "--member", "m1", "--operator", "x") == 2
    with pytest.raises(SystemExit) as exit_:  # argparse: a usage error
        ledger(db, "redeem", "--id", "r1", "--member", "m1", "--order", "ten", "--operator", "x")
    assert exit_.value.code == 2
    with pytest.raises(SystemExit):  # no --operator on a change
        ledger(db, "retier", "--id", "x", "--member", "m1")
    assert balances(db, capsys)["m1"]["adjusted"] == 0


STOCKED = '''
program "One mug"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
event checkin
rule checkin on checkin {
  earn 300 points
  expire after 10 days
}
reward mug costs 200 points {
  stock 1
}
'''


def test_the_last_reward_in_stock_goes_once_and_expiry_runs_are_audited(tmp_path, capsys):
    program = tmp_path / "mug.points"
    program.write_text(STOCKED, encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text("".join(f'{{"id": "c{n}", "kind": "checkin", "member": "m{n}", "time": "2026-03-0{n}T10:00:00+08:00"}}\n'
                              for n in (1, 2)), encoding="utf-8")
    db = str(tmp_path / "points.db")
    assert main(["simulate", str(program), str(events), "--ledger", db, "-q"]) == 0
    common = ("--program", str(program), "--reward", "mug", "--at", "2026-03-03T10:00:00+08:00", "--operator", "eve")
    assert main(["ledger", "redeem", db, "--id", "r1", "--member", "m1", *common]) == 0
    capsys.readouterr()
    assert main(["ledger", "redeem", db, "--id", "r2", "--member", "m2", *common]) == 1
    assert "refused: r2: `mug` cannot be redeemed: out of stock" in capsys.readouterr().err
    assert main(["ledger", "history", db, "--member", "m2", "--format", "jsonl"]) == 0
    assert [json.loads(line)["reason"] for line in capsys.readouterr().out.splitlines()] == ["earn"]  # nothing more
    # m1 keeps 100 (300 - 200), m2 300; c1's expire 03-11 10:00, c2's 03-12 10:00
    assert main(["ledger", "expire", db, "--at", "2026-03-12T10:00:00+08:00", "--operator", "cron",
                 "--reason", "nightly run"]) == 0
    assert "expired 400 points of 2 members" in capsys.readouterr().out
    assert main(["ledger", "history", db, "--member", "m2"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("2026-03-12T10:00:00+08:00  expire             -300") and last.endswith("[cron: nightly run]")


def test_redeem_exactly_some_points_on_an_order(db, capsys, tmp_path):
    # coffee.points pays for no order (no `redeem` block): the same program letting points pay a whole order
    paying = tmp_path / "paying.points"
    paying.write_text(Path(COFFEE).read_text("utf-8") + "\nredeem { at most 100% of order }\n", "utf-8")
    common = ("--member", "m1", "--order", "20.00", "--at", AT, "--operator", "alice", "--format", "json")
    assert ledger(db, "redeem", "--id", "r0", "--points", "0", *common) == 2
    assert "--points must be above 0" in capsys.readouterr().err
    assert ledger(db, "redeem", "--id", "rx", "--points", "500", *common) == 1  # coffee itself: refused
    assert "the program has no `redeem` block" in capsys.readouterr().err
    assert ledger(db, "redeem", "--id", "r1", "--points", "500", *common, program=str(paying)) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["totals"], got["value"]) == ({"m1": -500}, "5.00")  # 100 points = 1 yuan
    assert ledger(db, "redeem", "--id", "r2", "--points", "2001", *common, program=str(paying)) == 1  # 20 yuan is 2,000 points
    assert "2,001 points cannot be used: at most 2,000 (the order's value)" in capsys.readouterr().err
