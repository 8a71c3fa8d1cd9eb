"""Redemption on random programs agrees in every store: random programs with a ``redeem`` block
(minimum points, minimum order, step, share of the order, shares of items, limits per period, from
tests/strategies.py), random events recorded into a ledger over memory, SQLite and PostgreSQL (when
a server is there; under CI=true it must be) and into a ``MemoryState`` as a host keeps it, then
points adjusted in (alike in every ledger, so that minimums are reached), then quotes of random
orders with random items and the redemptions they allow: every store quotes the same points, value
and reason as ``quote_order`` on the host's state (its tiers and redemption counters), pays the
same, refuses the same, and leaves the balance less what the quote allowed."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
import strategies
from pointrules.evaluate import reference
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.redeem import order_redemption, quote_order
from pointrules.events import EventError, parse_event
from pointrules.ledger import Ledger, LedgerError, MemoryStore, SQLiteStore
from pointrules.state.memory import MemoryState
from postgres_server import VARIABLE, ReusedStore

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
WITH_POSTGRES = bool(os.environ.get(VARIABLE)) or os.environ.get("CI") == "true"


@pytest.fixture(scope="module")
def postgres() -> Any:
    """One PostgreSQL ledger emptied for each example, when a server is there."""
    if not WITH_POSTGRES:
        yield None
        return
    store = ReusedStore()
    yield store
    store.drop()


def _orders(program: pointrules.Program) -> st.SearchStrategy[tuple[Decimal, list[dict[str, Any]]]]:
    cents = st.integers(0, 10**8).map(lambda n: Decimal(n).scaleb(-program.minor_unit))
    return st.tuples(cents, strategies.order_items_for(program))


def _outcome(call: Any) -> Any:
    """What a redemption did, or the refusal's message."""
    try:
        receipt = call()
    except LedgerError as refusal:
        return ("refused", refusal.message)
    return (receipt.totals, receipt.value, receipt.note)


@settings(max_examples=300 if LONG else 12, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.program_trees(redeem=True).map(strategies.to_text), st.data())
def test_property_redemption_agrees_in_every_store(postgres: Any, text: str, data: Any) -> None:
    program = pointrules.loads(text, "generated.points")
    events = data.draw(st.lists(strategies.events_for(program, ledger=True), min_size=1, max_size=12))
    with tempfile.TemporaryDirectory() as folder:
        stores = [MemoryStore(), SQLiteStore(str(Path(folder) / "l.db"))]
        if postgres is not None:
            stores.append(postgres.emptied())
        ledgers = [Ledger(program, store) for store in stores]
        try:
            _run(program, events, ledgers, data)
        finally:
            for ledger in ledgers:
                ledger.close()


def _run(program: pointrules.Program, events: list[dict[str, Any]], ledgers: list[Ledger], data: Any) -> None:
    state = MemoryState(zone=program.timezone)
    members: list[str] = []
    last = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    for i, raw in enumerate(events):
        raw["id"] = f"e{i}"
        try:
            event = parse_event(program, raw)
            _, change = reference.evaluate(program, event, state)
        except (EventError, ArithmeticError, ValueError, OverflowError):
            continue  # refused or beyond the calendar alike everywhere (tests/compile): not this test's
        state.apply(change)
        for ledger in ledgers:
            ledger.process_event(raw)
        members.append(event.member)
        last = max(last, event.time)
    if not members:
        return
    at = last + dt.timedelta(hours=1)
    for who in sorted(set(members)):  # points enough to reach most minimums, alike everywhere
        extra = data.draw(st.integers(0, 10**7))
        for ledger in ledgers:
            if extra:
                ledger.adjust(f"a-{who}", who, extra, "for the test", at)
    for n in range(data.draw(st.integers(1, 4))):
        member = data.draw(st.sampled_from(members))
        order, items = data.draw(_orders(program))
        before = {ledger.balance(member, at).available for ledger in ledgers}
        assert len(before) == 1
        had = before.pop()
        # the host's quote on its own state (tiers, redemption counters), with the ledgers' balance
        want = quote_order(program, order, had, member=member, at=at, state=state, items=items)
        assert [ledger.quote(member, at, order=order, items=items) for ledger in ledgers] == [want] * len(ledgers)
        done = [_outcome(lambda: ledger.redeem_order(f"r{n}", member, order, at, items=items)) for ledger in ledgers]
        assert done == [done[0]] * len(done)
        if want.points > 0:  # the host pays what the quote allows, as the ledger did
            assert done[0] == (((member, -want.points),), want.value, want.reason)
            # the host's redemption counters (its lots lack the adjustments: only the counters move)
            change = order_redemption(program, f"r{n}", member, at, want.points)
            state.apply(Outcome(change.event_id, member, at, counters=change.counters, zone=program.timezone))
        else:
            assert done[0][0] == "refused"
        after = {ledger.balance(member, at).available for ledger in ledgers}
        assert after == {had - want.points}  # every store took what the quote allowed, no more
