"""Stateful property tests: random mixes of events, redemptions, returns, transfers, adjustments,
expiry and replays, run side by side on the memory store and a SQLite file, and on the memory store
and a PostgreSQL schema (each store must answer exactly as the memory store does)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pointrules.events import EventError
from pointrules.ledger import Ledger, LedgerError, LedgerOptions, MemoryStore, SQLiteStore, TransferPolicy
from pointrules.ledger.pending import PendingOperation, lot_expiry

import pointrules
from ledger_helpers import PROGRAM, TEXT, at, event
from postgres_server import VARIABLE, drop_schema, new_schema, postgres_url

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
MEMBERS = st.sampled_from(["m1", "m2", "m3"])


class LedgerMachine(RuleBasedStateMachine):
    allow_negative = False
    program = PROGRAM
    store = "sqlite"  # the store compared with the memory store: sqlite or postgres

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.mkdtemp()
        options = LedgerOptions(allow_negative=self.allow_negative,
                                transfers=TransferPolicy(minimum=1, max_per_transfer=300, max_per_month=500))
        self.mem = Ledger(self.program, MemoryStore(), options)
        self.schema: str | None = None
        self.sql = Ledger(self.program, self._store(), options)
        self.clock = at(1)
        self.count = 0
        self.events: list[str] = []
        self.sent: list[dict[str, Any]] = []  # every event sent, in order (each is accepted: they are valid)
        self.done: list[tuple[Callable[[Ledger], Any], Any]] = []

    def _store(self) -> Any:
        if self.store == "sqlite":
            return SQLiteStore(os.path.join(self.dir, "l.db"))
        from pointrules.ledger.postgres import PostgresStore

        self.schema = new_schema()
        return PostgresStore(os.environ[VARIABLE], schema=self.schema)

    def teardown(self) -> None:
        self.sql.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.schema is not None:
            drop_schema(os.environ[VARIABLE], self.schema)

    def _both(self, call: Callable[[Ledger], Any]) -> Any:
        """Run on both ledgers; they must answer alike (a result, or the same refusal)."""
        outcomes = []
        for ledger in (self.mem, self.sql):
            try:
                outcomes.append(("ok", call(ledger)))
            except (LedgerError, EventError) as error:
                outcomes.append(("refused", str(error)))
        assert outcomes[0] == outcomes[1]
        self.done.append((call, outcomes[0]))
        return outcomes[0][1] if outcomes[0][0] == "ok" else None

    def _id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    @rule(hours=st.integers(0, 24 * 12))
    def time_passes(self, hours: int) -> None:
        self.clock += dt.timedelta(hours=hours)

    @rule(member=MEMBERS, amount=st.integers(0, 800), cents=st.integers(0, 99))
    def purchase(self, member: str, amount: int, cents: int) -> None:
        eid = self._id("p")
        data = event(eid, "purchase", member, self.clock, amount=f"{amount}.{cents:02d}")
        self._both(lambda ledger: ledger.process_event(data))
        self.events.append(eid)
        self.sent.append(data)

    @rule(member=MEMBERS, other=MEMBERS, checkin=st.booleans())
    def bonus(self, member: str, other: str, checkin: bool) -> None:
        eid = self._id("b")
        data = event(eid, "checkin", member, self.clock) if checkin else \
            event(eid, "referral", member, self.clock, referee=other)
        self._both(lambda ledger: ledger.process_event(data))
        self.events.append(eid)
        self.sent.append(data)

    @rule(member=MEMBERS, order=st.integers(0, 3000), points=st.none() | st.integers(1, 600))
    def redeem(self, member: str, order: int, points: int | None) -> None:
        op, when = self._id("r"), self.clock
        with self.mem.store.transaction() as tx:
            work = PendingOperation(tx, self.mem.zone)
            alive = {lot.id for lot in work.ordered(member, when, "available")}  # lapsed rolling lots are not
            work.touch(member, when)  # a redemption is activity: the rolling lots left then expire from `when`
            before = [lot for lot in work.ordered(member, when, "available") if lot.id in alive]
        receipt = self._both(lambda ledger: ledger.redeem_order(op, member, Decimal(order), when, points))
        if receipt is not None:
            # Spends take the earliest-expiring lots: the lots touched are a prefix of the
            # spending order, and every one but the last was emptied.
            # (a redemption is activity: rolling lots that had lapsed are recorded as expired first)
            taken = [(e.lot, -e.points) for e in self.mem.history(member) if e.operation == op and e.reason == "redeem"]
            assert [lot for lot, _ in taken] == [lot.id for lot in before[:len(taken)]]
            remaining = {lot.id: lot.remaining for lot in before}
            assert all(n == remaining[lot] for lot, n in taken[:-1])

    @rule(member=MEMBERS)
    def reward(self, member: str) -> None:
        op, when = self._id("w"), self.clock
        self._both(lambda ledger: ledger.redeem_reward(op, member, "mug", when))

    @rule(data=st.data(), share=st.sampled_from([None, 1, 5, 10]))
    @precondition(lambda self: bool(self.events))
    def give_back(self, data: st.DataObject, share: int | None) -> None:
        target = data.draw(st.sampled_from(self.events))
        op, when = self._id("ret"), self.clock
        returned = None if share is None else Decimal(share)
        self._both(lambda ledger: ledger.reverse(op, target, when, returned))

    @rule(member=MEMBERS, points=st.integers(-400, 400).filter(bool))
    def adjust(self, member: str, points: int) -> None:
        op, when = self._id("a"), self.clock
        self._both(lambda ledger: ledger.adjust(op, member, points, "service", when))

    @rule(sender=MEMBERS, receiver=MEMBERS, points=st.integers(1, 400))
    def transfer(self, sender: str, receiver: str, points: int) -> None:
        if sender == receiver:
            return
        op, when = self._id("t"), self.clock
        self._both(lambda ledger: ledger.transfer(op, sender, receiver, points, when))

    @rule()
    def expire(self) -> None:
        when = self.clock
        self._both(lambda ledger: ledger.expire(when))

    @rule(data=st.data())
    @precondition(lambda self: bool(self.done))
    def replay(self, data: st.DataObject) -> None:
        call, first = data.draw(st.sampled_from(self.done))
        before = (self._snapshot(self.mem), self._snapshot(self.sql))
        self._both(call)
        assert self.done[-1][1] == first  # the first result, or the first refusal
        assert (self._snapshot(self.mem), self._snapshot(self.sql)) == before

    def _snapshot(self, ledger: Ledger) -> Any:
        with ledger.store.transaction() as tx:
            return tx.all_lots(), tx.entries()

    @invariant()
    def stores_agree(self) -> None:
        assert self._snapshot(self.mem) == self._snapshot(self.sql)
        assert self.mem.balances(self.clock) == self.sql.balances(self.clock)

    @invariant()
    def balances_are_the_sum_of_live_lots(self) -> None:
        for balance in self.mem.balances(self.clock):
            lots = self.mem.lots(balance.member)
            with self.mem.store.transaction() as tx:  # a rolling lot's expiry now: from the last activity
                last = tx.last_activity(balance.member)
            expiries = [lot_expiry(lot, last, self.mem.zone) for lot in lots]
            live = sum(lot.remaining for lot, expires in zip(lots, expiries)
                       if lot.remaining < 0 or expires is None or expires > self.clock)
            assert balance.available + balance.pending == live
            # …and the movements explain it.
            assert (balance.lifetime + balance.adjusted + balance.transferred - balance.reversed - balance.spent
                    - balance.expired) == live
            if not self.allow_negative:
                assert balance.available >= 0 and all(lot.remaining >= 0 for lot in lots)
            assert all(lot.remaining <= lot.points for lot in lots if lot.points > 0)


class NegativeLedgerMachine(LedgerMachine):
    allow_negative = True


class RollingLedgerMachine(LedgerMachine):
    """Purchases and referrals expire after a span without activity: lapses recorded on activity."""

    program = pointrules.loads(TEXT.replace("expire after 30 days\n", "expire after 30 days without activity\n")
                               .replace("expire after 10 days\n", "expire after 10 days without activity\n"))


SETTINGS = settings(max_examples=400 if LONG else 60, stateful_step_count=60 if LONG else 30, deadline=None)
TestLedger = LedgerMachine.TestCase
TestLedger.settings = SETTINGS
TestNegativeLedger = NegativeLedgerMachine.TestCase
TestNegativeLedger.settings = SETTINGS
TestRollingLedger = RollingLedgerMachine.TestCase
TestRollingLedger.settings = SETTINGS


def _on_postgres(machine: type[LedgerMachine]) -> Any:
    """The machine's test case against PostgreSQL: skipped without a server on a laptop, failed
    without one under CI=true (postgres_server.postgres_url)."""
    case = type(f"Postgres{machine.__name__}", (machine,), {"store": "postgres"}).TestCase
    case.settings = SETTINGS
    case.setUp = lambda self: postgres_url()  # type: ignore[method-assign]
    return case


TestPostgresLedger = _on_postgres(LedgerMachine)
TestPostgresNegativeLedger = _on_postgres(NegativeLedgerMachine)
TestPostgresRollingLedger = _on_postgres(RollingLedgerMachine)
