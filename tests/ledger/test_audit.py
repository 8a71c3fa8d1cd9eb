"""Who did an operation and why: kept on every entry of it, in every store, and a format 1 SQLite
file is brought to format 4 (entries with their audit, history with tier points, instants as numbers) when
it is opened."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from pointrules.ledger import Ledger, LedgerError, LedgerOptions, SQLiteStore, TransferPolicy
from pointrules.ledger.schema import FORMAT

from ledger_helpers import PROGRAM, at, event
from old_format import sqlite_to_format_3


def test_every_entry_of_an_operation_keeps_its_operator_and_reason(make_ledger):
    ledger = make_ledger(LedgerOptions(transfers=TransferPolicy()))
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="500"))  # 500, usable 03-04
    ledger.process_event(event("c1", "checkin", "m2", at(1)))  # 10: m2 is known
    ledger.redeem_order("r1", "m1", Decimal("1000"), at(5), points=200, operator="alice", reason="order 881 at the till")
    ledger.transfer("t1", "m1", "m2", 50, at(6), operator="bob", reason="family account")
    ledger.adjust("a1", "m1", 30, "late delivery", at(7), operator="carol")
    rows = [(e.operation, e.reason, e.points, e.operator, e.comment) for e in ledger.history("m1")]
    assert rows == [
        ("p1", "earn", 500, "", ""),  # an event: nobody named
        ("r1", "redeem", -200, "alice", "order 881 at the till"),
        ("t1", "transfer_out", -50, "bob", "family account"),
        ("a1", "adjust", 30, "carol", "late delivery"),  # an adjustment's reason is its comment too
    ]
    received = [(e.reason, e.points, e.operator, e.comment) for e in ledger.history("m2")]
    assert received == [("earn", 10, "", ""), ("transfer_in", 50, "bob", "family account")]
    assert ledger.balance("m1", at(7)).available == 280  # 500 - 200 - 50 + 30


def test_a_retry_by_another_operator_returns_the_first_receipt_and_keeps_the_first_audit(make_ledger):
    ledger = make_ledger()
    ledger.adjust("a1", "m1", 100, "welcome", at(1), operator="alice")
    assert ledger.adjust("a1", "m1", 100, "welcome", at(1), operator="bob").replayed
    assert [(e.points, e.operator) for e in ledger.history("m1")] == [(100, "alice")]


def test_a_retier_keeps_an_entry_of_no_points_naming_the_tier(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("c1", "checkin", "m1", at(1)))
    receipt = ledger.retier("t1", "m1", at(2), operator="dana", reason="yearly review")
    last = ledger.history("m1")[-1]
    # the test program has no tiers: every member is in the built-in lowest tier
    assert (last.reason, last.points, last.note, last.operator, last.comment) == (
        "tier", 0, f"tier {receipt.note}", "dana", "yearly review")
    assert ledger.balance("m1", at(2)).available == 10  # no point moved


def test_operations_on_a_member_the_ledger_never_heard_of_are_refused_and_write_nothing(make_ledger):
    ledger = make_ledger(LedgerOptions(transfers=TransferPolicy()))
    for call in (lambda: ledger.redeem_order("r1", "ghost", Decimal("100"), at(2)),
                 lambda: ledger.redeem_reward("r2", "ghost", "mug", at(2)),
                 lambda: ledger.adjust("a1", "ghost", -5, "typo", at(2)),
                 lambda: ledger.transfer("t1", "ghost", "m1", 5, at(2)),
                 lambda: ledger.retier("x1", "ghost", at(2))):
        with pytest.raises(LedgerError, match="member `ghost` is not in the ledger"):
            call()
    assert not ledger.known("ghost") and ledger.history("ghost") == []
    ledger.adjust("a2", "ghost", 5, "opening gift", at(2))  # adding points opens the member
    assert ledger.known("ghost")


def test_an_operator_that_is_not_an_id_is_a_value_error(make_ledger):
    ledger = make_ledger()
    with pytest.raises(ValueError, match="operator"):
        ledger.adjust("a1", "m1", 5, "x", at(1), operator="x" * 201)
    assert ledger.history("m1") == []


def test_a_format_1_file_is_brought_to_format_4_and_keeps_its_entries(tmp_path: Path):
    path = tmp_path / "old.db"
    ledger = Ledger(PROGRAM, SQLiteStore(str(path)))
    ledger.process_event(event("c1", "checkin", "m1", at(1)))
    ledger.close()
    sqlite_to_format_3(str(path))
    with sqlite3.connect(path) as conn:  # make it what pointrules wrote before the audit columns
        conn.execute("ALTER TABLE entries DROP COLUMN operator")
        conn.execute("ALTER TABLE entries DROP COLUMN comment")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
    ledger = Ledger(PROGRAM, SQLiteStore(str(path)))
    ledger.adjust("a1", "m1", 5, "goodwill", at(2), operator="erin")
    assert [(e.points, e.operator, e.comment) for e in ledger.history("m1")] == [(10, "", ""), (5, "erin", "goodwill")]
    ledger.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == (FORMAT,)


def test_a_quote_writes_nothing(make_ledger):
    ledger = make_ledger()
    ledger.process_event(event("p1", "purchase", "m1", at(1), amount="500"))  # 500, usable 03-04
    # redeem: at most 50% of the order, in steps of 10, at least 100: 50% of 300 yuan = 15,000 points,
    # the balance 500 binds
    assert ledger.quote("m1", at(5), order=Decimal("300")).points == 500
    assert ledger.quote("m1", at(2), order=Decimal("300")).points == 0  # still pending
    assert ledger.quote("m1", at(5), reward="mug").ok  # 200 points of 500
    assert len(ledger.history("m1")) == 1 and ledger.balance("m1", at(5)).available == 500
    with pytest.raises(LedgerError, match="not in the ledger"):
        ledger.quote("m2", at(5), reward="mug")
