"""Programs built from the syntax tree: they load, print and parse back to the same tree, and
formatting is idempotent (property tests; `make fuzz` runs the long version)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules import syntax as s
from pointrules.diagnostics import Severity
from pointrules.formatter import format_program, format_text, shape
from pointrules.syntax.parser import parse
from pointrules.source import Source

import strategies as S

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
PROPERTY = settings(max_examples=2000 if LONG else 20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points"))


def _errors(text: str) -> list[str]:
    return [f"{d.line}:{d.column} {d.code} {d.message}" for d in pointrules.check(text)
            if d.severity is Severity.ERROR]


# One test for what a generated tree and its text must satisfy: drawing a program costs more than
# these checks (docs/robustness.md, "The long fuzz run"), so each program is drawn once for all three.
@PROPERTY
@given(S.program_trees())
def test_property_generated_programs_print_parse_back_and_load(tree: s.Program) -> None:
    text = S.to_text(tree)
    parsed, diagnostics = parse(Source(text))
    assert diagnostics == [], text
    assert parsed is not None
    assert shape(parsed) == shape(tree)
    # keeps the strategy honest: everything it builds is a valid program
    assert _errors(text) == [], text
    pointrules.loads(text)
    assert format_text(text) == text  # generated texts are already canonical, so formatting is idempotent


@PROPERTY
@given(S.programs(), st.data())
def test_property_formatting_keeps_every_comment(text: str, data: st.DataObject) -> None:
    commented, comments = S.with_comments(text, data)
    out = format_text(commented)
    for c in comments:
        assert c.rstrip() in out
    assert format_text(out) == out
    tree, _ = parse(Source(commented))
    again, _ = parse(Source(out))
    assert tree is not None and again is not None and shape(tree) == shape(again)


@PROPERTY
@given(S.expressions())
def test_property_any_expression_prints_back_to_itself(e: s.Expr) -> None:
    # meaning is not checked here: only that the printer's parentheses keep the tree
    rule = s.Rule(name=S.name("r"), label=None, event=S.name("e"), condition=e,
                  statements=(s.Earn(points=S.number_of(1), per=None, to=None, condition=None, span=S.Z),),
                  span=S.Z)
    tree = s.Program(declarations=(rule,), comments=(), span=S.Z)
    text = format_program(tree, Source(""))
    parsed, diagnostics = parse(Source(text))
    assert diagnostics == [], text
    assert parsed is not None and shape(parsed) == shape(tree), text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_property_examples_round_trip(path: Path) -> None:
    text = path.read_text("utf-8")
    out = format_text(text, path.name)  # raises if the output would parse to another tree
    assert format_text(out, path.name) == out
    before, _ = parse(Source(text))
    after, _ = parse(Source(out))
    assert before is not None and after is not None and shape(before) == shape(after)
    assert _errors(out) == []
