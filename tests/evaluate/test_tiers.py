"""Tiers: given by the host, or computed from history with the downgrade policy."""

from __future__ import annotations

import pytest

from pointrules.events import EventError

HOST = '''
tiers { member "普通会员"  silver "银卡" multiplier 1.2  gold "金卡" multiplier 1.5 }
event purchase { amount: money }
rule base on purchase { earn 1 point per 1 CNY of amount }
'''

COMPUTED = '''
tiers by spend over last 12 months {{
  member  from 0 CNY
  silver  from 2,000 CNY   multiplier 1.2
  gold    from 10,000 CNY  multiplier 1.5
  {policy}
}}
event purchase {{ amount: money }}
rule base on purchase {{ earn 1 point per 1 CNY of amount }}
'''


def test_host_given_tier_and_missing_profile_is_lowest(run):
    r = run(HOST, {"s": {"tier": "silver"}})
    assert r("purchase", member="s", amount="100").points == 120  # 100 x 1.2
    assert r("purchase", member="nobody", amount="100").tier == "member"


def test_unknown_host_tier_is_an_error(run):
    r = run(HOST, {"p": {"tier": "platinum"}})
    with pytest.raises(EventError) as info:
        r("purchase", member="p", amount="100")
    assert info.value.field == "member" and "platinum" in info.value.message


def test_spend_qualifies_for_the_next_event_not_the_same_one(run):
    r = run(COMPUTED.format(policy=""))
    first = r("purchase", "2026-01-10T10:00:00+08:00", amount="2500")
    assert (first.tier, first.points) == ("member", 2500)  # the event does not count toward its own tier
    second = r("purchase", "2026-02-10T10:00:00+08:00", amount="100")
    assert (second.tier, second.points) == ("silver", 120)


def test_downgrade_straight_to_the_qualified_tier_when_spend_leaves_the_window(run):
    r = run(COMPUTED.format(policy=""))
    r("purchase", "2026-01-10T10:00:00+08:00", amount="12000")
    assert r("purchase", "2026-06-10T10:00:00+08:00", amount="1").tier == "gold"
    # 2027-02-01: the 12,000 of 2026-01-10 is older than 12 months; 1 yuan of 2026-06 qualifies for member
    assert r("purchase", "2027-02-01T10:00:00+08:00", amount="1").tier == "member"


def test_downgrade_one_level_after_the_keep_period(run):
    r = run(COMPUTED.format(policy="downgrade one level\n keep tier for 6 months"))
    r("purchase", "2026-01-10T10:00:00+08:00", amount="12000")
    assert r("purchase", "2026-01-11T10:00:00+08:00", amount="1").tier == "gold"  # upgraded 01-11
    assert r("purchase", "2027-02-01T10:00:00+08:00", amount="1").tier == "silver"  # held > 6 months: one level
    assert r("purchase", "2027-03-01T10:00:00+08:00", amount="1").tier == "silver"  # kept 6 months again
    assert r("purchase", "2027-08-02T10:00:00+08:00", amount="1").tier == "member"


def test_purchases_metric_counts_money_events(run):
    text = COMPUTED.replace("by spend", "by purchases").replace("from 0 CNY", "from 0 purchases") \
        .replace("from 2,000 CNY", "from 2 purchases").replace("from 10,000 CNY", "from 5 purchases")
    r = run(text.format(policy=""))
    tiers = [r("purchase", f"2026-03-0{i}T10:00:00+08:00", amount="1").tier for i in range(1, 5)]
    assert tiers == ["member", "member", "silver", "silver"]
