"""Rule limits, member caps and campaign budgets as the Award and the state record them: the trim on
the line and the counters. What they mean in points is in tests/conformance/ (limits, caps,
campaigns), run through every backend."""

from __future__ import annotations

REVIEW = '''
event review { product: text }
event purchase { amount: money }
event signup
rule review "评价奖励" on review { earn 20 points
  limit 3 times per day }
'''


def test_the_fourth_review_of_a_day_says_why_it_earns_0(run):
    r = run(REVIEW)
    awards = [r("review", f"2026-03-02T0{i}:00:00+08:00", product="p") for i in range(4)]
    trim = awards[3].lines[0].trims[0]
    assert (trim.kind, trim.before, trim.after) == ("limit", 20, 0)


def test_a_firing_counts_even_when_a_cap_took_its_points(run):
    r = run(REVIEW + "cap 20 points per day")
    points = [r("review", f"2026-03-02T0{i}:00:00+08:00", product="p").points for i in range(4)]
    assert points == [20, 0, 0, 0]
    assert r.state.counter("m1", "rule:review:times:day", "2026-03-02") == 4


def test_a_campaign_budget_trim_and_its_use(run):
    r = run('event purchase { amount: money }\n'
            'rule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'campaign double "双倍" from 2026-11-01 to 2026-11-11 budget 150 points {\n'
            '  rule double on purchase { multiply 2 } }')
    r("purchase", "2026-11-05T10:00:00+08:00", member="a", amount="100")  # 200: caused 100
    second = r("purchase", "2026-11-06T10:00:00+08:00", member="b", amount="100")
    assert second.lines[0].trims[0].kind == "budget"  # 200 -> 150: 50 of the budget left
    r("purchase", "2026-11-07T10:00:00+08:00", member="c", amount="100")
    assert r.state.budget_used("double") == 150
