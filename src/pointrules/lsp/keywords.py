"""What a keyword does, for a program's writer hovering over it (docs/language.md says it at length).
Only words with one meaning wherever they stand; a word the lexer read as a name (a field called
`list`, the period in `per day`) is not a keyword there and gets no text."""

from __future__ import annotations

from functools import lru_cache

import lark

from pointrules.syntax.grammar import lark_parser

MEANINGS: dict[str, tuple[str, str]] = {
    "program": ("The program's name, shown to members.", "积分方案的名称，会员可见。"),
    "version": ("A whole number you raise when the rules change.", "方案的版本号，规则改变时递增。"),
    "currency": ("The currency of every money amount in the program and in events (an ISO 4217 code).",
                 "方案和事件中所有金额的币种（ISO 4217 代码）。"),
    "timezone": ("The time zone in which dates, weekdays, hours and periods are counted.",
                 "计算日期、星期、小时和周期所用的时区。"),
    "value": ("What points are worth when redeemed: `value 100 points = 1 CNY`.",
              "积分的价值：`value 100 points = 1 CNY`。"),
    "rounding": ("How exact points become whole points: `down`, `up`, `nearest` or `half-even`.",
                 "积分取整方式：`down`（舍去）、`up`（进一）、`nearest`（四舍五入）、`half-even`（银行家舍入）。"),
    "multipliers": ("How several multipliers on one award combine: `multiplying`, `adding` or `best`.",
                    "多个倍数同时适用时的叠加方式：`multiplying`（相乘）、`adding`（相加）、`best`（取最大）。"),
    "effective": ("The days the program earns on, both ends included.", "方案生效的日期（含首尾两天）。"),
    "event": ("A kind of event the host sends (a purchase, a sign-up …) and its fields.",
              "业务系统发送的事件类型（消费、注册……）及其字段。"),
    "record": ("The fields of one item of a list in an event, such as an order line.",
               "事件中列表的单项字段，如订单明细。"),
    "profile": ("The fields of a member's profile that the host sends beside the tier.",
                "业务系统随会员等级一起提供的会员资料字段。"),
    "tiers": ("The member tiers, lowest first, with their thresholds, multipliers and perks.",
              "会员等级（从低到高）及其门槛、倍数和权益。"),
    "expire": ("When earned points expire.", "积分的有效期。"),
    "pending": ("How long earned points wait before they can be used, such as a return window.",
                "积分可用前的等待期，如退货期。"),
    "rule": ("An earning rule: on which kind of event, under which condition, what it awards.",
             "积分规则：在哪类事件、满足什么条件时、奖励什么。"),
    "campaign": ("Rules that apply only on some days (a promotion), with an optional budget.",
                 "只在特定日期生效的规则（营销活动），可设预算。"),
    "cap": ("The most points one member can earn in a period, over every kind of event or those listed.",
            "单个会员在一个周期内可获得的积分上限（所有事件类型或所列类型）。"),
    "redeem": ("How points pay for an order: the minimum, the step, the share of the order, the limits.",
               "积分抵扣规则：最低积分、步长、最高抵扣比例、周期上限。"),
    "reward": ("An item of the points mall: its cost in points (and cash), limits, eligibility and stock.",
               "积分商城中的商品：所需积分（及现金）、限兑次数、兑换资格和库存。"),
    "check": ("A bound the lint proves before the program is deployed: `check return rate at most 8%`.",
              "部署前由 lint 验证的约束：`check return rate at most 8%`。"),
    "earn": ("Awards points: a number, per money or units spent, or the points the event carries.",
             "奖励积分：固定数量、按金额或数量计算，或事件携带的积分。"),
    "multiply": (("Multiplies the points the event earns on spending (with `including bonuses`, the flat "
                 "bonuses too)."), "将本次事件的消费积分乘以倍数（加 `including bonuses` 时固定奖励也计入）。"),
    "limit": ("How many times (or points) the rule awards one member per period, or ever.",
              "规则对每位会员在一个周期内（或永久）的奖励次数或积分上限。"),
    "when": ("The condition under which the rule, the award or the multiplier applies.", "规则、奖励或倍数生效的条件。"),
    "where": ("Which records of a list the spend counts: `items where category = \"shoes\"`.",
              "计算消费时只计入列表中满足条件的记录：`items where category = \"shoes\"`。"),
    "prorated": ("Counts a part of a block in proportion, not only full blocks.", "不足一个单位的部分按比例计算，而不是只计整单位。"),
    "every": ("The weekdays, days of the month or days of the year the campaign runs on.",
              "活动在每周、每月或每年的哪些日子进行。"),
    "budget": ("The most points the campaign awards in all.", "活动总共可发放的积分上限。"),
    "multiplier": ("The tier's multiplier on the points earned on spending.", "该等级对消费积分的倍数。"),
    "perks": ("What the tier's members get besides points, shown in the terms.", "该等级会员享有的权益，显示在积分规则（条款）中。"),
    "downgrade": ("How a member who no longer qualifies moves down: one level, or to the tier qualified for.",
                  "不再满足条件的会员如何降级：降一级，或降至符合条件的等级。"),
    "keep": ("How long a tier is kept once reached.", "达到等级后的保级时长。"),
    "campaigns": (("How the multipliers of campaigns running on the same day combine: `highest` (only the best "
                  "campaign's, the default) or `stacking` (all of them)."),
                  "同一天多个活动的倍数如何计算：`highest`（只取倍数最高的活动，默认）或 `stacking`（全部叠加）。"),
    "lifetime": (("Tiers qualified on everything the member ever did, however long ago; after a tier's "
                  "threshold, `or 1,000,000 points over lifetime` gives lifetime status beside the window."),
                 ("按会员入会以来的全部记录评定等级；写在等级门槛之后的 `or 1,000,000 points over lifetime` "
                  "表示终身会籍（与统计周期并存）。")),
    "called": ("What members call the points, Chinese then English: `points are called \"京豆\" / \"beans\"`.",
               "积分对会员的叫法，先中文后英文：`points are called \"京豆\" / \"beans\"`。"),
}


def keyword_at(text: str, offset: int) -> str | None:
    """The keyword the parser reads at ``offset`` (not a name spelt like one), if it has a meaning
    here; None past a syntax error before it."""
    for start, end, word in _keywords(text):
        if start > offset:
            return None
        if start <= offset <= end:
            return word
    return None


@lru_cache(maxsize=4)
def _keywords(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where the parser reads a keyword with a meaning, up to the first syntax error: parsed once
    per version of a document, however many hovers ask."""
    found = []
    try:
        for token in lark_parser().parse_interactive(text).iter_parse():
            if token.type != "NAME" and token.value in MEANINGS and token.start_pos is not None:
                found.append((token.start_pos, token.end_pos or token.start_pos, str(token.value)))
    except lark.exceptions.LarkError:
        pass
    return tuple(found)


def meaning(word: str, lang: str = "en") -> str:
    en, zh = MEANINGS[word]
    return f"`{word}`: {zh if lang == 'zh' else en}"
