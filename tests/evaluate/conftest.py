"""Helpers for evaluator tests: small programs inline, events as dicts, one state per test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import pointrules
from pointrules.evaluate.award import Award
from pointrules.events import parse_event
from pointrules.evaluate.reference import evaluate
from pointrules.program.model import Program
from pointrules.state.memory import MemoryState

from evaluate_helpers import HEADER, ROOT


class Runner:
    """Evaluates events in order against one MemoryState, applying each change."""

    def __init__(self, program: Program, profiles: dict[str, dict[str, Any]] | None = None) -> None:
        self.program = program
        self.state = MemoryState(profiles=dict(profiles or {}), zone=program.timezone)
        self.count = 0

    def __call__(self, kind: str, time: str = "2026-03-02T10:00:00+08:00", member: str = "m1", **fields: Any) -> Award:
        self.count += 1
        data = {"id": fields.pop("id", f"e{self.count}"), "kind": kind, "member": member, "time": time, **fields}
        award, change = evaluate(self.program, parse_event(self.program, data), self.state)
        self.state.apply(change)
        return award


@pytest.fixture(scope="session")
def shop() -> Program:
    return pointrules.load(ROOT / "examples" / "shop.points")


@pytest.fixture
def run() -> Callable[..., Runner]:
    """``run(program_text_or_program, profiles)`` -> a Runner; text gets the common header."""

    def make(program: str | Program, profiles: dict[str, dict[str, Any]] | None = None) -> Runner:
        if isinstance(program, str):
            program = pointrules.loads(HEADER + program)
        return Runner(program, profiles)

    return make
