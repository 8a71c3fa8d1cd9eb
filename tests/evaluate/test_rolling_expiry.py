"""Rolling expiry ("after N days without activity") in the in-memory state: points whose span
without activity ended stay expired when the member is active again, on every evaluation path."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import pointrules
from pointrules.evaluate import reference as interpreter
from pointrules.events import parse_event
from pointrules.stream.simulate import simulate
from pointrules.state.memory import MemoryState

SH = dt.timezone(dt.timedelta(hours=8))
PROGRAM = pointrules.loads('''program "Rolling" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event purchase { amount: money }
event checkin
expire after 90 days without activity
rule base on purchase { earn 1 point per 1 CNY of amount }
rule checkin on checkin { earn 10 points }
''')
EVENTS = [
    {"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-01T10:00:00+08:00", "amount": "500"},
    {"id": "c1", "kind": "checkin", "member": "m1", "time": "2026-03-03T10:00:00+08:00"},  # to 06-01 10:00
    {"id": "c2", "kind": "checkin", "member": "m1", "time": "2026-07-01T10:00:00+08:00"},  # after the lapse
]


def _by_evaluate(evaluate) -> MemoryState:
    state = MemoryState(zone=PROGRAM.timezone)
    for data in EVENTS:
        state.apply(evaluate(PROGRAM, parse_event(PROGRAM, data), state)[1])
    return state


def _by_stream() -> MemoryState:
    state = MemoryState(zone=PROGRAM.timezone)
    simulate(PROGRAM, [json.dumps(e) for e in EVENTS], state=state)
    return state


@pytest.mark.parametrize("run", [lambda: _by_evaluate(interpreter.evaluate), lambda: _by_evaluate(pointrules.evaluate),
                                 _by_stream], ids=["interpreter", "compiled", "stream"])
def test_lapsed_rolling_points_stay_lapsed(run) -> None:
    state = run()
    june_1 = dt.datetime(2026, 6, 1, 10, tzinfo=SH)
    assert state.balance("m1", june_1 - dt.timedelta(seconds=1)) == 510
    assert state.balance("m1", dt.datetime(2026, 7, 2, tzinfo=SH)) == 10  # c2's own points only
    assert [lot.lapsed_at for lot in state.lots["m1"]] == [june_1, june_1, None]  # fixed at the end of the span
    lapsed, _, fresh = state.lots["m1"]
    assert state.expires_at(lapsed) == june_1
    assert fresh.rolling is not None and state.expires_at(fresh) == dt.datetime(2026, 9, 29, 10, tzinfo=SH)
    assert state.rolling_members == {"m1"}


REFERRALS = pointrules.loads('''program "Referrals" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event referral { referee: member }
event checkin
expire after 10 days without activity
rule referral on referral { earn 50 points to referee }
rule checkin on checkin { earn 10 points }
''')


@pytest.mark.parametrize("path", ["evaluate", "stream"])
def test_a_referees_lapsed_points_stay_lapsed_at_their_first_activity(path: str) -> None:
    events = [{"id": "r1", "kind": "referral", "member": "m1", "referee": "m2", "time": "2026-03-01T10:00:00+08:00"},
              {"id": "c1", "kind": "checkin", "member": "m2", "time": "2026-03-20T10:00:00+08:00"}]
    state = MemoryState(zone=REFERRALS.timezone)
    if path == "stream":
        simulate(REFERRALS, [json.dumps(e) for e in events], state=state)
    else:
        for data in events:
            state.apply(pointrules.evaluate(REFERRALS, parse_event(REFERRALS, data), state)[1])
    assert state.balance("m2", dt.datetime(2026, 3, 21, tzinfo=SH)) == 10  # the 50 lapsed on 03-11
    assert state.lots["m2"][0].lapsed_at == dt.datetime(2026, 3, 11, 10, tzinfo=SH)


LATE = [
    {"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-10T10:00:00+08:00", "amount": "100"},
    {"id": "e2", "kind": "purchase", "member": "m1", "time": "2026-03-01T10:00:00+08:00", "amount": "50"},  # late
]


@pytest.mark.parametrize("evaluate", [None, interpreter.evaluate], ids=["compiled", "interpreter"])
def test_a_late_events_row_shows_the_expiry_as_of_its_own_time(evaluate) -> None:
    # e2 arrives after e1 though it happened 9 days before. Its row shows what its own time gives:
    # 2026-03-01 10:00 + 90 days = 2026-05-30 10:00, last valid second 09:59:59; the same row it
    # would have had in time order. The lot lives longer: 90 days after the member's last activity,
    # 2026-03-10 10:00 + 90 days = 2026-06-08 10:00, which the state tells (docs/semantics.md §7).
    rows: list[dict] = []
    state = MemoryState(zone=PROGRAM.timezone)
    simulate(PROGRAM, [json.dumps(e) for e in LATE], state=state, on_row=rows.append, evaluate=evaluate)
    assert [(r["event"], r["points"], r["expires"]) for r in rows] == [
        ("e1", 100, "2026-06-08T09:59:59+08:00"),  # 2026-03-10 + 90 days = 2026-06-08 10:00
        ("e2", 50, "2026-05-30T09:59:59+08:00"),
    ]
    late = state.lots["m1"][1]
    assert state.expires_at(late) == dt.datetime(2026, 6, 8, 10, tzinfo=SH)
