"""What each operation of the ledger does, given the ``PendingOperation`` of its transaction: record an event's
award, redeem on an order or for a reward, claw back for a return, adjust, transfer, record expiry,
re-evaluate a tier. Each returns its ``Receipt`` or raises ``LedgerError`` (a refusal, which
ledger.py stores as the operation's result); none opens a transaction or knows about replays, and
none moves a point but through moves.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pointrules.evaluate.calendar import expiry_instant, local_time, period_key
from pointrules.evaluate.outcome import CounterChange, Outcome, award
from pointrules.evaluate.redeem import (
    OrderQuote,
    RewardQuote,
    order_redemption,
    points_value,
    quote_order,
    quote_reward,
    reward_redemption,
)
from pointrules.evaluate.rounding import returned_points
from pointrules.evaluate.tiers import member_tier
from pointrules.evaluate.view import HistoryEntry, TierRecord
from pointrules.events import Event
from pointrules.ledger.model import (
    EventRecord,
    LedgerError,
    LedgerLot,
    LedgerOptions,
    Receipt,
    TransferPolicy,
    time_text,
)
from pointrules.ledger.moves import activity, credit, debt, take
from pointrules.ledger.pending import PendingOperation, earned_lot, event_row, utc
from pointrules.program import model as m
from pointrules.program.called import called, counted
from pointrules.state.lots import lapsed, lots_of

Evaluate = Callable[..., Outcome]  # evaluate/choice.py's outcome_of(program, evaluator)


def record_event(work: PendingOperation, program: m.Program, evaluate: Evaluate, ev: Event,
                 profile: Mapping[str, Any] | None, awards: bool = True) -> Receipt:
    """Evaluate an event on the member's state as the ledger holds it, and record its outcome:
    counters, budgets, history, tier, the member's activity and one lot per paying line. The
    receipt carries the award unless ``awards`` is false (its outcome says the same)."""
    return record_outcome(work, program, ev, evaluate(ev, work, profile=profile), awards)


def record_outcome(work: PendingOperation, program: m.Program, ev: Event, change: Outcome, awards: bool = True) -> Receipt:
    """``record_event`` once the event is evaluated (into ``change``, on the state ``work`` reads):
    every case of the lot policy; recording.py does the plain ones of a batch without a ``PendingOperation``."""
    at = utc(ev.time)
    work.counters.extend(change.counters)  # (member, scope, period, amount), as the evaluator built them
    work.budgets.extend(change.budgets)
    for member, entry in change.history:
        work.add_history(member, entry)
    if change.tier is not None:
        work.tiers[change.tier[0]] = TierRecord(change.tier[1].tier, utc(change.tier[1].since))
    activity(work, ev.member, at)
    for number, lot in enumerate(lots_of(change), 1):
        credit(work, ev.id, at, "earn", LedgerLot(*earned_lot(
            ev.id, number, work.next_seq(), lot.member, lot.points, at, utc(lot.available_at),
            None if lot.expires_at is None else utc(lot.expires_at), lot.rule, lot.rolling)))
    record = EventRecord(*event_row(program, ev, at, change))
    work.events[ev.id] = record
    totals = record.totals
    return Receipt(ev.id, "event", at, totals=totals, award=award(change, program.currency) if awards else None,
                   outcome=change)


def known(work: PendingOperation, member: str) -> bool:
    """Whether the ledger has heard of a member: a profile, a live lot, an activity or an entry
    (the last, the dearest read, only for a member who has none of the others)."""
    tx = work.tx
    return bool(tx.profile(member) is not None or work.lots(member) or work.last_activity(member) is not None
                or tx.entries(member))


def _member(work: PendingOperation, operation: str, member: str) -> None:
    """Refuse an operation that takes from a member the ledger has never heard of (a typo, most often)."""
    if not known(work, member):
        raise LedgerError(operation, f"member `{member}` is not in the ledger")


def quote(work: PendingOperation, program: m.Program, member: str, at: dt.datetime, order: Decimal | None,
          reward: str | None, profile: Mapping[str, Any] | None,
          items: Sequence[Any] | None = None) -> OrderQuote | RewardQuote:
    """What a redemption would give now, writing nothing: the points an order may use, or whether
    a reward may be redeemed (LedgerError for a member the ledger does not know)."""
    _member(work, "quote", member)
    balance = max(0, work.usable(member, at))
    if reward is not None:
        given = profile if profile is not None else work.profile(member)
        return quote_reward(program, reward, member, at, work, balance, profile=given)
    return quote_order(program, order or Decimal(0), balance, member=member, at=at, state=work, items=items)


def redeem_order(work: PendingOperation, program: m.Program, operation: str, member: str, order: Decimal, at: dt.datetime,
                 points: int | None, items: Sequence[Any] | None = None) -> Receipt:
    """Use the most points the quote allows on an order, or exactly ``points`` when allowed."""
    _member(work, operation, member)
    quote = quote_order(program, order, max(0, work.usable(member, at)), member=member, at=at, state=work,
                        items=items)
    policy = program.redeem
    if policy is None or quote.points <= 0:
        raise LedgerError(operation, f"no {called(program)} can be used on this order: {quote.reason}")
    want = quote.points if points is None else points
    if want <= 0:
        raise LedgerError(operation, f"no {called(program)} can be used on this order: {quote.reason}")
    if want > quote.points or want < policy.minimum or want % policy.step:
        raise LedgerError(operation, f"{counted(want, called(program))} cannot be used: at most {quote.points:,} ({quote.reason}),"
                                     f" at least {policy.minimum:,}, in steps of {policy.step:,}")
    work.counters.extend(order_redemption(program, operation, member, at, want).counters)
    activity(work, member, at)
    take(work, work.ordered(member, at, "available"), want, operation, at, "redeem", "order")
    return Receipt(operation, "redeem_order", at, totals=((member, -want),), value=points_value(program, want),
                   note=quote.reason)


def redeem_reward(work: PendingOperation, program: m.Program, operation: str, member: str, reward: str, at: dt.datetime,
                  profile: Mapping[str, Any] | None) -> Receipt:
    """Redeem a catalog reward when the quote allows it (window, tier, limits, stock, balance)."""
    _member(work, operation, member)
    given = profile if profile is not None else work.profile(member)
    quote = quote_reward(program, reward, member, at, work, max(0, work.usable(member, at)), profile=given)
    if not quote.ok:
        raise LedgerError(operation, f"`{reward}` cannot be redeemed: {quote.reason}")
    change = reward_redemption(program, operation, reward, member, at)
    work.counters.extend(change.counters)
    work.stock.extend(change.stock)
    activity(work, member, at)
    take(work, work.ordered(member, at, "available"), quote.cost, operation, at, "redeem", f"reward {reward}")
    return Receipt(operation, "redeem_reward", at, totals=((member, -quote.cost),), value=quote.cash, note=reward)


def reverse(work: PendingOperation, program: m.Program, options: LedgerOptions, operation: str, event_id: str,
            at: dt.datetime, returned: Decimal | None) -> Receipt:
    """Claw back an event's points for a return: all of them, or in proportion of the money
    returned so far (two halves claw back the whole award)."""
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
    earned, tiered = dict(record.totals), dict(record.tier_totals)
    totals, shortfall = [], []
    q = program.tier_policy.qualification
    for member in dict.fromkeys([*earned, *tiered]):
        claw = _share(earned.get(member, 0), done, basis, program) - clawed.get(member, 0)
        if claw > 0:
            clawed[member] = clawed.get(member, 0) + claw
            taken, short = _claw_back(work, options, operation, event_id, member, claw, at, called(program))
            totals.append((member, -taken))
            if short:
                shortfall.append((member, short))
        if q is not None:  # a counted event of the member's own takes back its spend and, in full, its purchase
            tier_claw = (_share(tiered.get(member, 0), done, basis, program)
                         - _share(tiered.get(member, 0), record.returned, basis, program))
            own_event = member == record.member and q.counted_field(record.kind)[0]
            spend = -now if own_event and record.amount is not None else Decimal(0)
            purchases = -1 if own_event and done == basis else 0
            if claw > 0 or tier_claw or spend or purchases:
                work.add_history(member, HistoryEntry(at, spend, purchases, -max(claw, 0), -tier_claw))
    work.events[event_id] = EventRecord(record.id, record.member, record.kind, record.time, record.amount,
                                        done, record.totals, tuple(clawed.items()), record.tier_totals)
    return Receipt(operation, "reverse", at, totals=tuple(totals), shortfall=tuple(shortfall), note=event_id)


def _share(points: int, part: Decimal, basis: Decimal, program: m.Program) -> int:
    return returned_points(points, part, basis, program.rounding)


def _claw_back(work: PendingOperation, options: LedgerOptions, operation: str, event_id: str, member: str, claw: int,
               at: dt.datetime, name: str) -> tuple[int, int]:
    """Take ``claw`` points of a member for a return: the event's own lots (pending first), then
    the member's pending lots, then usable ones; returns (points taken, shortfall not taken).
    ``name``: what the program calls its points, for the shortfall's note."""
    own = [lot for lot in work.ordered(member, at, "pending", "available", "expired") if lot.event == event_id]
    own.sort(key=lambda lot: lot.available_at <= at)  # pending first, stable otherwise
    others = [lot for lot in work.ordered(member, at, "pending") + work.ordered(member, at, "available")
              if lot.event != event_id]
    taken = sum(n for _, n in take(work, own + others, claw, operation, at, "reverse", f"return of {event_id}"))
    short = claw - taken
    if short and options.allow_negative:
        debt(work, operation, member, at, short, "reverse", f"return of {event_id}: already spent")
        return claw, 0
    if short:
        work.entry(operation, member, at, "reverse", 0, None, f"shortfall of {counted(short, name)}: already spent")
        work.counters.append(CounterChange(member, "shortfall", "ever", short))
    return taken, short


def adjust(work: PendingOperation, program: m.Program, options: LedgerOptions, operation: str, member: str, points: int,
           reason: str, at: dt.datetime) -> Receipt:
    """Add points by hand (a lot that expires per the program) or remove them (usable lots first,
    then pending ones; overdrawing only when negative balances are allowed)."""
    if points > 0:
        expiry = program.expiry
        expires = expiry_instant(expiry, at, program.timezone)
        credit(work, operation, at, "adjust", LedgerLot(
            f"{operation}#1", work.next_seq(), member, points, points, at, at,
            None if expires is None else utc(expires), operation, "adjust",
            expiry.duration if expiry.kind == "inactive" else None), reason)
        return Receipt(operation, "adjust", at, totals=((member, points),), note=reason)
    _member(work, operation, member)
    lots = work.ordered(member, at, "available") + work.ordered(member, at, "pending")
    taken = sum(n for _, n in take(work, lots, -points, operation, at, "adjust", reason))
    short = -points - taken
    if short and not options.allow_negative:
        raise LedgerError(operation, f"member `{member}` has only {counted(taken, called(program))} to remove")
    if short:
        debt(work, operation, member, at, short, "adjust", reason)
    return Receipt(operation, "adjust", at, totals=((member, points),), note=reason)


def transfer(work: PendingOperation, program: m.Program, policy: TransferPolicy, operation: str, sender: str, receiver: str,
             points: int, at: dt.datetime) -> Receipt:
    """Give usable points to another member within the transfer policy; they keep their expiry."""
    _member(work, operation, sender)
    if points < policy.minimum:
        raise LedgerError(operation, f"a transfer is at least {counted(policy.minimum, called(program))}")
    if policy.max_per_transfer is not None and points > policy.max_per_transfer:
        raise LedgerError(operation, f"a transfer is at most {counted(policy.max_per_transfer, called(program))}")
    month = period_key(local_time(at, program.timezone).date(), "month")
    used = work.counter(sender, "transfer:month", month)
    if policy.max_per_month is not None and used + points > policy.max_per_month:
        raise LedgerError(operation, f"`{sender}` may transfer at most {counted(policy.max_per_month, called(program))}"
                                     f" per month; {used:,} already this month")
    if work.usable(sender, at) < points:
        raise LedgerError(operation, f"`{sender}` has only {max(0, work.usable(sender, at)):,} usable {called(program)}")
    work.counters.append(CounterChange(sender, "transfer:month", month, points))
    given = take(work, work.ordered(sender, at, "available"), points, operation, at, "transfer_out", f"to {receiver}")
    for number, (lot, n) in enumerate(given, 1):
        credit(work, operation, at, "transfer_in", LedgerLot(
            f"{operation}#{number}", work.next_seq(), receiver, n, n, at, at, work.expiry(lot), operation,
            "transfer"), f"from {sender}")
    return Receipt(operation, "transfer", at, totals=((sender, -points), (receiver, points)))


def expire(work: PendingOperation, operation: str, at: dt.datetime) -> Receipt:
    """Record as expired every lot whose expiry is at or before ``at``; a lapsed rolling lot's
    entry names the span without activity."""
    totals: dict[str, int] = {}
    for lot in work.tx.due_lots(at):
        expires = work.expiry(lot)
        if lapsed(expires, at):
            note = f"expired at {time_text(expires)}"  # type: ignore[arg-type]
            if lot.lapsed_at is not None and lot.rolling is not None:
                count, unit = lot.rolling.count, lot.rolling.unit
                note += f", after {count} {unit}{'' if count == 1 else 's'} without activity"
            take(work, [lot], lot.remaining, operation, at, "expire", note)
            totals[lot.member] = totals.get(lot.member, 0) - lot.remaining
    return Receipt(operation, "expire", at, totals=tuple(sorted(totals.items())))


def retier(work: PendingOperation, program: m.Program, operation: str, member: str, at: dt.datetime,
           profile: Mapping[str, Any] | None) -> Receipt:
    """Re-evaluate a member's tier from the recorded history and record it when it changed; an
    entry of 0 points keeps the outcome (and who asked, for audit) in the member's history."""
    _member(work, operation, member)
    before = work.tier_record(member)
    tier, record = member_tier(program, member, at, work, profile, operation)
    if record is not None:
        work.tiers[member] = TierRecord(record.tier, utc(record.since))
    was = "" if before is None or before.tier == tier.name else f" (was {before.tier})"
    work.entry(operation, member, at, "tier", 0, None, f"tier {tier.name}{was}")
    return Receipt(operation, "retier", at, note=tier.name)
