"""The compiled evaluator: a checked program turned once into closures and tables, evaluating events
exactly as the reference interpreter does, only faster.

Theory of operation. ``compile_program`` builds a ``Plan`` (``plan.py``): rules grouped by event
kind in program order, so an event only ever looks at the rules of its own kind and rules that
cannot match cost nothing; every condition compiled to a closure with its names resolved
(``conditions.py``); counter scopes, trim reasons, factors and rounding ratios computed once.
``EventEvaluator.run`` (``core.py``) then follows the interpreter's steps for one event (refuse a processed
id, tier, active rules, lines, rule limits, caps, budgets, counters) on those tables and returns
the interpreter's ``Outcome``, keeping:

- per local date: whether the program is effective, which campaigns run, period keys and the end
  of period expiry instants (one ``Day`` per date);
- per set of multipliers: the combined factor and its exact ratio (``arith.Combiner``), kept only
  when exact, so the decimal context can never make the cache disagree;
- points as integer ratios: base = numerator / denominator, rounded by integer division
  (``arith.round_ratio``), which is ``rounding.round_points`` without Fractions.

Streams are run by ``stream/simulate.py``, the same for either evaluator. No source is generated: nothing from a
program file ever becomes code. ``tests/compile`` checks agreement with the interpreter on random
programs and streams.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from pointrules.evaluate.award import Award
from pointrules.evaluate.compiled.core import EventEvaluator
from pointrules.evaluate.compiled.plan import Plan
from pointrules.evaluate.compiled.validate import Validator
from pointrules.evaluate.conditions import Observer
from pointrules.evaluate.outcome import Outcome, award
from pointrules.evaluate.view import StateView
from pointrules.events import Event
from pointrules.program import model as m

__all__ = ["CompiledProgram", "compile_program", "evaluate", "outcome"]


class CompiledProgram:
    """A program ready to evaluate many events fast; ``evaluate`` is the interpreter's, exactly."""

    def __init__(self, program: m.Program, observe: Observer | None = None) -> None:
        self.program = program
        self.plan = Plan(program, observe)
        self.evaluator = EventEvaluator(self.plan)
        self.validator = Validator(program)

    def evaluate(self, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
                 ) -> tuple[Award, Outcome]:
        """The award an event earns and its outcome (the state change it makes); pure."""
        result = self.outcome(event, state, profile=profile)
        return award(result, self.program.currency, self.program.points_names), result

    def outcome(self, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None) -> Outcome:
        """What an event means: its lines and what it moves in the state; pure."""
        return self.evaluator.run(event.id, event.kind, event.member, event.time, event.fields, state,
                                  profile)


_COMPILED: weakref.WeakKeyDictionary[m.Program, CompiledProgram] = weakref.WeakKeyDictionary()


def compile_program(program: m.Program, observe: Observer | None = None) -> CompiledProgram:
    """The compiled form of a checked program; compiled once and remembered while the program lives.
    With ``observe``, a form of its own that shows it every whole condition decided, with its answer."""
    if observe is not None:
        return CompiledProgram(program, observe)
    compiled = _COMPILED.get(program)
    if compiled is None:
        compiled = _COMPILED[program] = CompiledProgram(program)
    return compiled


def evaluate(program: m.Program, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
             ) -> tuple[Award, Outcome]:
    """``interpreter.evaluate``'s signature and result, through the program's compiled form."""
    return compile_program(program).evaluate(event, state, profile=profile)


def outcome(program: m.Program, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
            ) -> Outcome:
    """``interpreter.outcome``'s signature and result, through the program's compiled form."""
    return compile_program(program).outcome(event, state, profile=profile)
