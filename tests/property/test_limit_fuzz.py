"""The program fuzzer's classes at the limits of a program file (docs/robustness.md): conditions deep
and wide, long lists, many similar names, long texts, names and numbers, many rules. Every text is
checked without an exception and well within the time the limits promise, with PR005 exactly when it
goes beyond a limit, at the place where it first does (fuzz tests)."""

from __future__ import annotations

import os
import re
import time

from hypothesis import HealthCheck, given, settings

import pointrules
from pointrules.check.report import SUGGESTIONS
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, render
from pointrules.source import Source

import strategies as S

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
FUZZ = settings(max_examples=300 if LONG else 12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])
SLOW = 30  # seconds; the limits keep any file to a few, the margin keeps a slow CI from flaking
SUGGESTED = re.compile(r'did you mean `"?(.*?)"?`\?')


def checked(text: str) -> tuple[list[Diagnostic], Source]:
    """Diagnostics of ``text``, each well placed and rendered in bounded space, found quickly."""
    started = time.perf_counter()
    diagnostics = pointrules.check(text, "limits.points")
    assert time.perf_counter() - started < SLOW
    source = Source(text, "limits.points")
    for d in diagnostics:
        assert d.code in CODES and 1 <= d.line <= source.line_count, d
        assert len(render(d, source)) < 20_000, d  # a window of a long line, never the whole of it
    return diagnostics, source


def assert_limit(case: S.LimitCase, allowed: set[str]) -> None:
    """PR005 (PR004 for an unclosed text) alone, where the case first goes beyond a limit; within the
    limits, no PR004 or PR005 and no error outside ``allowed``."""
    diagnostics, source = checked(case.text)
    if case.beyond is not None:
        code = "PR004" if case.beyond == "unclosed" else "PR005"
        assert case.at is not None
        assert [(d.code, d.line, d.column) for d in diagnostics] == [(code, *source.position(case.at))], diagnostics
    else:
        errors = {d.code for d in diagnostics if d.severity.name == "ERROR"}
        assert errors <= allowed, diagnostics


@FUZZ
@given(S.wide_conditions())
def test_fuzz_wide_conditions(case: S.LimitCase) -> None:
    assert_limit(case, set())


@FUZZ
@given(S.deep_conditions())
def test_fuzz_deep_conditions(case: S.LimitCase) -> None:
    assert_limit(case, set())


@FUZZ
@given(S.long_lists())
def test_fuzz_long_lists(case: S.LimitCase) -> None:
    assert_limit(case, set())


@FUZZ
@given(S.long_texts())
def test_fuzz_long_texts_names_and_numbers(case: S.LimitCase) -> None:
    assert_limit(case, {"PR326"})  # a number of thousands of digits is within the scan's limit, not the checker's


@FUZZ
@given(S.many_rules())
def test_fuzz_many_rules(case: S.LimitCase) -> None:
    assert_limit(case, {"PR001"})  # the tail of words that brings a program to the token limit


@FUZZ
@given(S.similar_names())
def test_fuzz_many_similar_names(case: S.NamesCase) -> None:
    diagnostics, source = checked(case.text)
    assert not [d for d in diagnostics if d.code == "PR005"]
    found = {(d.line, d.column): d for d in diagnostics if d.code in ("PR102", "PR103", "PR207")}
    assert len(found) == len(case.uses)
    for n, (word, offset) in enumerate(case.uses):
        d = found[source.position(offset)]
        hint = SUGGESTED.search(d.help or "")
        if n >= SUGGESTIONS:
            assert hint is None, d  # the pass has used up its lookups: the plain help
        elif hint is not None:
            assert hint.group(1) in case.declared, d
        if n < SUGGESTIONS and word.lower() in {w.lower() for w in case.declared}:
            assert hint is not None and hint.group(1).lower() == word.lower(), d  # only the case differs
