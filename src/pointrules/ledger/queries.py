"""The ledger's calls that write nothing, and what they share with the calls that write.

``LedgerQueries`` is the base of ``Ledger`` (ledger.py): the version of the program in force at a
time, an event read into the call that records it (``process_event``) or tries it (``try_event``),
quotes, balances and the reports. Each reads the ledger's state in a transaction of its own and
leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pointrules.errors import ArgumentError
from pointrules.evaluate.choice import Evaluate, in_force
from pointrules.evaluate.redeem import OrderQuote, RewardQuote
from pointrules.events import Event, EventError, loads_event, parse_event
from pointrules.ledger import operations, reports
from pointrules.ledger.ids import NUL_PROBLEM, event_nul
from pointrules.ledger.model import (
    Balance,
    Entry,
    ExpiringPoints,
    LedgerError,
    LedgerLot,
    LedgerSummary,
    Liability,
    Receipt,
)
from pointrules.ledger.pending import PendingOperation, utc
from pointrules.ledger.recording import event_params
from pointrules.ledger.store import Store
from pointrules.profiles import profile_problem
from pointrules.program import model as m
from pointrules.program.versions import VersionSet


class LedgerQueries:
    """What a ledger reads: its store, its zone and the program's versions (set by ``Ledger``)."""

    store: Store
    zone: str
    versions: VersionSet | None
    evaluators: dict[int, Evaluate]

    def _program(self, at: dt.datetime | None = None) -> m.Program:
        """The program, or the version of it in force at ``at`` (ArgumentError before the first)."""
        if self.versions is None:
            raise ArgumentError("this operation needs the program: open the ledger with Ledger(program, store)")
        if at is None:
            return self.versions.last
        at = utc(at)
        program = self.versions.in_force(at)
        if program is None:
            raise ArgumentError(self.versions.before_first(at))
        return program

    # ---- trying an event -------------------------------------------------------------------------
    def try_event(self, event: Event | str | Mapping[str, Any], *,
                  profile: Mapping[str, Any] | None = None) -> Receipt:
        """The receipt ``process_event`` would give a new event now, writing nothing (what ``pointrules
        eval --ledger`` shows). EventError for a bad event or an id the ledger already holds."""
        operation, _, _, _, body = self._event_call(event, profile)
        with self.store.transaction() as tx:
            if tx.result(operation) is not None:
                raise EventError(operation, "id", f"event `{operation}` is already in the ledger: try it under a new id")
            return body(PendingOperation(tx, self.zone))  # its PendingOperation is dropped, never written

    def _event_call(self, event: Event | str | Mapping[str, Any], profile: Mapping[str, Any] | None,
                    awards: bool = True) -> tuple[Any, ...]:
        """The arguments of ``Ledger._run`` that record an event (EventError for a bad one), evaluated by
        the version in force at its time."""
        program, ev = self._read_event(event, profile)
        evaluate = self.evaluators[id(program)]
        return (ev.id, "event", utc(ev.time), event_params(ev),
                lambda work: operations.record_event(work, program, evaluate, ev, profile, awards))

    def _read_event(self, event: Event | str | Mapping[str, Any],
                    profile: Mapping[str, Any] | None) -> tuple[m.Program, Event]:
        """The version in force at an event's time and the event read by it; EventError for a bad
        event (or profile), an id the ledger cannot keep included."""
        self._program()  # the ledger has one
        assert self.versions is not None
        program = in_force(self.versions, event)
        if isinstance(event, str):
            event = loads_event(program, event)
        elif not isinstance(event, Event):
            event = parse_event(program, event)
        field = event_nul(program, event)
        if field is not None:  # refused alike by every store, before anything is written
            raise EventError(event.id, field, NUL_PROBLEM)
        problem = None if profile is None else profile_problem(profile, program)
        if problem is not None:
            raise EventError(event.id, "member", problem)
        return program, event

    # ---- quoting -----------------------------------------------------------------------------------
    def quote(self, member: str, at: dt.datetime, *, order: Decimal | None = None, reward: str | None = None,
              profile: Mapping[str, Any] | None = None, items: Sequence[Any] | None = None) -> OrderQuote | RewardQuote:
        """What ``redeem_order`` (``order``) or ``redeem_reward`` (``reward``) would allow now, on
        the ledger's state; writes nothing. LedgerError for a member the ledger does not know."""
        program = self._program(at)
        if (order is None) == (reward is None):
            raise ArgumentError("quote an order or a reward, not both")
        if reward is not None and reward not in program.rewards:
            raise ArgumentError(f"`{reward}` is not a reward of this program")
        at = utc(at)
        with self.store.transaction() as tx:
            try:
                return operations.quote(PendingOperation(tx, self.zone), program, member, at, order, reward, profile, items)
            except LedgerError as refusal:
                raise LedgerError("quote", refusal.message) from None

    # ---- reading -------------------------------------------------------------------------------------------
    def balance(self, member: str, at: dt.datetime) -> Balance:
        """A member's available, pending, expired, spent and lifetime points at ``at``."""
        with self.store.transaction() as tx:
            return reports.balance(tx, self.zone, member, utc(at))

    def balances(self, at: dt.datetime) -> list[Balance]:
        """Every member's balance at ``at``, members sorted."""
        with self.store.transaction() as tx:
            return [reports.balance(tx, self.zone, member, utc(at)) for member in tx.members()]

    def known(self, member: str) -> bool:
        """Whether the ledger has heard of a member: a profile, a lot, an activity or an entry."""
        with self.store.transaction() as tx:
            return operations.known(PendingOperation(tx, self.zone), member)

    def lots(self, member: str) -> list[LedgerLot]:
        """A member's live lots (something left, or a negative balance), in creation order."""
        with self.store.transaction() as tx:
            return tx.lots(member)

    def history(self, member: str) -> list[Entry]:
        """Every movement of a member's points, oldest first, each with its reason (积分明细)."""
        with self.store.transaction() as tx:
            return tx.entries(member)

    def expiring(self, at: dt.datetime, days: int) -> list[ExpiringPoints]:
        """Points valid at ``at`` that expire within ``days`` days, per member and instant."""
        with self.store.transaction() as tx:
            return reports.expiring(tx, self.zone, utc(at), days)

    def liability(self, at: dt.datetime) -> Liability:
        """Outstanding points and their value in money (积分负债)."""
        with self.store.transaction() as tx:
            return reports.liability(tx, self.zone, utc(at))

    def summary(self, at: dt.datetime) -> LedgerSummary:
        """Points earned, adjusted, redeemed, expired, reversed and outstanding."""
        with self.store.transaction() as tx:
            return reports.summary(tx, self.zone, utc(at))
