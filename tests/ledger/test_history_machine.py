"""The ledger's state machine over a program that reads the member's history (issue 12): a check-in
streak paying a ladder, the first purchase, the 3rd purchase of a month, spend this week, purchases
in the last 7 days. Beside every operation of LedgerMachine, the store's writer crashes (it is
dropped without closing, and a new one opens the SQLite file or PostgreSQL schema) and operations
are replayed; after each
step the history both stores keep is what a plain model of the events sent says (every one is
valid, so every one is accepted; a replay is not sent again)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from decimal import Decimal
from typing import Any

from hypothesis.stateful import invariant, rule

import pointrules
from pointrules.ledger import Ledger, LedgerOptions, SQLiteStore, TransferPolicy

from ledger_helpers import SHANGHAI, TEXT
from postgres_server import VARIABLE
from test_state_machine import SETTINGS, LedgerMachine, _on_postgres

HISTORY = TEXT + '''
rule streak on checkin {
  earn 1, 2, 3, 5 points by streak of checkin
}
rule first_order on purchase when first purchase {
  earn 100 points
  earn 20 points to member when count of purchase last 7 days = 0
}
rule third on purchase when count of purchase this month = 2 {
  earn 30 points
}
rule big_week on purchase when spend of purchase this week >= 500 CNY {
  multiply 2
}
'''


class HistoryLedgerMachine(LedgerMachine):
    program = pointrules.loads(HISTORY)

    @rule()
    def crash(self) -> None:
        """The store's writer dies between operations (dropped, never closed); a new one opens the
        same SQLite file or PostgreSQL schema."""
        options = LedgerOptions(allow_negative=self.allow_negative,
                                transfers=TransferPolicy(minimum=1, max_per_transfer=300, max_per_month=500))
        if self.store == "sqlite":
            store: Any = SQLiteStore(os.path.join(self.dir, "l.db"))
        else:
            from pointrules.ledger.postgres import PostgresStore

            store = PostgresStore(os.environ[VARIABLE], schema=self.schema)
        self.sql = Ledger(self.program, store, options)

    @invariant()
    def history_is_the_model(self) -> None:
        purchases: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)  # (local date, money in fen)
        checkins: dict[str, set[dt.date]] = defaultdict(set)
        for data in self.sent:
            day = dt.datetime.fromisoformat(str(data["time"])).astimezone(SHANGHAI).date()
            if data["kind"] == "purchase":
                purchases[str(data["member"])].append((day, int(Decimal(str(data["amount"])) * 100)))
            elif data["kind"] == "checkin":
                checkins[str(data["member"])].add(day)
        for ledger in (self.mem, self.sql):
            with ledger.store.transaction() as tx:
                for member, bought in purchases.items():
                    assert tx.counter(member, "history:purchase:count:ever", "ever") == len(bought)
                    day = bought[-1][0]
                    week = f"{day.isocalendar()[0]:04d}-W{day.isocalendar()[1]:02d}"
                    spent = sum(fen for d, fen in bought if d.isocalendar()[:2] == day.isocalendar()[:2])
                    assert tx.counter(member, "history:purchase:spend:week", week) == spent
                for member, days in checkins.items():
                    last = max(days)
                    streak = 0
                    while last - dt.timedelta(days=streak) in days:  # consecutive local days up to the last
                        streak += 1
                    assert tx.counter(member, "history:checkin:streak:day+1", last.isoformat()) == streak


TestHistoryLedger = HistoryLedgerMachine.TestCase
TestHistoryLedger.settings = SETTINGS
TestPostgresHistoryLedger = _on_postgres(HistoryLedgerMachine)
