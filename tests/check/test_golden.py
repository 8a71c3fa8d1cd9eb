"""Golden diagnostics: each tests/golden/diagnostics/NAME.points is checked and its rendered
diagnostics compared with NAME.expected. The .expected files are the spec and are reviewed by eye.

With POINTRULES_UPDATE_GOLDEN=1 a missing .expected is written; an existing one is never touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from golden_support import assert_matches_golden

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import render_all

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "diagnostics"
DOCS = ROOT / "docs" / "diagnostics.md"
PROGRAMS = sorted(GOLDEN.glob("*.points"))


def rendered(path: Path) -> str:
    """What `check` reports for a golden file, rendered as the command line shows it, the file
    named by its path from the repository's root."""
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
    return render_all(diagnostics, source) + "\n"


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden(path: Path) -> None:
    actual = rendered(path)
    assert_matches_golden(path.with_suffix(".expected"), actual)


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
