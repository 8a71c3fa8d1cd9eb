"""Redemption quotes: the value of points, points on an order, rewards of the catalog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import pointrules
from pointrules.evaluate.redeem import (
    order_redemption, points_value, quote_order, quote_reward, reward_redemption,
)
from pointrules.state.memory import MemoryState

from evaluate_helpers import HEADER

PROGRAM = HEADER + '''
event purchase { amount: money }
tiers { member  silver  gold "金卡" multiplier 1.5 }
rule base on purchase { earn 1 point per 1 CNY of amount }
redeem {
  minimum 500 points
  step 100 points
  at most 50% of order
  at most 3,000 points per month
}
reward coffee "咖啡兑换券" costs 500 points {
  limit 2 per month
  for tier >= gold
  available from 2026-01-01 to 2026-12-31
  stock 3
}
'''
SH = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def program():
    return pointrules.loads(PROGRAM)


def test_one_hundred_points_are_worth_one_yuan(program):
    assert points_value(program, 100) == Decimal("1.00")
    assert points_value(program, 1000) == Decimal("10.00")
    assert points_value(program, 199) == Decimal("1.99")
    assert points_value(program, 1) == Decimal("0.01")


def test_order_quote_respects_share_step_minimum_and_balance(program):
    # 50% of 100.00 yuan = 50 yuan = 5,000 points, but 3,000 per month bounds it
    assert quote_order(program, Decimal("100.00"), 99_999).points == 3000
    # balance 1,234 -> steps of 100 -> 1,200 points = 12.00 yuan
    q = quote_order(program, Decimal("100.00"), 1234)
    assert (q.points, q.value) == (1200, Decimal("12.00"))
    # 50% of 8 yuan = 400 points < minimum 500
    assert quote_order(program, Decimal("8.00"), 99_999).points == 0


def test_monthly_redemption_limit_counts_what_was_used(program):
    state = MemoryState(zone=program.timezone)
    at = dt.datetime(2026, 3, 2, 10, tzinfo=SH)
    state.apply(_earn(program, state, at))  # 10,000 points
    state.apply(order_redemption(program, "r1", "m1", at, 2500))
    q = quote_order(program, Decimal("10000"), state.balance("m1", at), member="m1", at=at, state=state)
    assert q.points == 500  # 3,000 - 2,500 used this month


def _earn(program, state, at):
    from pointrules.events import parse_event
    from pointrules.evaluate.reference import evaluate

    event = parse_event(program, {"id": "p1", "kind": "purchase", "member": "m1",
                                  "time": at.isoformat(), "amount": "10000"})
    return evaluate(program, event, state)[1]


def test_reward_eligibility_window_limits_stock_and_balance(program):
    state = MemoryState(profiles={"g": {"tier": "gold"}, "s": {"tier": "silver"}}, zone=program.timezone)
    at = dt.datetime(2026, 3, 2, 10, tzinfo=SH)
    assert quote_reward(program, "coffee", "g", at, state, 600).ok
    assert "tier" in quote_reward(program, "coffee", "s", at, state, 600).reason
    assert "needs 500" in quote_reward(program, "coffee", "g", at, state, 499).reason
    assert "available only" in quote_reward(program, "coffee", "g", at.replace(year=2027), state, 600).reason
    for i in range(2):
        state.apply(attrs_evolve_no_spend(reward_redemption(program, f"x{i}", "coffee", "g", at)))
    assert "limit 2" in quote_reward(program, "coffee", "g", at, state, 600).reason
    assert quote_reward(program, "coffee", "g", at.replace(month=4), state, 600).ok  # a new month
    state.apply(attrs_evolve_no_spend(reward_redemption(program, "x3", "coffee", "g2", at)))
    state.profiles["g2"] = {"tier": "gold"}
    assert quote_reward(program, "coffee", "g2", at.replace(month=5), state, 600).reason == "out of stock"


def attrs_evolve_no_spend(change):
    import copy

    change = copy.copy(change)
    change.spent = ()  # these members' points live in another ledger here
    return change


def test_an_unknown_reward_is_named_with_the_programs_rewards(program):
    at = dt.datetime(2026, 3, 2, 10, tzinfo=SH)
    with pytest.raises(ValueError, match=r"`tea` is not a reward of this program \(its rewards: coffee\)"):
        quote_reward(program, "tea", "m1", at, MemoryState(), 100)
    with pytest.raises(ValueError, match="`tea` is not a reward"):
        reward_redemption(program, "r1", "tea", "m1", at)


def test_without_a_redeem_block_points_pay_for_no_order():
    bare = pointrules.loads(HEADER + 'event purchase { amount: money }\nrule base on purchase { earn 1 point per 1 CNY of amount }\n')
    q = quote_order(bare, Decimal("100.00"), 99_999)
    assert (q.points, q.value) == (0, Decimal("0.00"))
    assert q.reason == "the program has no `redeem` block: points do not pay for orders"
    # an empty block says points may pay: the whole order, 100.00 yuan = 10,000 points
    open_ = pointrules.loads(HEADER + 'event purchase { amount: money }\nrule base on purchase { earn 1 point per 1 CNY of amount }\n'
                             'redeem { }\n')
    assert quote_order(open_, Decimal("100.00"), 99_999).points == 10_000


def test_a_minimum_order_amount():
    text = (HEADER + 'event purchase { amount: money }\nrule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'redeem {\n  minimum order 100 CNY\n  at most 50% of order\n}\n')
    program = pointrules.loads(text)
    below = quote_order(program, Decimal("99.99"), 99_999)
    assert (below.points, below.reason) == (0, "the order is below the minimum of 100 CNY for using points")
    # 100.00 is enough: 50% of it = 50.00 yuan = 5,000 points
    assert quote_order(program, Decimal("100.00"), 99_999).points == 5000
    from pointrules.wording.terms import terms
    assert "on orders of at least 100 CNY" in terms(program, "en")
    assert "订单满 100 元可用" in terms(program, "zh")


JEWELLER = (HEADER + 'event purchase { amount: money, items: list of item }\n'
            'record item { category: text, amount: money }\n'
            'rule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'redeem {\n  at most 50% of order\n  at most 20% of items where category = "gold_jewelry"\n}\n')


def test_a_share_of_the_items_a_condition_picks():
    program = pointrules.loads(JEWELLER)
    gold = {"category": "gold_jewelry", "amount": "600.00"}
    lipstick = {"category": "cosmetics", "amount": "400.00"}
    # without the items nothing can be said: no points
    assert quote_order(program, Decimal("1000.00"), 10**6).points == 0
    # gold 600 x 20% = 120 + cosmetics 400 x 100% = 400: 520 yuan = 52,000 points; 50% of 1,000 = 50,000 binds
    q = quote_order(program, Decimal("1000.00"), 10**6, items=[gold, lipstick])
    assert (q.points, q.reason) == (50_000, "at most 50% of the order")
    # gold alone: 1,000 x 20% = 200 yuan = 20,000 points, below 50% of the order
    q = quote_order(program, Decimal("1000.00"), 10**6, items=[{"category": "gold_jewelry", "amount": "1000.00"}])
    assert (q.points, q.value) == (20_000, Decimal("200.00"))
    assert q.reason == 'at most 20% of items where category = "gold_jewelry"'
    with pytest.raises(ValueError, match=r"the order's items\[0\].amount"):
        quote_order(program, Decimal("1000.00"), 10**6, items=[{"category": "gold_jewelry", "amount": "lots"}])
    from pointrules.wording.terms import terms
    # the terms never show the condition's code: without a label the items are "eligible", with one named
    assert "for at most 20% of eligible items" in terms(program, "en")
    named = pointrules.loads(JEWELLER.replace('"gold_jewelry"\n', '"gold_jewelry" "黄金饰品"\n'))
    assert "for at most 20% of 黄金饰品" in terms(named, "en")
    assert "黄金饰品最多抵扣其金额的 20%" in terms(named, "zh")
