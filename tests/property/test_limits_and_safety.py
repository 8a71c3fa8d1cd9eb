"""The limits (huge, deep and long inputs get a diagnostic or a clean result quickly), no code
execution from a program's text, and safe display of names and texts on every surface."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest

import pointrules
from pointrules.cli import main
from pointrules.diagnostics import render, safe
from pointrules.evaluate.reference import evaluate
from pointrules.check.report import SUGGESTIONS
from pointrules.syntax.limits import (
    MAX_CHARS, MAX_DECLARATIONS, MAX_DEPTH, MAX_ITEMS, MAX_LINES, MAX_NAME, MAX_NUMBER, MAX_TERMS, MAX_TEXT,
    MAX_TOKENS,
)
from pointrules.source import Source
from pointrules.state.memory import MemoryState
from pointrules.wording.terms import terms

ROOT = Path(__file__).resolve().parents[2]
SHOP = (ROOT / "examples" / "shop.points").read_text("utf-8")
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
SLOW = 30  # seconds; the acceptance asks for "a few", the margin keeps a slow CI from flaking


def hidden(text: str) -> list[str]:
    """Characters that could hide or reorder what a terminal shows (newlines excepted)."""
    return [f"U+{ord(c):04X}" for c in text if c != "\n" and unicodedata.category(c) in INVISIBLE]


def timed_check(text: str) -> tuple[list[str], float]:
    started = time.perf_counter()
    codes = [d.code for d in pointrules.check(text, "big.points")]
    return codes, time.perf_counter() - started


# ---- limits ------------------------------------------------------------------------------------------
RULE = "\nrule deep on purchase when {} {{ earn 1 point }}\n"


@pytest.mark.parametrize("condition", [
    "(" * 100_000 + "amount > 1 CNY" + ")" * 100_000,
    "not " * 100_000 + "amount > 1 CNY",
    "-" * 100_000 + "amount > 1 CNY",
    " and ".join(["amount > 1 CNY"] * 20_000),  # left-recursive: as deep as it is long
], ids=["parentheses", "not", "negation", "and-chain"])
def test_a_100_000_deep_nesting_gets_pr005_quickly(condition: str) -> None:
    codes, seconds = timed_check(SHOP + RULE.format(condition))
    assert codes == ["PR005"]
    assert seconds < SLOW


def test_a_100_000_deep_nesting_of_braces_gets_a_diagnostic_quickly() -> None:
    codes, seconds = timed_check(SHOP + "\nredeem " + "{" * 100_000 + "}" * 100_000)
    assert codes and all(c.startswith("PR0") for c in codes)
    assert seconds < SLOW


def test_a_50_mb_comment_gets_pr005_quickly() -> None:
    codes, seconds = timed_check(SHOP + "# " + "积" * 50_000_000 + "\n")
    assert codes == ["PR005"]
    assert seconds < SLOW


def test_a_comment_just_under_the_size_limit_is_checked_cleanly() -> None:
    text = SHOP + "# " + "x" * (MAX_CHARS - len(SHOP) - 10) + "\n"
    codes, seconds = timed_check(text)
    assert "PR005" not in codes and not [c for c in codes if c < "PR500"]
    assert seconds < SLOW


def test_2_million_empty_lines_get_pr005_quickly() -> None:
    codes, seconds = timed_check(SHOP + "\n" * 2_000_000)
    assert codes == ["PR005"]
    assert seconds < SLOW


def test_empty_lines_just_under_the_line_limit_are_checked_cleanly() -> None:
    codes, seconds = timed_check("\n" * (MAX_LINES - 100) + SHOP)
    assert not [c for c in codes if c < "PR500"]
    assert seconds < SLOW


def test_nesting_just_under_the_depth_limit_is_checked() -> None:
    # 100 `not`s: within MAX_TERMS and MAX_DEPTH, so the program loads and the condition holds (even count)
    assert MAX_DEPTH > MAX_TERMS == 100
    program = pointrules.loads(SHOP + RULE.format("not " * MAX_TERMS + "amount > 1 CNY"))
    event = pointrules.parse_event(program, {"id": "e1", "kind": "purchase", "member": "m1",
                                             "time": "2026-03-02T10:00:00+08:00", "amount": "10.00",
                                             "category": "food", "channel": "web"})
    award, _ = evaluate(program, event, MemoryState(zone=program.timezone))
    assert award.by_rule("m1")["deep"] == 1  # 150 negations cancel out: 1 point


# ---- each limit at its edge, found before parsing, and where ----------------------------------------
HEAD = 'program "Limits"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent purchase { amount: money  category: text }\n'  # lines 1-4


def only(code: str, text: str) -> tuple[int, int, str]:
    """The line, column and message of the one diagnostic of ``text``, which has ``code``."""
    diagnostics = pointrules.check(text, "limits.points")
    assert [d.code for d in diagnostics] == [code], diagnostics
    assert diagnostics[0].help
    return diagnostics[0].line, diagnostics[0].column, diagnostics[0].message


def test_more_words_than_the_limit_get_pr005_at_the_first_one_too_many() -> None:
    # MAX_TOKENS words `x `, then `y`: the one too many, at column 2 * MAX_TOKENS + 1 of line 1
    assert only("PR005", "x " * MAX_TOKENS + "y\n") == (
        1, 2 * MAX_TOKENS + 1, f"this program has more than {MAX_TOKENS:,} words, numbers and symbols")
    # comments and spaces are free: the same words and a comment are only a syntax error
    assert "PR005" not in [d.code for d in pointrules.check("x " * MAX_TOKENS + "# y z ( ( (\n" + "\n" * 50)]


def test_a_condition_of_too_many_operators_gets_pr005_at_the_one_too_many() -> None:
    condition = " or ".join(["amount > 1 CNY"] * (MAX_TERMS + 2))  # 101 `or`s
    # "rule r on purchase when " is 24 characters, each term 14 and each " or " 4: the 101st `or`
    # starts after 24 + 101 * 14 + 100 * 4 + 1 = 1839 characters
    assert only("PR005", HEAD + f"rule r on purchase when {condition} {{ earn 1 point }}\n") == (
        5, 1840, "this condition has more than 100 operators (`and`, `or`, `not`, `+`, `-`, `*`, `/`, `%`)")
    within = " or ".join(["amount > 1 CNY"] * (MAX_TERMS + 1))
    pointrules.loads(HEAD + f"rule r on purchase when {within} {{ earn 1 point }}\n")
    # each condition counts alone: two of 60 operators in one rule are within the limit
    sixty = " and ".join(["amount > 1 CNY"] * 61)
    pointrules.loads(HEAD + f"rule r on purchase when {sixty} {{ earn 1 point when {sixty} }}\n")


def test_arithmetic_not_and_negation_count_as_operators() -> None:
    condition = "amount > " + " + ".join(["1 CNY"] * 51) + " and " + "not " * 48 + "- 1 CNY < amount"
    # 50 `+`, 1 `and`, 48 `not` and 1 `-`: 100, the most a condition may hold
    pointrules.loads(HEAD + f"rule r on purchase when {condition} {{ earn 1 point }}\n")
    assert only("PR005", HEAD + f"rule r on purchase when - {condition} {{ earn 1 point }}\n")[0] == 5


def test_a_list_of_too_many_values_gets_pr005_at_the_comma_too_many() -> None:
    values = ", ".join(['"v"'] * (MAX_ITEMS + 1))
    # "rule r on purchase when category in (" is 37 characters, each value 3 and each ", " 2: the
    # 1,000th comma is after 37 + 1000 * 3 + 999 * 2 = 5035 characters
    assert only("PR005", HEAD + f"rule r on purchase when category in ({values}) {{ earn 1 point }}\n") == (
        5, 5036, f"this list has more than {MAX_ITEMS:,} values")
    within = ", ".join(f'"v{i}"' for i in range(MAX_ITEMS))
    pointrules.loads(HEAD + f"rule r on purchase when category not in ({within}) {{ earn 1 point }}\n")


def test_names_texts_and_numbers_too_long_get_pr005_where_they_start() -> None:
    def rule(name: str, label: str) -> str:
        return HEAD + f'rule {name} "{label}" on purchase {{ earn 1 point }}\n'

    def cap(digits: str) -> str:
        return HEAD + f"cap {digits} points per day\n"

    assert only("PR005", rule("r" * (MAX_NAME + 1), "")) == (5, 6, f"this name is longer than {MAX_NAME} characters")
    assert only("PR005", rule("r", "积" * (MAX_TEXT + 1))) == (5, 8, f"this text is longer than {MAX_TEXT:,} characters")
    pointrules.loads(rule("r" * MAX_NAME, '\\"' * (MAX_TEXT // 2)))
    assert only("PR005", cap("1" * (MAX_NUMBER + 1))) == (5, 5, f"this number is longer than {MAX_NUMBER:,} characters")
    assert only("PR326", cap("1" * MAX_NUMBER))[:2] == (5, 5)  # within the scan, beyond the checker


def test_too_many_declarations_get_pr005_at_the_one_too_many() -> None:
    # the head's 4 declarations, then one event a line: declaration 10,001 is on line 10,001
    text = HEAD + "".join(f"event e{i}\n" for i in range(MAX_DECLARATIONS))
    message = f"this program has {MAX_DECLARATIONS + 4:,} declarations, more than the {MAX_DECLARATIONS:,} allowed"
    assert only("PR005", text) == (MAX_DECLARATIONS + 1, 1, message)


def test_a_long_unclosed_text_is_pr004_at_its_quote() -> None:
    for body in ('\\"' * 40_000, '\\"' * 2_000_000, "a" * 3_000_000):  # 80 KB (12 s before), 4 MB, 3 MB
        codes, seconds = timed_check(HEAD + 'rule x "' + body + "\nrule y on purchase { earn 1 point }\n")
        assert codes == ["PR004"] and seconds < SLOW
        assert only("PR004", HEAD + 'rule x "' + body + "\n")[:2] == (5, 8)


@pytest.mark.parametrize("build, where", [
    # "rule r on purchase when amount > " is 33 characters: the 101st `+` is at 33 + 2 * 101 - 1
    (lambda: "amount > " + "+".join(["1"] * 2_450_000), (5, 235)),
    # 400,000 `a=1` joined by " or ": the 101st `or` is at 24 + 101 * 3 + 100 * 4 + 1
    (lambda: " or ".join(["a=1"] * 400_000), (5, 729)),
    # 1.2 million `"a"`: the 1,000th comma is at 37 + 1000 * 3 + 999
    (lambda: "category in (" + ",".join(['"a"'] * 1_200_000) + ")", (5, 4037)),
], ids=["sum-4.9-MB", "or-400k", "list-1.2M"])
def test_the_conditions_of_issue_16_get_pr005_at_once(build: object, where: tuple[int, int]) -> None:
    # these took 70 s and 4.8 GB, 80 s, and 113 s and 1.6 GB
    text = HEAD + f"rule r on purchase when {build()} {{ earn 1 point }}\n"  # type: ignore[operator]
    codes, seconds = timed_check(text)
    assert codes == ["PR005"] and seconds < SLOW
    assert only("PR005", text)[:2] == where


def test_the_rules_of_issue_16_get_pr005_at_once() -> None:
    # 9,000 rules with 30-term conditions (4.6 MB) were accepted after 49 s and 1.5 GB; these are
    # 7,500 (4.5 MB)
    rule = ("rule r{i} on purchase when " + " and ".join(["amount > 1 CNY"] * 15)
            + " and (" + " or ".join(['category = "c"'] * 15) + ") {{ earn 1 point }}\n")
    text = HEAD + "".join(rule.format(i=i) for i in range(7_500))
    assert 4_000_000 < len(text) < MAX_CHARS
    codes, seconds = timed_check(text)
    assert codes == ["PR005"] and seconds < SLOW


def test_many_misspelled_event_kinds_are_checked_quickly_with_a_few_suggestions() -> None:
    # 2,400 event kinds and 2,400 rules on misspelled ones (24,000 words): 30 s before, for twice as many
    text = HEAD + "".join(f"event kind_{i:04d}\n" for i in range(2_400)) + "".join(
        f"rule r{i} on kind_{i:04d}x {{ earn 1 point }}\n" for i in range(2_400))
    started = time.perf_counter()
    diagnostics = pointrules.check(text)
    assert time.perf_counter() - started < SLOW
    unknown = [d for d in diagnostics if d.code == "PR102"]
    assert len(unknown) == 2_400
    # each pass looks up its first SUGGESTIONS misspellings; the rest get the plain advice
    assert [d.help for d in unknown[:3]] == [f"did you mean `kind_{i:04d}`?" for i in range(3)]
    assert sum("did you mean" in (d.help or "") for d in unknown) == SUGGESTIONS
    assert unknown[-1].help == "declare it: `event kind_2399x { amount: money }`"


def test_a_diagnostic_on_a_long_line_quotes_a_window_of_it() -> None:
    # 4,000 rules on one 4 MB line, then a character the language does not have
    line = 'rule r{} "{}" on purchase {{ earn 1 point }} '
    text = HEAD + "".join(line.format(i, "a" * 990) for i in range(4_000)) + "积"
    diagnostics = pointrules.check(text, "long.points")
    assert [(d.code, d.line) for d in diagnostics] == [("PR003", 5)]
    shown = render(diagnostics[0], Source(text, "long.points")).split("\n")
    assert max(len(s) for s in shown) < 1_000
    quoted = next(s for s in shown if s.startswith("5 | "))
    caret = next(s for s in shown if s.lstrip(" ").startswith("| ") and "^" in s)
    assert quoted.startswith("5 | …") and quoted.endswith("积")
    assert caret.index("^") == quoted.index("积")


# ---- no code execution ------------------------------------------------------------------------------
def hostile(marker: Path) -> str:
    """The shop program with code in every text a program may carry, and in names."""
    code = f"__import__('os').system('touch {marker}')"
    return SHOP.replace('"Shop Rewards"', f'"{code}"').replace('"消费返积分"', '"{{7*7}} ${HOME} `id`"') \
        .replace('"注册礼"', '"\\"; DROP TABLE members; --"') + (
        f'\nrule __import__ "{code}" on purchase when category = "{code}" {{ earn 1 point }}\n'
        f'reward __class__ "{{{{7*7}}}}" costs 100 points\n')


def test_code_in_a_program_runs_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    pwned_before = Path("/tmp/pwned").exists()
    text = hostile(marker)
    path = tmp_path / "hostile.points"
    path.write_text(text, "utf-8")
    program = pointrules.loads(text)
    event = pointrules.parse_event(program, {"id": "e1", "kind": "purchase", "member": "m1",
                                             "time": "2026-03-02T10:00:00+08:00", "amount": "100.00",
                                             "category": f"__import__('os').system('touch {marker}')",
                                             "channel": "app"})
    award, _ = evaluate(program, event, MemoryState(zone=program.timezone))
    shown = award.explain("en") + award.explain("zh") + terms(program, "en") + terms(program, "zh")
    assert "{{7*7}}" in shown and "${HOME}" in shown  # shown as written, never expanded
    for argv in (["check", str(path)], ["lint", "--format", "json", str(path)], ["explain", str(path)],
                 ["fmt", "--check", str(path)]):
        main(argv)
    out = capsys.readouterr()
    assert "__import__" in out.out
    assert not marker.exists()
    assert Path("/tmp/pwned").exists() == pwned_before


def test_code_in_an_event_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    program = pointrules.load(ROOT / "examples" / "shop.points")
    lines = [json.dumps({"id": f"e{i}", "kind": "purchase", "member": f"__import__('os').system('touch {marker}')",
                         "time": "2026-03-02T10:00:00+08:00", "amount": amount, "category": "{{7*7}}",
                         "channel": "app"}) for i, amount in enumerate(["1.00", "__import__('os')"])]
    rejected: list[object] = []
    summary = pointrules.simulate(program, lines, on_reject=rejected.append)
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert not marker.exists()


# ---- safe display --------------------------------------------------------------------------------------
TRICKY = ["\u202eevil", "a\u200bb", "bell\x07", "esc\x1b[31mred", "new\u2028line", "bom\ufeff", "rtl\u200f",
          "iso\u2066late", "nul\x00"]


@pytest.mark.parametrize("trick", TRICKY, ids=[f"{i}" for i in range(len(TRICKY))])
def test_diagnostics_show_tricky_text_safely(trick: str) -> None:
    quoted = trick.replace("\x00", "\\u0000") if False else trick
    cases = [
        SHOP.replace('channel = "app"', f'channel = "{quoted}"'),  # PR207, the value quoted
        SHOP.replace('"Asia/Shanghai"', f'"{quoted}"'),  # PR304, the zone quoted
        SHOP + f"\nrule x on purchase {{ earn 1 point }} {quoted}\n",  # PR003 / PR001 on the character
        SHOP + f'\nrule y "{quoted}" on nothing {{ earn 1 point }}\n',  # PR102 on a line with the label
    ]
    for text in cases:
        source = Source(text, f"file{trick}.points")
        diagnostics = pointrules.check(text, source.filename)
        assert diagnostics, text
        for d in diagnostics:
            for part in (d.message, d.help or "", *d.notes):
                assert not hidden(part), (d, part)
            assert not hidden(render(d, source)), d


def test_safe_escapes_every_invisible_character_and_keeps_the_rest() -> None:
    assert safe("金卡 Gold") == "金卡 Gold"
    assert safe("\u202eevil") == "\\u{202e}evil"
    assert safe("a\u200bb\x00") == "a\\u{200b}b\\u{0000}"
    assert safe(safe("\u202e")) == safe("\u202e")  # idempotent: printing twice changes nothing


def _tricky_program() -> str:
    # invisible characters a quoted text may hold (controls, separators and bidirectional overrides are
    # refused by PR007: tests/ledger/test_program_text_characters.py)
    return SHOP.replace('"消费返积分"', '"消费\u200f返积分\u200b"').replace('"金卡"', '"金\t\u2060卡"') \
        .replace('"双倍积分日"', '"双倍\ufeff积分日"').replace('channel = "app"', 'channel = "app" or category = "\u200fX"')



def test_explanations_show_tricky_labels_safely() -> None:
    program = pointrules.loads(_tricky_program())
    event = pointrules.parse_event(program, {"id": "e1", "kind": "purchase", "member": "m\u202e1",
                                             "time": "2026-11-11T10:00:00+08:00", "amount": "100.00",
                                             "category": "food", "channel": "app"})
    state = MemoryState(profiles={"m\u202e1": {"tier": "gold"}}, zone=program.timezone)
    award, _ = evaluate(program, event, state)
    for lang in ("en", "zh"):
        assert not hidden(award.explain(lang)), award.explain(lang)



def test_terms_show_tricky_labels_and_texts_safely() -> None:
    program = pointrules.loads(_tricky_program())
    for lang in ("en", "zh"):
        assert not hidden(terms(program, lang)), terms(program, lang)


def test_terms_show_tricky_labels_safely() -> None:
    program = pointrules.loads(_tricky_program().replace('category = "\u200fX"', 'category = "X"'))
    for lang in ("en", "zh"):
        assert not hidden(terms(program, lang))


def test_lint_json_shows_tricky_text_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tricky\u202e.points"
    path.write_text(_tricky_program() + '\nrule dup "\u202e" on purchase { earn 1 point per 1 CNY of amount }\n', "utf-8")
    main(["lint", "--format", "json", str(path)])
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert doc["diagnostics"]
    assert not hidden(json.dumps(doc["diagnostics"], ensure_ascii=False).replace(str(path), "")), out
