"""The two ways an event is recorded write the same thing (ledger/recording.py): a batch records a
plain member's event straight into the batch held in memory, and everything else through the
``PendingOperation`` of operations.record_outcome. Recording a stream event by event with ``process_event``
(always the long way) and in batches (the short way wherever it may) must leave every store with
the same lots, entries and results, seq for seq, while rolling lots, late events, debts paid back
and redemptions mix plain members with the others."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from decimal import Decimal

import pointrules
from pointrules.events import parse_event
from pointrules.ledger import Ledger, LedgerOptions
from pointrules.ledger.recording import event_fingerprint, event_params, fingerprint

from ledger_helpers import ROOT, TEXT

sys.path.insert(0, str(ROOT / "bench"))
from gen_events import generate  # noqa: E402

# ledger_helpers' program, its check-in points rolling: they expire after 3 days without activity,
# so a member who checks in is never plain (purchases: pending 3 days, valid 30; referrals pay both).
PROGRAM = pointrules.loads(TEXT.replace("  expire never", "  expire after 3 days without activity"))
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _events(n: int, seed: int) -> list[dict[str, object]]:
    """Events of eight members over three months, a tenth of them late (dated before the last)."""
    rng = random.Random(seed)
    start = dt.datetime(2026, 3, 1, 9, tzinfo=SHANGHAI)
    out: list[dict[str, object]] = []
    for i in range(n):
        day = i * 90 // n - (rng.randrange(1, 20) if rng.random() < 0.1 else 0)
        when = (start + dt.timedelta(days=day, minutes=rng.randrange(600))).isoformat()
        member = f"m{rng.randrange(8)}"
        kind = rng.choice(["purchase", "purchase", "checkin", "referral"])
        fields: dict[str, object] = {"amount": f"{rng.randrange(1, 500)}.{rng.randrange(100):02d}"} \
            if kind == "purchase" else {"referee": f"m{rng.randrange(8)}"} if kind == "referral" else {}
        out.append({"id": f"e{i}", "kind": kind, "member": member, "time": when, **fields})
    return out


def _operations(ledger: Ledger, round_: int) -> None:
    """Between batches: redemptions, and returns after them, which open negative balances (debts)
    that the next points of the member pay back."""
    at = dt.datetime(2026, 3, 1, tzinfo=SHANGHAI) + dt.timedelta(days=30 * round_ + 29)
    for member in ("m1", "m2", "m3"):
        if ledger.quote(member, at, order=Decimal(10_000)).points > 0:
            ledger.redeem_order(f"r{round_}{member}", member, Decimal(10_000), at)
    for number in range(round_ * 100, round_ * 100 + 100, 7):  # purchases of the round, returned in full
        if ledger.known("m1"):
            try:
                ledger.reverse(f"x{number}", f"e{number}", at)
            except pointrules.ledger.LedgerError:
                pass  # not a purchase of the ledger, or returned already


def _state(ledger: Ledger) -> tuple[object, ...]:
    with ledger.store.transaction() as tx:
        return tx.all_lots(), tx.entries(), [tx.result(f"e{i}") for i in range(300)]


def test_a_batch_records_what_one_event_at_a_time_records(make_ledger: Callable[..., Ledger]) -> None:
    events = _events(300, 5)
    options = LedgerOptions(allow_negative=True)
    one, batched = make_ledger(options, PROGRAM), make_ledger(options, PROGRAM)
    for round_ in range(3):
        part = events[round_ * 100:(round_ + 1) * 100]
        for event in part:
            one.process_event(event)
        results = batched.process_events(part)
        assert all(not isinstance(r, Exception) for r in results)
        _operations(one, round_)
        _operations(batched, round_)
    assert _state(batched) == _state(one)
    with one.store.transaction() as tx:
        entries = tx.entries()
    assert {e.reason for e in entries} >= {"earn", "redeem", "reverse", "settle"}  # the cases were reached
    assert any(lot.lapsed_at is not None for lot in _state(one)[0])  # a rolling lot lapsed  # type: ignore[attr-defined]


def test_an_events_fingerprint_is_the_canonical_one() -> None:
    """event_fingerprint writes the canonical JSON around the fields: the same bytes as
    fingerprint("event", event_params(event)), which every ledger has stored."""
    shop = pointrules.load(ROOT / "examples" / "shop.points")
    lines, _ = generate(300, 3, None, 0.0)
    events = [parse_event(shop, json.loads(line)) for line in lines]
    odd = {"id": "o\"1", "kind": "review", "member": "张三\n\u2028\\\"", "time": "2026-03-01T10:00:00+08:00",
           "product": "杯子 \"big\" \t"}
    events.append(parse_event(shop, odd))
    shop_items = pointrules.load(ROOT / "examples" / "ecommerce.points")
    order = {"id": "o2", "kind": "order", "member": "m", "time": "2026-03-01T10:00:00-03:30", "amount": "120.50",
             "shipping_fee": 8, "channel": "app", "promotions": ["a", "双11"], "coupon_code": "c",
             "items": [{"sku": "a", "category": "fresh", "amount": "20.10", "quantity": 2}]}
    events.append(parse_event(shop_items, order))
    for event in events:
        assert event_fingerprint(event) == fingerprint("event", event_params(event))
