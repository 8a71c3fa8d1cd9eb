"""PR516 (a multiplier another always outdoes, with `multipliers stack by best`): found where the
other applies whenever it does, and a property test: removing a multiplier it names changes no
event's points."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.check.lints import LintContext, lint
from pointrules.evaluate.choice import outcome_of
from pointrules.events import parse_event
from pointrules.state.memory import MemoryState

from test_never_fires import COMPARISONS, EVENTS, HEADER

TODAY = dt.date(2026, 11, 23)
BEST = HEADER.replace('expire never\n', 'expire never\nmultipliers stack by best\n') + \
    'rule base "消费" on purchase { earn 1 point per 1 CNY of amount }\n'


def outdone(text: str) -> list[str]:
    return [d.message for d in lint(pointrules.loads(BEST + text), LintContext(TODAY)) if d.code == "PR516"]


def test_a_smaller_factor_whose_condition_implies_the_larger_ones_never_counts() -> None:
    text = ('rule big "大单" on purchase when amount >= 1,000 CNY { multiply 2 }\n'
            'rule app "App" on purchase when channel = "app" and amount >= 2,000 CNY { multiply 1.5 }\n')
    assert outdone(text) == ["`multiply 1.5` of rule `app` never changes an award: `multiply 2` of rule `big` "
                             "applies whenever it does, and only the largest factor counts"]


def test_a_multiplier_that_also_applies_alone_counts() -> None:
    assert outdone('rule big "大单" on purchase when amount >= 1,000 CNY { multiply 2 }\n'
                   'rule app "App" on purchase when channel = "app" { multiply 1.5 }\n') == []
    # the larger one's rule is limited: once its limit is reached the smaller one applies
    assert outdone('rule big "大单" on purchase when amount >= 1,000 CNY {\n  multiply 2\n  limit 1 time per day\n}\n'
                   'rule app "App" on purchase when amount >= 2,000 CNY { multiply 1.5 }\n') == []


def test_without_best_stacking_every_factor_counts() -> None:
    text = ('rule big "大单" on purchase { multiply 2 }\n'
            'rule app "App" on purchase when channel = "app" { multiply 1.5 }\n')
    program = pointrules.loads(BEST.replace("multipliers stack by best\n", "") + text)
    assert [d for d in lint(program, LintContext(TODAY)) if d.code == "PR516"] == []


def _points(program: pointrules.Program) -> list[int]:
    evaluate = outcome_of(program)
    out = []
    for n, e in enumerate(EVENTS):
        data = {"id": f"e{n}", "kind": "purchase", "member": "m1", "time": f"{e['day']}T12:00:00+08:00",
                **{k: v for k, v in e.items() if k not in ("tier", "day")}}
        outcome = evaluate(parse_event(program, data), MemoryState(zone=program.timezone),
                           profile={"id": "m1", "tier": e["tier"]})
        out.append(sum(ln.points for ln in outcome.lines))
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(COMPARISONS), st.sampled_from(COMPARISONS), st.sampled_from(["1.5", "2", "3"]),
       st.sampled_from(["1.5", "2", "3"]))
def test_property_a_multiplier_said_to_be_outdone_changes_no_award(a: str, b: str, fa: str, fb: str) -> None:
    first = f'rule one "一" on purchase when {a} {{ multiply {fa} }}\n'
    second = f'rule two "二" on purchase when {a} and {b} {{ multiply {fb} }}\n'
    program = pointrules.loads(BEST + first + second)
    for finding in [d for d in lint(program, LintContext(TODAY)) if d.code == "PR516"]:
        kept = second if "of rule `one` never" in finding.message else first  # without the one said outdone
        assert _points(program) == _points(pointrules.loads(BEST + kept)), finding.message
