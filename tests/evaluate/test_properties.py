"""Properties of evaluation over random events and streams (hypothesis)."""

from __future__ import annotations

import copy
import os
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.events import EventError, parse_event
from pointrules.evaluate.reference import evaluate
from pointrules.state.memory import MemoryState

from evaluate_helpers import HEADER, ROOT

EXAMPLES = 2000 if os.environ.get("POINTRULES_FUZZ") == "long" else 80
SHOP = pointrules.load(ROOT / "examples" / "shop.points")
LIMITED = pointrules.loads(HEADER + '''
event purchase { amount: money }
event review { product: text }
rule base on purchase { earn 1 point per 1 CNY of amount
  limit 3,000 points per month }
rule review on review { earn 20 points
  limit 3 times per day }
cap 1,000 points per day
cap 2,500 points per week on purchase
''')
TIERS = ["member", "silver", "gold", "diamond"]

times = st.builds(
    lambda d, h, mi, off: f"2026-{d[0]:02d}-{d[1]:02d}T{h:02d}:{mi:02d}:00{off}",
    st.sampled_from([(3, 1), (3, 2), (3, 8), (3, 9), (6, 17), (6, 18), (11, 11), (12, 31)]),
    st.integers(0, 23), st.sampled_from([0, 30, 59]),
    st.sampled_from(["+08:00", "-05:00", "Z", "+14:00", "-12:00", "+05:30"]),
)
amounts = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)


def purchase(i, member, time, amount, category="electronics", channel="app"):
    return {"id": f"e{i}", "kind": "purchase", "member": member, "time": time,
            "amount": str(amount), "category": category, "channel": channel}


@settings(max_examples=EXAMPLES, deadline=None)
@given(times, amounts, st.sampled_from(TIERS), st.sampled_from(["electronics", "food"]))
def test_evaluation_is_deterministic(time, amount, tier, category):
    event = parse_event(SHOP, purchase(1, "m", time, amount, category))
    state = MemoryState(profiles={"m": {"tier": tier}})
    assert evaluate(SHOP, event, state) == evaluate(SHOP, event, state)


@settings(max_examples=EXAMPLES, deadline=None)
@given(times, amounts, amounts, st.sampled_from(TIERS), st.sampled_from(["electronics", "food"]))
def test_points_never_decrease_when_only_the_amount_grows(time, a, b, tier, category):
    low, high = sorted([a, b])
    state = MemoryState(profiles={"m": {"tier": tier}})
    small = evaluate(SHOP, parse_event(SHOP, purchase(1, "m", time, low, category)), state)[0]
    large = evaluate(SHOP, parse_event(SHOP, purchase(1, "m", time, high, category)), state)[0]
    assert small.points <= large.points


stream = st.lists(st.tuples(st.sampled_from(["purchase", "review"]), st.sampled_from(["a", "b"]), times,
                            st.decimals(min_value=0, max_value=1500, places=2)), max_size=40)


@settings(max_examples=EXAMPLES, deadline=None)
@given(stream)
def test_no_cap_or_limit_is_ever_exceeded(events):
    state = MemoryState(zone=LIMITED.timezone)
    for i, (kind, member, time, amount) in enumerate(events):
        data = {"id": f"e{i}", "kind": kind, "member": member, "time": time}
        data |= {"amount": str(amount)} if kind == "purchase" else {"product": "p"}
        state.apply(evaluate(LIMITED, parse_event(LIMITED, data), state)[1])
    days: dict = {}
    weeks: dict = {}
    months: dict = {}
    reviews: dict = {}
    for member, lots in state.lots.items():
        for lot in lots:
            local = lot.earned_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date()
            days[member, local] = days.get((member, local), 0) + lot.points
            if lot.rule == "base":
                weeks[member, local.isocalendar()[:2]] = weeks.get((member, local.isocalendar()[:2]), 0) + lot.points
                months[member, local.month] = months.get((member, local.month), 0) + lot.points
            else:
                reviews[member, local] = reviews.get((member, local), 0) + 1
    assert all(v <= 1000 for v in days.values())
    assert all(v <= 2500 for v in weeks.values())
    assert all(v <= 3000 for v in months.values())
    assert all(v <= 3 for v in reviews.values())


bad_changes = st.sampled_from([
    {"amount": "-1"}, {"amount": "1.001"}, {"amount": True}, {"channel": "fax"}, {"time": "2026-03-02T10:00"},
    {"member": ""}, {"kind": "refund"}, {"amount": "NaN"}, {"category": 3},
])


@settings(max_examples=EXAMPLES, deadline=None)
@given(times, amounts, bad_changes)
def test_bad_events_leave_state_unchanged(time, amount, change):
    state = MemoryState()
    state.apply(evaluate(SHOP, parse_event(SHOP, purchase(0, "m", time, amount)), state)[1])
    before = copy.deepcopy(state)
    try:
        state.apply(evaluate(SHOP, parse_event(SHOP, purchase(1, "m", time, amount) | change), state)[1])
    except EventError:
        pass
    else:
        raise AssertionError("a bad event was accepted")
    try:
        evaluate(SHOP, parse_event(SHOP, purchase(0, "m", time, amount)), state)  # the duplicate id
    except EventError as error:
        assert error.field == "id"
    assert state == before
    assert Decimal(0) <= amount
