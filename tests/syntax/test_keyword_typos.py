"""Misspelt keywords get a "did you mean" at the typo, with the keyword the grammar expects there
(syntax/typos.py); the fix is one `lint --fix` and the editor apply. The rendered diagnostics of
`preks`, `whree`, `rewadr`, `lsit` and `capp` are golden files (tests/golden/diagnostics/pr001_keyword_typo_*)."""

from __future__ import annotations

import pytest

import pointrules
from pointrules.check.fixes import apply
from pointrules.lsp.fixes import fixes
from pointrules.source import Source
from pointrules.syntax.typos import distance, nearest

HEAD = 'program "T"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent purchase { amount: money, category: text }\n'
BODY = "rule base on purchase {\n  earn 1 point per 1 CNY of amount\n}\n"


def errors(text: str) -> list[tuple[int, int, str, str | None]]:
    with pytest.raises(pointrules.ProgramError) as caught:
        pointrules.loads(text, "t.points")
    return [(d.line, d.column, d.code, d.help) for d in caught.value.diagnostics]


@pytest.mark.parametrize(("a", "b", "edits"), [
    ("preks", "perks", 1),   # two neighbours swapped
    ("lsit", "list", 1),
    ("whree", "when", 2),    # `r` replaced by `n`, the last `e` dropped
    ("rewadr", "reward", 1),
    ("limt", "limit", 1),    # a letter dropped
    ("capp", "cap", 1),      # a letter added
    ("", "cap", 3),
    ("abc", "ca", 3),        # a, b, c -> c, a: no neighbours swap into place
])
def test_distance(a: str, b: str, edits: int) -> None:
    assert distance(a, b) == edits == distance(b, a)


def test_nearest_is_close_and_prefers_the_same_letters() -> None:
    assert nearest("pre", ["are", "per"]) == "per"  # both one edit away; `per` has pre's letters
    assert nearest("whree", ["when", "{"]) == "when"  # two edits: allowed in a word of 5 letters
    assert nearest("wehn", ["when", "where"]) == "when"
    assert nearest("lst", ["list"]) == "list"
    assert nearest("ls", ["list"]) is None  # two edits in a short word are too many
    assert nearest("when", ["when", "where"]) is None  # a keyword is no typo
    assert nearest("amount", ["when", "list"]) is None


@pytest.mark.parametrize(("line", "typo", "keyword"), [
    ("  eran 1 point per 1 CNY of amount", "eran", "earn"),
    ("  earn 1 point pre 1 CNY of amount", "pre", "per"),
    ("  earn 1 point per 1 CNY fo amount", "fo", "of"),
    ("  earn 5 ponts", "ponts", "points"),
    ("  mutliply 2", "mutliply", "multiply"),
    ('  earn 1 point per 1 CNY of amount whree category = "x"', "whree", "where"),
])
def test_a_typo_in_a_rule_is_marked_where_it_stands(line: str, typo: str, keyword: str) -> None:
    text = HEAD + f"rule base on purchase {{\n{line}\n}}\n"
    assert errors(text) == [(6, line.index(typo) + 1, "PR001", f"did you mean `{keyword}`?")]


def test_a_name_is_not_taken_for_a_typo() -> None:
    # `bsae` is a rule's name, `amonut` a field's: names get their own "did you mean" from the checker
    pointrules.loads(HEAD + BODY.replace("rule base", "rule bsae"), "t.points")
    (found,) = errors(HEAD + BODY.replace("of amount", "of amonut"))
    assert found[2] != "PR001" and found[3] == "did you mean `amount`?"


def test_two_tiers_on_separate_lines_are_two_tiers() -> None:
    # `perks` is only a typo on the line of the tier before it; on its own line it is a tier's name
    pointrules.loads(HEAD + 'tiers {\n  gold "金卡" multiplier 1.5\n  preks "免费停车"\n}\n' + BODY, "t.points")


def test_lint_fix_and_the_editor_apply_the_keyword() -> None:
    # parsing resumes at the next declaration (`rule b`), so both typos are found in one run
    text = HEAD + 'rule a on purchase whree category = "x" {\n  earn 5 points\n}\nrule b on purchase {\n  eran 5 points\n}\n'
    source = Source(text, "t.points")
    with pytest.raises(pointrules.ProgramError) as caught:
        pointrules.loads(text, "t.points")
    diagnostics = caught.value.diagnostics
    fixed, count = apply(source, diagnostics)
    assert count == 2 and fixed == text.replace("whree", "when").replace("eran", "earn")
    (fix,) = fixes(diagnostics[0], source)
    assert fix.title == "change `whree` to `when`"
