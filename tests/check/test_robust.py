"""check() never raises, whatever the text, and every diagnostic has a place in the file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules

from strategies import examples

SHOP = (Path(__file__).resolve().parents[2] / "examples" / "shop.points").read_text("utf-8")
EXAMPLES = int(os.environ.get("POINTRULES_FUZZ_EXAMPLES", examples(100, 2000)))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that parse into many different trees when spliced into the shop program.
PIECES = [
    "tier >= gld", "amount = \"x\"", "2026-02-30", "02-30", "0", "0.5", "2.5", "100 USD", "items.amount",
    "days", "month", "CNY", "points", "%", "not", "(", ")", "streak % 0", "weekday < monday", "11-11",
    "from 2026-12-01 to 2026-01-01", "\n}", "{", "every", "\nrule x on y { earn 1 point }\n",
    "\ntiers by spend over last 12 months { a from 0 CNY b }\n", "\ncheck return rate at most 8%\n",
    "\nredeem { minimum 1 points }\n", "\nreward r costs 1 points { for tier >= gold }\n",
]


def _assert_well_placed(text: str) -> None:
    for d in pointrules.check(text, "fuzz.points"):
        assert d.line >= 1 and d.column >= 1
        assert (d.end_line, d.end_column) >= (d.line, d.column)
        assert d.message and d.code in pointrules.codes.CODES  # type: ignore[attr-defined]


@FUZZ
@given(st.text())
def test_any_text(text: str) -> None:
    _assert_well_placed(text)


@FUZZ
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _assert_well_placed(data.decode("utf-8", errors="replace"))


@FUZZ
@given(st.integers(0, len(SHOP)))
def test_truncations_of_shop(end: int) -> None:
    _assert_well_placed(SHOP[:end])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SHOP)), st.integers(0, 12),
                          st.one_of(st.sampled_from(PIECES), st.text(max_size=8))), min_size=1, max_size=4))
def test_mutations_of_shop(edits: list[tuple[int, int, str]]) -> None:
    text = SHOP
    for at, cut, piece in edits:
        at = min(at, len(text))
        text = text[:at] + piece + text[at + cut:]
    _assert_well_placed(text)


@FUZZ
@given(st.lists(st.sampled_from(PIECES + ["and", "or", "=", "+", "*", "in (", ",", "a", "amount", "tier"]),
                max_size=12))
def test_random_conditions(words: list[str]) -> None:
    _assert_well_placed(SHOP + "\nrule fuzz on purchase when " + " ".join(words) + " { earn 1 point }\n")


def test_a_very_deep_condition_is_too_deep_quickly() -> None:
    text = SHOP + "\nrule deep on purchase when " + "(" * 100_000 + "amount > 1" + ")" * 100_000 + " { earn 1 point }\n"
    started = time.perf_counter()
    diagnostics = pointrules.check(text, "deep.points")
    assert time.perf_counter() - started < 10
    assert [d.code for d in diagnostics] == ["PR005"]


def test_a_deep_but_allowed_condition_is_checked() -> None:
    # 60 nested `not`s: within the parser's depth limit; the checker walks it without recursion
    text = SHOP + "\nrule deep on purchase when " + "not " * 60 + "amount { earn 1 point }\n"
    codes = [d.code for d in pointrules.check(text, "deep.points")]
    assert codes == ["PR203"]


NUMBERS = st.sampled_from(["0", "1", "2.5", "100", "0.001", "2,000", "31", "32", "99999999999999999999999999999999.5"])
WORDS = st.sampled_from(["points", "point", "CNY", "USD", "days", "months", "times", "%", "purchases", "day",
                         "month", "year", "event", "week", "fortnight", "amount", "items", "streak", "member",
                         "referee", "gold", "x", "next", "quarter"])


@st.composite
def statements(draw: st.DrawFn) -> str:
    n, m, w, u = draw(NUMBERS), draw(NUMBERS), draw(WORDS), draw(WORDS)
    return draw(st.sampled_from([
        f"earn {n} points", f"earn {n} points per {m} {w} of {u}", f"earn {n} points per {w} of items.{u}",
        f"earn {n} points to {w}", f"multiply {n}", f"limit {n} {w} per {u}", f"limit {n}", f"pending {n} {w}",
        f"expire after {n} {w}", f"expire at end of {w} after {n} {u}", f"expire at end of next {w}",
        f"expire after {n} {w} without activity", f"earn {n} points per {m} {w} of items where category = \"{u}\"",
    ]))


@st.composite
def declarations(draw: st.DrawFn) -> str:
    n, m, w, u = draw(NUMBERS), draw(NUMBERS), draw(WORDS), draw(WORDS)
    return draw(st.sampled_from([
        f"cap {n} {w} per {u}", f"cap {n} points per {u} on purchase, {w}", f"value {n} points = {m} {w}",
        f"tiers by {w} over last {n} {u} {{ a from {m} {w} b from {n} {u} multiplier {m} keep tier for {n} {w} }}",
        f"tiers by spend over this {w} {{ a from 0 CNY b from {n} {u} downgrade one level }}",
        f"redeem {{ minimum {n} {w} step {m} {u} at most {n} {w} of order at most {m} {w} per {u} }}",
        f"reward r costs {n} {w} + {m} {u} {{ limit {n} {w} per {u} stock {m} for tier >= {w} }}",
        f"campaign c every {w} budget {n} {u} {{ rule cr on purchase {{ multiply {m} }} }}",
        f"campaign c every month on day {n}, {m} {{ }}", f"check return rate at most {n} {w}",
        f"pending {n} {w}", f"expire at end of {w} after {n} {u}", f"version {n}",
        f"event e {{ a: {w}, b: list of {u}, c: optional {w} }}", f"record {w} {{ amount: money }}",
    ]))


@FUZZ
@given(st.lists(statements(), max_size=5), st.lists(declarations(), max_size=4))
def test_random_statements_never_crash_check_or_lower(body: list[str], more: list[str]) -> None:
    # the shop has `items`-less purchases: add a record list so `items` statements resolve sometimes
    text = SHOP.replace("channel:", "items: list of item\n  channel:") + "\nrecord item { category: text, amount: money }\n"
    text += "\nrule fuzz on purchase {\n  " + "\n  ".join(body or ["earn 1 point"]) + "\n}\n" + "\n".join(more) + "\n"
    _assert_well_placed(text)
