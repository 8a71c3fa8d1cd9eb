"""Control and bidirectional characters in a program's quoted texts (PR007): such a program is
refused by `check`, `lint` and `loads`, so it never reaches a store (a NUL in the program's name
made `Ledger(program, PostgresStore(…))` fail with a StoreError); the same program without them is
kept by every store, and the characters the language allows (a tab, `\\n`, `\\t`, right-to-left
marks) are kept exactly, PostgreSQL included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import pointrules
from cli_runner import run_cli
from pointrules.ledger import Ledger

# Every kind of quoted text a program writes: what a store keeps (the program's and the points'
# names) and what explanations and terms show (labels, perks, values, descriptions).
PROGRAM = '''program "Shop{c}Rewards"
currency CNY
timezone "Asia/Shanghai"
points are called "京豆{c}" / "beans{c}"
event purchase "消费{c}" {{ amount: money, channel: "app{c}" | "web" }}
tiers {{
  member "普通{c}会员"
  gold "金卡{c}" perks "贵宾{c}休息室"
}}
campaign double "双倍{c}" {{
  rule more on purchase {{ multiply 2 }}
}}
rule base "消费返{c}积分" on purchase when channel = "app{c}" "App {c}下单" {{ earn 1 point per 1 CNY of amount }}
reward cup "咖啡{c}杯" costs 500 points
'''
TEXTS = 13  # quoted texts holding {c}: 3 names, 7 labels, 1 perk, 1 value, 1 description
# "Shop" + the character: the program's name puts it on column 14 of line 1
REFUSED = ["\x00", "\x1b", "\r", "\x7f", "\x85", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"]
ALLOWED = ["\t", "\\t", "\\n", "\u200f", "\u200e", "\u200d", "\u061c"]


@pytest.mark.parametrize("c", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_every_quoted_text_with_a_refused_character_is_pr007_at_the_character(c: str) -> None:
    text = PROGRAM.format(c=c)
    found = [d for d in pointrules.check(text, "p.points") if d.code == "PR007"]
    assert len(found) == TEXTS
    first = found[0]
    assert (first.line, first.column, first.end_column) == (1, 14, 15)
    assert f"U+{ord(c):04X}" in first.message
    assert first.help
    with pytest.raises(pointrules.ProgramError):
        pointrules.loads(text, "p.points")


def test_a_backslash_before_a_refused_character_is_refused_too() -> None:
    # `\` + any character stands for that character (docs/language.md), so it would smuggle it in
    text = PROGRAM.format(c="").replace('"Shop', '"Shop\\\x00', 1)
    assert [(d.code, d.column) for d in pointrules.check(text, "p.points")] == [("PR007", 15)]


def test_several_in_one_text_are_one_diagnostic_that_counts_the_rest() -> None:
    text = PROGRAM.format(c="").replace('"Shop', '"\u202eSh\u202cop\x00', 1)
    [d] = pointrules.check(text, "p.points")
    assert d.code == "PR007" and d.column == 10 and "2 more later in this text" in d.message


@pytest.mark.parametrize("c", ALLOWED, ids=["tab", "escaped tab", "escaped newline", "RLM", "LRM", "ZWJ", "ALM"])
def test_what_the_language_allows_is_kept(c: str) -> None:
    assert pointrules.check(PROGRAM.format(c=c), "p.points") == []


@pytest.mark.parametrize("command", ["check", "lint"])
def test_check_and_lint_refuse_it(tmp_path: Path, command: str) -> None:
    (tmp_path / "p.points").write_text(PROGRAM.format(c="\x00"), encoding="utf-8")
    done = run_cli([command, "p.points"], tmp_path)
    assert done.returncode == 1
    assert "error[PR007]" in done.stdout + done.stderr
    assert "p.points:1:14" in done.stdout + done.stderr


def test_simulate_into_a_ledger_refuses_it_before_any_store_is_made(tmp_path: Path) -> None:
    (tmp_path / "p.points").write_text(PROGRAM.format(c="\x00"), encoding="utf-8")
    (tmp_path / "e.jsonl").write_text('{"id": "e1", "kind": "purchase", "member": "m1", "amount": "1.00", '
                                      '"channel": "web", "time": "2026-03-02T10:00:00+08:00"}\n', encoding="utf-8")
    done = run_cli(["simulate", "p.points", "e.jsonl", "--ledger", "l.db"], tmp_path)
    assert done.returncode != 0 and "PR007" in done.stdout + done.stderr
    assert not (tmp_path / "l.db").exists()


@pytest.mark.parametrize("c", ["", "\t"], ids=["fixed", "with a tab"])
def test_the_fixed_program_is_kept_by_every_store(make_store: Callable[[], object], c: str) -> None:
    text = PROGRAM.format(c=c).replace('"beans', '"be\\nans', 1)
    program = pointrules.loads(text, "p.points")
    ledger = Ledger(program, make_store())  # type: ignore[arg-type]
    try:
        receipt = ledger.process_event({"id": "e1", "kind": "purchase", "member": "m1", "amount": "120.50",
                                        "channel": f"app{c}", "time": "2026-03-02T10:00:00+08:00"})
        # 120.50 CNY: 1 point per full yuan = 120, doubled by the campaign = 240
        assert receipt.totals == (("m1", 240),)
        with ledger.store.transaction() as tx:
            assert (tx.meta("program"), tx.meta("points_name")) == (f"Shop{c}Rewards", "be\nans" + c)
    finally:
        ledger.close()
