"""Campaigns on the same day (``campaigns combine by highest``, the default): what each evaluator
pays and what the explanation says, in English and Chinese. The days: 2026-11-11 and 2026-11-04
are Wednesdays inside 11-01 to 11-11; 2026-11-18 is a Wednesday after it."""

from __future__ import annotations

import pointrules

from evaluate_helpers import HEADER, BothEvaluators

PROGRAM = pointrules.loads(HEADER + '''
event purchase { amount: money }
rule base "消费积分" on purchase { earn 1 point per 1 CNY of amount }
rule app "App礼" on purchase { earn 10 points }
campaign member_day "会员日" every wednesday {
  rule member_day "会员日双倍" on purchase {
    multiply 2 including bonuses
    limit 1 time per month
  }
}
campaign double11 "双十一" every year from 11-01 to 11-11 {
  rule double11 "双十一三倍" on purchase { multiply 3 }
}
''')


def purchase(run: BothEvaluators, time: str, amount: str = "100") -> pointrules.evaluate.award.Award:
    return run.award({"id": run.next_id(), "kind": "purchase", "member": "m1", "time": time, "amount": amount})


def test_the_explanation_names_the_campaign_that_applied_and_the_one_outdone() -> None:
    run = BothEvaluators(PROGRAM)
    award = purchase(run, "2026-11-11T10:00:00+08:00")
    # base 100 x 3 = 300 (x2 outdone); the app bonus: only member_day reached it (including bonuses),
    # and member_day was outdone, so it stays 10, explained as outdone by another campaign
    assert award.points == 310
    assert award.explain("en") == (
        "+310 points for m1 (member): 消费积分 100 × 双十一三倍 ×3 = 300 (会员日双倍 ×2 outdone by 双十一三倍 ×3: "
        "campaigns of the same day do not stack) (on 100 CNY) + App礼 10 (会员日双倍 ×2 outdone by another "
        "campaign of the day). Usable from 2026-11-11 10:00; never expire (Asia/Shanghai).")
    assert award.explain("zh") == (
        "+310 积分（m1，member）：消费积分 100 × 双十一三倍 ×3 = 300（会员日双倍 ×2 被 双十一三倍 ×3 取代：同日活动不叠加）"
        "（消费 100 元） + App礼 10（会员日双倍 ×2 被同日另一活动取代）。2026-11-11 10:00 起可用，永久有效。")


def test_an_outdone_rule_that_only_multiplies_does_not_fire() -> None:
    run = BothEvaluators(PROGRAM)
    assert purchase(run, "2026-11-04T10:00:00+08:00").points == 310  # x3 wins; member_day's firing is not counted
    # the same month's next Wednesday, outside 11-01 to 11-11: member_day's one time a month is still there
    assert purchase(run, "2026-11-18T10:00:00+08:00").points == 220  # (100 + 10) x 2
    assert purchase(run, "2026-11-25T10:00:00+08:00").points == 110  # its time this month is used
