"""Golden lint findings: tests/golden/lint/NAME.points linted as of a fixed day, rendered, compared
with NAME.expected (reviewed by eye; POINTRULES_UPDATE_GOLDEN=1 writes a missing one, never
overwrites). A NAME ending in `_quiet` is the program that must not trigger its code (the
fixed shape of the mistake). Only the PR508 files are linted with their path, so only they miss example cases.
Inline ignores are applied as `pointrules lint` applies them (the PR59x files are about them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from golden_support import assert_matches_golden

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import render_all
from pointrules.check.ignores import apply_ignores
from pointrules.check.lints import lint_source
from pointrules.guards import prove

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "lint"
PROGRAMS = sorted(GOLDEN.glob("*.points"))
TODAY = dt.date(2026, 11, 23)


def rendered(path: Path) -> str:
    relative = Path(path.relative_to(ROOT).as_posix())
    source = pointrules.read_source(path)
    source = pointrules.Source(source.text, relative.as_posix())
    found = apply_ignores(lint_source(source, path if path.stem.startswith("pr508") else None, TODAY,
                                      (lambda program: prove(program, relative, TODAY),)), source)
    return render_all(found, source) + "\n"


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden_lint(path: Path) -> None:
    actual = rendered(path)
    assert_matches_golden(path.with_suffix(".expected"), actual)
    code = path.stem.split("_")[0].upper()
    assert (f"[{code}]" not in actual) if path.stem.endswith("_quiet") else (f"[{code}]" in actual)


def test_every_lint_code_has_a_golden_file() -> None:
    covered = {p.stem.split("_")[0].upper() for p in PROGRAMS if not p.stem.endswith("_quiet")}
    assert {c for c in CODES if c.startswith("PR5")} <= covered
