"""A program's versions over time (program/versions.py): each event evaluated by the version in force
at its time, against one state that carries across versions. The figures are worked by hand from
examples/teahouse: version 1 (from 2026-01-01) earns 1 point per full yuan, gold x1.5; version 2 (from
2026-07-01 at 10:00, Shanghai) earns 2 points per full yuan, gold x2, black x3; both give 5 points for
one sign-in a day."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import pointrules
from pointrules import MemoryState, VersionsError, load_versions, simulate
from pointrules.program.versions import VersionSet
from pointrules.stream.summary import Rejection

ROOT = Path(__file__).resolve().parents[2]
TEAHOUSE = ROOT / "examples" / "teahouse"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def event(eid: str, kind: str, member: str, time: str, **fields: str) -> str:
    return json.dumps({"id": eid, "kind": kind, "member": member, "time": time, **fields})


def test_the_version_in_force_at_each_instant() -> None:
    versions = load_versions(TEAHOUSE)
    assert [p.version for p in versions.programs] == [1, 2]
    at = lambda *a: dt.datetime(*a, tzinfo=SHANGHAI)
    assert versions.in_force(at(2025, 12, 31, 23, 59, 59)) is None  # before version 1
    assert versions.in_force(at(2026, 1, 1)).version == 1  # type: ignore[union-attr]
    assert versions.in_force(at(2026, 7, 1, 9, 59, 59)).version == 1  # type: ignore[union-attr]
    assert versions.in_force(at(2026, 7, 1, 10)).version == 2  # type: ignore[union-attr]
    # 02:00 UTC is 10:00 in Shanghai: the same instant in another offset
    assert versions.in_force(dt.datetime(2026, 7, 1, 2, tzinfo=dt.UTC)).version == 2  # type: ignore[union-attr]


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_an_event_just_before_and_just_after_the_switch(evaluator: str) -> None:
    lines = [event("a", "purchase", "m1", "2026-07-01T09:59:59+08:00", amount="100.00"),  # v1: 100 x 1
             event("b", "purchase", "m1", "2026-07-01T10:00:00+08:00", amount="100.00"),  # v2: 100 x 2
             event("c", "purchase", "m2", "2026-07-01T09:59:59+08:00", amount="55.50"),   # v1 gold: 55 x 1.5 = 82.5 -> 82
             event("d", "purchase", "m2", "2026-07-01T10:00:00+08:00", amount="55.50")]   # v2 gold: 55 x 2 x 2 = 220
    rows: list[dict[str, object]] = []
    simulate(load_versions(TEAHOUSE), lines, on_row=rows.append, profiles={"m2": {"tier": "gold"}},
             evaluator=evaluator)
    assert [(r["event"], r["points"], r["version"]) for r in rows] == [("a", 100, 1), ("b", 200, 2),
                                                                       ("c", 82, 1), ("d", 220, 2)]


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_the_state_carries_across_versions(evaluator: str) -> None:
    """A sign-in at 09:00 under version 1 is today's one sign-in under version 2 too (same rule, same
    day counter); the lots of both versions make one balance."""
    state = MemoryState(zone="Asia/Shanghai")
    lines = [event("e1", "purchase", "m1", "2026-06-30T20:00:00+08:00", amount="100.00"),  # v1: 100
             event("e2", "checkin", "m1", "2026-07-01T09:00:00+08:00"),                    # v1: 5
             event("e4", "purchase", "m1", "2026-07-01T10:00:00+08:00", amount="100.00"),  # v2: 200
             event("e5", "checkin", "m1", "2026-07-01T11:00:00+08:00")]                    # v2: 0, limit 1 a day
    summary = simulate(load_versions(TEAHOUSE), lines, state=state, evaluator=evaluator)
    assert summary.points == 100 + 5 + 200 + 0
    assert sum(lot.points for lot in state.lots["m1"]) == 305
    # version 1's lot keeps the expiry version 1 gave it: 12 months from 2026-06-30 20:00
    first = min(state.lots["m1"], key=lambda lot: lot.earned_at)
    assert first.expires_at == dt.datetime(2027, 6, 30, 20, tzinfo=SHANGHAI)


def test_an_event_before_the_first_version_is_refused_on_its_time() -> None:
    state = MemoryState(zone="Asia/Shanghai")
    refused: list[Rejection] = []
    summary = simulate(load_versions(TEAHOUSE), [event("x", "purchase", "m1", "2025-12-31T23:59:59+08:00",
                                                       amount="10")], state=state, on_reject=refused.append)
    assert summary.rejected == 1 and summary.points == 0
    assert (refused[0].event_id, refused[0].field) == ("x", "time")
    assert "before the first version of the program: version 1 takes effect from 2026-01-01" in refused[0].message
    assert state.processed == set() and state.lots == {}  # nothing changed


def test_a_single_file_is_a_set_of_one_in_force_at_every_instant() -> None:
    versions = load_versions(ROOT / "examples" / "shop.points")
    assert not versions.versioned
    assert versions.in_force(dt.datetime(1999, 1, 1, tzinfo=dt.UTC)) is versions.last


def test_a_folder_whose_version_does_not_load_names_the_file(tmp_path: Path) -> None:
    shutil.copy(TEAHOUSE / "v1.points", tmp_path / "v1.points")
    (tmp_path / "v2.points").write_text((TEAHOUSE / "v2.points").read_text("utf-8").replace("earn 2", "earn two"),
                                        "utf-8")
    with pytest.raises(VersionsError) as raised:
        load_versions(tmp_path)
    assert [d.filename.endswith("v2.points") for d in raised.value.diagnostics] == [True]
    assert raised.value.diagnostics[0].code == "PR001"


def test_a_list_of_files_is_a_version_set_too() -> None:
    versions = load_versions([TEAHOUSE / "v2.points", TEAHOUSE / "v1.points"])
    assert isinstance(versions, VersionSet) and [p.version for p in versions.programs] == [1, 2]


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
def test_a_program_effective_from_a_time_of_day_earns_from_then(evaluator: str) -> None:
    program = pointrules.load(TEAHOUSE / "v2.points")  # effective from 2026-07-01 at 10:00
    rows: list[dict[str, object]] = []
    simulate(program, [event("a", "purchase", "m1", "2026-07-01T09:59:59+08:00", amount="100"),
                       event("b", "purchase", "m1", "2026-07-01T10:00:00+08:00", amount="100"),
                       event("c", "purchase", "m1", "2026-07-01T01:59:59Z", amount="100"),   # 09:59:59 in Shanghai
                       event("d", "purchase", "m1", "2026-07-02T00:00:00+08:00", amount="100")],
             on_row=rows.append, evaluator=evaluator)
    assert [r["points"] for r in rows] == [0, 200, 0, 200]
    assert all("version" not in r for r in rows)  # a single program's rows are as they were
