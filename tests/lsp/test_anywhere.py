"""Completion, hover, names and fixes answer anywhere in any text without raising: at many places of
every example, whole and cut short where a writer may be typing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pointrules.lsp.analysis import analyse_text
from pointrules.lsp.complete import completions
from pointrules.lsp.fixes import fixes
from pointrules.lsp.hover import hover
from pointrules.lsp.names import index

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
STEP = 23  # every 23rd character: each kind of place is reached many times, the test stays quick (1.5 s)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_request_answers_anywhere(path: Path) -> None:
    text = path.read_text("utf-8")
    whole = analyse_text(text, None, lints=False)  # what hover reads
    assert whole.tree is not None
    names = index(whole.tree)
    for at in range(0, len(text) + 1, STEP):
        completions(text, at, names)
        completions(text[:at], at, names)  # typing at the end of what is written so far
        hover(whole, names, at, "zh")
    for cut in range(0, len(text), len(text) // 7):
        partial = analyse_text(text[:cut], None, lints=False)  # lint fixes: test_fixes.py
        for d in partial.diagnostics:
            fixes(d, partial.source)
