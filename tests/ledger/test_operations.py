"""Each ledger operation on hand-computed cases, on both stores."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pointrules
from pointrules.events import EventError
from pointrules.ledger import LedgerError, LedgerOptions, TransferPolicy

from ledger_helpers import TEXT, at, event


def test_purchase_points_are_pending_for_three_days_then_available(make_ledger):
    ledger = make_ledger()
    receipt = ledger.process_event(event("e1", "purchase", "m1", at(1), amount="250.80"))
    assert receipt.totals == (("m1", 250),)  # floor(250.80) = 250
    assert receipt.award is not None and receipt.award.points == 250
    before = ledger.balance("m1", at(3))
    assert (before.available, before.pending, before.lifetime) == (0, 250, 250)
    after = ledger.balance("m1", at(4))  # 3 days after 03-01 10:00
    assert (after.available, after.pending) == (250, 0)


def test_a_replayed_event_pays_nothing_and_returns_the_first_receipt(make_ledger):
    ledger = make_ledger()
    first = ledger.process_event(event("e1", "checkin", "m1", at(1)))
    again = ledger.process_event(event("e1", "checkin", "m1", at(1)))
    assert again == first and again.replayed and not first.replayed
    assert ledger.balance("m1", at(2)).available == 10  # once, not 20
    with pytest.raises(EventError) as error:  # same id, other content: refused like a duplicate
        ledger.process_event(event("e1", "checkin", "m2", at(1)))
    assert error.value.field == "id"


def test_redeeming_an_order_takes_the_lots_that_expire_first(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("c1", "checkin", "m1", at(1)))  # 10, never expires
    ledger.process_event(event("p1", "purchase", "m1", at(2), amount="300"))  # 300, expires 04-01
    ledger.process_event(event("p2", "purchase", "m1", at(1), amount="200"))  # 200, expires 03-31
    # order 1,000 yuan: 50% = 500 yuan = 50,000 points; balance at 03-06 = 510 -> 510 in steps of 10
    receipt = ledger.redeem_order("r1", "m1", Decimal("1000"), at(6))
    assert receipt.totals == (("m1", -510),)
    assert receipt.value == Decimal("5.10")  # 510 / 100
    # 03-31 lot first (200), then 04-01 (300), never-expiring last (10)
    taken = [(e.lot, e.points) for e in ledger.history("m1") if e.reason == "redeem"]
    assert taken == [("p2#1", -200), ("p1#1", -300), ("c1#1", -10)]


def test_an_order_within_the_policy_and_refusals_recorded(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="1000"))
    # order 3 yuan: 50% = 1.50 yuan = 150 points, within 1,000 usable -> 150
    assert ledger.redeem_order("r1", "m1", Decimal("3"), at(5)).totals == (("m1", -150),)
    with pytest.raises(LedgerError, match="steps of 10"):
        ledger.redeem_order("r2", "m1", Decimal("100"), at(5), points=105)
    with pytest.raises(LedgerError, match="minimum"):  # order 1 yuan: 50 points < minimum 100
        ledger.redeem_order("r3", "m1", Decimal("1"), at(5))
    with pytest.raises(LedgerError, match="steps of 10"):  # the refusal is kept: same answer again
        ledger.redeem_order("r2", "m1", Decimal("100"), at(5), points=105)
    assert ledger.balance("m1", at(5)).available == 850  # 1,000 - 150


def test_a_reward_respects_limits_and_stock(make_ledger):
    ledger = make_ledger()
    for member in ("m1", "m2"):
        ledger.process_event(event(f"p-{member}", "purchase", member, at(1), amount="1000"))
    ledger.redeem_reward("w1", "m1", "mug", at(5))
    ledger.redeem_reward("w2", "m1", "mug", at(5))
    with pytest.raises(LedgerError, match="limit 2"):
        ledger.redeem_reward("w3", "m1", "mug", at(5))
    ledger.redeem_reward("w4", "m2", "mug", at(5))
    with pytest.raises(LedgerError, match="out of stock"):  # 3 mugs in stock, 3 redeemed
        ledger.redeem_reward("w5", "m2", "mug", at(5))
    assert ledger.balance("m1", at(5)).spent == 400  # 2 x 200


def test_a_partial_return_claws_back_in_proportion_pending_first(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("c1", "checkin", "m1", at(1)))
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="200"))
    # return 50 of 200 yuan on 03-02 (still pending): 200 x 50/200 = 50 from the pending lot
    r = ledger.reverse("ret1", "p1", at(2), Decimal("50"))
    assert r.totals == (("m1", -50),)
    b = ledger.balance("m1", at(2))
    assert (b.available, b.pending, b.reversed) == (10, 150, 50)
    # the other 150 yuan: cumulative 200/200 -> the whole 200, 150 more
    assert ledger.reverse("ret2", "p1", at(2), Decimal("150")).totals == (("m1", -150),)
    with pytest.raises(LedgerError, match="in full"):
        ledger.reverse("ret3", "p1", at(2))


def test_a_return_after_the_points_were_spent_records_the_shortfall(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="300"))
    ledger.redeem_order("r1", "m1", Decimal("10"), at(5), points=200)  # 100 left
    r = ledger.reverse("ret1", "p1", at(6))
    assert r.totals == (("m1", -100),) and r.shortfall == (("m1", 200),)  # 300 owed, 100 there
    b = ledger.balance("m1", at(6))
    assert (b.available, b.pending) == (0, 0)
    assert ledger.summary(at(6)).shortfall == 200


def test_allow_negative_keeps_a_debt_paid_back_from_new_points(make_ledger):
    ledger = make_ledger(LedgerOptions(allow_negative=True))
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="300"))
    ledger.redeem_order("r1", "m1", Decimal("10"), at(5), points=200)
    ledger.reverse("ret1", "p1", at(6))
    assert ledger.balance("m1", at(6)).available == -200  # 300 clawed, 100 there
    ledger.process_event(event("c1", "checkin", "m1", at(7)))  # 10 pays back 10 of the debt
    assert ledger.balance("m1", at(7)).available == -190
    ledger.adjust("a1", "m1", 500, "goodwill after a complaint", at(8))
    b = ledger.balance("m1", at(8))
    assert b.available == 310  # -190 + 500
    assert [lot.remaining for lot in ledger.lots("m1")] == [310]  # the debt lot is settled


def test_adjustments_carry_their_reason_and_cannot_overdraw(make_ledger):
    ledger = make_ledger()
    ledger.adjust("a1", "m1", 100, "compensation for a late delivery", at(1))
    ledger.adjust("a2", "m1", -30, "duplicate compensation", at(2))
    assert [(e.reason, e.points, e.note) for e in ledger.history("m1")] == [
        ("adjust", 100, "compensation for a late delivery"), ("adjust", -30, "duplicate compensation")]
    with pytest.raises(LedgerError, match="only 70"):
        ledger.adjust("a3", "m1", -100, "mistake", at(3))
    # the program expires points 30 days after: 100 from 03-01 expire 03-31
    assert ledger.balance("m1", at(31)).expired == 70


def test_transfers_keep_expiry_and_respect_monthly_limits(make_ledger):
    ledger = make_ledger(LedgerOptions(transfers=TransferPolicy(minimum=10, max_per_transfer=100, max_per_month=150)))
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="500"))  # expires 03-31
    ledger.process_event(event("c1", "checkin", "m1", at(1)))  # 10, never expires: given last
    t = ledger.transfer("t1", "m1", "m2", 100, at(5))
    assert t.totals == (("m1", -100), ("m2", 100))
    assert [lot.expires_at for lot in ledger.lots("m2")] == [at(31)]
    with pytest.raises(LedgerError, match="at most 100"):
        ledger.transfer("t2", "m1", "m2", 101, at(5))
    with pytest.raises(LedgerError, match="150 points per month"):  # 100 + 60 > 150
        ledger.transfer("t3", "m1", "m2", 60, at(6))
    ledger.transfer("t4", "m1", "m2", 50, at(6))
    with pytest.raises(LedgerError, match="only 10 usable"):  # April: the 350 left of p1 expired on 03-31
        ledger.transfer("t5", "m1", "m2", 60, at(1, month=4))
    ledger.transfer("t6", "m1", "m2", 10, at(1, month=4))  # a new month: the limit starts again
    assert ledger.balance("m1", at(1, month=4)).transferred == -160  # 100 + 50 + 10


def test_expire_removes_exactly_what_is_due(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="100"))  # expires 03-31 10:00
    ledger.process_event(event("c1", "checkin", "m1", at(1)))  # never
    ledger.process_event(event("f1", "referral", "m1", at(1), referee="m2"))  # 50 + 50, expire 03-11 10:00
    soon = ledger.expiring(at(5), 7)  # until 03-12 10:00: the referral lots
    assert [(x.member, x.points, x.expires_at) for x in soon] == [("m1", 50, at(11)), ("m2", 50, at(11))]
    r = ledger.expire(at(11))
    assert r.totals == (("m1", -50), ("m2", -50))
    assert ledger.expire(at(11)) == r  # again: nothing more
    b = ledger.balance("m1", at(11))
    assert (b.available, b.expired) == (110, 50)  # 100 + 10 left
    owed = ledger.liability(at(11))
    assert (owed.points, owed.value) == (110, Decimal("1.10"))  # m2 has 0; 110 / 100 yuan


def test_an_id_reused_for_another_operation_is_refused(make_ledger):
    ledger = make_ledger()
    ledger.adjust("op1", "m1", 100, "welcome", at(1))
    assert ledger.adjust("op1", "m1", 100, "welcome", at(1)).replayed
    with pytest.raises(LedgerError, match="different operation"):
        ledger.adjust("op1", "m1", 200, "welcome", at(1))
    assert ledger.balance("m1", at(1)).available == 100


TIERED = pointrules.loads('''program "Rolling" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event purchase { amount: money }
event checkin
tiers by spend over last 1 month {
  keep tier for 3 months
  member from 0 CNY
  silver from 1,000 CNY multiplier 1.5
}
expire after 90 days without activity
rule base on purchase { earn 1 point per 1 CNY of amount }
rule checkin on checkin { earn 10 points }
redeem { at most 100% of order }
''')


def test_rolling_points_lapse_after_a_span_without_activity_and_stay_lapsed(make_ledger):
    ledger = make_ledger(program=TIERED)
    ledger.process_event(event("e1", "purchase", "m1", at(1), amount="1500"))  # earns as member: 1500
    ledger.process_event(event("c1", "checkin", "m1", at(3)))  # activity: everything lives to 06-01 10:00
    assert ledger.balance("m1", at(1, 9, month=6)).available == 1510
    late = ledger.balance("m1", at(1, 10, month=6))  # 90 days after 03-03 10:00: expired, not yet recorded
    assert (late.available, late.expired) == (0, 1510)
    # New activity a year later pays its own points and does not revive the lapsed ones: they keep
    # their lapse, 06-01 10:00, so a balance asked before it still counts them (as one asked then would).
    ledger.process_event(event("c2", "checkin", "m1", at(5, month=3).replace(year=2027)))
    after = ledger.balance("m1", at(6, month=3).replace(year=2027))
    assert (after.available, after.expired, after.lifetime) == (10, 1510, 1520)
    assert [lot.lapsed_at for lot in ledger.lots("m1")] == [at(1, 10, month=6)] * 2 + [None]
    assert ledger.balance("m1", at(1, 9, month=6)).available == 1510
    # A lapse is a lot's expiry, not a movement: `expire` records it, as any expiry.
    ledger.expire(at(6, month=3).replace(year=2027))
    lapsed = [e for e in ledger.history("m1") if e.reason == "expire"]
    assert sorted(-e.points for e in lapsed) == [10, 1500]
    assert all("expired at 2026-06-01T02:00:00" in e.note and "after 90 days without activity" in e.note
               for e in lapsed)
    assert ledger.balance("m1", at(1, 9, month=6)).available == 0  # recorded: those points are gone


def test_retier_upgrades_at_once_and_downgrades_after_the_grace(make_ledger):
    ledger = make_ledger(program=TIERED)
    ledger.process_event(event("e1", "purchase", "m1", at(1), amount="1500"))  # 1,500 CNY this month
    assert ledger.retier("t1", "m1", at(2)).note == "silver"  # an upgrade takes effect at once
    assert ledger.process_event(event("e2", "purchase", "m1", at(3), amount="100")).totals == (("m1", 150),)
    # The 1,500 leaves the one-month window at 04-01 10:00 (1,600 -> 100 < 1,000): silver stopped
    # qualifying then and is kept 3 months from then, to 07-01 10:00.
    assert ledger.retier("t2", "m1", at(15, month=4)).note == "silver"
    assert ledger.retier("t3", "m1", at(1, 9, month=7)).note == "silver"  # an hour before the grace ends
    assert ledger.retier("t4", "m1", at(1, 10, month=7)).note == "member"  # grace over: down to what it earns
    again = ledger.retier("t4", "m1", at(1, 10, month=7))
    assert again.replayed and again.note == "member"
    assert ledger.process_event(event("e3", "purchase", "m1", at(2, month=7), amount="100")).totals == (("m1", 100),)


def test_a_redemption_is_activity_too(make_ledger):
    ledger = make_ledger(program=TIERED)
    ledger.process_event(event("e1", "purchase", "m1", at(1), amount="500"))  # 500, to 05-30 10:00
    ledger.redeem_order("r1", "m1", Decimal("100"), at(1, month=5), points=100)  # activity on 05-01
    assert ledger.balance("m1", at(29, month=7)).available == 400  # pushed back to 07-30 10:00
    assert ledger.balance("m1", at(30, month=7)).available == 0


@pytest.mark.parametrize("recorded", [False, True], ids=["lapsed", "recorded-by-expire"])
def test_a_late_activity_carries_on_lapsed_points_unless_expire_recorded_them(make_ledger, recorded):
    ledger = make_ledger(program=TIERED)
    ledger.process_event(event("e1", "purchase", "m1", at(1), amount="500"))  # 500, to 05-30 10:00
    ledger.process_event(event("c1", "checkin", "m1", at(15, month=6)))  # finds the 500 lapsed at 05-30 10:00
    if recorded:
        ledger.expire(at(16, month=6))  # a movement: those 500 points are gone for good
    ledger.process_event(event("c0", "checkin", "m1", at(20, month=5)))  # late: 05-20 is within their span
    # In time order 05-20 carried the 500 on (to 08-18 10:00) and 06-15 on again (to 09-13 10:00);
    # c0's own 10 likewise (06-15 came 26 days after it), and c1's 10 live to 09-13.
    assert ledger.balance("m1", at(20, month=6)).available == (20 if recorded else 520)
    assert ledger.balance("m1", at(13, 10, month=9)).available == 0


def test_a_referees_lapsed_points_stay_lapsed_when_they_become_active(make_ledger):
    ledger = make_ledger(program=pointrules.loads(TEXT.replace("expire after 10 days\n", "expire after 10 days without activity\n")))
    ledger.process_event(event("r1", "referral", "m1", at(1), referee="m2"))  # m2 gets 50, to 03-11 10:00
    ledger.process_event(event("c1", "checkin", "m2", at(20)))  # m2's first activity, after the lapse
    balance = ledger.balance("m2", at(21))
    assert (balance.available, balance.expired) == (10, 50)
