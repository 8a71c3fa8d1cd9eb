"""Golden diagnostics of version sets: each folder of tests/golden/versions/ holds the versions of one
program that do not make one program over time (PR601-PR606); their findings, as `pointrules check
FOLDER` prints them, are compared with FOLDER.expected and, in Chinese, FOLDER.zh.expected. The
folder's name starts with the code it shows. The .expected files are the spec, reviewed by eye."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from golden_support import assert_matches_golden, assert_worded

import pointrules
from pointrules.codes import CODES
from pointrules.diagnostics import render
from pointrules.program.versions import set_diagnostics, version_files

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "versions"
FOLDERS = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def rendered(folder: Path, lang: str) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)  # files named from the repository's root, as `pointrules check tests/golden/versions/…`
    try:
        programs = [pointrules.load(p.relative_to(ROOT)) for p in version_files(folder)]
    finally:
        os.chdir(cwd)
    found = set_diagnostics(programs)
    assert_worded(found)
    sources = {p.source.filename: p.source for p in programs}
    return "\n\n".join(render(d, sources[d.filename], lang=lang) for d in found) + "\n"


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_version_set_golden(folder: Path) -> None:
    english = rendered(folder, "en")
    assert f"[{folder.name.split('_')[0].upper()}]" in english
    assert_matches_golden(folder.with_suffix(".expected"), english)
    assert_matches_golden(folder.with_suffix(".zh.expected"), rendered(folder, "zh"))


def test_every_version_code_has_a_golden_folder() -> None:
    covered = {p.name.split("_")[0].upper() for p in FOLDERS}
    assert {c for c in CODES if re.fullmatch(r"PR6\d\d", c)} <= covered
