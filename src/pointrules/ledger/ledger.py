"""The points ledger: every operation on members' points, each one transaction of a store.

Theory of operation.
- Points live in *lots*. An award makes one lot per paying line (member, points, earned at,
  usable from, expires at, event, rule); an adjustment up and a transfer in make lots too. A lot's
  ``remaining`` only goes down (spent, expired, clawed back, given away), and every change of it is
  an *entry* with a reason. So a member's balance is always the sum of their live lots, and the
  sum of their entries by reason explains it.
- When a lot expires or lapses, and in which order lots are spent, is the one lot policy of
  state/lots.py, which the in-memory state follows too: spending (orders, rewards, transfers,
  adjustments down) takes the usable lots that expire first, then the oldest; never-expiring lots
  last. Returns claw back from the event's own lots, then the member's pending lots, then usable
  ones.
- A negative balance exists only when ``LedgerOptions.allow_negative``: it is a *debt* lot with
  negative points, paid back (``settle`` entries) from the next points the member receives.
  Without it, a return whose points were spent records the shortfall instead.
- Every operation carries an id. Its receipt (or its refusal) is stored with it in the same
  transaction as its effects; doing it again returns the stored receipt (or refusal) and changes
  nothing. A different operation reusing an id is an error.
- The evaluator reads the member's state through ``PendingOperation`` (a ``state.StateView`` over the
  transaction), so limits, caps, budgets, tiers and processed ids come from the ledger itself.
- The ledger never imports the parser or the checker: it receives a checked ``Program``, or a
  program's versions over time (``VersionSet``, program/versions.py): then each operation is done
  by the version in force at its time (an event's, at the event's time), and every entry records
  that version's number.

The modules: this one is the ``Ledger`` (arguments checked, ids, fingerprints, transactions,
refusals kept as results); queries.py is its base, the calls that write nothing (the version in
force, trying an event, quotes, reading) and an event read into its call; operations.py says what
each operation does to the ``PendingOperation`` of its transaction (pending.py), moving points only through
moves.py; recording.py records a batch's plain events the short way (and says fingerprints);
reports.py reads balances and totals; store.py is the interface memory.py and sqlite.py implement.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pointrules.diagnostics import safe
from pointrules.errors import ArgumentError
from pointrules.evaluate.choice import choose, outcome_of
from pointrules.evaluate.outcome import award
from pointrules.evaluate.redeem import order_items
from pointrules.events import MAX_ID_LENGTH, Event, EventError, too_long, valid_text
from pointrules.ledger import operations
from pointrules.ledger.batch import BatchTransaction, periods
from pointrules.ledger.caps import cap_names
from pointrules.ledger.ids import NUL, NUL_PROBLEM, check_audit, check_id
from pointrules.ledger.memory import MemoryStore
from pointrules.ledger.model import (
    DamagedData,
    LedgerError,
    LedgerOptions,
    Receipt,
    StoreError,
    receipt_from_json,
    receipt_json,
    time_text,
)
from pointrules.ledger.pending import PendingOperation, utc
from pointrules.ledger.queries import LedgerQueries
from pointrules.ledger.recording import earn, event_fingerprint, fingerprint
from pointrules.ledger.schema import CAPS_BY_POSITION
from pointrules.ledger.sql import SQLTransaction
from pointrules.ledger.store import Batch, Store, Transaction
from pointrules.profiles import profile_problem
from pointrules.program import model as m
from pointrules.program.called import called
from pointrules.program.versions import VersionSet


def _body(receipt: Receipt) -> str:
    """What is stored of a receipt: nothing for an event's (its event record holds all it says,
    ``_event_receipt``), the receipt as JSON for any other."""
    if (receipt.kind == "event" and receipt.refused is None and receipt.value is None and not receipt.shortfall
            and not receipt.note):
        return ""
    return receipt_json(receipt)


def _event_receipt(tx: Transaction, event_id: str) -> Receipt:
    """An event's stored receipt, made again from its record (``_body``); in the transaction: a
    record missing is the store's damage."""
    record = tx.event_record(event_id)
    if record is None:
        raise DamagedData(f"event `{event_id}` has a result and no record")
    return Receipt(event_id, "event", record.time, totals=record.totals, replayed=True)


class Ledger(LedgerQueries):
    """A program's points ledger over a store (in memory unless one is given); its calls that write
    nothing are LedgerQueries' (queries.py)."""

    def __init__(self, program: m.Program | VersionSet | None = None, store: Store | None = None,
                 options: LedgerOptions | None = None, *, evaluator: str | None = None) -> None:
        # ``evaluator``: ``compiled`` or ``reference`` (evaluate/choice.py), as every entry point chooses.
        self.versions: VersionSet | None = (
            program if isinstance(program, VersionSet) or program is None else VersionSet.single(program))
        program = self.versions.last if self.versions is not None else None
        self.evaluators = {id(p): outcome_of(p, evaluator) for p in self.versions.programs} if self.versions else {}
        self.evaluator = choose(evaluator)  # its name: what reads a stream's lines (stream.py)
        self.program = program  # the newest version: what the ledger's meta and reports name
        self.store: Store = store if store is not None else MemoryStore()
        self.options = options or LedgerOptions()
        with self.store.transaction() as tx:
            if program is not None:
                # What reports need without the program: the zone, the value of a point.
                meta = {"program": program.name, "zone": program.timezone, "currency": program.currency,
                        "minor_unit": str(program.minor_unit), "value_points": str(program.value_points),
                        "value_money": str(program.value_money),
                        "points_name": called(program)}
                if tx.meta("caps") == CAPS_BY_POSITION:  # recorded before format 6 (schema.py)
                    self._name_caps(tx)
                    meta["caps"] = "by identity"
                if not getattr(self.store, "readonly", False) and any(tx.meta(k) != v for k, v in meta.items()):
                    tx.write(Batch(sequence=tx.sequence(), meta=tuple(meta.items())))
                self.zone = program.timezone
            else:
                self.zone = tx.meta("zone") or "UTC"
            # what reports call the points in English (``points are called "京豆" / "beans"``)
            self.points_name = (tx.meta("points_name") or "points") if program is None else meta["points_name"]

    def _name_caps(self, tx: Transaction) -> None:
        """Rename the counters a ledger from before format 6 named by a cap's place (ledger/caps.py);
        only a SQL store can hold one."""
        assert self.versions is not None and isinstance(tx, SQLTransaction)
        if getattr(self.store, "readonly", False):
            where = str(getattr(self.store, "where", getattr(self.store, "path", "the ledger")))
            raise StoreError(where, "its caps' counters are named as before format 6 and it is read here without"
                                    " being written: record with it once with its program (`pointrules simulate"
                                    " PROGRAM EVENTS --ledger`, or any `pointrules ledger` change with --program)"
                                    " to name them")
        tx.rename_counters(cap_names(self.versions, tx.positional_caps(), tx.last_activity))

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def _version_at(self, at: dt.datetime) -> int | None:
        """The number every entry of an operation at ``at`` records: the version in force then, on a
        ledger of a program's versions; None on a ledger of one program file."""
        if self.versions is None or not self.versions.versioned:
            return None
        program = self.versions.in_force(at)
        return program.version if program is not None else None

    # ---- the shape of every operation ---------------------------------------------------------
    def _run(self, operation: str, kind: str, at: dt.datetime, params: Mapping[str, Any],
             body: Callable[[PendingOperation], Receipt], *, event: bool = False, audit: tuple[str, str] = ("", "")) -> Receipt:
        """Do ``body`` in one transaction under the id ``operation``, storing its receipt (or its
        refusal) with its effects; an id already stored returns what was stored. ``audit`` is the
        (operator, reason) kept on every entry; it is not part of the operation's fingerprint, so
        another operator retrying the same operation gets its first receipt."""
        check_id("an operation id", operation)
        check_audit(audit)
        with self.store.transaction() as tx:
            receipt = self._within(tx, operation, kind, at, fingerprint(kind, params), body, event, audit)
        if receipt.refused is not None:  # raised after the commit: the refusal is kept as the result
            raise LedgerError(operation, receipt.refused)
        return receipt

    def _within(self, tx: Transaction, operation: str, kind: str, at: dt.datetime, fingerprint: str,
                body: Callable[[PendingOperation], Receipt], event: bool, audit: tuple[str, str] = ("", "")) -> Receipt:
        """``_run``'s work inside a transaction that may hold other operations (a batch): the
        receipt, a refusal included (the caller raises it after the commit); an exception raised
        here leaves nothing of this operation written."""
        stored = tx.result(operation)
        if stored is None:
            work = PendingOperation(tx, self.zone, *audit)
            work.version = self._version_at(at)
            try:
                receipt = body(work)
            except LedgerError as refusal:
                # A refusal is a result too: replaying it must not succeed later on other state.
                receipt = Receipt(operation, kind, at, refused=refusal.message)
                work = PendingOperation(tx, self.zone, *audit)
            over = work.over_capacity()
            if over is not None:  # not a result: nothing is kept, as for a bad event
                raise EventError(operation, "-", over) if event else LedgerError(operation, over)
            work.write((operation, fingerprint, _body(receipt)))
        else:
            if stored[0] != fingerprint:
                if event:
                    # The words of the evaluator's own refusal, so a stream reads the same with a ledger.
                    raise EventError(operation, "id", f"event `{operation}` was already processed; it is never paid twice")
                raise LedgerError(operation, f"`{operation}` was already used for a different operation")
            receipt = receipt_from_json(stored[1]) if stored[1] else _event_receipt(tx, operation)
        return receipt

    # ---- earning -----------------------------------------------------------------------------------
    def process_event(self, event: Event | str | Mapping[str, Any], *,
                      profile: Mapping[str, Any] | None = None) -> Receipt:
        """Evaluate an event on the ledger's state and record its award in one transaction; an
        event id already recorded returns its first receipt. Raises EventError for a bad event."""
        return self._run(*self._event_call(event, profile), event=True)

    def process_events(self, events: Iterable[Event | str | Mapping[str, Any]], *,
                       awards: bool = True) -> list[Receipt | EventError]:
        """Record events in order in ONE transaction (a batch): each gets the receipt or the
        EventError ``process_event`` would give it, and a crash keeps all of them or none.
        ``awards=False`` leaves the receipts' ``award`` out (None) for a caller that reads their
        ``outcome`` (record_stream): it is a tenth of the work of recording an event."""
        calls: list[tuple[m.Program, Event, str] | EventError] = []
        for event in events:
            try:
                program, ev = self._read_event(event, None)
            except EventError as error:
                calls.append(error)
            else:
                calls.append((program, ev, event_fingerprint(ev)))
        good = [c for c in calls if not isinstance(c, EventError)]
        out: list[Receipt | EventError] = []
        with self.store.transaction() as stored:
            prefetch = getattr(stored, "prefetch", None)  # the SQL stores read a batch's members at once
            if prefetch is not None:
                prefetch([ev.member for _, ev, _ in good], [ev.id for _, ev, _ in good],
                         periods([ev.time for _, ev, _ in good], self.zone))
            tx = BatchTransaction(stored)  # written with one statement per table (SQL), one update (memory)
            for call in calls:
                try:
                    out.append(call if isinstance(call, EventError) else self._record(tx, *call, awards))
                except EventError as error:
                    out.append(error)
            tx.flush()
        return out

    def _record(self, tx: BatchTransaction, program: m.Program, ev: Event, fingerprint: str, awards: bool) -> Receipt:
        """One event of a batch: recorded the short way when recording.earn can, else as ``_within`` does."""
        at = utc(ev.time)
        if tx.result(ev.id) is not None:  # a replay (or another operation's id): ``_within`` says which
            return self._within(tx, ev.id, "event", at, fingerprint, lambda work: Receipt(ev.id, "event", at), True)
        change = self.evaluators[id(program)](ev, tx, profile=None)
        totals = earn(tx, program, ev, change, fingerprint, self._version_at(at))
        if totals is None:  # the long way, with the evaluation done
            return self._within(tx, ev.id, "event", at, fingerprint,
                                lambda work: operations.record_outcome(work, program, ev, change, awards), True)
        return Receipt(ev.id, "event", at, totals=totals, outcome=change,
                       award=award(change, program.currency) if awards else None)

    def set_profile(self, member: str, profile: Mapping[str, Any]) -> None:
        """Keep what the host says about a member (``{"tier": "gold"}``); evaluation reads it."""
        self.set_profiles({member: profile})

    def set_profiles(self, profiles: Mapping[str, Mapping[str, Any]]) -> None:
        """Keep several members' profiles, in one transaction; ValueError for one that is not an
        object of valid Unicode text or breaks the program's ``profile { … }`` (profiles.profile_problem):
        then none is kept."""
        for member, p in profiles.items():
            problem = profile_problem(p, self.program) if isinstance(member, str) and valid_text(member) else \
                "a member id must be valid Unicode text"
            if problem is None and len(member) > MAX_ID_LENGTH:
                problem = f"a member id {too_long(member)}"
            if problem is None and NUL in member:
                problem = f"a member id {NUL_PROBLEM}"
            if problem is not None:
                raise ArgumentError(f"member `{safe(str(member))}`: {safe(problem)}")
        rows = tuple((member, json.dumps(dict(p), sort_keys=True, ensure_ascii=False)) for member, p in profiles.items())
        with self.store.transaction() as tx:
            tx.write(Batch(sequence=tx.sequence(), profiles=rows))

    # ---- redeeming -------------------------------------------------------------------------------------
    def redeem_order(self, operation: str, member: str, order: Decimal, at: dt.datetime,
                     points: int | None = None, *, items: Sequence[Any] | None = None, operator: str = "",
                     reason: str = "") -> Receipt:
        """Use points on an order (积分抵扣) within the program's redeem policy: the most the quote
        allows, or exactly ``points`` when that is allowed. The receipt's value is the discount.
        ``items``: the order's items, for a program with shares of items (ValueError when bad)."""
        program = self._program(at)
        check_id("a member id", member)
        if not isinstance(order, Decimal) or order < 0:
            raise ArgumentError("the order amount must be a Decimal of 0 or more")
        if points is not None and (not isinstance(points, int) or points <= 0):
            raise ArgumentError("points must be a whole number above 0")
        at = utc(at)
        params: dict[str, Any] = {"member": member, "order": order, "at": time_text(at), "points": points}
        if items is not None and program.redeem is not None and program.redeem.item_shares:
            typed = order_items(program, items)  # a bad item is a ValueError, before anything is stored
            params["items"] = [dict(item) for item in typed]
        return self._run(operation, "redeem_order", at, params,
                         lambda work: operations.redeem_order(work, program, operation, member, order, at, points,
                                                              items),
                         audit=(operator, reason))

    def redeem_reward(self, operation: str, member: str, reward: str, at: dt.datetime, *,
                      profile: Mapping[str, Any] | None = None, operator: str = "", reason: str = "") -> Receipt:
        """Redeem a catalog reward (积分商城) when the quote allows it: window, tier, limits, stock,
        balance. The receipt's value is the cash the member still pays (points + cash)."""
        program = self._program(at)
        check_id("a member id", member)
        if reward not in program.rewards:
            raise ArgumentError(f"`{reward}` is not a reward of this program")
        at = utc(at)
        params = {"member": member, "reward": reward, "at": time_text(at)}
        return self._run(operation, "redeem_reward", at, params,
                         lambda work: operations.redeem_reward(work, program, operation, member, reward, at, profile),
                         audit=(operator, reason))

    # ---- returns, adjustments, transfers -----------------------------------------------------------------
    def reverse(self, operation: str, event_id: str, at: dt.datetime, returned: Decimal | None = None, *,
                operator: str = "", reason: str = "") -> Receipt:
        """Claw back an event's points for a return: all of them, or in proportion of ``returned``
        money (returns add up: two halves claw back the whole award)."""
        program = self._program(at)
        check_id("an event id", event_id)
        if returned is not None and (not isinstance(returned, Decimal) or returned <= 0):
            raise ArgumentError("the returned amount must be a Decimal above 0")
        at = utc(at)
        params = {"event": event_id, "at": time_text(at), "returned": returned}
        return self._run(operation, "reverse", at, params, lambda work: operations.reverse(
            work, program, self.options, operation, event_id, at, returned), audit=(operator, reason))

    def adjust(self, operation: str, member: str, points: int, reason: str, at: dt.datetime, *,
               operator: str = "") -> Receipt:
        """Add or remove points by hand (调整), with the reason kept on the entry (its note and its
        comment). Added points expire per the program; removed points come from usable lots, then
        pending ones; a member the ledger does not know cannot lose points."""
        program = self._program(at)
        check_id("a member id", member)
        if not isinstance(points, int) or points == 0:
            raise ArgumentError("an adjustment is a whole number of points other than 0")
        if not isinstance(reason, str) or not reason.strip():
            raise ArgumentError("an adjustment needs a reason")
        at = utc(at)
        params = {"member": member, "points": points, "reason": reason, "at": time_text(at)}
        return self._run(operation, "adjust", at, params, lambda work: operations.adjust(
            work, program, self.options, operation, member, points, reason, at), audit=(operator, reason))

    def transfer(self, operation: str, sender: str, receiver: str, points: int, at: dt.datetime, *,
                 operator: str = "", reason: str = "") -> Receipt:
        """Give usable points to another member (转让), within the ledger's transfer policy. The
        points keep their expiry: a transfer never makes points last longer."""
        program = self._program(at)
        check_id("a member id", sender)
        check_id("a member id", receiver)
        policy = self.options.transfers
        if policy is None:
            raise ArgumentError("transfers are not enabled: give LedgerOptions(transfers=TransferPolicy(...))")
        if sender == receiver:
            raise ArgumentError("a member cannot transfer points to themselves")
        if not isinstance(points, int) or points <= 0:
            raise ArgumentError("a transfer is a whole number of points above 0")
        at = utc(at)
        params = {"sender": sender, "receiver": receiver, "points": points, "at": time_text(at)}
        return self._run(operation, "transfer", at, params, lambda work: operations.transfer(
            work, program, policy, operation, sender, receiver, points, at), audit=(operator, reason))

    # ---- time passing --------------------------------------------------------------------------------------
    def expire(self, at: dt.datetime, operation: str | None = None, *, operator: str = "",
               reason: str = "") -> Receipt:
        """Record as expired every lot whose expiry is at or before ``at`` (过期)."""
        at = utc(at)
        operation = operation or f"expire@{time_text(at)}"
        return self._run(operation, "expire", at, {"at": time_text(at)},
                         lambda work: operations.expire(work, operation, at), audit=(operator, reason))

    def retier(self, operation: str, member: str, at: dt.datetime, *,
               profile: Mapping[str, Any] | None = None, operator: str = "", reason: str = "") -> Receipt:
        """Re-evaluate a member's tier at ``at`` from their recorded history (computed tiers) and
        record it when it changed; the receipt's note names the tier."""
        program = self._program(at)
        check_id("a member id", member)
        at = utc(at)
        return self._run(operation, "retier", at, {"member": member, "at": time_text(at)},
                         lambda work: operations.retier(work, program, operation, member, at, profile),
                         audit=(operator, reason))
