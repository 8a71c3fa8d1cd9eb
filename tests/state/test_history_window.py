"""A windowed MemoryState (``simulate --window``) keeps the history counters a streak or a rolling
window still reads, however short the window: their scopes say how much longer (program/history.py),
and every event it accepts is paid exactly as without a window. Times are Shanghai's (+08:00);
a window of one hour makes every event prune, with the horizon on the event's own local day."""

from __future__ import annotations

import datetime as dt
import json

import pointrules
from pointrules.stream.simulate import simulate
from pointrules.state.memory import MemoryState

PROGRAM = pointrules.loads('''
program "History window"
currency CNY
timezone "Asia/Shanghai"
event checkin
event purchase { amount: money }
event review
rule streak on checkin { earn 1, 2, 3, 5 points by streak of checkin }
rule weekly on checkin when weekly streak of checkin >= 2 { earn 10 points }
rule base on purchase { earn 1 point per 1 CNY of amount }
rule active on review when count of purchase last 7 days >= 2 { earn 20 points }
rule daily on review { earn 1 point
  limit 1 time per day }
''')


def _line(eid: str, kind: str, day: int, hour: int = 10, **fields: str) -> str:
    return json.dumps({"id": eid, "kind": kind, "member": "m1",
                       "time": f"2026-03-{day:02d}T{hour:02d}:00:00+08:00", **fields})


def _run(lines: list[str], window: dt.timedelta | None) -> tuple[list[int], MemoryState]:
    state = MemoryState(zone=PROGRAM.timezone, window=window)
    rows: list[int] = []
    simulate(PROGRAM, lines, state=state, on_row=lambda r: rows.append(r["points"]))
    return rows, state


def test_a_streak_survives_a_window_shorter_than_a_day() -> None:
    # check-ins 03-05 (Thu) … 03-10 (Tue), every day: streak 1, 2, 3, 4, 5, 6 -> 1, 2, 3, 5, 5, 5;
    # weeks 10 (03-02 … 03-08) and 11 (03-09 …): weekly streak 2 from 03-09 -> +10 on 03-09, 03-10
    lines = [_line(f"c{d}", "checkin", d) for d in range(5, 11)]
    rows, state = _run(lines, dt.timedelta(hours=1))
    assert rows == [1, 2, 3, 5, 15, 15]
    assert rows == _run(lines, None)[0]
    # kept: 03-09 and 03-10's streaks (03-10 reads 03-09); week 10's and 11's; nothing older
    assert sorted(k[2] for k in state.counters if k[1].endswith("streak:day+1")) == ["2026-03-09", "2026-03-10"]
    assert sorted(k[2] for k in state.counters if k[1].endswith("streak:week+1")) == ["2026-W10", "2026-W11"]


def test_a_rolling_window_keeps_its_days_and_other_counters_go() -> None:
    lines = [
        _line("p1", "purchase", 1, amount="10.00"),   # 1
        _line("p2", "purchase", 3, amount="20.00"),   # 20
        _line("r1", "review", 7),                     # 03-01 … 03-07: 2 purchases: 20 + 1
        _line("r2", "review", 8),                     # 03-02 … 03-08: 1 purchase: 1
        _line("p3", "purchase", 9, amount="5.00"),    # 5
        _line("r3", "review", 9, hour=11),            # 03-03 … 03-09: 2: 20 + 1
    ]
    rows, state = _run(lines, dt.timedelta(hours=1))
    assert rows == [10, 20, 21, 1, 5, 21]
    assert rows == _run(lines, None)[0]
    # the day counters of purchases are kept 6 days past their day (`day+6`): 03-03 and 03-09 are
    # still read from 03-09 on; 03-01's is gone, and so is every review's day-limit counter but 03-09's
    assert sorted(k[2] for k in state.counters if k[1] == "history:purchase:count:day+6") == ["2026-03-03", "2026-03-09"]
    assert sorted(k[2] for k in state.counters if k[1].startswith("rule:daily")) == ["2026-03-09"]
