"""A host-given tier the program does not have is refused, naming it. What tiers earn (given by the
host, or qualified from history with the downgrade policies) is in tests/conformance/tiers.toml,
run through every backend; the cases format cannot give a member an unknown tier."""

from __future__ import annotations

import pytest

from pointrules.events import EventError

HOST = '''
tiers { member "普通会员"  silver "银卡" multiplier 1.2  gold "金卡" multiplier 1.5 }
event purchase { amount: money }
rule base on purchase { earn 1 point per 1 CNY of amount }
'''


def test_unknown_host_tier_is_an_error(run):
    r = run(HOST, {"p": {"tier": "platinum"}})
    with pytest.raises(EventError) as info:
        r("purchase", member="p", amount="100")
    assert info.value.field == "member" and "platinum" in info.value.message
