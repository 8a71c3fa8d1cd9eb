"""Which evaluator runs an event: one switch for every entry point.

``compiled`` (the default) is the fast one; ``reference`` is the interpreter, the simple oracle the
compiled evaluator must agree with, for differential work and for doubt. Both return the same
``Outcome``. Every entry point (``pointrules.evaluate``, ``simulate``, the ledger, ``eval``,
``test``) takes its evaluator from here: an ``evaluator=`` argument where the API has one, else
the environment variable ``POINTRULES_EVALUATOR`` (docs/embedding.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from pointrules.errors import ArgumentError
from pointrules.evaluate import reference as interpreter
from pointrules.evaluate.award import Award
from pointrules.evaluate.compiled import compile_program
from pointrules.evaluate.conditions import Observer
from pointrules.evaluate.outcome import Outcome, award
from pointrules.evaluate.view import StateView
from pointrules.events import Event, EventError, decode, loads_event, read_time
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

NAMES = ("compiled", "reference")
VARIABLE = "POINTRULES_EVALUATOR"

Evaluate = Callable[..., Outcome]  # (event, state, *, profile=None) -> Outcome
ReadLine = Callable[[str, StateView], Outcome]  # (JSON text, state) -> Outcome, or EventError


def choose(name: str | None = None) -> str:
    """The evaluator's name: ``name`` if given, else the environment's choice, else ``compiled``."""
    chosen = name or os.environ.get(VARIABLE) or "compiled"
    if chosen not in NAMES:
        raise ArgumentError(f"unknown evaluator `{chosen}`: use one of {', '.join(NAMES)}")
    return chosen


def outcome_of(program: m.Program, name: str | None = None, observe: Observer | None = None) -> Evaluate:
    """The chosen evaluator of one program: ``(event, state, *, profile=None) -> Outcome``;
    ``observe(condition, answer)`` sees every whole condition it decides (test coverage)."""
    if choose(name) == "reference":
        def reference(event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None) -> Outcome:
            return interpreter.outcome(program, event, state, profile=profile, observe=observe)

        return reference
    return compile_program(program, observe).outcome


def evaluate(program: m.Program, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
             evaluator: str | None = None) -> tuple[Award, Outcome]:
    """The award an event earns and its outcome (the state change it makes); pure: the state is
    only read, and ``state.apply(outcome)`` records it."""
    result = outcome_of(program, evaluator)(event, state, profile=profile)
    return award(result, program.currency, program.points_names), result


def line_reader(program: m.Program, name: str | None = None) -> ReadLine:
    """The chosen evaluator reading one line of JSON Lines: validate, then evaluate."""
    if choose(name) == "reference":
        def reference(text: str, state: StateView) -> Outcome:
            return interpreter.outcome(program, loads_event(program, text), state)

        return reference
    compiled = compile_program(program)
    check, run = compiled.validator.check, compiled.evaluator.run

    def fast(text: str, state: StateView) -> Outcome:
        try:
            data = decode(text)
        except (ValueError, RecursionError):
            loads_event(program, text)  # raises the reference's EventError for the line
            raise
        # unpacked, not run(*check(data), state): a call with * goes through the C API and costs
        # a new interpreter frame from C (about 70 ns an event on CPython 3.11)
        event_id, kind, member, time, fields = check(data)
        return run(event_id, kind, member, time, fields, state)

    return fast


def in_force(versions: VersionSet, event: str | Mapping[str, Any] | Event) -> m.Program:
    """The version that evaluates an event (a line of JSON Lines, its decoded object, or an
    Event): the one in force at its ``time``; EventError on ``time`` before the first version. An
    event whose time cannot be read goes to the newest version, whose reading words the error."""
    if not versions.versioned:
        return versions.last
    if isinstance(event, Event):
        instant: Any = event.time
        event_id: Any = event.id
    else:
        try:
            data = decode(event) if isinstance(event, str) else event
        except (ValueError, RecursionError):
            return versions.last
        if not isinstance(data, Mapping):
            return versions.last
        instant, event_id = read_time(data.get("time")), data.get("id")
    if instant is None or instant.tzinfo is None:
        return versions.last
    program = versions.in_force(instant)
    if program is None:
        raise EventError(event_id if isinstance(event_id, str) else None, "time", versions.before_first(instant))
    return program


def versions_reader(versions: VersionSet, name: str | None = None) -> ReadLine:
    """``line_reader`` of a program's versions: each line read and evaluated by the version in
    force at its time (``in_force``); a single program's reader when there is one version."""
    if not versions.versioned:
        return line_reader(versions.last, name)
    if choose(name) == "reference":
        readers = {id(p): line_reader(p, name) for p in versions.programs}

        def reference(text: str, state: StateView) -> Outcome:
            return readers[id(in_force(versions, text))](text, state)

        return reference
    compiled = {id(p): compile_program(p) for p in versions.programs}

    def fast(text: str, state: StateView) -> Outcome:  # the line decoded once, as line_reader's
        try:
            data = decode(text)
        except (ValueError, RecursionError):
            loads_event(versions.last, text)  # raises the reference's EventError for the line
            raise
        chosen = compiled[id(in_force(versions, data))]
        event_id, kind, member, time, fields = chosen.validator.check(data)  # unpacked: see line_reader
        return chosen.evaluator.run(event_id, kind, member, time, fields, state)

    return fast
