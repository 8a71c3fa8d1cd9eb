"""Returns that mint points (PR515): a purchase returned in part keeps more points than a purchase
of the amount kept earns. Figures by hand: 100 points = 1 CNY, rounding down, 1 point per yuan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pointrules
from pointrules.guards.returns import minting_returns
from pointrules.ledger import Ledger, MemoryStore

TODAY = dt.date(2026, 11, 23)
HEAD = """program "R"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding down
expire never
event purchase { amount: money }
rule base "消费" on purchase { earn 1 point per 1 CNY of amount }
"""


def messages(body: str) -> list[str]:
    return [d.message for d in minting_returns(pointrules.loads(HEAD + body), TODAY)]


BONUS = 'rule bonus "满100送500" on purchase when amount >= 100 CNY { earn 500 points }\n'


def test_a_bonus_from_a_minimum_spend_is_kept_by_a_return_below_it() -> None:
    # 100.00 CNY earns 100 + 500 = 600; returning 0.01 claws back ⌊600 × 0.01 / 100⌋ = 0, so 600 stay;
    # a purchase of 99.99 earns ⌊99.99⌋ = 99 and no bonus: 501 points (5.01 CNY) minted, ≥ 1% of 99.99
    assert messages(BONUS) == ["a `purchase` of 100.00 CNY with 0.01 CNY returned keeps 600 points, "
                               "where a `purchase` of the 99.99 CNY kept earns 99"]


def test_the_ledger_leaves_what_the_finding_says() -> None:
    program = pointrules.loads(HEAD + BONUS)
    ledger = Ledger(program, MemoryStore())
    at = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ledger.process_event({"id": "p1", "kind": "purchase", "member": "m1", "time": at.isoformat(), "amount": "100.00"})
    ledger.reverse("r1", "p1", at, Decimal("0.01"))
    assert ledger.balance("m1", at).available == 600  # the 600 the finding says are kept
    ledger.process_event({"id": "p2", "kind": "purchase", "member": "m2", "time": at.isoformat(), "amount": "99.99"})
    assert ledger.balance("m2", at).available == 99
    ledger.close()


def test_a_ladder_step_is_kept_by_a_return_below_it() -> None:
    # steps of 1 and 3 points per yuan from 0 and 1,000 CNY: 1,000.00 earns 1,000 (base) + 3,000 = 4,000,
    # a return of 0.01 claws back ⌊4,000 × 0.01 / 1,000⌋ = 0; 999.99 earns 999 + 999 = 1,998
    ladder = 'rule lad "阶梯" on purchase { earn 1, 3 points per 1 CNY of amount by amount from 0 CNY, 1,000 CNY }\n'
    assert messages(ladder) == ["a `purchase` of 1,000.00 CNY with 0.01 CNY returned keeps 4,000 points, "
                                "where a `purchase` of the 999.99 CNY kept earns 1,998"]


def test_proportional_points_and_bonuses_on_any_amount_mint_nothing() -> None:
    assert messages('rule any "送" on purchase { earn 500 points }\n') == []
    assert messages("") == []


def test_a_bonus_worth_less_than_a_percent_of_the_amount_kept_is_not_reported() -> None:
    # 50 points (0.50 CNY) kept on 99.99 CNY is 0.5% of it: below the 1% a finding needs
    assert messages('rule bonus "满100送50" on purchase when amount >= 100 CNY { earn 50 points }\n') == []
