"""`fmt --width N`: a condition at the end of a line is broken before each `and`/`or` of its outermost
chain when it does not fit or was written over several lines, its comments staying on their lines;
formatting twice changes nothing and the program means the same. Widths counted by hand."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules import syntax as s
from pointrules.formatter import WIDTH, format_text
from pointrules.source import Source
from pointrules.syntax.parser import parse

import strategies as S
from cli_runner import run_cli

HEAD = 'program "W"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent purchase { amount: money, channel: "app" | "store" }\n'
# the schema's line is 58 columns: below that width it is one field a line, as written here
NARROW = 'program "W"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent purchase {\n  amount: money\n  channel: "app" | "store"\n}\n'
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points"))


def rule(head: str, top: str = HEAD) -> str:
    return top + head + "\n  earn 5 points\n}\n"


def test_a_rule_head_is_broken_only_when_it_does_not_fit() -> None:
    # `rule big on purchase when ` 26 + `amount >= 100 CNY` 17 + ` and channel = "app"` 20 + ` {` 2 = 65 columns
    one_line = rule('rule big on purchase when amount >= 100 CNY and channel = "app" {')
    assert format_text(one_line, width=65) == one_line
    assert format_text(one_line, width=64) == rule('rule big on purchase when amount >= 100 CNY\n    and channel = "app" {')
    assert WIDTH == 100 and format_text(one_line) == one_line


def test_width_counts_a_chinese_character_as_two_columns() -> None:
    # ` "大单"` adds 1 + 1 + 2 x 2 + 1 = 7 columns: 72 in all (70 characters)
    one_line = rule('rule big "大单" on purchase when amount >= 100 CNY and channel = "app" {')
    assert format_text(one_line, width=72) == one_line
    assert format_text(one_line, width=71) == rule(
        'rule big "大单" on purchase when amount >= 100 CNY\n    and channel = "app" {')


def test_every_operand_of_the_outermost_chain_gets_its_line_and_the_label_ends_the_last() -> None:
    text = rule('rule r on purchase when amount >= 1 CNY and amount < 9 CNY and (channel = "app" or amount = 5 CNY)'
                ' "小额" {', NARROW)
    assert format_text(text, width=40) == rule(
        "rule r on purchase when amount >= 1 CNY\n"
        "    and amount < 9 CNY\n"
        '    and (channel = "app" or amount = 5 CNY) "小额" {', NARROW)  # the parenthesised `or` is one operand


def test_a_condition_written_over_several_lines_stays_broken_with_its_comments_on_their_lines() -> None:
    text = rule('rule big on purchase when amount >= 100 CNY  # big enough\n'
                "  # online only, never in a store\n"
                'and channel = "app" {')
    expected = rule('rule big on purchase when amount >= 100 CNY  # big enough\n'
                    "    # online only, never in a store\n"
                    '    and channel = "app" {')
    assert format_text(text) == expected  # fits in 100 columns, but was written on two lines
    assert format_text(expected) == expected
    # an operator left at the end of a line: its comment stays after the operand it followed
    dangling = rule('rule big on purchase when amount >= 100 CNY and  # big enough\n  channel = "app"  # app only\n{')
    assert format_text(dangling) == rule('rule big on purchase when amount >= 100 CNY  # big enough\n'
                                         '    and channel = "app" {                    # app only')


def test_statements_and_reward_conditions_break_two_levels_deeper_than_their_line() -> None:
    text = (NARROW + 'rule r on purchase {\n  earn 5 points when amount >= 100 CNY and channel = "app"\n}\n'
            'reward mug costs 500 points {\n  for amount >= 100 CNY and channel = "app"\n}\n')
    # `  earn 5 points when amount >= 100 CNY` is 38 columns; `  for amount >= 100 CNY` 23
    assert format_text(text, width=40) == (
        NARROW + 'rule r on purchase {\n  earn 5 points when amount >= 100 CNY\n      and channel = "app"\n}\n'
        'reward mug costs 500 points {\n  for amount >= 100 CNY\n      and channel = "app"\n}\n')


def test_a_condition_without_and_or_is_never_broken() -> None:
    text = rule('rule r on purchase when channel in ("app", "store") {', NARROW)
    assert format_text(text, width=20) == text


def _bare(x: object) -> object:
    """A checked program without its spans and source text, to compare two texts' meaning."""
    if attrs.has(type(x)):
        return (type(x).__name__, tuple((f.name, _bare(getattr(x, f.name))) for f in attrs.fields(type(x))
                                       if f.name not in ("span", "source")))
    if isinstance(x, dict):
        return tuple((_bare(k), _bare(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return tuple(_bare(v) for v in x)
    if isinstance(x, (set, frozenset)):
        return frozenset(_bare(v) for v in x)
    return x


@pytest.mark.parametrize("width", [20, 40, 60, 80, 120])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_at_any_width_format_once_keep_comments_and_mean_the_same(path: Path, width: int) -> None:
    text = path.read_text("utf-8")
    out = format_text(text, path.name, width)
    assert format_text(out, path.name, width) == out
    assert sorted(c.text.rstrip() for c in _comments(text)) == sorted(c.text.rstrip() for c in _comments(out))
    assert _bare(pointrules.loads(text)) == _bare(pointrules.loads(out))


def _comments(text: str) -> tuple[s.Comment, ...]:
    tree, _ = parse(Source(text))
    assert tree is not None
    return tree.comments


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(S.programs(), st.data())
def test_property_any_width_is_idempotent_and_keeps_every_comment(text: str, data: st.DataObject) -> None:
    width = data.draw(st.integers(20, 140))
    commented, comments = S.with_comments(text, data, most=6)
    out = format_text(commented, width=width)  # raises if the tree or the comments would change
    assert format_text(out, width=width) == out
    for c in comments:
        assert c.rstrip() in out


def test_the_command_line_takes_a_width_or_the_configurations(tmp_path: Path) -> None:
    program = tmp_path / "w.points"
    text = rule('rule big on purchase when amount >= 100 CNY and channel = "app" {')
    broken = rule('rule big on purchase when amount >= 100 CNY\n    and channel = "app" {')
    program.write_text(text, "utf-8")
    assert run_cli(["fmt", "--check", "w.points"], tmp_path).returncode == 0  # 65 columns fit in 100
    assert run_cli(["fmt", "--width", "64", "-"], tmp_path, input=text).stdout == broken
    (tmp_path / "pointrules.toml").write_text("[fmt]\nwidth = 64\n", "utf-8")
    assert run_cli(["fmt", "w.points"], tmp_path).returncode == 0
    assert program.read_text("utf-8") == broken
    assert run_cli(["fmt", "--width", "100", "--check", "w.points"], tmp_path).returncode == 0  # broken stays broken
    for bad, said in (("[fmt]\nwidht = 64\n", "unknown key `widht` in [fmt]; did you mean `width`?"),
                      ("[fmt]\nwidth = 8\n", "fmt width must be a whole number of columns from 20 to 1000"),
                      ('fmt = "wide"\n', "`fmt` must be a table")):
        (tmp_path / "pointrules.toml").write_text(bad, "utf-8")
        for args, given in ((["fmt", "w.points"], None), (["fmt", "-"], text)):
            result = run_cli(args, tmp_path, input=given)
            assert result.returncode == 2 and said in result.stderr and result.stdout == "", (bad, args)
    result = run_cli(["fmt", "--width", "0", "w.points"], tmp_path)
    assert result.returncode == 2 and "not a width" in result.stderr
