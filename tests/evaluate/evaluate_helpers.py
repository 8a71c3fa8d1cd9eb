"""Shared by the evaluator tests (a uniquely named module: every test folder has a conftest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pointrules.evaluate.award import Award
from pointrules.evaluate.choice import NAMES, evaluate
from pointrules.events import parse_event
from pointrules.program.model import Program
from pointrules.state.memory import MemoryState

ROOT = Path(__file__).resolve().parents[2]

HEADER = '''
program "Test"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
'''


class BothEvaluators:
    """Evaluates each event with both evaluators on states of their own; returns the award once
    they agree. ``event`` gives the next event's id."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.states = {name: MemoryState(zone=program.timezone) for name in NAMES}
        self.count = 0

    def next_id(self) -> str:
        self.count += 1
        return f"e{self.count}"

    def award(self, data: dict[str, Any], tier: str = "member") -> Award:
        """The award of one event (a dict as JSON gives it) for member m1 of ``tier``."""
        results = {}
        for name, state in self.states.items():
            state.profiles["m1"] = {"tier": tier}
            award, outcome = evaluate(self.program, parse_event(self.program, data), state, evaluator=name)
            state.apply(outcome)
            results[name] = (award, outcome)
        (award, outcome), (_, other) = results.values()
        assert outcome == other, "the two evaluators disagree"
        return award
