"""One switch chooses the evaluator for every entry point (evaluators.py): an argument, or
POINTRULES_EVALUATOR; both evaluators give the same outcome."""

from __future__ import annotations

import json

import pytest

import pointrules
from pointrules.evaluate import choice as evaluators
from pointrules.evaluate import reference as interpreter
from pointrules.cases import loads_cases, run_case
from pointrules.events import parse_event
from pointrules.state.memory import MemoryState

from cli_runner import run_cli
from evaluate_helpers import ROOT

EVENT = {"id": "e1", "kind": "purchase", "member": "m42", "time": "2026-05-01T10:00:00+08:00",
         "amount": "999.99", "category": "electronics", "channel": "app"}


@pytest.fixture
def calls(monkeypatch):
    """Counts the reference interpreter's evaluations."""
    seen = []
    real = interpreter.outcome

    def counted(*args, **kwargs):
        seen.append(args[1].id)
        return real(*args, **kwargs)

    monkeypatch.setattr(interpreter, "outcome", counted)
    return seen


def test_the_default_is_the_compiled_evaluator(shop, calls, monkeypatch):
    monkeypatch.delenv(evaluators.VARIABLE, raising=False)
    award, outcome = pointrules.evaluate(shop, parse_event(shop, EVENT), MemoryState(zone=shop.timezone),
                                         profile={"tier": "gold"})
    assert award.points == 3002 and calls == []  # 999 x 2 x 1.5 + 5


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_every_entry_point_takes_the_reference_by_one_switch(shop, calls, monkeypatch, how):
    chosen = {"evaluator": "reference"} if how == "argument" else {}
    if how == "environment":
        monkeypatch.setenv(evaluators.VARIABLE, "reference")
    state = MemoryState(zone=shop.timezone)
    award, _ = pointrules.evaluate(shop, parse_event(shop, EVENT), state, profile={"tier": "gold"}, **chosen)
    assert award.points == 3002 and calls == ["e1"]
    rows = []
    pointrules.simulate(shop, [json.dumps({**EVENT, "id": "e2"})], on_row=rows.append, **chosen)
    assert rows[0]["points"] == 2003 and calls == ["e1", "e2"]  # a member: 999 x 2 + 5
    ledger = pointrules.Ledger(shop, **chosen)
    assert ledger.process_event({**EVENT, "id": "e3"}).totals == (("m42", 2003),) and calls[-1] == "e3"
    case = loads_cases('[[case]]\nname = "c"\nmember = "m42"\n[[case.event]]\nkind = "signup"\n'
                      'time = 2026-03-02T10:00:00+08:00\nexpect = { points = 100 }\n')[0]
    assert run_case(shop, case, evaluator=chosen.get("evaluator")).passed and len(calls) == 4


def test_the_command_line_takes_the_switch_and_refuses_an_unknown_evaluator(tmp_path, monkeypatch):
    # a process under CI, this process in the quick suite (cli_runner.py); either reads the variable
    command = ["eval", str(ROOT / "examples" / "shop.points"), "--event", json.dumps(EVENT)]
    outputs = []
    for name in ("compiled", "reference"):
        monkeypatch.setenv("POINTRULES_EVALUATOR", name)
        done = run_cli(command, tmp_path)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    monkeypatch.setenv("POINTRULES_EVALUATOR", "fast")
    done = run_cli(command, tmp_path)
    assert done.returncode == 2 and "unknown evaluator `fast`" in done.stderr
