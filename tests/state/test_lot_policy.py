"""The lot policy (state/lots.py) through every keeper of lots: rolling expiry follows the member's
activity in time order, whatever order the events arrive in, and the in-memory state, the ledger
over memory and the ledger over SQLite give the same balance at every instant.

The oracle here is written apart from the code: lots from a program simple enough to pay by hand,
each rolling lot walked through its member's activity sorted by time (docs/language.md, "Expiry")."""

from __future__ import annotations

import datetime as dt
import json

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore
from pointrules.state.memory import MemoryState
from pointrules.stream.simulate import simulate

from strategies import examples

SH = dt.timezone(dt.timedelta(hours=8))  # Shanghai has no daylight saving time: wall clock = +08:00
PROGRAM = pointrules.loads('''program "Rolling" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event purchase { amount: money }
event checkin
event referral { referee: member }
expire after 10 days without activity
rule base on purchase { earn 1 point per 1 CNY of amount }
rule checkin on checkin {
  earn 10 points
  expire after 1 month without activity
}
rule referral on referral { earn 50 points to referee }
''')
START = dt.datetime(2026, 1, 25, 10, tzinfo=SH)
EXAMPLES = examples(100, 2000)
SPANS = {"purchase": relativedelta(days=10), "checkin": relativedelta(months=1), "referral": relativedelta(days=10)}


def _event(number: int, kind: str, member: str, hours: int) -> dict:
    data = {"id": f"e{number}", "kind": kind, "member": member, "time": (START + dt.timedelta(hours=hours)).isoformat()}
    if kind == "purchase":
        data["amount"] = str(100 + number)
    if kind == "referral":
        data["referee"] = "m2" if member == "m1" else "m1"
    return data


def _expected_lots(events: list[dict]) -> list[tuple[str, int, dt.datetime, dt.datetime]]:
    """(member, points, earned, expiry) of every lot, by hand: a lot lives a span after its
    earning, carried on by each activity of its member that comes before the end of the span."""
    activity: dict[str, list[dt.datetime]] = {}
    for e in events:
        activity.setdefault(e["member"], []).append(dt.datetime.fromisoformat(e["time"]))
    lots = []
    for e in events:
        earned = dt.datetime.fromisoformat(e["time"])
        member, points = {"purchase": (e["member"], 100 + int(e["id"][1:])), "checkin": (e["member"], 10),
                          "referral": (e.get("referee"), 50)}[e["kind"]]
        span, since = SPANS[e["kind"]], earned
        for at in sorted(activity.get(member, [])):
            if at <= since:
                continue
            if at >= since + span:
                break  # lapsed at the end of the span: no later activity brings it back
            since = at
        lots.append((member, points, earned, since + span))
    return lots


def _instants(lots: list[tuple[str, int, dt.datetime, dt.datetime]]) -> list[dt.datetime]:
    second = dt.timedelta(seconds=1)
    return sorted({t + d for _, _, earned, expiry in lots for t in (earned, expiry) for d in (-second, 0 * second)})


events = st.lists(st.tuples(st.sampled_from(["purchase", "checkin", "referral"]), st.sampled_from(["m1", "m2"]),
                            st.integers(0, 24 * 70)), min_size=1, max_size=12)


@settings(max_examples=EXAMPLES, deadline=None)
@given(events, st.randoms(use_true_random=False))
def test_balances_follow_activity_in_time_order_whatever_the_arrival_order(drawn, random) -> None:
    data = [_event(number, kind, member, hours) for number, (kind, member, hours) in enumerate(drawn, 1)]
    arrival = list(data)
    random.shuffle(arrival)
    lots = _expected_lots(data)
    lines = [json.dumps(e) for e in arrival]
    state = MemoryState(zone=PROGRAM.timezone)
    simulate(PROGRAM, lines, state=state)
    ledgers = [Ledger(PROGRAM, MemoryStore()), Ledger(PROGRAM, SQLiteStore(":memory:"))]
    for ledger in ledgers:
        for line in lines:
            ledger.process_event(line)
    for at in _instants(lots):
        for member in ("m1", "m2"):
            # usable at `at`: earned by then (no pending) and not yet expired (expiry is the first instant not valid)
            want = sum(points for who, points, earned, expiry in lots if who == member and earned <= at < expiry)
            got = (state.balance(member, at), *(ledger.balance(member, at).available for ledger in ledgers))
            assert got == (want,) * 3, f"{member} at {at.isoformat()}: memory, ledger, sqlite gave {got}, not {want}"
    for ledger in ledgers:
        ledger.close()
