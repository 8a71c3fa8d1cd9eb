"""The golden-file rule shared by every golden test: the .expected file is the spec, reviewed by
eye; with POINTRULES_UPDATE_GOLDEN=1 a missing one is written, an existing one never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def assert_matches_golden(expected: Path, actual: str) -> None:
    if not expected.exists():
        if os.environ.get("POINTRULES_UPDATE_GOLDEN") == "1":
            expected.write_text(actual, "utf-8")
            pytest.skip(f"wrote {expected.name}: review it")
        pytest.fail(f"{expected.name} is missing; run with POINTRULES_UPDATE_GOLDEN=1 and review it")
    assert actual == expected.read_text("utf-8")
