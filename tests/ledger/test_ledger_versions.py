"""A ledger over a program's versions (examples/teahouse): each event recorded by the version in
force at its time, every entry with the version it was made under, in every store; a balance earned
under version 1 is spent under version 2.

Hand-worked: version 1 (from 2026-01-01) earns 1 point per full yuan, version 2 (from 2026-07-01
10:00, Shanghai) 2 points; both expire points 12 months after they are earned; 100 points = 1 CNY."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from pointrules import EventError, load_versions
from pointrules.errors import ArgumentError
from pointrules.ledger import Ledger, Store

ROOT = Path(__file__).resolve().parents[2]
TEAHOUSE = load_versions(ROOT / "examples" / "teahouse")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
EVENTS = [
    '{"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-06-30T20:00:00+08:00", "amount": "100.00"}',
    '{"id": "e3", "kind": "purchase", "member": "m1", "time": "2026-07-01T09:59:59+08:00", "amount": "100.00"}',
    '{"id": "e4", "kind": "purchase", "member": "m1", "time": "2026-07-01T10:00:00+08:00", "amount": "100.00"}',
]


def test_each_entry_records_its_version_and_v1_points_are_spent_under_v2(make_store: Callable[[], Store]) -> None:
    ledger = Ledger(TEAHOUSE, make_store())
    try:
        # e1 and e3 under version 1: 100 each; e4 at 10:00 under version 2: 100 x 2 = 200
        assert [ledger.process_event(e).totals for e in EVENTS] == [(("m1", 100),), (("m1", 100),), (("m1", 200),)]
        # 150 points on an order under version 2 (100 points = 1 CNY: 1.50 CNY off). They come from
        # the lots that expire first, both earned under version 1: e1's (2027-06-30 20:00) whole,
        # then 50 of e3's (2027-07-01 09:59:59)
        receipt = ledger.redeem_order("r1", "m1", Decimal("5.00"), dt.datetime(2026, 7, 2, 12, tzinfo=SHANGHAI), 150)
        assert receipt.totals == (("m1", -150),) and receipt.value == Decimal("1.50")
        assert [(e.reason, e.points, e.lot, e.version) for e in ledger.history("m1")] == [
            ("earn", 100, "e1#1", 1), ("earn", 100, "e3#1", 1), ("earn", 200, "e4#1", 2),
            ("redeem", -100, "e1#1", 2), ("redeem", -50, "e3#1", 2)]
        balance = ledger.balance("m1", dt.datetime(2026, 7, 3, tzinfo=SHANGHAI))
        assert (balance.available, balance.spent, balance.lifetime) == (250, 150, 400)  # 400 - 150
    finally:
        ledger.close()


def test_an_event_before_the_first_version_is_refused_and_nothing_is_written(make_store: Callable[[], Store]) -> None:
    ledger = Ledger(TEAHOUSE, make_store())
    try:
        with pytest.raises(EventError) as refused:
            ledger.process_event('{"id": "e0", "kind": "purchase", "member": "m1",'
                                 ' "time": "2025-12-31T23:59:59+08:00", "amount": "100.00"}')
        assert refused.value.field == "time" and "before the first version" in refused.value.message
        with pytest.raises(ArgumentError, match="before the first version"):
            ledger.adjust("a1", "m1", 10, "goodwill", dt.datetime(2025, 12, 1, tzinfo=SHANGHAI))
        assert ledger.history("m1") == [] and not ledger.known("m1")
    finally:
        ledger.close()


def test_a_ledger_of_one_program_file_records_no_version(make_store: Callable[[], Store]) -> None:
    ledger = Ledger(TEAHOUSE.programs[1], make_store())  # version 2 alone, as a single program
    try:
        ledger.process_event(EVENTS[2])
        assert [(e.points, e.version) for e in ledger.history("m1")] == [(200, None)]
    finally:
        ledger.close()
