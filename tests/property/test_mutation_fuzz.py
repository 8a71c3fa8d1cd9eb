"""Mutated and random program texts only ever give diagnostics: `check` never raises, PR005 only for
a real limit, every diagnostic points inside the file and renders safely (fuzz tests)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, render
from pointrules.syntax.grammar import DECLARATION_KEYWORDS
from pointrules.syntax.limits import MAX_NAME, MAX_PARENS, MAX_TEXT
from pointrules.source import Source

import strategies as S

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
FUZZ = settings(max_examples=5000 if LONG else 150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXAMPLES = [p.read_text("utf-8") for p in sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points"))]
TOKENS = sorted(S.KEYWORDS) + ["{", "}", "(", ")", ",", ":", "=", ">=", "|", "%", "+", "-", "*", "/", '"', "#",
                               "\n", "2026-02-30", "11-11", "1,000", "0", "99999999999999999999", "1.5", "CNY"]
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def mutate(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    """Apply edits: delete, duplicate, swap, insert a token or random characters, truncate."""
    for how, at, size, piece in edits:
        at = at % (len(text) + 1)
        end = min(len(text), at + size)
        if how == "delete":
            text = text[:at] + text[end:]
        elif how == "duplicate":
            text = text[:end] + text[at:end] + text[end:]
        elif how == "swap":
            other = (at * 7919 + size) % (len(text) + 1)
            a, b = sorted([at, other])
            text = text[:a] + text[b:b + size] + text[a + size:b] + text[a:a + size] + text[b + size:] if b >= a + size else text
        elif how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "replace":
            text = text[:at] + piece + text[end:]
        else:
            text = text[:at]
    return text


pieces = st.one_of(st.sampled_from(TOKENS), st.sampled_from(S.TRICKS), st.text(max_size=6),
                   st.sampled_from(TOKENS).map(lambda t: f" {t} "))
edits = st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "swap", "insert", "insert", "replace", "truncate"]),
                           st.integers(0, 10**6), st.integers(0, 40), pieces), min_size=1, max_size=6)


def real_limit(text: str) -> bool:
    """Input that reaches a documented limit of parser.py (with a generous margin for depth)."""
    return (text.count("(") > MAX_PARENS
            or bool(re.search(r"[A-Za-z_][A-Za-z0-9_]{%d,}" % MAX_NAME, text))
            or any(len(m) > MAX_TEXT for m in re.findall(r'"(?:[^"\\\n]|\\.)*"', text))
            or len(re.findall(r"\b(?:and|or|not)\b|[-+*/%]", text)) > 150)


def assert_only_diagnostics(text: str, filename: str = "fuzz.points") -> list[Diagnostic]:
    """The promise of `check`: diagnostics, well placed, never an exception."""
    diagnostics = pointrules.check(text, filename)
    source = Source(text, filename)
    lines = text.split("\n")  # raw lines: a span may cover a line's trailing \r, which line_text drops
    for d in diagnostics:
        assert d.code in CODES and d.message
        assert 1 <= d.line <= source.line_count, d
        assert 1 <= d.end_line <= source.line_count and (d.end_line, d.end_column) >= (d.line, d.column), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 2, d
        assert d.end_column <= len(lines[d.end_line - 1]) + 2, d
        if d.code == "PR005":
            assert real_limit(text), (d, text)
        shown = render(d, source)
        bad = [ch for ch in shown if ch != "\n" and unicodedata.category(ch) in INVISIBLE]
        assert not bad, (d, bad)
        for part in (d.message, d.help or "", *d.notes):
            assert not [ch for ch in part if unicodedata.category(ch) in INVISIBLE], (d, part)
    return diagnostics


@settings(FUZZ, max_examples=3000 if LONG else 25)  # generating a program is the slow part
@given(S.programs(), edits)
def test_fuzz_mutated_generated_programs(text: str, changes: list) -> None:
    assert_only_diagnostics(mutate(text, changes))


@FUZZ
@given(st.sampled_from(EXAMPLES), edits)
def test_fuzz_mutated_examples(text: str, changes: list) -> None:
    assert_only_diagnostics(mutate(text, changes))


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.sampled_from(["a", "b", "amount", "gold", "purchase"])),
                max_size=60))
def test_fuzz_random_token_soup(words: list[str]) -> None:
    assert_only_diagnostics(" ".join(words))


@FUZZ
@given(st.text(), st.sampled_from(DECLARATION_KEYWORDS))
def test_fuzz_random_text_after_a_keyword(junk: str, keyword: str) -> None:
    assert_only_diagnostics(f"{keyword} {junk}")
    assert_only_diagnostics(EXAMPLES[0] + f"\n{keyword} {junk}")


@FUZZ
@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_fuzz_random_unicode_text(text: str) -> None:
    assert_only_diagnostics(text)
