"""Write the TextMate grammar of `.points` files (editors/vscode/syntaxes/points.tmLanguage.json).

    PYTHONPATH=src python editors/textmate.py     # after a keyword is added to grammar/pointrules.lark

The keywords come from the lark grammar (``pointrules.syntax.grammar.keywords``), so the editor's
highlighting cannot fall behind the language; tests/editors/test_textmate.py fails when the written
file is not what this script writes. Every pattern is a single-line ``match`` in the subset of regular
expressions that Oniguruma (VS Code, GitHub's linguist) and Python's ``re`` read alike: no
possessive quantifiers, no variable-length lookbehind, ASCII classes spelt out rather than ``\\w``.
A position takes the earliest match; of matches starting together, the first pattern listed wins.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pointrules.syntax.grammar import DECLARATION_KEYWORDS, keywords

OUT = Path(__file__).resolve().parent / "vscode" / "syntaxes" / "points.tmLanguage.json"

OPERATOR_WORDS = ("and", "or", "not", "in")
NAME = r"[A-Za-z_][A-Za-z0-9_]*"
NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
STRING = r'"(?:[^"\\]|\\.)*"?'
# a declaration whose name follows its keyword, with the label a marketer reads beside it
NAMED = {"rule": "entity.name.function", "campaign": "entity.name.section", "reward": "entity.name.tag",
         "event": "entity.name.type", "record": "entity.name.type"}


def _words(words: list[str]) -> str:
    """An alternation of whole words, longest first (`multipliers` before `multiplier`)."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return r"(?<![A-Za-z0-9_-])(?:" + "|".join(re.escape(w).replace(r"\-", "-") for w in ordered) + r")(?![A-Za-z0-9_-])"


def grammar() -> dict[str, object]:
    """The grammar as a JSON-ready dict."""
    every = list(keywords())
    declaration = [w for w in every if w in DECLARATION_KEYWORDS or w == "profile"]
    operators = [w for w in every if w in OPERATOR_WORDS]
    other = [w for w in every if w not in declaration and w not in operators]
    not_keyword = r"(?!(?:" + "|".join(sorted(every, key=lambda w: (-len(w), w))) + r")(?![A-Za-z0-9_-]))"
    patterns = [
        {"name": "comment.line.number-sign.points", "match": r"#.*$"},
        *[{"match": rf"(?<![A-Za-z0-9_])({word})\s+({NAME})(?:\s+({STRING}))?",
           "captures": {"1": {"name": "keyword.control.declaration.points"},
                        "2": {"name": f"{scope}.points"},
                        "3": {"name": "string.quoted.double.label.points"}}}
          for word, scope in NAMED.items()],
        {"comment": "a tier: its name at the start of a line, then its label or threshold",
         "match": rf"^\s*{not_keyword}({NAME})(?=\s+(?:\"|from(?![A-Za-z0-9_])))",
         "captures": {"1": {"name": "entity.name.tier.points"}}},
        {"comment": "a field of an event, record or profile: `amount: money`",
         "match": rf"({NAME})\s*(:)",
         "captures": {"1": {"name": "variable.other.field.points"},
                      "2": {"name": "punctuation.separator.field.points"}}},
        {"name": "string.quoted.double.points", "match": STRING},
        {"name": "constant.numeric.date.points", "match": r"(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])"},
        {"name": "constant.numeric.date.points", "match": r"(?<![0-9])[0-9]{2}-[0-9]{2}(?![0-9.])"},
        {"comment": "a quantity: a number and its unit (`100 CNY`, `30 days`, `50%`, `5 points`)",
         "match": rf"(?<![A-Za-z0-9_.])({NUMBER})(?:\s*(%)|\s+(points|point)(?![A-Za-z0-9_])"
                  rf"|\s+{not_keyword}({NAME}))?",
         "captures": {"1": {"name": "constant.numeric.points"},
                      "2": {"name": "keyword.other.unit.percent.points"},
                      "3": {"name": "keyword.other.unit.points.points"},
                      "4": {"name": "support.constant.unit.points"}}},
        {"name": "keyword.control.declaration.points", "match": _words(declaration)},
        {"name": "keyword.operator.word.points", "match": _words(operators)},
        {"name": "keyword.other.points", "match": _words(other)},
        {"name": "keyword.operator.points", "match": r"<=|>=|!=|=|<|>|\+|-|\*|/|%|\|"},
        {"name": "punctuation.section.block.points", "match": r"[{}]"},
        {"name": "punctuation.separator.points", "match": r"[,.()]"},
    ]
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "pointrules",
        "scopeName": "source.points",
        "fileTypes": ["points"],
        "comment": "Written by editors/textmate.py from grammar/pointrules.lark: edit that script, not this file",
        "patterns": patterns,
    }


def text() -> str:
    return json.dumps(grammar(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    OUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}", file=sys.stderr)
