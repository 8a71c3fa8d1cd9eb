"""The points ledger: every operation on members' points, each one transaction of a store.

Theory of operation.
- Points live in *lots*. An award makes one lot per paying line (member, points, earned at,
  usable from, expires at, event, rule); an adjustment up and a transfer in make lots too. A lot's
  ``remaining`` only goes down (spent, expired, clawed back, given away), and every change of it is
  an *entry* with a reason. So a member's balance is always the sum of their live lots, and the
  sum of their entries by reason explains it.
- Spending (orders, rewards, transfers, adjustments down) takes the usable lots that expire
  first, then the oldest; never-expiring lots last. Returns claw back from the event's own lots,
  then the member's pending lots, then usable ones.
- A negative balance exists only when ``LedgerOptions.allow_negative``: it is a *debt* lot with
  negative points, paid back (``settle`` entries) from the next points the member receives.
  Without it, a return whose points were spent records the shortfall instead.
- Every operation carries an id. Its receipt (or its refusal) is stored with it in the same
  transaction as its effects; doing it again returns the stored receipt (or refusal) and changes
  nothing. A different operation reusing an id is an error.
- The evaluator reads the member's state through ``Work`` (a ``state.StateView`` over the
  transaction), so limits, caps, budgets, tiers and processed ids come from the ledger itself.
- The ledger never imports the parser or the checker: it receives a checked ``Program``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pointrules.program import model as m
from pointrules.diagnostics import safe
from pointrules.events import Event, EventError, loads_event, parse_event, profile_problem, valid_text
from pointrules.evaluate.choice import outcome_of
from pointrules.evaluate.outcome import award
from pointrules.evaluate.redeem import order_redemption, points_value, quote_order, quote_reward, reward_redemption
from pointrules.evaluate.calendar import expiry_instant, local_time, period_key
from pointrules.evaluate.rounding import round_points
from pointrules.state.lots import bridged, lapse, lapse_at, lapsed, lots_of, with_lapse
from pointrules.evaluate.outcome import CounterChange
from pointrules.state.memory import HistoryEntry, TierRecord
from pointrules.evaluate.tiers import member_tier, spend_of
import pointrules.ledger.reports as reports
from pointrules.ledger.memory import MemoryStore
from pointrules.ledger.model import (
    Balance, Entry, EventRecord, ExpiringPoints, LedgerError, LedgerLot, LedgerOptions, LedgerSummary,
    Liability, Receipt, receipt_from_json, receipt_json, time_text,
)
from pointrules.ledger.store import Batch, Store
from pointrules.ledger.work import Work, utc


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def _fingerprint(kind: str, params: Mapping[str, Any]) -> str:
    text = json.dumps([kind, params], sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Ledger:
    """A program's points ledger over a store (in memory unless one is given)."""

    def __init__(self, program: m.Program | None = None, store: Store | None = None,
                 options: LedgerOptions | None = None, *, evaluator: str | None = None) -> None:
        # ``evaluator``: ``compiled`` or ``reference`` (evaluate/choice.py), as every entry point chooses.
        self.evaluate = outcome_of(program, evaluator) if program is not None else None
        self.program = program
        self.store: Store = store if store is not None else MemoryStore()
        self.options = options or LedgerOptions()
        with self.store.transaction() as tx:
            if program is not None:
                # What reports need without the program: the zone, the value of a point.
                meta = {"program": program.name, "zone": program.timezone, "currency": program.currency,
                        "minor_unit": str(program.minor_unit), "value_points": str(program.value_points),
                        "value_money": str(program.value_money)}
                if any(tx.meta(k) != v for k, v in meta.items()):
                    tx.write(Batch(sequence=tx.sequence(), meta=tuple(meta.items())))
                self.zone = program.timezone
            else:
                self.zone = tx.meta("zone") or "UTC"

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def _program(self) -> m.Program:
        if self.program is None:
            raise ValueError("this operation needs the program: open the ledger with Ledger(program, store)")
        return self.program

    # ---- the shape of every operation ---------------------------------------------------------
    def _run(self, operation: str, kind: str, at: dt.datetime, params: Mapping[str, Any],
             body: Callable[[Work], Receipt], *, event: bool = False) -> Receipt:
        if not isinstance(operation, str) or not operation:
            raise ValueError("an operation id must be non-empty text")
        fingerprint = _fingerprint(kind, params)
        with self.store.transaction() as tx:
            stored = tx.result(operation)
            if stored is None:
                work = Work(tx, self.zone)
                try:
                    receipt = body(work)
                except LedgerError as refusal:
                    # A refusal is a result too: replaying it must not succeed later on other state.
                    receipt = Receipt(operation, kind, at, refused=refusal.message)
                    work = Work(tx, self.zone)
                tx.write(work.batch(((operation, fingerprint, receipt_json(receipt)),)))
        if stored is not None:
            if stored[0] != fingerprint:
                message = f"`{operation}` was already used for a different operation"
                if event:
                    # The words of the evaluator's own refusal, so a stream reads the same with a ledger.
                    raise EventError(operation, "id", f"event `{operation}` was already processed; it is never paid twice")
                raise LedgerError(operation, message)
            receipt = receipt_from_json(stored[1])
        if receipt.refused is not None:
            raise LedgerError(operation, receipt.refused)
        return receipt

    # ---- earning -----------------------------------------------------------------------------------
    def process_event(self, event: Event | str | Mapping[str, Any], *,
                      profile: Mapping[str, Any] | None = None) -> Receipt:
        """Evaluate an event on the ledger's state and record its award in one transaction; an
        event id already recorded returns its first receipt. Raises EventError for a bad event."""
        program = self._program()
        if isinstance(event, str):
            event = loads_event(program, event)
        elif not isinstance(event, Event):
            event = parse_event(program, event)
        ev = event
        problem = None if profile is None else profile_problem(profile)
        if problem is not None:
            raise EventError(ev.id, "member", problem)
        at = utc(ev.time)
        params = {"kind": ev.kind, "member": ev.member, "time": time_text(ev.time), "fields": dict(ev.fields)}

        def body(work: Work) -> Receipt:
            change = self.evaluate(ev, work, profile=profile)  # type: ignore[misc]
            work.counters.extend(CounterChange(*c) for c in change.counters)
            work.budgets.extend(change.budgets)
            for member, entry in change.history:
                work.add_history(member, entry)
            if change.tier is not None:
                work.tiers[change.tier[0]] = TierRecord(change.tier[1].tier, utc(change.tier[1].since))
            self._activity(work, ev.id, ev.member, at)
            for number, lot in enumerate(lots_of(change), 1):
                self._credit(work, ev.id, at, "earn", LedgerLot(
                    id=f"{ev.id}#{number}", seq=work.next_seq(), member=lot.member, points=lot.points,
                    remaining=lot.points, earned_at=at, available_at=utc(lot.available_at),
                    expires_at=None if lot.expires_at is None else utc(lot.expires_at), event=ev.id,
                    rule=lot.rule, rolling=lot.rolling))
            totals = tuple(change.totals().items())
            work.events[ev.id] = EventRecord(ev.id, ev.member, ev.kind, at, spend_of(program, ev), Decimal(0), totals)
            return Receipt(ev.id, "event", at, totals=totals, award=award(change, program.currency), outcome=change)

        return self._run(ev.id, "event", at, params, body, event=True)

    def set_profile(self, member: str, profile: Mapping[str, Any]) -> None:
        """Keep what the host says about a member (``{"tier": "gold"}``); evaluation reads it."""
        self.set_profiles({member: profile})

    def set_profiles(self, profiles: Mapping[str, Mapping[str, Any]]) -> None:
        """Keep several members' profiles, in one transaction; ValueError for one that is not an
        object of valid Unicode text (events.profile_problem)."""
        for member, p in profiles.items():
            problem = profile_problem(p) if isinstance(member, str) and valid_text(member) else \
                "a member id must be valid Unicode text"
            if problem is not None:
                raise ValueError(f"member `{safe(str(member))}`: {safe(problem)}")
        rows = tuple((member, json.dumps(dict(p), sort_keys=True, ensure_ascii=False)) for member, p in profiles.items())
        with self.store.transaction() as tx:
            tx.write(Batch(sequence=tx.sequence(), profiles=rows))

    # ---- moving lots ---------------------------------------------------------------------------------
    def _credit(self, work: Work, operation: str, at: dt.datetime, reason: str, lot: LedgerLot,
                note: str = "") -> None:
        """Add a lot; a negative balance of the member is paid back from it at once. A rolling lot
        earned before its member's last activity lapses as it would have in time order (lots.py)."""
        if lot.rolling is not None:
            last = work.last_activity(lot.member)
            if last is not None and last > lot.earned_at:
                end = lapse(lot, work.activity_after(lot.member, lot.earned_at), self.zone)
                lot = with_lapse(lot, None if end is None else utc(end))
        work.entry(operation, lot.member, at, reason, lot.points, lot.id, note)
        for debt in work.lots(lot.member):
            if lot.remaining <= 0:
                break
            if debt.remaining < 0:
                paid = min(-debt.remaining, lot.remaining)
                lot = _left(lot, lot.remaining - paid)
                work.put(_left(debt, debt.remaining + paid))
                work.entry(operation, lot.member, at, "settle", -paid, lot.id, "pays back a negative balance")
                work.entry(operation, lot.member, at, "settle", paid, debt.id, "paid back")
        work.put(lot)

    def _activity(self, work: Work, operation: str, member: str, at: dt.datetime) -> None:
        """The member's activity at ``at`` (an event of theirs, or a redemption), which carries on
        their rolling lots (the lot policy, lots.py): each whose span without activity ended at or
        before ``at`` lapsed then and keeps that expiry, so the activity cannot bring it back. An
        activity dated before the last one may carry on the lots found lapsed after it."""
        last = work.last_activity(member)
        work.touch(member, at)
        if last is None or at > last:  # a referee's first own activity too: its lots count from earning
            for lot in work.lots(member):
                end = lapse_at(lot, last, at, self.zone) if lot.remaining > 0 else None
                if end is not None:
                    work.put(with_lapse(lot, utc(end)))
        elif at < last:
            for lot in work.lots(member):
                if lot.remaining > 0 and bridged(lot, at):
                    end = lapse(lot, work.activity_after(member, lot.earned_at), self.zone)
                    work.put(with_lapse(lot, None if end is None else utc(end)))

    def _take(self, work: Work, lots: list[LedgerLot], points: int, operation: str, at: dt.datetime,
              reason: str, note: str = "") -> list[tuple[LedgerLot, int]]:
        """Take up to ``points`` from lots in the order given; returns what each gave."""
        taken = []
        for lot in lots:
            if points <= 0:
                break
            current = work.changed.get(lot.id, lot)
            n = min(points, current.remaining)
            if n <= 0:
                continue
            work.put(_left(current, current.remaining - n))
            work.entry(operation, lot.member, at, reason, -n, lot.id, note)
            taken.append((current, n))
            points -= n
        return taken

    def _debt(self, work: Work, operation: str, member: str, at: dt.datetime, points: int, reason: str,
              note: str) -> None:
        lot = LedgerLot(f"{operation}#debt:{member}", work.next_seq(), member, -points, -points, at, at, None,
                        operation, "debt")
        work.put(lot)
        work.entry(operation, member, at, reason, -points, lot.id, note)

    # ---- redeeming -------------------------------------------------------------------------------------
    def redeem_order(self, operation: str, member: str, order: Decimal, at: dt.datetime,
                     points: int | None = None) -> Receipt:
        """Use points on an order (积分抵扣) within the program's redeem policy: the most the quote
        allows, or exactly ``points`` when that is allowed. The receipt's value is the discount."""
        program = self._program()
        if not isinstance(order, Decimal) or order < 0:
            raise ValueError("the order amount must be a Decimal of 0 or more")
        if points is not None and (not isinstance(points, int) or points <= 0):
            raise ValueError("points must be a whole number above 0")
        at = utc(at)
        params = {"member": member, "order": order, "at": time_text(at), "points": points}

        def body(work: Work) -> Receipt:
            quote = quote_order(program, order, max(0, work.usable(member, at)), member=member, at=at, state=work)
            policy = program.redeem or m.RedeemPolicy(0, 1, None, ())
            want = quote.points if points is None else points
            if want <= 0:
                raise LedgerError(operation, f"no points can be used on this order: {quote.reason}")
            if want > quote.points or want < policy.minimum or want % policy.step:
                raise LedgerError(operation, f"{want:,} points cannot be used: at most {quote.points:,} ({quote.reason}),"
                                             f" at least {policy.minimum:,}, in steps of {policy.step:,}")
            work.counters.extend(order_redemption(program, operation, member, at, want).counters)
            self._activity(work, operation, member, at)
            self._take(work, work.ordered(member, at, "available"), want, operation, at, "redeem", "order")
            return Receipt(operation, "redeem_order", at, totals=((member, -want),),
                           value=points_value(program, want), note=quote.reason)

        return self._run(operation, "redeem_order", at, params, body)

    def redeem_reward(self, operation: str, member: str, reward: str, at: dt.datetime, *,
                      profile: Mapping[str, Any] | None = None) -> Receipt:
        """Redeem a catalog reward (积分商城) when the quote allows it: window, tier, limits, stock,
        balance. The receipt's value is the cash the member still pays (points + cash)."""
        program = self._program()
        if reward not in program.rewards:
            raise ValueError(f"`{reward}` is not a reward of this program")
        at = utc(at)
        params = {"member": member, "reward": reward, "at": time_text(at)}

        def body(work: Work) -> Receipt:
            given = profile if profile is not None else work.profile(member)
            quote = quote_reward(program, reward, member, at, work, max(0, work.usable(member, at)), profile=given)
            if not quote.ok:
                raise LedgerError(operation, f"`{reward}` cannot be redeemed: {quote.reason}")
            change = reward_redemption(program, operation, reward, member, at)
            work.counters.extend(change.counters)
            work.stock.extend(change.stock)
            self._activity(work, operation, member, at)
            self._take(work, work.ordered(member, at, "available"), quote.cost, operation, at, "redeem", f"reward {reward}")
            return Receipt(operation, "redeem_reward", at, totals=((member, -quote.cost),), value=quote.cash,
                           note=reward)

        return self._run(operation, "redeem_reward", at, params, body)

    # ---- returns, adjustments, transfers -----------------------------------------------------------------
    def reverse(self, operation: str, event_id: str, at: dt.datetime, returned: Decimal | None = None) -> Receipt:
        """Claw back an event's points for a return: all of them, or in proportion of ``returned``
        money (returns add up: two halves claw back the whole award)."""
        program = self._program()
        if returned is not None and (not isinstance(returned, Decimal) or returned <= 0):
            raise ValueError("the returned amount must be a Decimal above 0")
        at = utc(at)
        params = {"event": event_id, "at": time_text(at), "returned": returned}

        def body(work: Work) -> Receipt:
            record = work.tx.event_record(event_id)
            if record is None:
                raise LedgerError(operation, f"event `{event_id}` is not in the ledger")
            basis = record.amount if record.amount is not None else Decimal(1)  # an event without money is one unit
            left = basis - record.returned
            if returned is not None and record.amount is None:
                raise LedgerError(operation, f"event `{event_id}` has no money amount: reverse it in full")
            now = left if returned is None else returned
            if left <= 0 or now <= 0:
                raise LedgerError(operation, f"event `{event_id}` was already returned in full")
            if now > left:
                raise LedgerError(operation, f"returns {now} but only {left} of {basis} is left to return")
            done = record.returned + now
            clawed = dict(record.clawed)
            totals, shortfall = [], []
            for member, points in record.totals:
                target = points if done == basis else round_points(Fraction(points) * Fraction(done) / Fraction(basis),
                                                                   program.rounding)
                claw = target - clawed.get(member, 0)
                if claw <= 0:
                    continue
                clawed[member] = target
                own = [lot for lot in work.ordered(member, at, "pending", "available", "expired") if lot.event == event_id]
                own.sort(key=lambda lot: lot.available_at <= at)  # pending first, stable otherwise
                others = [lot for lot in work.ordered(member, at, "pending") + work.ordered(member, at, "available")
                          if lot.event != event_id]
                taken = sum(n for _, n in self._take(work, own + others, claw, operation, at, "reverse", f"return of {event_id}"))
                short = claw - taken
                if short and self.options.allow_negative:
                    self._debt(work, operation, member, at, short, "reverse", f"return of {event_id}: already spent")
                    taken += short
                elif short:
                    work.entry(operation, member, at, "reverse", 0, None, f"shortfall of {short} points: already spent")
                    work.counters.append(CounterChange(member, "shortfall", "ever", short))
                    shortfall.append((member, short))
                totals.append((member, -taken))
                if program.tier_policy.qualification is not None:
                    own_event = member == record.member and record.amount is not None
                    work.add_history(member, HistoryEntry(
                        at, -now if own_event else Decimal(0), -1 if own_event and done == basis else 0, -claw))
            work.events[event_id] = EventRecord(record.id, record.member, record.kind, record.time, record.amount,
                                                done, record.totals, tuple(clawed.items()))
            return Receipt(operation, "reverse", at, totals=tuple(totals), shortfall=tuple(shortfall), note=event_id)

        return self._run(operation, "reverse", at, params, body)

    def adjust(self, operation: str, member: str, points: int, reason: str, at: dt.datetime) -> Receipt:
        """Add or remove points by hand (调整), with the reason kept on the entry. Added points
        expire per the program; removed points come from usable lots, then pending ones."""
        program = self._program()
        if not isinstance(points, int) or points == 0:
            raise ValueError("an adjustment is a whole number of points other than 0")
        if not reason.strip():
            raise ValueError("an adjustment needs a reason")
        at = utc(at)
        params = {"member": member, "points": points, "reason": reason, "at": time_text(at)}

        def body(work: Work) -> Receipt:
            if points > 0:
                expiry = program.expiry
                expires = expiry_instant(expiry, at, program.timezone)
                self._credit(work, operation, at, "adjust", LedgerLot(
                    f"{operation}#1", work.next_seq(), member, points, points, at, at,
                    None if expires is None else utc(expires), operation, "adjust",
                    expiry.duration if expiry.kind == "inactive" else None), reason)
                return Receipt(operation, "adjust", at, totals=((member, points),), note=reason)
            lots = work.ordered(member, at, "available") + work.ordered(member, at, "pending")
            taken = sum(n for _, n in self._take(work, lots, -points, operation, at, "adjust", reason))
            short = -points - taken
            if short and not self.options.allow_negative:
                raise LedgerError(operation, f"member `{member}` has only {taken:,} points to remove")
            if short:
                self._debt(work, operation, member, at, short, "adjust", reason)
            return Receipt(operation, "adjust", at, totals=((member, points),), note=reason)

        return self._run(operation, "adjust", at, params, body)

    def transfer(self, operation: str, sender: str, receiver: str, points: int, at: dt.datetime) -> Receipt:
        """Give usable points to another member (转让), within the ledger's transfer policy. The
        points keep their expiry: a transfer never makes points last longer."""
        program = self._program()
        policy = self.options.transfers
        if policy is None:
            raise ValueError("transfers are not enabled: give LedgerOptions(transfers=TransferPolicy(...))")
        if sender == receiver:
            raise ValueError("a member cannot transfer points to themselves")
        if not isinstance(points, int) or points <= 0:
            raise ValueError("a transfer is a whole number of points above 0")
        at = utc(at)
        params = {"sender": sender, "receiver": receiver, "points": points, "at": time_text(at)}

        def body(work: Work) -> Receipt:
            if points < policy.minimum:
                raise LedgerError(operation, f"a transfer is at least {policy.minimum:,} points")
            if policy.max_per_transfer is not None and points > policy.max_per_transfer:
                raise LedgerError(operation, f"a transfer is at most {policy.max_per_transfer:,} points")
            month = period_key(local_time(at, program.timezone).date(), "month")
            used = work.counter(sender, "transfer:month", month)
            if policy.max_per_month is not None and used + points > policy.max_per_month:
                raise LedgerError(operation, f"`{sender}` may transfer at most {policy.max_per_month:,} points"
                                             f" per month; {used:,} already this month")
            if work.usable(sender, at) < points:
                raise LedgerError(operation, f"`{sender}` has only {max(0, work.usable(sender, at)):,} usable points")
            work.counters.append(CounterChange(sender, "transfer:month", month, points))
            given = self._take(work, work.ordered(sender, at, "available"), points, operation, at, "transfer_out",
                               f"to {receiver}")
            for number, (lot, n) in enumerate(given, 1):
                self._credit(work, operation, at, "transfer_in", LedgerLot(
                    f"{operation}#{number}", work.next_seq(), receiver, n, n, at, at, work.expiry(lot), operation,
                    "transfer"), f"from {sender}")
            return Receipt(operation, "transfer", at, totals=((sender, -points), (receiver, points)))

        return self._run(operation, "transfer", at, params, body)

    # ---- time passing --------------------------------------------------------------------------------------
    def expire(self, at: dt.datetime, operation: str | None = None) -> Receipt:
        """Record as expired every lot whose expiry is at or before ``at`` (过期)."""
        at = utc(at)
        operation = operation or f"expire@{time_text(at)}"

        def body(work: Work) -> Receipt:
            totals: dict[str, int] = {}
            for lot in work.tx.due_lots(at):
                expires = work.expiry(lot)
                if lapsed(expires, at):
                    why = "" if lot.lapsed_at is None or lot.rolling is None else \
                        f", after {lot.rolling.count} {lot.rolling.unit}{'' if lot.rolling.count == 1 else 's'} without activity"
                    self._take(work, [lot], lot.remaining, operation, at, "expire", f"expired at {time_text(expires)}{why}")
                    totals[lot.member] = totals.get(lot.member, 0) - lot.remaining
            return Receipt(operation, "expire", at, totals=tuple(sorted(totals.items())))

        return self._run(operation, "expire", at, {"at": time_text(at)}, body)

    def retier(self, operation: str, member: str, at: dt.datetime, *,
               profile: Mapping[str, Any] | None = None) -> Receipt:
        """Re-evaluate a member's tier at ``at`` from their recorded history (computed tiers) and
        record it when it changed; the receipt's note names the tier."""
        program = self._program()
        at = utc(at)

        def body(work: Work) -> Receipt:
            tier, record = member_tier(program, member, at, work, profile, operation)
            if record is not None:
                work.tiers[member] = TierRecord(record.tier, utc(record.since))
            return Receipt(operation, "retier", at, note=tier.name)

        return self._run(operation, "retier", at, {"member": member, "at": time_text(at)}, body)

    # ---- reading -------------------------------------------------------------------------------------------
    def balance(self, member: str, at: dt.datetime) -> Balance:
        """A member's available, pending, expired, spent and lifetime points at ``at``."""
        with self.store.transaction() as tx:
            return reports.balance(tx, self.zone, member, utc(at))

    def balances(self, at: dt.datetime) -> list[Balance]:
        """Every member's balance at ``at``, members sorted."""
        with self.store.transaction() as tx:
            return [reports.balance(tx, self.zone, member, utc(at)) for member in tx.members()]

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


def _left(lot: LedgerLot, remaining: int) -> LedgerLot:
    return LedgerLot(lot.id, lot.seq, lot.member, lot.points, remaining, lot.earned_at, lot.available_at,
                     lot.expires_at, lot.event, lot.rule, lot.rolling, lot.lapsed_at)
