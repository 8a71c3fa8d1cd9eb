"""A cap keeps its count across a switch of versions, and a cap a version adds starts at 0, on both
evaluators (the program and its worked figures: tests/caps_versions.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from caps_versions import COUNTS, EVENTS, POINTS, VERSIONS, review_club

from pointrules import MemoryState, simulate


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_a_tighter_cap_put_first_by_version_2_starts_at_0_and_the_daily_cap_keeps_its_count(
        evaluator: str, tmp_path: Path) -> None:
    state = MemoryState(zone="Asia/Shanghai")
    rows: list[dict[str, object]] = []
    simulate(review_club(tmp_path / "club"), EVENTS, state=state, on_row=rows.append, evaluator=evaluator)
    assert [(r["event"], r["points"], r["version"]) for r in rows] == list(
        zip([f"e{i}" for i in range(1, 7)], POINTS, VERSIONS))
    assert {k: v for k, v in state.counters.items() if k[1].startswith("cap")} == COUNTS
