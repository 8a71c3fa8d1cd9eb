"""`member` in a condition: the event's member, unless it faces a tier (resolve.py).

Run through the reference interpreter, the compiled evaluator and the fused stream path, which
must all give the hand-computed points."""

from __future__ import annotations

import json

import pytest

import pointrules
from pointrules import interpreter
from pointrules.simulate import simulate

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


def points(text: str, events: list[dict], profiles: dict | None = None) -> dict[str, list[int]]:
    """Points per event id and member, by every evaluation path; they must agree."""
    program = pointrules.loads(HEADER + text)
    lines = [json.dumps({"kind": "referral", "time": "2026-03-02T10:00:00+08:00", **e}) for e in events]
    results = []
    for evaluate in (interpreter.evaluate, None):
        for text_rows in (False, True):
            rows: list[dict] = []
            if text_rows:
                out: list[str] = []
                simulate(program, lines, write=out.append, profiles=profiles, evaluate=evaluate)
                rows = [json.loads(r) for chunk in out for r in chunk.splitlines()]
            else:
                simulate(program, lines, on_row=rows.append, profiles=profiles, evaluate=evaluate)
            results.append(sorted((r["event"], r["member"], r["points"]) for r in rows))
    assert all(r == results[0] for r in results)
    return {f"{e}:{m}": p for e, m, p in results[0]}


def test_without_tiers_member_is_the_event_member_and_self_referral_earns_nothing():
    got = points(NO_TIERS, [{"id": "self", "member": "m1", "referee": "m1"},
                            {"id": "ok", "member": "m1", "referee": "m2"},
                            {"id": "other", "member": "m3", "referee": "m2"}])
    # self: `referee != member` is false; `member = "m1"` holds: 1 point
    assert got["self:m1"] == 1
    # ok: 100 to m1 and 100 to m2, plus 1 to m1 for `member = "m1"`
    assert (got["ok:m1"], got["ok:m2"]) == (101, 100)
    # other: m3 is not "m1"
    assert (got["other:m3"], got["other:m2"]) == (100, 100)


@pytest.mark.parametrize(("tier", "expected"), [
    # guard 100 (referee differs) + lowest 10 + listed 1 + ranged 1000
    ("member", 1111),
    # guard 100 + listed 1 + ranged 1000 + above 5
    ("silver", 1106),
    # guard 100 + above 5
    ("gold", 105),
])
def test_a_tier_called_member_is_named_where_it_faces_a_tier(tier, expected):
    got = points(MEMBER_TIER, [{"id": "e", "member": "m1", "referee": "m2"}], {"m1": {"tier": tier}})
    assert got["e:m1"] == expected


def test_the_self_referral_guard_works_beside_a_tier_called_member():
    got = points(MEMBER_TIER, [{"id": "self", "member": "m1", "referee": "m1"}])
    assert got["self:m1"] == 1011  # lowest 10 + listed 1 + ranged 1000; the guard pays nothing


def test_the_checker_accepts_both_meanings_of_member():
    assert [d.code for d in pointrules.check(HEADER + MEMBER_TIER)] == []
    assert [d.code for d in pointrules.check(HEADER + NO_TIERS)] == []


def test_without_tiers_member_is_no_tier():
    text = NO_TIERS + 'rule t on referral when tier = member { earn 1 point }\n'
    assert [d.code for d in pointrules.check(HEADER + text)] == ["PR202"]
