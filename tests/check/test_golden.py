"""Golden diagnostics: each tests/golden/diagnostics/NAME.points is checked and its rendered
diagnostics compared with NAME.expected, and in Chinese with NAME.zh.expected. The .expected files
are the spec and are reviewed by eye.

With POINTRULES_UPDATE_GOLDEN=1 a missing .expected is written; an existing one is never touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from golden_support import PENDING, assert_matches_golden, assert_worded

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, render_all
from pointrules.source import Source

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "diagnostics"
DOCS = ROOT / "docs" / "diagnostics.md"
PROGRAMS = sorted(GOLDEN.glob("*.points"))


def found(path: Path) -> tuple[Source, list[Diagnostic]]:
    """What `check` reports for a golden file, the file named by its path from the repository's root."""
    relative = path.relative_to(ROOT).as_posix()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        source = pointrules.read_source(relative)
        diagnostics = pointrules.check(source.text, source.filename)
    except pointrules.ProgramError as error:  # a file that is not text (PR006)
        assert error.source is not None
        source, diagnostics = error.source, error.diagnostics
    finally:
        os.chdir(cwd)
    return source, diagnostics


def rendered(path: Path, lang: str = "en") -> str:
    """What `check --lang LANG` shows for a golden file."""
    source, diagnostics = found(path)
    return render_all(diagnostics, source, lang=lang) + "\n"


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden(path: Path) -> None:
    source, diagnostics = found(path)
    assert_matches_golden(path.with_suffix(".expected"), render_all(diagnostics, source) + "\n")
    assert_worded(diagnostics)
    if path.stem.split("_")[0].upper() not in PENDING:
        assert_matches_golden(path.with_suffix(".zh.expected"), render_all(diagnostics, source, lang="zh") + "\n")


def test_every_golden_file_shows_the_code_in_its_name() -> None:
    for path in PROGRAMS:
        code = path.stem.split("_")[0].upper()
        assert f"[{code}]" in rendered(path), path.name


def test_every_code_has_a_golden_file_and_a_section() -> None:
    docs = DOCS.read_text("utf-8")
    covered = {p.stem.split("_")[0].upper() for p in PROGRAMS}
    for code in CODES:
        # lint codes (PR5xx) come from `pointrules lint`, not from check(): their goldens live with the lints
        assert code in covered or code >= "PR500", f"{code} has no golden file"
        assert re.search(rf"^## {code}: ", docs, re.M), f"{code} has no section in docs/diagnostics.md"


def test_every_section_is_a_code() -> None:
    sections = re.findall(r"^## (PR\d{3}): ", DOCS.read_text("utf-8"), re.M)
    assert sorted(sections) == sorted(CODES)


def test_every_code_has_its_heading_in_both_catalogues() -> None:
    """docs/diagnostics.md heads each code's section `## CODE: summary` and docs/diagnostics.zh.md
    `## CODE：中文摘要 {#anchor}`, the summaries of codes.py (those SARIF and `lint --statistics` show)
    and the English heading's anchor, so a link to a code's section lands in both languages."""
    from pointrules.renderers import anchor

    english = set(re.findall(r"^## (PR\d{3}: .*)$", DOCS.read_text("utf-8"), re.M))
    chinese = set(re.findall(r"^## (PR\d{3}：.*)$", DOCS.with_suffix(".zh.md").read_text("utf-8"), re.M))
    for code, entry in CODES.items():
        heading = f"{code}: {entry.summary}"
        assert heading in english, f"docs/diagnostics.md has no heading `## {heading}`"
        zh = f"{code}：{entry.summary_in('zh')} {{#{anchor(heading)}}}"
        assert zh in chinese, f"docs/diagnostics.zh.md has no heading `## {zh}`"
    assert len(english) == len(chinese) == len(CODES)
    # by hand: the anchor GitHub and the site both give `PR205: money not in the program's currency`
    assert "PR205：金额不是本方案的币种 {#pr205-money-not-in-the-programs-currency}" in chinese
