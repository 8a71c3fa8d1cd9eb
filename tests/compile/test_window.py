"""A windowed MemoryState (``simulate(window=...)``, ``--window``): ids and period counters kept only
for a window before the latest event, older events refused on ``time``; both evaluators agree.
Expected numbers are worked out by hand from examples/shop.points: a review earns 20 points, at
most 3 times a Shanghai day."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_cli

import pointrules
from pointrules.evaluate import reference as interpreter
from pointrules.events import EventError
from pointrules.stream.simulate import simulate
from pointrules.state.memory import MemoryState

ROOT = Path(__file__).resolve().parents[2]
SHOP = pointrules.load(ROOT / "examples" / "shop.points")
TWO_DAYS = dt.timedelta(days=2)


def review(event_id: str, time: str, member: str = "m1") -> str:
    return json.dumps({"id": event_id, "kind": "review", "member": member, "time": time, "product": "p"})


def run(lines: list[str], window: dt.timedelta | None = TWO_DAYS, evaluate: Any = None
        ) -> tuple[list[tuple[str, int]], list[tuple[int, str | None, str]], MemoryState]:
    """(event id, points) of each accepted event's member row, (line, id, field) of each rejection."""
    state = MemoryState(zone=SHOP.timezone, window=window)
    rows: list[tuple[str, int]] = []
    rejected: list[tuple[int, str | None, str]] = []
    simulate(SHOP, lines, state=state, evaluate=evaluate, on_row=lambda r: rows.append((r["event"], r["points"])),
             on_reject=lambda r: rejected.append((r.line, r.event_id, r.field)))
    return rows, rejected, state


def test_a_duplicate_within_the_window_is_refused_on_its_id() -> None:
    rows, rejected, _ = run([
        review("r1", "2026-03-01T10:00:00+08:00"),
        review("r1", "2026-03-01T10:00:00+08:00"),  # sent again
        review("r1", "2026-03-02T09:00:00+08:00"),  # the same id a day later: within 2 days
    ])
    assert rows == [("r1", 20)]
    assert rejected == [(2, "r1", "id"), (3, "r1", "id")]


def test_a_duplicate_beyond_the_window_is_accepted() -> None:
    lines = [
        review("r1", "2026-03-01T10:00:00+08:00"),  # 02:00Z on 03-01
        review("r2", "2026-03-05T10:00:00+08:00"),  # latest 03-05 02:00Z: horizon 03-03 02:00Z, 03-01's ids dropped
        review("r1", "2026-03-05T11:00:00+08:00"),  # r1's id is forgotten: paid again (documented)
    ]
    rows, rejected, state = run(lines)
    assert rows == [("r1", 20), ("r2", 20), ("r1", 20)] and rejected == []
    assert state.processed == {"r1", "r2"}
    # Without a window every id is kept and the third line is refused.
    rows, rejected, _ = run(lines, window=None)
    assert rows == [("r1", 20), ("r2", 20)] and rejected == [(3, "r1", "id")]


def test_an_event_older_than_the_window_is_refused_on_its_time() -> None:
    rows, rejected, state = run([
        review("r2", "2026-03-05T11:00:00+08:00"),  # latest 03-05 03:00Z: horizon 03-03 03:00Z
        review("r3", "2026-03-03T11:00:00+08:00"),  # 03:00Z on 03-03: at the horizon, accepted
        review("r4", "2026-03-03T10:59:59+08:00"),  # one second before it: refused
    ])
    assert rows == [("r2", 20), ("r3", 20)]
    assert rejected == [(3, "r4", "time")]
    assert "r4" not in state.processed  # a refused event changes nothing


def test_apply_refuses_a_late_event_and_changes_nothing() -> None:
    state = MemoryState(zone=SHOP.timezone, window=TWO_DAYS)
    for event_id, time in (("r1", "2026-03-05T10:00:00+08:00"), ("r2", "2026-03-01T10:00:00+08:00")):
        event = pointrules.parse_event(SHOP, json.loads(review(event_id, time)))
        _, change = pointrules.evaluate(SHOP, event, state)
        if event_id == "r1":
            state.apply(change)
            before = (set(state.processed), dict(state.counters))
        else:
            with pytest.raises(EventError) as error:
                state.apply(change)
            assert error.value.field == "time" and "2 days" in error.value.message
    assert (state.processed, state.counters) == before


def test_counters_of_periods_ended_before_the_window_are_dropped() -> None:
    lines = [review(f"a{i}", f"2026-03-01T1{i}:00:00+08:00") for i in range(4)]  # 20, 20, 20, 0 (limit 3 a day)
    lines.append(review("b1", "2026-03-04T10:00:00+08:00"))  # horizon 03-02 10:00 Shanghai: 03-01 has ended
    rows, rejected, state = run(lines)
    assert [points for _, points in rows] == [20, 20, 20, 0, 20] and rejected == []
    # Left: 03-04's count of reviews (1) and its cap counter (20 points); b1's id alone.
    assert sorted(state.counters.values()) == [1, 20]
    assert {key[2] for key in state.counters} == {"2026-03-04"}
    assert state.processed == {"b1"}


HALF_YEARS = pointrules.loads('''
program "Half-year limit"
currency CNY
timezone "Asia/Shanghai"
event visit
rule visit on visit {
  earn 10 points
  limit 2 times per half-year
}
''')


def test_counters_of_a_half_year_are_dropped_once_it_ended_before_the_window() -> None:
    def visit(event_id: str, time: str) -> str:
        return json.dumps({"id": event_id, "kind": "visit", "member": "m1", "time": time})
    state = MemoryState(zone=HALF_YEARS.timezone, window=TWO_DAYS)
    rows: list[int] = []
    simulate(HALF_YEARS, [
        visit("v1", "2026-06-30T10:00:00+08:00"),  # H1: counted under 2026-H1
        visit("v2", "2026-07-01T10:00:00+08:00"),  # H2; horizon 06-29 10:00: H1 is still read
        visit("v3", "2026-07-03T10:00:00+08:00"),  # horizon 07-01 10:00: H1 ended on 06-30, dropped
        visit("v4", "2026-07-20T10:00:00+08:00"),  # H2's third visit: the limit of 2 still holds
    ], state=state, on_row=lambda r: rows.append(r["points"]))
    assert rows == [10, 10, 10, 0]
    assert {key[2] for key in state.counters} == {"2026-H2"}
    assert sum(state.counters.values()) == 3  # v2, v3 and v4 (a firing counts when trimmed to 0)


def test_memory_stays_bounded_by_the_window() -> None:
    # A review an hour for 100 days from 2026-01-01 00:00Z: 2,400 events.
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    lines = [review(f"e{h}", (start + dt.timedelta(hours=h)).isoformat()) for h in range(2400)]
    state = MemoryState(zone=SHOP.timezone, window=TWO_DAYS)
    most = {"ids": 0, "counters": 0}

    def watch(row: dict[str, Any]) -> None:
        most["ids"] = max(most["ids"], len(state.processed))
        most["counters"] = max(most["counters"], len(state.counters))

    summary = simulate(SHOP, lines, state=state, on_row=watch)
    assert summary.rejected == 0
    # Ids of 3 UTC days at most (the window's 2 and the day the horizon is in): 3 × 24 = 72. The
    # last prune, at day 99 00:00Z, kept days 97 to 99: 72 ids.
    assert most["ids"] == 72 and len(state.processed) == 72
    # Counters: a count of reviews and a cap counter per Shanghai day. The last prune's horizon
    # (day 97 00:00Z) is in Shanghai day 97; days 97 to 100 (the last event is 07:00 on day 100)
    # keep theirs: 4 × 2 = 8. At most a day more (5 × 2) between prunes.
    assert len(state.counters) == 8 and most["counters"] <= 10
    # Without the window: 2,400 ids and 2 counters for each of the 101 Shanghai days.
    _, _, unbounded = run(lines, window=None)
    assert len(unbounded.processed) == 2400 and len(unbounded.counters) == 202


def test_both_evaluators_agree_with_a_window() -> None:
    lines = (ROOT / "examples" / "shop.events.jsonl").read_text(encoding="utf-8").splitlines()
    lines += [review("r1", "2028-03-01T10:00:00+08:00"), review("r1", "2028-03-01T10:00:00+08:00"),
              review("r9", "2027-12-31T10:00:00+08:00")]  # a duplicate, and an event 61 days late
    runs = []
    for evaluate in (None, interpreter.evaluate):
        runs.append(run(lines, window=dt.timedelta(days=30), evaluate=evaluate))
    assert runs[0][:2] == runs[1][:2]
    assert runs[0][2] == runs[1][2] and runs[0][2].processed == runs[1][2].processed
    rejected = runs[0][1]
    assert rejected[-2:] == [(len(lines) - 1, "r1", "id"), (len(lines), "r9", "time")]


def test_every_event_a_window_accepts_is_paid_as_without_it() -> None:
    """Dropping the lines refused as late gives the unbounded run's rows exactly (this stream has no
    id reused more than the window apart)."""
    lines = (ROOT / "examples" / "shop.events.jsonl").read_text(encoding="utf-8").splitlines()
    rows, rejected, _ = run(lines, window=dt.timedelta(days=30))
    late = {number for number, _, field in rejected if field == "time"}
    assert late  # the demo stream has a few events far from their place
    kept = [line for number, line in enumerate(lines, 1) if number not in late]
    assert run(kept, window=None)[0] == rows


def test_a_state_and_a_window_together_are_refused() -> None:
    with pytest.raises(ValueError):
        simulate(SHOP, [], state=MemoryState(), window=TWO_DAYS)
    with pytest.raises(ValueError):
        MemoryState(window=dt.timedelta(0))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, ROOT)  # a subprocess under CI, this process in the quick suite


def test_the_window_flag(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join([review("r1", "2026-03-05T10:00:00+08:00"),
                                 review("r2", "2026-03-01T10:00:00+08:00")]) + "\n", encoding="utf-8")
    done = cli("simulate", "examples/shop.points", str(events), "--window", "2d", "--quiet")
    assert done.returncode == 1
    assert f"{events}:2: event r2: field time: `2026-03-01T10:00:00+08:00` is more than 2 days before" in done.stderr
    assert cli("simulate", "examples/shop.points", str(events), "--window", "2d", "--ledger",
               str(tmp_path / "l.db")).returncode == 2
    bad = cli("simulate", "examples/shop.points", str(events), "--window", "2 days")
    assert bad.returncode == 2 and "is not a duration" in bad.stderr
