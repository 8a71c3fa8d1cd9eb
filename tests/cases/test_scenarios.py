"""Scenarios in a cases file: steps on the ledger with expectations after any of them, errors with
the file and the line, and failures reported by `pointrules test`."""

from __future__ import annotations

from pathlib import Path

import pytest

import pointrules
from pointrules.cases import CaseFileError, check_scenarios, load_file, loads_file, run_scenario
from pointrules.cli import main

from markdown_blocks import fenced_blocks

# Purchases earn 1 point per full yuan, usable after 3 days, valid 30 days; check-ins earn 10 that never
# expire; at most 50% of an order in points, at least 100, in steps of 10; a mug costs 200, 2 a month,
# 3 in stock.
PROGRAM_TEXT = '''
program "Scenario test"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding down
event purchase { amount: money }
event checkin
expire after 30 days
rule base on purchase {
  earn 1 point per 1 CNY of amount
  pending 3 days
}
rule checkin on checkin {
  earn 10 points
  expire never
}
redeem {
  minimum 100 points
  step 10 points
  at most 50% of order
}
reward mug costs 200 points {
  limit 2 per month
  stock 3
}
'''
PROGRAM = pointrules.loads(PROGRAM_TEXT)

STORY = '''
[[scenario]]
name = "earn, wait, spend, return, expire"

[[scenario.step]]
event = "purchase"
id = "p1"
time = 2026-03-01T10:00:00+08:00
amount = "500.90"
expect = { points = 500, available = 0, pending = 500 }

[[scenario.step]]
event = "checkin"
time = 2026-03-02T10:00:00+08:00
expect = { available = 10, pending = 500 }

[[scenario.step]]
order = "120.00"
time = 2026-03-04T10:00:00+08:00
# at most 50% of 120 yuan = 6,000 points; the balance 510 binds, in steps of 10: 510
expect = { points = -510, value = "5.10", available = 0, lots = [] }  # nothing live is left

[[scenario.step]]
adjust = 300
reason = "late delivery"
time = 2026-03-05T10:00:00+08:00
# a lot of its own, valid 30 days: to 04-04 09:59:59
expect = { points = 300, available = 300, lots = [{ points = 300, remaining = 300, rule = "adjust", expires = 2026-04-04 }] }

[[scenario.step]]
reward = "mug"
time = 2026-03-05T11:00:00+08:00
expect = { points = -200, available = 100, spent = 710 }  # 510 + 200

[[scenario.step]]
return = "p1"
amount = "250.45"
time = 2026-03-06T10:00:00+08:00
# half of 500.90 yuan: 500 x 250.45 / 500.90 = 250; the adjustment's 100 are taken, 150 short
expect = { points = -100, shortfall = 150, available = 0 }

[[scenario.step]]
transfer = 10
to = "m2"
time = 2026-03-06T11:00:00+08:00
expect = { refused = "`m1` has only 0 usable points" }

[[scenario.step]]
event = "purchase"
id = "p2"
time = 2026-03-10T10:00:00+08:00
amount = "80"
expect = { points = 80, pending = 80 }

[[scenario.step]]
expire = 2026-04-09T10:00:00+08:00
# p2 earned 03-10 10:00 expires 30 days later, 04-09 10:00
expect = { points = -80, expired = 80, lots = [] }
'''


def test_a_story_of_every_step_passes_with_hand_computed_numbers():
    found = loads_file(STORY, "story.cases.toml")
    assert found.cases == [] and check_scenarios(PROGRAM, found.scenarios, "story.cases.toml") == []
    result = run_scenario(PROGRAM, found.scenarios[0])
    assert result.passed, result.failures


def test_a_wrong_expectation_and_an_unexpected_refusal_fail_the_step():
    text = STORY.replace("points = -510", "points = -500").replace(
        'expect = { refused = "`m1` has only 0 usable points" }', "expect = { available = 0 }")
    result = run_scenario(PROGRAM, loads_file(text, "s.cases.toml").scenarios[0])
    failed = {f.step.number: [(m.what, m.expected, m.actual) for m in f.mismatches] for f in result.failures}
    assert failed == {
        3: [("points", "-500", "-510")],
        7: [("result", "done", "refused: `m1` has only 0 usable points")],
    }
    assert [f.step.line for f in result.failures] == [17, 42]  # the [[scenario.step]] headers of steps 3 and 7


def test_lots_are_compared_one_by_one():
    text = STORY.replace("remaining = 300, rule = \"adjust\", expires = 2026-04-04", "remaining = 299, rule = \"earn\",\
 expires = 2026-04-03").replace("value = \"5.10\", available = 0, lots = []", "value = \"5.10\", available = 0, lots = [{ points = 500 }]")
    failures = run_scenario(PROGRAM, loads_file(text, "s.cases.toml").scenarios[0]).failures
    assert [[(m.what, m.expected, m.actual) for m in f.mismatches] for f in failures] == [
        [("lots", "1 live lots", "0: none")],  # p1's lot and the check-in's are spent: no longer live
        [("lots[1].remaining", "299", "300"), ("lots[1].rule", "earn", "adjust"),
         ("lots[1].expires", "2026-04-03", "2026-04-04T09:59:59+08:00")],
    ]


def test_problems_name_the_file_and_the_line():
    text = '''[[scenario]]
name = "bad"
membr = "m2"

[[scenario.step]]
reward = "mug"
order = "10"
time = 2026-03-01T10:00:00+08:00

[[scenario.step]]
adjust = 5
time = 2026-03-01
expect = { availble = 5 }

[[scenario.step]]
transfer = 5
time = 2026-03-01T10:00:00+08:00

[[scenario.step]]
adjust = 5
member = 7
time = 2026-03-01T10:00:00+08:00
'''
    with pytest.raises(CaseFileError) as error:
        loads_file(text, "bad.cases.toml")
    assert error.value.problems == [
        "bad.cases.toml:1: scenario `bad`: unknown key `membr`; did you mean `member`?",
        "bad.cases.toml:5: scenario `bad`: step 1: a step does one thing: write exactly one of event, reward,"
        " order, return, expire, adjust, transfer, check (found `reward`, `order`)",
        "bad.cases.toml:10: scenario `bad`: step 2: `time` must be a date-time with offset, like 2026-03-05T12:00:00+08:00",
        "bad.cases.toml:10: scenario `bad`: step 2: expect: unknown key `availble`; did you mean `available`?",
        "bad.cases.toml:15: scenario `bad`: step 3: `to` must name the member who receives the points",
        "bad.cases.toml:19: scenario `bad`: step 4: `member` must be a non-empty text",
    ]


def test_the_program_checks_kinds_fields_and_rewards():
    text = '''[[scenario]]
name = "typos"
[[scenario.step]]
event = "purchse"
time = 2026-03-01T10:00:00+08:00
[[scenario.step]]
event = "purchase"
time = 2026-03-01T10:00:00+08:00
amout = "5"
[[scenario.step]]
reward = "mugg"
time = 2026-03-01T10:00:00+08:00
'''
    found = loads_file(text, "t.cases.toml")
    assert check_scenarios(PROGRAM, found.scenarios, "t.cases.toml") == [
        "t.cases.toml:3: scenario `typos`: step 1: unknown event kind `purchse`; did you mean `purchase`?",
        "t.cases.toml:6: scenario `typos`: step 2: unknown field `amout` (not a field of `purchase` events);"
        " did you mean `amount`?",
        "t.cases.toml:10: scenario `typos`: step 3: unknown reward `mugg`; did you mean `mug`?",
    ]


def test_stock_runs_out_and_a_bad_event_is_refused_for_its_field():
    steps = "\n".join(f'''
[[scenario.step]]
reward = "mug"
member = "{who}"
time = 2026-03-05T10:00:00+08:00''' for who in ("m1", "m2", "m3"))
    text = f'''[[scenario]]
name = "three mugs for four members"
members = {{}}

[[scenario.step]]
event = "purchase"
time = 2026-03-01T10:00:00+08:00
amount = "oops"
expect = {{ refused = "field `amount`" }}
''' + "".join(f'''
[[scenario.step]]
adjust = 200
member = "{who}"
time = 2026-03-01T10:00:00+08:00
''' for who in ("m1", "m2", "m3", "m4")) + steps + '''
[[scenario.step]]
reward = "mug"
member = "m4"
time = 2026-03-05T10:00:00+08:00
expect = { refused = "out of stock", available = 200, balances = { m1 = 0, m3 = 0 } }
'''
    assert run_scenario(PROGRAM, loads_file(text, "m.cases.toml").scenarios[0]).passed


def test_pointrules_test_runs_scenarios_and_reports_the_failing_step(tmp_path: Path, capsys):
    (tmp_path / "p.points").write_text(PROGRAM_TEXT, encoding="utf-8")
    (tmp_path / "p.cases.toml").write_text(STORY.replace("available = 100, spent", "available = 99, spent"),
                                           encoding="utf-8")
    assert main(["test", str(tmp_path / "p.points")]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {tmp_path / 'p.cases.toml'}:2: scenario earn, wait, spend, return, expire" in out
    assert "  step 5 (line 30, reward mug)\n    available: expected 99, got 100" in out
    assert out.rstrip().endswith("0 passed, 1 failed")
    (tmp_path / "p.cases.toml").write_text(STORY.replace('reward = "mug"', 'reward = "cup"'), encoding="utf-8")
    assert main(["test", str(tmp_path / "p.points")]) == 2
    assert "p.cases.toml:30: scenario `earn, wait, spend, return, expire`: step 5: unknown reward `cup`" in \
        capsys.readouterr().err


def test_the_scenario_shown_in_docs_cases_md_passes_on_coffee():
    root = Path(__file__).resolve().parents[2]
    (block,) = [b for b in fenced_blocks((root / "docs" / "cases.md").read_text("utf-8"), "toml") if "[[scenario]]" in b]
    coffee = pointrules.load(root / "examples" / "coffee.points")
    found = loads_file(block, "cases.md")
    assert check_scenarios(coffee, found.scenarios, "cases.md") == []
    assert run_scenario(coffee, found.scenarios[0]).passed


def test_the_failure_shown_in_docs_cases_md_is_what_pointrules_test_prints(tmp_path: Path, capsys, monkeypatch):
    root = Path(__file__).resolve().parents[2]
    text = (root / "examples" / "coffee.cases.toml").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    assert lines[418] == "[[scenario.step]]\n" and "available = 325" in lines[423]  # line 419: step 3
    lines[423] = lines[423].replace("available = 325", "available = 320")
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "coffee.cases.toml").write_text("".join(lines), encoding="utf-8")
    (folder / "coffee.points").write_text((root / "examples" / "coffee.points").read_text("utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["test", "examples/coffee.points"]) == 1
    doc = (root / "docs" / "cases.md").read_text("utf-8")
    shown = doc[doc.index("FAIL examples/coffee.cases.toml"):].split("```")[0].rstrip()
    assert shown in capsys.readouterr().out


@pytest.mark.parametrize("example", sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points")),
                         ids=lambda p: p.stem)
def test_every_example_has_scenarios_of_its_redemption_and_returns(example: Path):
    program = pointrules.load(example)
    scenarios = load_file(example.with_name(example.stem + ".cases.toml")).scenarios
    actions = {step.action for scenario in scenarios for step in scenario.steps}
    assert "return" in actions, f"{example.name}: no scenario returns an order"
    if program.redeem is not None or program.rewards:
        assert actions & {"order", "reward"}, f"{example.name}: no scenario redeems"
    assert all(run_scenario(program, s).passed for s in scenarios)
