"""Running the same events through the compiled evaluator and the reference interpreter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pointrules.program import model as m
from pointrules.evaluate import reference as interpreter
from pointrules.evaluate.compiled import compile_program
from pointrules.events import EventError, parse_event
from pointrules.stream.simulate import simulate
from pointrules.state.memory import MemoryState


def outcome(evaluate: Any, program: m.Program, event: Any, state: MemoryState, profile: Any) -> Any:
    """(award, change, explanations) or the EventError's parts; the state gets the change."""
    try:
        award, change = evaluate(program, event, state, profile=profile)
    except EventError as error:
        return ("refused", error.event_id, error.field, error.message)
    except (ArithmeticError, ValueError, OverflowError) as error:
        # Known limits of the reference (e.g. a pending period past year 9999): both must fail alike.
        return ("failed", type(error).__name__, str(error))
    state.apply(change)
    return award, change, award.explain("en"), award.explain("zh")


def assert_backends_agree(program: m.Program, events: Iterable[dict[str, Any]],
                          profiles: dict[str, dict[str, Any]], use_profile: bool = False) -> int:
    """Evaluate a stream both ways; every award, change, explanation and refusal must be equal.
    Returns how many events were accepted."""
    compiled = compile_program(program)

    def fast(p: m.Program, event: Any, state: Any, profile: Any = None) -> Any:
        return compiled.evaluate(event, state, profile=profile)

    reference_state = MemoryState(profiles=dict(profiles), zone=program.timezone)
    compiled_state = MemoryState(profiles=dict(profiles), zone=program.timezone)
    accepted = 0
    for data in events:
        try:
            event = parse_event(program, data)
        except EventError:
            continue
        profile = profiles.get(event.member) if use_profile else None
        want = outcome(interpreter.evaluate, program, event, reference_state, profile)
        got = outcome(fast, program, event, compiled_state, profile)
        assert got == want, f"event {data!r}"
        if want[0] not in ("refused", "failed"):
            assert repr(got[0]) == repr(want[0]) and repr(got[1]) == repr(want[1])  # same Decimal spellings too
            accepted += 1
    assert compiled_state == reference_state
    return accepted


def assert_streams_agree(program: m.Program, lines: list[str | bytes], profiles: dict[str, dict[str, Any]]) -> None:
    """``simulate`` on the compiled fast path and on the interpreter: same rows (as dicts and as
    text), rejections, summary and final state."""
    runs = []
    for evaluate in (None, interpreter.evaluate):
        rows: list[Any] = []
        texts: list[str] = []
        rejections: list[str] = []
        state = MemoryState(zone=program.timezone)
        try:
            summary = simulate(program, lines, state=state, on_row=rows.append, write=texts.append,
                               on_reject=lambda r: rejections.append(str(r)), profiles=profiles, evaluate=evaluate)
        except (ArithmeticError, ValueError, OverflowError) as error:
            runs.append(("failed", type(error).__name__, str(error), rows, rejections))
            continue
        assert "".join(texts) == "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        runs.append((rows, texts, rejections, summary, summary.render(), state))
    assert runs[0] == runs[1]
    # Rows as text only, or none; without a state of the caller's the stream keeps no lots, and
    # rows and summary are the same.
    for write, own_state in ((True, True), (False, True), (True, False)):
        texts, rejections = [], []
        state = MemoryState(zone=program.timezone) if own_state else None
        try:
            summary = simulate(program, lines, state=state, write=texts.append if write else None,
                               on_reject=lambda r: rejections.append(str(r)), profiles=profiles)
        except (ArithmeticError, ValueError, OverflowError) as error:
            assert runs[1][0] == "failed" and (type(error).__name__, str(error)) == runs[1][1:3]
            continue
        assert runs[1][0] != "failed", "the interpreter failed where the compiled evaluator did not"
        got = (texts if write else runs[1][1], rejections, summary, summary.render(), state if own_state else None)
        assert got == (*runs[1][1:5], runs[1][5] if own_state else None)
