"""The golden-file rule shared by every golden test: the .expected file is the spec, reviewed by
eye; with POINTRULES_UPDATE_GOLDEN=1 a missing one is written, an existing one never overwritten."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from pointrules.diagnostics import Diagnostic


def assert_matches_golden(expected: Path, actual: str) -> None:
    if not expected.exists():
        if os.environ.get("POINTRULES_UPDATE_GOLDEN") == "1":
            expected.write_text(actual, "utf-8")
            pytest.skip(f"wrote {expected.name}: review it")
        pytest.fail(f"{expected.name} is missing; run with POINTRULES_UPDATE_GOLDEN=1 and review it")
    assert actual == expected.read_text("utf-8")


# Codes whose diagnostics are not yet worded in Chinese: no NAME.zh.expected is asked of them.
PENDING: set[str] = set()


def assert_worded(diagnostics: Iterable[Diagnostic]) -> None:
    """Every message, help and note of these diagnostics is made of messages (messages.t), so it
    can be shown in every language: never a plain English string."""
    for d in diagnostics:
        if d.code in PENDING:
            continue
        zh = d.in_language("zh").to_dict()
        same = ("code", "severity", "file", "line", "column", "end_line", "end_column")
        assert {k: zh[k] for k in same} == {k: d.to_dict()[k] for k in same}  # only the words change
        assert len(zh["notes"]) == len(d.notes) and (zh["help"] is None) == (d.help is None)
        w = d.wording
        assert w is not None, d
        for part in (w.message, w.help, *w.notes):
            assert not isinstance(part, str), f"{d.code} {part!r} is not a message (messages.t)"
