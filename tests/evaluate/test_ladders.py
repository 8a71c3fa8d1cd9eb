"""Ladders (`earn 5, 10, 15 points by streak`, `… per 100 CNY of amount by amount from 0 CNY, …`),
each form through both evaluators: the two must give the same outcome, and the number computed by
hand in the comment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import pointrules
from pointrules.evaluate.award import Award, Step
from pointrules.evaluate.choice import NAMES

from evaluate_helpers import HEADER, BothEvaluators

SCHEMA = '''
event checkin { streak "连续签到天数": count, bonus_days: optional count, score "问卷得分": optional number }
event purchase { amount: money, cups: count, paid "实付金额": optional money }
tiers {
  member "会员"
  gold "金卡" multiplier 1.5
}
'''
SIGN_IN = 'rule signin "连续签到" on checkin { earn 5, 10, 15, 20, 25, 30, 50 points by streak }'


class Both(BothEvaluators):
    """Events of this file's schema through both evaluators (evaluate_helpers.BothEvaluators)."""

    def __init__(self, rules: str, rounding: str = "down") -> None:
        super().__init__(pointrules.loads(HEADER + f"rounding {rounding}\n" + SCHEMA + rules))

    def __call__(self, kind: str = "checkin", tier: str = "member", **fields: Any) -> Award:
        data = {"id": self.next_id(), "kind": kind, "member": "m1", "time": "2026-03-02T10:00:00+08:00",
                **({"streak": 1} if kind == "checkin" else {"amount": "0", "cups": 0}), **fields}
        return self.award(data, tier)


def test_sign_in_ladder_pays_the_step_of_the_day():
    run = Both(SIGN_IN)
    assert [run(streak=day).points for day in range(1, 8)] == [5, 10, 15, 20, 25, 30, 50]  # step n on day n
    award = run(streak=7)
    assert award.lines[0].step == Step("streak", 7, 7, 7, Decimal(50), "连续签到天数")  # named by its label


def test_the_last_step_repeats_beyond_the_ladder():
    run = Both(SIGN_IN)
    assert run(streak=8).points == 50  # past day 7: still step 7
    assert run(streak=365).points == 50


def test_below_the_first_step_there_is_no_line():
    run = Both(SIGN_IN)
    assert run(streak=0).lines == ()  # 0 is below step 1, which starts at 1


def test_an_absent_value_makes_no_line():
    run = Both("rule extra on checkin { earn 1, 2 points by bonus_days }")
    assert run().lines == ()
    assert run(bonus_days=2).points == 2  # step 2


def test_a_ladder_over_an_expression():
    run = Both("rule ahead on checkin { earn 5, 10, 20 points by streak + 1 }")
    assert run(streak=1).points == 10  # 1 + 1 = 2: step 2


def test_a_flat_ladder_is_a_bonus_a_tier_does_not_multiply():
    run = Both(SIGN_IN)
    assert run(streak=3, tier="gold").points == 15  # step 3: 15, a flat bonus: gold's x1.5 does not reach it


def test_a_money_ladder_chooses_the_rate():
    run = Both("rule spend on purchase { earn 1, 2, 3 points per 100 CNY of amount "
               "by amount from 0 CNY, 1,000 CNY, 5,000 CNY }")
    assert run("purchase", amount="999").points == 9  # step 1: floor(999 / 100) = 9 x 1
    assert run("purchase", amount="1000").points == 20  # step 2 starts at 1,000: 10 x 2
    award = run("purchase", amount="6000.50")
    assert award.points == 180  # step 3: floor(6,000.50 / 100) = 60 x 3
    assert award.lines[0].step == Step("amount", Decimal("6000.50"), 3, 3, Decimal(3), money=True)
    assert run("purchase", tier="gold", amount="1000").points == 30  # spend-based: 10 x 2 = 20, x1.5 (gold)


def test_a_ladder_of_points_per_unit():
    run = Both("rule cups on purchase { earn 5, 8 points per unit of cups by cups from 1, 3 }")
    assert run("purchase", cups=2).points == 10  # step 1 (from 1): 2 x 5
    award = run("purchase", cups=4)
    assert award.points == 32  # step 2 (from 3): 4 x 8
    assert award.lines[0].units.points == Decimal(8)


def test_a_limit_trims_a_ladder_line():
    run = Both(SIGN_IN.replace("}", "limit 40 points per day }"))
    assert run(streak=4).points == 20  # step 4
    assert run(streak=5).points == 20  # step 5 pays 25; 40 - 20 = 20 left today


def test_the_explanation_names_the_step_not_a_sum():
    run = Both(SIGN_IN)
    award = run(streak=9)
    assert "连续签到 50 (step 7 of 7: 连续签到天数 9)" in award.explain("en")  # day 9: the last step, 50
    assert "连续签到 50（连续签到天数 9：第 7 级，共 7 级）" in award.explain("zh")


def test_the_terms_list_every_step():
    from pointrules.wording.terms import terms

    program = pointrules.loads(HEADER + SCHEMA + SIGN_IN)
    assert "points by 连续签到天数 (5 from 1, 10 from 2, 15 from 3" in terms(program, "en")  # the field's label
    assert "按连续签到天数阶梯得积分（满 1 得 5、满 2 得 10" in terms(program, "zh")


@pytest.mark.parametrize("name", NAMES)
def test_an_evaluator_below_the_level_refuses_the_clause(name: str):
    from pointrules.program import model

    program = pointrules.loads(HEADER + SCHEMA + SIGN_IN)
    with pytest.raises(model.NotImplementedByEvaluator, match="`Earn.ladder`"):
        model.refuse_unimplemented(program, name, 3)  # as an evaluator of level 3 would
    model.refuse_unimplemented(program, name, 4)


def test_a_ladder_by_a_value_without_a_label_never_shows_code():
    run = Both("rule ahead on checkin { earn 5, 10, 20 points by streak + 1 }")
    award = run(streak=1)  # 1 + 1 = 2: step 2 of 3, 10 points
    assert "(step 2 of 3: value 2)" in award.explain("en")
    assert "（数值 2：第 2 级，共 3 级）" in award.explain("zh")


def test_a_ladder_by_the_order_amount_says_the_spend_in_money():
    run = Both("rule big \"大单礼\" on purchase { earn 50, 100 points by amount from 200 CNY, 1,000 CNY }")
    award = run("purchase", amount="1200.00")  # 1,200.00 is past 1,000: step 2 of 2, 100 points
    assert "大单礼 100 (step 2 of 2: spend 1,200.00 CNY)" in award.explain("en")
    assert "大单礼 100（消费金额 1,200.00 元：第 2 级，共 2 级）" in award.explain("zh")


def test_a_ladder_by_a_labelled_money_field_names_it_and_says_money():
    run = Both("rule paid \"实付阶梯\" on purchase { earn 10, 20 points by paid from 100 CNY, 500 CNY }")
    award = run("purchase", paid="350.50")  # 100 <= 350.50 < 500: step 1 of 2, 10 points
    assert "实付阶梯 10 (step 1 of 2: 实付金额 350.50 CNY)" in award.explain("en")
    assert "实付阶梯 10（实付金额 350.50 元：第 1 级，共 2 级）" in award.explain("zh")


def test_a_ladder_by_the_spend_of_history_says_it_in_money():
    run = Both("rule month \"月度阶梯\" on purchase { earn 5, 30 points by spend of purchase this month "
               "from 500 CNY, 2,000 CNY }")
    assert run("purchase", amount="800.00").lines == ()  # nothing spent before this one: 0 is below 500
    award = run("purchase", amount="10.00")  # 800.00 spent before it this month: step 1 of 2, 5 points
    assert "月度阶梯 5 (step 1 of 2: spend of purchase this month 800.00 CNY)" in award.explain("en")
    assert "月度阶梯 5（本月此前 purchase 金额 800.00 元：第 1 级，共 2 级）" in award.explain("zh")


def test_a_ladder_by_a_labelled_number_or_a_count_says_no_money():
    by_score = Both("rule survey \"问卷阶梯\" on checkin { earn 5, 10 points by score from 60, 90 }")
    award = by_score(score="92.5")  # 92.5 is past 90: step 2 of 2, 10 points
    assert "问卷阶梯 10 (step 2 of 2: 问卷得分 92.5)" in award.explain("en")
    assert "问卷阶梯 10（问卷得分 92.5：第 2 级，共 2 级）" in award.explain("zh")
    by_cups = Both("rule cups \"杯数阶梯\" on purchase { earn 5, 8 points by cups from 1, 3 }")
    award = by_cups("purchase", cups=4)  # 4 is past 3: step 2 of 2, 8 points; cups has no label
    assert "杯数阶梯 8 (step 2 of 2: value 4)" in award.explain("en")
    assert "杯数阶梯 8（数值 4：第 2 级，共 2 级）" in award.explain("zh")
    assert award.lines[0].step.money is False
