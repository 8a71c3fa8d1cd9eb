"""Lifetime status (`gold from 5,000 CNY or 20,000 CNY over lifetime`) on random purchase streams:
both evaluators agree on every award, and the rule itself holds: a member whose spend before an
event (over the whole membership, no returns) reaches 20,000 CNY is gold at that event, whatever
the window, the grace or the reviews say; one short of it is gold only by the window's 5,000, or
by a grace or a review not yet run. Windows, downgrades and reviews are drawn."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from agree import assert_backends_agree
from pointrules.evaluate import reference
from pointrules.events import parse_event
from pointrules.state.memory import MemoryState

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

PROGRAM = '''program "Lifetime status"
currency CNY
timezone "Asia/Shanghai"
event purchase {{ amount: money }}
tiers by spend over {window} {{
  {policies}
  member  from 0 CNY
  silver  from 1,000 CNY                              multiplier 1.5
  gold    from 5,000 CNY or 20,000 CNY over lifetime  multiplier 2
}}
rule base on purchase {{ earn 1 point per 1 CNY of amount }}
'''
WINDOWS = ["last 12 months", "last 30 days", "this year", "this quarter"]
POLICIES = ["", "keep tier for 6 months", "downgrade one level", "assess at end of year",
            "assess on anniversary\\n  keep tier for 3 months"]

purchases = st.lists(st.tuples(st.integers(0, 3 * 365 * 24), st.integers(1, 8_000)), min_size=1, max_size=20)


@settings(max_examples=300 if LONG else 30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(WINDOWS), st.sampled_from(POLICIES), purchases)
def test_property_lifetime_status_holds_and_the_evaluators_agree(window: str, policies: str,
                                                                 drawn: list[tuple[int, int]]) -> None:
    program = pointrules.loads(PROGRAM.format(window=window, policies=policies.replace("\\n", "\n")))
    start = dt.datetime(2024, 1, 1, tzinfo=SHANGHAI)
    events = [{"id": f"e{i}", "kind": "purchase", "member": "m1", "amount": str(amount),
               "time": (start + dt.timedelta(hours=hours)).isoformat()}
              for i, (hours, amount) in enumerate(sorted(drawn))]
    assert_backends_agree(program, events, {})
    state = MemoryState(zone=program.timezone)
    spent = Decimal(0)  # the member's spend before the event, over the whole membership
    for raw in events:
        award, change = reference.evaluate(program, parse_event(program, raw), state)
        state.apply(change)
        if spent >= 20_000:
            assert award.tier == "gold", (raw, spent)
        spent += Decimal(raw["amount"])
