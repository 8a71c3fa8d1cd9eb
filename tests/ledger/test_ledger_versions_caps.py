"""On a ledger of a program's versions, a cap keeps its count across the switch and a cap the new
version adds starts at 0, in every store (the program and its worked figures: tests/caps_versions.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from caps_versions import EVENTS, POINTS, VERSIONS, review_club

from pointrules.ledger import Ledger, Store


def test_caps_count_by_what_they_are_across_versions(make_store: Callable[[], Store], tmp_path: Path) -> None:
    ledger = Ledger(review_club(tmp_path / "club"), make_store())
    try:
        assert [ledger.process_event(e).totals for e in EVENTS] == [(("m1", p),) for p in POINTS]
        assert [(e.points, e.version) for e in ledger.history("m1")] == list(zip(POINTS, VERSIONS))
    finally:
        ledger.close()
