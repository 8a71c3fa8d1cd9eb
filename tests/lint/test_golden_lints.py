"""Golden lint findings: tests/golden/lint/NAME.points linted as of a fixed day, rendered, compared
with NAME.expected (reviewed by eye; POINTRULES_UPDATE_GOLDEN=1 writes a missing one, never
overwrites), and in Chinese with NAME.zh.expected. A NAME ending in `_quiet` is the program that
must not trigger its code (the fixed shape of the mistake). Only the PR508 files are linted with
their path, so only they miss example cases.
Inline ignores are applied as `pointrules lint` applies them (the PR59x files are about them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from golden_support import PENDING, assert_matches_golden, assert_worded

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, render_all
from pointrules.check.ignores import apply_ignores
from pointrules.check.lints import lint_source
from pointrules.guards import prove

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "lint"
PROGRAMS = sorted(GOLDEN.glob("*.points"))
TODAY = dt.date(2026, 11, 23)


def found(path: Path) -> tuple[pointrules.Source, list[Diagnostic]]:
    relative = Path(path.relative_to(ROOT).as_posix())
    source = pointrules.read_source(path)
    source = pointrules.Source(source.text, relative.as_posix())
    return source, apply_ignores(lint_source(source, path if path.stem.startswith("pr508") else None, TODAY,
                                             (lambda program: prove(program, relative, TODAY),)), source)


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden_lint(path: Path) -> None:
    source, diagnostics = found(path)
    actual = render_all(diagnostics, source) + "\n"
    assert_matches_golden(path.with_suffix(".expected"), actual)
    code = path.stem.split("_")[0].upper()
    assert (f"[{code}]" not in actual) if path.stem.endswith("_quiet") else (f"[{code}]" in actual)
    assert_worded(diagnostics)
    if code not in PENDING:  # the same findings in Chinese: same codes, same places
        assert_matches_golden(path.with_suffix(".zh.expected"), render_all(diagnostics, source, lang="zh") + "\n")


def test_every_lint_code_has_a_golden_file() -> None:
    covered = {p.stem.split("_")[0].upper() for p in PROGRAMS if not p.stem.endswith("_quiet")}
    assert {c for c in CODES if c.startswith("PR5")} <= covered
