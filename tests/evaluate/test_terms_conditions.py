"""Conditions in the terms members read (`pointrules explain`) and in award explanations: worded
from what they compare, or by their labels, never as code (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pointrules
from pointrules.check.lints import lint
from pointrules.wording import LANGS, vocabulary
from pointrules.wording.terms import rule_terms, terms

from evaluate_helpers import HEADER, ROOT

SCHEMA = '''
event purchase "消费" { amount: money, cups "杯数": count, channel: "app" | "store", items: list of item }
record item { category: text, amount: money }
event checkin "签到" { streak: count }
tiers { member "普通会员"  silver "银卡"  gold "金卡" }
expire never
'''


def program(rules: str) -> pointrules.Program:
    return pointrules.loads(HEADER + SCHEMA + rules)


def rule_line(rules: str, lang: str) -> str:
    return rule_terms(program(rules), "r", lang).splitlines()[0]


def test_hours_and_the_amount_are_worded_in_both_languages() -> None:
    rules = 'rule r "早鸟" on purchase when hour from 7 to 9 and amount >= 15 CNY { earn 10 points }'
    assert rule_line(rules, "zh") == "- 早鸟：每次消费（7:00–9:59，消费满 15 元），得 10 积分。"
    assert rule_line(rules, "en") == ("- 早鸟: on each 消费 when between 7:00 and 9:59 and the amount is at least"
                                      " 15 CNY, 10 points.")


def test_weekdays_are_worded_as_the_days_let_through() -> None:
    # not saturday, not sunday: Monday to Friday, one run; before noon is hours 0 to 11
    rules = 'rule r "工作日早场" on purchase when hour <= 11 and weekday not in (saturday, sunday) { earn 20 points }'
    assert rule_line(rules, "zh") == "- 工作日早场：每次消费（12:00 以前，周一至周五），得 20 积分。"
    assert rule_line(rules, "en") == "- 工作日早场: on each 消费 when before 12:00 and on Monday to Friday, 20 points."


def test_an_or_inside_an_and_is_said_as_a_group_after_the_rest() -> None:
    # spend 50 and (Wednesday or Saturday): never "50 and Wednesday, or Saturday"
    rules = 'rule r "会员日" on purchase when (weekday = wednesday or weekday = saturday) and amount >= 50 CNY { earn 5 points }'
    assert rule_line(rules, "zh") == "- 会员日：每次消费（消费满 50 元，并且满足以下任一条件：周三或周六），得 5 积分。"
    assert rule_line(rules, "en") == ("- 会员日: on each 消费 when the amount is at least 50 CNY, and either on Wednesday"
                                      " or on Saturday, 5 points.")
    # (spend 50 on Wednesday) or Saturday: the alternatives said apart
    rules = 'rule r "会员日" on purchase when amount >= 50 CNY and weekday = wednesday or weekday = saturday { earn 5 points }'
    assert rule_line(rules, "zh") == "- 会员日：每次消费（满足以下任一条件：消费满 50 元且周三；或周六），得 5 积分。"
    assert rule_line(rules, "en") == ("- 会员日: on each 消费 when either the amount is at least 50 CNY and on Wednesday,"
                                      " or on Saturday, 5 points.")


def test_a_ladder_by_money_says_the_amount_paid_in_money() -> None:
    rules = 'rule r "大单礼" on purchase { earn 50, 100 points by amount from 200 CNY, 1,000 CNY }'
    assert rule_line(rules, "zh") == "- 大单礼：每次消费，按消费金额阶梯得积分（满 200 元得 50、满 1,000 元得 100，以上同末级）。"
    assert rule_line(rules, "en") == ("- 大单礼: on each 消费, points by the order amount (50 from 200 CNY, 100 from"
                                      " 1,000 CNY and up).")


def test_tiers_and_labelled_fields_are_worded() -> None:
    rules = 'rule r "双杯" on purchase when tier >= silver and cups >= 2 { earn 5 points }'
    assert rule_line(rules, "zh") == "- 双杯：每次消费（银卡及以上，杯数不少于 2），得 5 积分。"
    assert rule_line(rules, "en") == "- 双杯: on each 消费 when 银卡 members and above and 杯数 is at least 2, 5 points."


def test_points_per_unit_and_per_money_name_no_field() -> None:
    rules = ('rule r "按杯" on purchase { earn 5 points per unit of cups\n'
             '  earn 1 point per 2 CNY of items where category = "gold" "黄金饰品" }')
    assert rule_line(rules, "zh") == "- 按杯：每次消费，按杯数每个得 5 积分；黄金饰品每满 2 元得 1 积分。"
    assert rule_line(rules, "en") == ("- 按杯: on each 消费, 5 points for every unit of 杯数; 1 point for every full"
                                      " 2 CNY spent on 黄金饰品.")


def test_a_label_words_what_cannot_be_worded() -> None:
    rules = 'rule r "每日签到" on checkin { earn 5 points\n earn 50 points when streak % 7 = 0 "连续签到每满 7 天" }'
    assert rule_line(rules, "zh") == "- 每日签到：每次签到，得 5 积分；得 50 积分（连续签到每满 7 天）。"
    assert "PR514" not in [d.code for d in lint(program(rules))]


def test_a_condition_without_words_is_said_neutrally_and_linted_at_the_condition() -> None:
    rules = 'rule r "App下单奖励" on purchase when channel = "app" { earn 5 points }'
    assert rule_line(rules, "zh") == "- App下单奖励：每次消费（符合指定条件），得 5 积分。"
    assert rule_line(rules, "en") == "- App下单奖励: on each 消费 when the offer's conditions are met, 5 points."
    found = [d for d in lint(program(rules)) if d.code == "PR514"]
    assert len(found) == 1
    line = (HEADER + SCHEMA + rules).splitlines().index(rules.splitlines()[0]) + 1
    assert (found[0].line, found[0].column) == (line, rules.index("channel") + 1)
    assert 'when channel = "app" "…"' in found[0].help


def test_the_award_names_the_condition_that_paid(shop, run) -> None:
    award = run(shop)("checkin", "2026-03-14T08:00:00+08:00", streak=7)
    # 5 for the check-in, 50 for the 7th day of the streak (7 % 7 = 0): 55
    assert award.explain("zh").startswith("+55 积分（m1，普通会员）：每日签到 5 + 每日签到（连续签到每满 7 天） 50。")
    assert award.explain("en").startswith("+55 points for m1 (普通会员): 每日签到 5 + 每日签到 (连续签到每满 7 天) 50.")


EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
# code in Chinese terms: half-width punctuation (a comma outside a number; a bracket after a space,
# as a template would put it: labels such as 美式咖啡(中) are the marketer's), quotes, `CNY` for 元,
# comparisons, `and`, `or`
CODE_IN_ZH = re.compile(r'[;"]|,(?!\d)| \(|: |CNY| and | or |[<>!]=|%\s*\d| = "')


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_reads_without_code_in_chinese(example: Path) -> None:
    text = terms(pointrules.load(example), "zh")
    assert [ln for ln in text.splitlines() if CODE_IN_ZH.search(ln)] == []
    assert "符合指定条件" not in text  # every example labels what cannot be worded


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_words_every_condition(lang: str) -> None:
    # the walk asks for these whatever the condition; a language may add its own (zh: money >=)
    english = vocabulary("en").terms["conditions"]
    assert set(english) <= set(vocabulary(lang).terms["conditions"])


def test_a_field_the_terms_name_needs_its_label() -> None:
    # `streak` has no label: a ladder by it is said as 活动进度 / your progress, and the lint asks for one
    rules = 'rule r "连续签到" on checkin { earn 5, 10 points by streak }'
    assert rule_line(rules, "zh") == "- 连续签到：每次签到，按活动进度阶梯得积分（满 1 得 5、满 2 得 10，以上同末级）。"
    [found] = [d for d in lint(program(rules)) if d.code == "PR514"]
    assert found.message == "the terms cannot name `streak` without its label"
    # `cups "杯数"` is labelled: no finding for points per cup
    assert "PR514" not in [d.code for d in lint(program('rule r "按杯" on purchase { earn 5 points per unit of cups }'))]
