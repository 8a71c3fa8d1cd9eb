"""An evaluator refuses, when it compiles or first evaluates a program, any clause of a language
level above its own (model.refuse_unimplemented): a new clause is never silently skipped."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import pointrules
from pointrules.evaluate import reference as interpreter
from pointrules.program import model as model
from pointrules.evaluate.compiled import plan

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop.points"


def test_both_evaluators_implement_the_whole_language():
    levels = {f.metadata.get("level", 1) for cls in vars(model).values() if isinstance(cls, type)
              and attrs.has(cls) and cls.__module__ == model.__name__ for f in attrs.fields(cls)}
    assert max(levels) == model.LEVEL
    assert interpreter.LEVEL == plan.LEVEL == model.LEVEL


def test_a_clause_above_an_evaluators_level_is_refused_by_name():
    program = pointrules.load(SHOP)
    with pytest.raises(model.NotImplementedByEvaluator) as info:
        model.refuse_unimplemented(program, "compiled", 0)  # as if every clause were new
    assert "the compiled evaluator does not implement `Program." in str(info.value)
    model.refuse_unimplemented(program, "compiled", model.LEVEL)  # the real level: nothing refused


def test_a_new_clause_makes_a_program_that_uses_it_refused(monkeypatch):
    @attrs.frozen
    class Streak:  # a clause of the next level, as a new model class would be
        days: int = attrs.field(metadata={"level": model.LEVEL + 1})

    Streak.__module__ = model.__name__
    program = pointrules.load(SHOP)
    rule = attrs.evolve(program.rules[0], label=None)
    object.__setattr__(rule, "earns", (*rule.earns, Streak(7)))  # a rule using the clause
    used = attrs.evolve(program, rules=(rule, *program.rules[1:]))
    with pytest.raises(model.NotImplementedByEvaluator, match="`Streak.days`"):
        model.refuse_unimplemented(used, "reference", model.LEVEL)
    unused = attrs.evolve(program, rules=(attrs.evolve(program.rules[0]), *program.rules[1:]))
    model.refuse_unimplemented(unused, "reference", model.LEVEL)
