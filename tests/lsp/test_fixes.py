"""The fixes a diagnostic's help names (lsp/fixes.py), without the protocol: each one applied to the
program it was offered for makes that diagnostic go away, and a help that only shows an example
offers no edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from pointrules.check.lints import lint_source
from pointrules.lsp.fixes import Fix, fixes
from pointrules.source import Source

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*/*.points"))
HEADER = 'program "Shop"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\n'


def _apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: -e.span.start):
        text = text[: edit.span.start] + edit.text + text[edit.span.end :]
    return text


def _readable(path: Path) -> bool:
    try:
        path.read_text("utf-8")
        return True
    except UnicodeDecodeError:
        return False


@pytest.mark.parametrize("path", [p for p in GOLDEN if _readable(p)], ids=lambda p: p.name)
def test_each_fix_clears_its_diagnostic(path: Path) -> None:
    text = path.read_text("utf-8")
    source = Source(text, str(path))
    for d in lint_source(source, path):
        for fix in fixes(d, source):
            after = lint_source(Source(_apply(text, fix), str(path)), path)
            same = [a for a in after if (a.code, a.line, a.message) == (d.code, d.line, d.message)]
            moved = d.code.startswith("PR5") and fix.title.startswith("silence")  # a comment line above it
            assert not same or moved, (path.name, d.code, fix.title)


def _offered(text: str, code: str) -> list[Fix]:
    source = Source(text)
    (d,) = [d for d in lint_source(source) if d.code == code]
    return fixes(d, source)


def test_swap_the_two_dates_of_a_campaign() -> None:
    text = HEADER + ('event purchase { amount: money }\ncampaign c "C" from 2026-11-11 to 2026-11-01 {\n'
                     '  rule r "R" on purchase { multiply 2 }\n}\n')
    (fix,) = _offered(text, "PR306")
    assert "from 2026-11-01 to 2026-11-11" in _apply(text, fix)


def test_close_the_brace_the_declaration_above_left_open() -> None:
    text = HEADER + 'event purchase { amount: money }\nrule a "A" on purchase {\n  earn 5 points\nrule b "B" on purchase {\n  earn 1 point\n}\n'
    (fix,) = _offered(text, "PR001")
    assert '  earn 5 points\n}\nrule b "B"' in _apply(text, fix)


def test_a_label_after_the_name_and_the_comment_that_silences_a_lint() -> None:
    text = HEADER + "event purchase { amount: money }\nrule base on purchase {\n  earn 5 points\n}\n"
    label, silence = _offered(text, "PR509")
    assert 'rule base "…" on purchase {' in _apply(text, label)
    assert "# pointrules: ignore[PR509] why this is intended\nrule base on purchase" in _apply(text, silence)


def test_an_example_is_not_a_fix() -> None:
    # PR203's help, "compare it: `amount >= 100 CNY`", shows a made-up amount: no edit is offered
    text = HEADER + 'event purchase { amount: money }\nrule r "R" on purchase when amount {\n  earn 5 points\n}\n'
    assert _offered(text, "PR203") == []
