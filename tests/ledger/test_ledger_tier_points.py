"""Tier points in the ledger (issue 13): kept in the tier history of every store, never in a lot,
taken back in proportion by a return, and a format 2 SQLite file gains them when it is opened."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pointrules
from pointrules.ledger import Ledger, SQLiteStore
from pointrules.ledger.schema import FORMAT

from ledger_helpers import at, event
from old_format import sqlite_to_format_3

STATUS = pointrules.loads('''program "Status" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event flight { fare: money }
tiers by tier points over last 12 months { member from 0 points  gold from 1,000 points multiplier 2 }
rule fly on flight { earn 1 point per 1 CNY of fare  earn 1 tier point per 1 CNY of fare }
''')


def test_tier_points_qualify_are_not_spendable_and_a_return_takes_them_back(make_ledger):
    ledger = make_ledger(program=STATUS)
    ledger.process_event(event("f1", "flight", "m1", at(1), fare="1200"))  # 1,200 points and 1,200 tier points
    assert ledger.balance("m1", at(1)).available == 1200  # the tier points are no part of the balance
    assert ledger.process_event(event("f2", "flight", "m1", at(2), fare="10")).totals == (("m1", 20),)  # gold: 10 x 2
    # 300 of 1,200 CNY returned: 1,200 x 300 / 1,200 = 300 points and 300 tier points back
    assert ledger.reverse("r1", "f1", at(3), Decimal("300")).totals == (("m1", -300),)
    # tier points 1,200 - 300 + 10 = 910 < 1,000: a member again (no grace), 10 x 1
    assert ledger.process_event(event("f3", "flight", "m1", at(4), fare="10")).totals == (("m1", 10),)
    assert ledger.balance("m1", at(4)).available == 1200 - 300 + 20 + 10


def test_a_format_2_file_gains_tier_points_and_keeps_its_history(tmp_path: Path):
    path = tmp_path / "old.db"
    ledger = Ledger(STATUS, SQLiteStore(str(path)))
    ledger.process_event(event("f1", "flight", "m1", at(1), fare="600"))
    ledger.close()
    sqlite_to_format_3(str(path))
    with sqlite3.connect(path) as conn:  # what pointrules wrote before tier points were kept
        conn.execute("ALTER TABLE history DROP COLUMN tier_points")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'format'")
    ledger = Ledger(STATUS, SQLiteStore(str(path)))
    # the old entry counts 0 tier points: 0 + 0 before f2, a member; f2 earns 500 tier points
    assert ledger.process_event(event("f2", "flight", "m1", at(2), fare="500")).totals == (("m1", 500),)
    ledger.process_event(event("f3", "flight", "m1", at(3), fare="500"))  # 500 before it: member
    assert ledger.process_event(event("f4", "flight", "m1", at(4), fare="10")).totals == (("m1", 20),)  # 1,000: gold
    ledger.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == (FORMAT,)
        assert conn.execute("SELECT tier_points FROM history ORDER BY seq").fetchall() == [(0,), (500,), (500,), (10,)]


AIRLINE = pointrules.load(Path(__file__).resolve().parents[2] / "examples" / "airline.points")


def test_a_refund_below_the_tier_starts_the_grace_of_the_airline_example(make_ledger):
    """examples/airline.points: status on the last 12 months' tier points, kept 6 months once they fall."""
    ledger = make_ledger(program=AIRLINE)
    flight = {"cabin": "economy", "distance": 1000}
    ledger.process_event(event("f1", "flight", "m1", at(2), fare="25000.00", **flight))  # 25,000 tier points
    assert ledger.process_event(event("f2", "flight", "m1", at(3), fare="100.00", **flight)).totals == (("m1", 125),)
    # a refund of 10,000 of 25,000 CNY on 04-01 10:00 takes back 25,000 x 10,000 / 25,000 = 10,000 tier
    # points: 15,000 + 100 = 15,100 < 20,000, so silver stopped qualifying then; kept to 10-01 10:00
    ledger.reverse("r1", "f1", at(1, month=4), Decimal("10000"))
    assert ledger.process_event(event("f3", "flight", "m1", at(30, month=9), fare="100.00", **flight)).totals == (
        ("m1", 125),)  # within the grace: silver, 100 x 1.25
    assert ledger.process_event(event("f4", "flight", "m1", at(1, month=10), fare="100.00", **flight)).totals == (
        ("m1", 100),)  # the grace is over: blue


def test_without_a_redeem_block_the_ledger_refuses_to_pay_an_order_with_points(make_ledger):
    import pytest
    from pointrules.ledger import LedgerError

    ledger = make_ledger(program=STATUS)  # STATUS has no `redeem` block
    ledger.process_event(event("f1", "flight", "m1", at(1), fare="1200"))
    with pytest.raises(LedgerError, match="no `redeem` block: points do not pay for orders"):
        ledger.redeem_order("r1", "m1", Decimal("100.00"), at(2))
    assert ledger.balance("m1", at(2)).available == 1200  # nothing taken



JEWELLER = pointrules.loads('''program "Jeweller" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event purchase { amount: money, items: list of item }
record item { category: text, amount: money }
rule base on purchase { earn 1 point per 1 CNY of amount }
redeem { at most 20% of items where category = "gold_jewelry" }
''')


def test_the_ledger_redeems_within_a_share_of_items_and_replays_it(make_ledger):
    import pytest

    ledger = make_ledger(program=JEWELLER)
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="300000", items=[]))  # 300,000 points
    items = [{"category": "gold_jewelry", "amount": "5000.00"}, {"category": "watches", "amount": "1000.00"}]
    # gold 5,000 x 20% = 1,000 + watches 1,000 in full = 2,000 yuan = 200,000 points (the balance is 300,000)
    assert ledger.quote("m1", at(2), order=Decimal("6000"), items=items).points == 200_000
    gold_only = [{"category": "gold_jewelry", "amount": "5000.00"}]
    receipt = ledger.redeem_order("r1", "m1", Decimal("5000"), at(2), items=gold_only)
    assert receipt.totals == (("m1", -100_000),)  # 5,000 x 20% = 1,000 yuan = 100,000 points
    assert ledger.redeem_order("r1", "m1", Decimal("5000"), at(2), items=gold_only).replayed
    with pytest.raises(ValueError, match="items"):
        ledger.redeem_order("r2", "m1", Decimal("5000"), at(2), items=[{"category": "gold_jewelry"}, 5])
