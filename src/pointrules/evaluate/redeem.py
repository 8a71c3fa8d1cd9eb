"""Redemption quotes: what points are worth, how many an order may use, whether a reward of the
catalog can be redeemed now; and the state change of a redemption.

Money is rounded down to the currency's minor unit: a quote never promises more than the points buy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

import attrs

from pointrules.errors import ArgumentError
from pointrules.evaluate.calendar import local_time, period_key
from pointrules.evaluate.conditions import Scope, event_builtins, holds
from pointrules.evaluate.outcome import CounterChange, StateChange
from pointrules.evaluate.tiers import member_tier
from pointrules.evaluate.view import StateView
from pointrules.events import EventError, typed_value
from pointrules.program import model as m
from pointrules.program.called import called, counted


def points_value(program: m.Program, points: int) -> Decimal:
    """The money N points are worth (``value 100 points = 1 CNY``), rounded down to the minor unit."""
    exact = Decimal(points) * program.value_money / Decimal(program.value_points)
    return exact.quantize(Decimal(1).scaleb(-program.minor_unit), rounding=ROUND_DOWN)


def points_for(program: m.Program, money: Decimal) -> int:
    """The most points whose value does not exceed ``money``."""
    return math.floor(Fraction(money) * program.value_points / Fraction(program.value_money))




@attrs.frozen
class OrderQuote:
    """How many points an order may use and what they take off; ``reason`` says what bound it."""

    points: int
    value: Decimal
    reason: str


def quote_order(
    program: m.Program, order: Decimal, balance: int, *, member: str | None = None,
    at: dt.datetime | None = None, state: StateView | None = None, items: Sequence[Any] | None = None,
) -> OrderQuote:
    """The most points an order of ``order`` money may use: none without a ``redeem`` block or
    below its minimum order; else within the balance, the order's value, the maximum share, the
    per-period redemption limits (when member, time and state are given), in whole steps, and at
    least the minimum (else 0). A program with shares of items (``at most 20% of items where …``)
    needs the order's ``items`` (records as an event gives them; EventError naming a bad one), and
    quotes none without them."""
    none = Decimal(0).quantize(Decimal(1).scaleb(-program.minor_unit))
    name = called(program)  # what the reasons call the points
    policy = program.redeem
    if policy is None:  # points pay for orders only where the program says so (docs/semantics.md §11)
        return OrderQuote(0, none, f"the program has no `redeem` block: {name} do not pay for orders")
    if policy.minimum_order is not None and order < policy.minimum_order:
        return OrderQuote(0, none, f"the order is below the minimum of {policy.minimum_order:,f} {program.currency}"
                                   f" for using {name}")
    bounds = [(balance, "the member's usable balance"), (points_for(program, order), "the order's value")]
    if policy.item_shares:
        if items is None:
            return OrderQuote(0, none, f"this program limits {name} per item: quote the order with its items")
        bounds.append(_items_bound(program, policy.item_shares, items, member, at, state))
    if policy.max_share is not None:
        bounds.append((points_for(program, order * policy.max_share), f"at most {(policy.max_share * 100).normalize():f}% of the order"))
    for points, period in policy.limits:
        used = 0
        if member is not None and at is not None and state is not None:
            day = local_time(at, program.timezone).date()
            used = state.counter(member, f"redeem:{period}", period_key(day, period))
        bounds.append((max(0, points - used), f"at most {counted(points, name)} per {period}"))
    most, reason = min(bounds, key=lambda b: b[0])
    usable = most - most % policy.step if policy.step > 1 else most
    if usable < policy.minimum or usable <= 0:
        why = f"below the minimum of {counted(policy.minimum, name)}" if policy.minimum else reason
        return OrderQuote(0, none, why)
    if usable != most:
        reason += f", in steps of {counted(policy.step, name)}"
    return OrderQuote(usable, points_value(program, usable), reason)


def _items_bound(program: m.Program, shares: tuple[m.ItemShare, ...], items: Sequence[Any], member: str | None,
                 at: dt.datetime | None, state: StateView | None) -> tuple[int, str]:
    """The most points the items allow: each item's money times the least share whose ``where``
    picks it (all of it when none does), in points."""
    record = program.records[shares[0].record]
    typed = order_items(program, items)
    rank = 0
    if member is not None and at is not None and state is not None:
        rank = member_tier(program, member, at, state)[0].rank
    builtins = event_builtins("", member or "", at or _NO_TIME, program.timezone, rank)
    scope = Scope(program, m.Schema("order", None, {}, record.span), {}, builtins)
    allowed = Fraction(0)
    for item in typed:
        inside = scope.with_record(record, item)
        share = min((s.share for s in shares if holds(s.where, inside)), default=Decimal(1))
        money = item.get(shares[0].attr)
        allowed += Fraction(money) * Fraction(share) if isinstance(money, Decimal) else 0
    points = math.floor(allowed * program.value_points / Fraction(program.value_money))
    return points, "at most " + "; ".join(s.text for s in shares)


_NO_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # built-ins of a quote given no time


def order_items(program: m.Program, items: Sequence[Any]) -> tuple[Mapping[str, Any], ...]:
    """An order's items typed as the records of the list the program's item shares read; a
    ValueError naming the bad one (``items[0].amount``) otherwise."""
    policy = program.redeem
    assert policy is not None and policy.item_shares
    first = policy.item_shares[0]
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
        raise ArgumentError(f"the order's `{first.field}` must be a list of records")
    try:
        typed = typed_value(program, "", first.field, m.FieldType("list", record=first.record), list(items))
    except EventError as error:
        raise ArgumentError(f"the order's {error.field}: {error.message}") from None
    return tuple(typed)


def order_redemption(program: m.Program, redemption_id: str, member: str, at: dt.datetime, points: int) -> StateChange:
    """The state change of using ``points`` on an order (quote first): the balance and the
    per-period redemption counters."""
    day = local_time(at, program.timezone).date()
    limits = program.redeem.limits if program.redeem else ()
    counters = tuple(CounterChange(member, f"redeem:{p}", period_key(day, p), points) for _, p in limits)
    return StateChange(redemption_id, member, at, counters=counters, spent=((member, points),), zone=program.timezone)


@attrs.frozen
class RewardQuote:
    """Whether a member may redeem a reward now; ``reason`` says why not (empty when ok)."""

    reward: str
    ok: bool
    cost: int
    cash: Decimal | None
    reason: str


def quote_reward(
    program: m.Program, reward_name: str, member: str, at: dt.datetime, state: StateView, balance: int,
    *, profile: Mapping[str, Any] | None = None,
) -> RewardQuote:
    """Whether ``member`` may redeem a reward at ``at``: window, tier eligibility (``for``),
    per-member limits per period, stock and balance, checked in that order."""
    reward = _reward(program, reward_name)
    day = local_time(at, program.timezone).date()

    def no(reason: str) -> RewardQuote:
        return RewardQuote(reward.name, False, reward.cost, reward.cash, reason)

    if reward.window is not None and not (reward.window[0] <= day <= reward.window[1]):
        return no(f"available only from {reward.window[0]} to {reward.window[1]}")
    tier, _ = member_tier(program, member, at, state, profile)
    if reward.eligibility is not None:
        empty = m.Schema("reward", None, {}, reward.span)
        scope = Scope(program, empty, {}, event_builtins("", member, at, program.timezone, tier.rank))
        if not holds(reward.eligibility, scope):
            return no(f"not for this member (tier `{tier.name}`)")
    for times, period in reward.limits:
        used = state.counter(member, f"reward:{reward.name}:{period or 'ever'}", period_key(day, period))
        if used >= times:
            return no(f"already redeemed {used} times " + (f"this {period}" if period else "in all") + f" (limit {times})")
    if reward.stock is not None and state.stock_used(reward.name) >= reward.stock:
        return no("out of stock")
    if balance < reward.cost:
        return no(f"needs {counted(reward.cost, called(program))}; the member has {balance:,}")
    return RewardQuote(reward.name, True, reward.cost, reward.cash, "")


def reward_redemption(program: m.Program, redemption_id: str, reward_name: str, member: str, at: dt.datetime) -> StateChange:
    """The state change of redeeming a reward (quote first): points spent, limit counters, stock."""
    reward = _reward(program, reward_name)
    day = local_time(at, program.timezone).date()
    counters = tuple(
        CounterChange(member, f"reward:{reward.name}:{period or 'ever'}", period_key(day, period), 1)
        for _, period in reward.limits
    )
    return StateChange(
        redemption_id, member, at, counters=counters, stock=((reward.name, 1),) if reward.stock is not None else (),
        spent=((member, reward.cost),), zone=program.timezone,
    )


def _reward(program: m.Program, name: str) -> m.Reward:
    reward = program.rewards.get(name)
    if reward is None:
        known = ", ".join(program.rewards) or "none"
        raise ArgumentError(f"`{name}` is not a reward of this program (its rewards: {known})")
    return reward
