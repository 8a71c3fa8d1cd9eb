"""Checking stays cheap however many names a program declares: "did you mean" is bounded per lookup
and per pass, help lines list a few names, and name lookups in conditions take constant time."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from pointrules import syntax as s
from pointrules.check.report import SUGGESTIONS, Report, close, did_you_mean, one_of
from pointrules.program.model import FieldType, Schema
from pointrules.program.resolve import among, compared_with_tier, tier_operands
from pointrules.source import Source, Span

from strategies import examples

Z = Span(0, 0)
words = st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,11}", fullmatch=True)


def difflib_close(word: str, options: list[str]) -> str | None:
    """What ``close`` answered before it was bounded (the oracle for a few short options)."""
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


@settings(max_examples=examples(300, 300), deadline=None)
@given(words, st.lists(words, max_size=5))
def test_for_a_few_options_close_answers_as_difflib_does(word: str, options: list[str]) -> None:
    assert close(word, options) == difflib_close(word, options)


@settings(max_examples=examples(200, 200), deadline=None)
@given(words, st.lists(words, max_size=40))
def test_close_answers_an_option_difflib_finds_close(word: str, options: list[str]) -> None:
    best = close(word, options)
    if best is not None and best.lower() != word.lower():
        ratio = max(difflib.SequenceMatcher(None, word, best).ratio(),
                    difflib.SequenceMatcher(None, word.lower(), best.lower()).ratio())
        assert best in options and ratio >= 0.6


def test_among_twenty_thousand_alike_names_a_slip_at_either_end_is_found() -> None:
    names = [f"kind_{i:05d}_of_event" for i in range(20_000)]
    assert str(did_you_mean("kind_12345_of_evnet", names)) == "did you mean `kind_12345_of_event`?"
    assert str(did_you_mean("kimd_12345_of_event", names)) == "did you mean `kind_12345_of_event`?"
    assert str(did_you_mean("KIND_00007_OF_EVENT", names)) == "did you mean `kind_00007_of_event`?"


def test_words_and_options_longer_than_a_name_are_not_compared() -> None:
    assert close("x" * 101, ["x" * 100]) is None
    assert close("X" * 101, ["x" * 101]) == "x" * 101  # the same but for case is still found


def test_a_pass_looks_up_at_most_its_suggestions_then_reads_no_options() -> None:
    report = Report(Source("", "x.points"))
    for i in range(SUGGESTIONS):
        assert str(report.did_you_mean(f"gold{i}x", [f"gold{i}"])) == f"did you mean `gold{i}`?"

    def unread() -> Iterator[str]:
        raise AssertionError("options read after the pass used up its lookups")
        yield "never"

    assert report.did_you_mean("goldx", unread()) is None
    assert report.close("goldx", unread()) is None


def test_a_help_line_lists_a_dozen_names_and_counts_the_rest() -> None:
    assert str(one_of(["a", "b", "c"])) == "`a`, `b` or `c`"
    assert str(one_of([f"t{i}" for i in range(12)])) == ", ".join(f"`t{i}`" for i in range(11)) + " or `t11`"
    assert str(one_of([f"t{i}" for i in range(5000)])) == ", ".join(f"`t{i}`" for i in range(11)) + " or 4,989 more"
    assert str(one_of(f"t{i}" for i in range(5000))).endswith("`t10` or more")
    # 5,000 - 11 shown = 4,989 more, in Chinese too
    assert one_of([f"t{i}" for i in range(5000)]).say("zh").endswith("`t10` 或另外 4,989 个")


@given(st.text(max_size=3), st.lists(st.text(max_size=3), max_size=40))
def test_among_is_in(name: str, names: list[str]) -> None:
    assert among(name, tuple(names)) == (name in names)


def naive_tier_operands(node: s.Expr, event: Schema, tiers: tuple[str, ...]) -> frozenset[int]:
    """The rule as first written: an operand named like a tier faces one when another operand means one."""
    from pointrules.program.resolve import comparison_operands
    operands = comparison_operands(node)
    return frozenset(id(o) for i, o in enumerate(operands)
                     if isinstance(o, s.Ref) and o.attr is None and o.name.text in tiers
                     and compared_with_tier(operands[:i] + operands[i + 1:], event=event, record=None, tiers=tiers))


@given(st.lists(st.sampled_from(["tier", "gold", "silver", "member", "amount", "vip"]), min_size=1, max_size=8),
       st.booleans())
def test_tier_operands_asks_each_operand_once_and_answers_as_before(names: list[str], shared: bool) -> None:
    # `vip` is a field and a tier (the field wins outside a tier comparison); `member` is a built-in and a tier
    event = Schema("purchase", None, {"amount": FieldType("money"), "vip": FieldType("tier")}, Z)
    refs = [s.Ref(name=s.Name(text=n, span=Z), attr=None, span=Z) for n in names]
    if shared:
        refs.append(refs[0])  # one node twice: still counted once for each place it stands
    node = s.In(value=refs[0], options=tuple(refs[1:]), negated=False, span=Z)
    tiers = ("member", "silver", "gold", "vip") + tuple(f"t{i}" for i in range(40))
    assert tier_operands(node, event=event, record=None, tiers=tiers) == naive_tier_operands(node, event, tiers)
