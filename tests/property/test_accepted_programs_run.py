"""A program the checker accepts never crashes evaluation: numbers, durations and windows at and past
their limits are either refused by the checker (PR325, PR326) or evaluated by every evaluator (fuzz)."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.evaluate import reference as interpreter
from pointrules.stream.simulate import simulate

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
FUZZ = settings(max_examples=2000 if LONG else 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UNITS = ["days", "weeks", "months", "quarters", "years"]
LONGEST = {"days": 36_525, "weeks": 5_218, "months": 1_200, "quarters": 400, "years": 100}

TEMPLATE = '''program "Edge"
currency CNY
timezone "Asia/Shanghai"
pending {pending}
expire after {expiry}
event purchase {{ amount: money  weight: number }}
tiers by spend over last {window} {{
  member from 0 CNY
  gold from {threshold} CNY multiplier {factor}
  keep tier for {keep}
}}
rule base on purchase {{
  earn {points} points per {per} CNY of amount
  limit {times} times per day
}}
rule heavy on purchase when 1 / weight > {ratio} {{
  earn {bonus} points
}}
'''


def number(whole_digits: int, decimals: int) -> st.SearchStrategy[str]:
    """A positive number with up to ``whole_digits`` digits before the point and ``decimals`` after."""
    return st.tuples(st.integers(1, 10**whole_digits - 1), st.integers(0, decimals)).flatmap(
        lambda p: st.integers(0, 10**p[1] - 1).map(
            lambda frac: str(p[0]) + (f".{frac:0{p[1]}d}" if p[1] else "")))


def duration() -> st.SearchStrategy[str]:
    """A duration near the 100-year limit of its unit, or small."""
    return st.sampled_from(UNITS).flatmap(lambda u: st.one_of(
        st.integers(1, 12), st.integers(LONGEST[u] - 2, LONGEST[u] + 2), st.integers(1, 10**7)).map(
        lambda n: f"{n} {u}"))


whole = st.integers(1, 20).flatmap(lambda d: number(d, 0))
exact = st.integers(1, 18).flatmap(lambda d: st.integers(0, 8).flatmap(lambda k: number(d, k)))
events = st.lists(st.fixed_dictionaries({
    "amount": st.sampled_from(["0", "0.01", "1", "99.99", "100", "999999999999999.99"]),
    "weight": st.sampled_from(["1e-18", "0.000001", "1", "3", "1e17", "-5", "0"]),
    "time": st.sampled_from(["2026-01-01T00:00:00+08:00", "2026-12-31T23:59:59+08:00",
                             "1900-01-01T12:00:00Z", "2999-12-31T10:00:00Z"]),
}), min_size=1, max_size=6)


@FUZZ
@given(pending=duration(), expiry=duration(), window=duration(), keep=duration(), threshold=whole,
       factor=exact, points=whole, per=exact, times=whole, ratio=exact, bonus=whole, stream=events)
def test_property_accepted_programs_evaluate_without_crashing(stream, **parts):
    text = TEMPLATE.format(**parts)
    diagnostics = pointrules.check(text)
    if any(d.severity.name == "ERROR" for d in diagnostics):
        assert {d.code for d in diagnostics} <= {"PR307", "PR308", "PR309", "PR310", "PR325", "PR326"}, diagnostics
        return
    program = pointrules.loads(text)
    lines = [json.dumps({"id": f"e{i}", "kind": "purchase", "member": "m1", **e}) for i, e in enumerate(stream)]
    runs = []
    for evaluate in (interpreter.evaluate, None):
        rows: list[dict] = []
        rejected: list[tuple] = []
        simulate(program, lines, on_row=rows.append, evaluate=evaluate,
                 on_reject=lambda r: rejected.append((r.line, r.field)))
        runs.append((rows, rejected))
    assert runs[0] == runs[1]


def test_the_issue_reproducers_are_refused_by_the_checker():
    base = TEMPLATE.format(pending="1 days", expiry="12 months", window="12 months", keep="1 years",
                           threshold="1000", factor="1.5", points="1", per="1", times="3", ratio="5", bonus="1")
    for window in ("5000 years", "1000000 days", "9000 quarters"):
        text = base.replace("last 12 months", f"last {window}")
        assert [d.code for d in pointrules.check(text)] == ["PR325"], window
    text = base.replace("earn 1 points per", "earn 1" + "0" * 5000 + " points per")
    assert [d.code for d in pointrules.check(text)] == ["PR326"]
