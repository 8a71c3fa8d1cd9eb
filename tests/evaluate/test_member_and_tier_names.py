"""`member` in a condition: the event's member, unless it faces a tier (resolve.py). What the two
meanings earn is in tests/conformance/names.toml, run through every backend; here, that the
checker accepts both and refuses a tier that is not there."""

from __future__ import annotations

import pointrules

from evaluate_helpers import HEADER

NO_TIERS = '''
event referral { referee: member }
rule r on referral when referee != member {
  earn 100 points to member
  earn 100 points to referee
}
rule named on referral when member = "m1" { earn 1 point }
'''

MEMBER_TIER = '''
tiers { member "普通会员"  silver "银卡"  gold "金卡" }
event referral { referee: member }
rule guard on referral when referee != member { earn 100 points }
rule lowest on referral when tier = member { earn 10 points }
rule listed on referral when tier in (member, silver) { earn 1 point }
rule ranged on referral when tier from member to silver { earn 1000 points }
rule above on referral when tier > member { earn 5 points }
'''


def test_the_checker_accepts_both_meanings_of_member():
    assert [d.code for d in pointrules.check(HEADER + MEMBER_TIER)] == []
    assert [d.code for d in pointrules.check(HEADER + NO_TIERS)] == []


def test_without_tiers_member_is_no_tier():
    text = NO_TIERS + 'rule t on referral when tier = member { earn 1 point }\n'
    assert [d.code for d in pointrules.check(HEADER + text)] == ["PR202"]
