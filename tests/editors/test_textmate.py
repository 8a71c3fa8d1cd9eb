"""The TextMate grammar of `.points` files (editors/vscode/syntaxes/points.tmLanguage.json): written
from the lark grammar, every pattern readable by Python's `re` (the Oniguruma subset it keeps to),
and on every example each keyword, text, comment, number and date the parser reads is scoped as one."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pointrules.syntax.grammar import COMMENT_OR_STRING, keywords, lark_parser
from textmate_engine import compile_patterns, scopes_at, tokenize

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR_FILE = ROOT / "editors" / "vscode" / "syntaxes" / "points.tmLanguage.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))


def _writer():
    spec = importlib.util.spec_from_file_location("textmate_writer", ROOT / "editors" / "textmate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def patterns():
    return compile_patterns(json.loads(GRAMMAR_FILE.read_text("utf-8")))


def test_the_written_grammar_is_what_the_script_writes():
    assert GRAMMAR_FILE.read_text("utf-8") == _writer().text(), (
        "editors/vscode/syntaxes/points.tmLanguage.json is out of date with grammar/pointrules.lark: "
        "run `PYTHONPATH=src python editors/textmate.py`")


def test_keywords_are_read_from_the_lark_grammar():
    words = keywords()
    # a few of each kind, spelt out in grammar/pointrules.lark
    assert {"rule", "earn", "per", "when", "half-even", "multiplying", "prorated", "units", "points"} <= set(words)
    assert "CNY" not in words and "purchase" not in words and "{" not in words


@pytest.mark.parametrize("word", keywords())
def test_every_keyword_of_the_grammar_is_scoped_as_a_keyword(patterns, word):
    for line in (word, f"  {word} ", f"x {word} y"):
        at = line.index(word)
        tokens = list(tokenize(patterns, line))
        for column in range(at, at + len(word)):
            assert any(s.startswith("keyword.") for s in scopes_at(tokens, 1, column)), (word, line, tokens)


def _expected_scope(token_type: str, value: str) -> str | None:
    if token_type == "STRING":
        return "string."
    if token_type in ("DATE", "MONTHDAY"):
        return "constant.numeric.date"
    if token_type == "NUMBER":
        return "constant.numeric"
    if token_type != "NAME" and value in keywords():
        return "keyword."
    return None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_scoped_as_the_parser_reads_it(patterns, path):
    text = path.read_text("utf-8")
    tokens = list(tokenize(patterns, text))
    checked = 0
    for token in lark_parser().parse_interactive(text).iter_parse():
        want = _expected_scope(token.type, token.value)
        if want is None:
            continue
        for column in range(token.column - 1, token.column - 1 + len(token.value)):
            found = scopes_at(tokens, token.line, column)
            assert any(s.startswith(want) for s in found), (
                f"{path.name}:{token.line}:{token.column}: `{token.value}` ({token.type}) should be "
                f"scoped {want}…, found {found}")
        checked += 1
    lines = text.split("\n")
    for m in COMMENT_OR_STRING.finditer(text):
        if m.group().startswith("#"):
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1)
            assert all(any(s.startswith("comment.") for s in scopes_at(tokens, line, c))
                       for c in range(column, len(lines[line - 1]))), (path.name, line)
    assert checked > 50  # the smallest example has more words, numbers and texts than this


def test_names_and_labels_of_declarations(patterns):
    text = 'rule base "消费返积分" on purchase {\n  silver  "银卡"  from 5,000 CNY multiplier 1.2\n  amount: money\n'
    tokens = list(tokenize(patterns, text))
    assert "entity.name.function.points" in scopes_at(tokens, 1, 5)  # base
    assert "string.quoted.double.label.points" in scopes_at(tokens, 1, 10)  # the label
    assert "entity.name.tier.points" in scopes_at(tokens, 2, 2)  # silver
    assert "support.constant.unit.points" in scopes_at(tokens, 2, 28)  # CNY of 5,000 CNY (columns 27-29)
    assert "variable.other.field.points" in scopes_at(tokens, 3, 2)  # amount
    # `perks` after a tier is a keyword, not a tier's name
    tokens = list(tokenize(patterns, '  perks "免费停车"'))
    assert "keyword.other.points" in scopes_at(tokens, 1, 2)
