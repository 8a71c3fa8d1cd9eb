"""Rule limits, member caps and campaign budgets, trimmed in that order."""

from __future__ import annotations

REVIEW = '''
event review { product: text }
event purchase { amount: money }
event signup
rule review "评价奖励" on review { earn 20 points
  limit 3 times per day }
'''


def test_the_fourth_review_of_a_day_earns_0_and_says_why(run):
    r = run(REVIEW)
    awards = [r("review", f"2026-03-02T0{i}:00:00+08:00", product="p") for i in range(4)]
    assert [a.points for a in awards] == [20, 20, 20, 0]
    trim = awards[3].lines[0].trims[0]
    assert (trim.kind, trim.before, trim.after) == ("limit", 20, 0)


def test_a_firing_counts_even_when_a_cap_took_its_points(run):
    r = run(REVIEW + "cap 20 points per day")
    points = [r("review", f"2026-03-02T0{i}:00:00+08:00", product="p").points for i in range(4)]
    assert points == [20, 0, 0, 0]
    assert r.state.counter("m1", "rule:review:times:day", "2026-03-02") == 4


def test_points_limit_per_month(run):
    r = run("event purchase { amount: money }\n"
            "rule base on purchase { earn 1 point per 1 CNY of amount\n limit 500 points per month }")
    assert r("purchase", "2026-03-02T10:00:00+08:00", amount="300").points == 300
    assert r("purchase", "2026-03-31T10:00:00+08:00", amount="300").points == 200  # 500 - 300 left
    assert r("purchase", "2026-04-01T10:00:00+08:00", amount="300").points == 300  # a new month


def test_daily_cap_per_member_in_the_program_zone(run):
    r = run(REVIEW + "rule base on purchase { earn 1 point per 1 CNY of amount }\ncap 1,000 points per day")
    assert r("purchase", "2026-03-02T10:00:00+08:00", amount="800").points == 800
    assert r("purchase", "2026-03-02T10:00:00-05:00", amount="800").points == 200  # 23:00 Shanghai, same day
    assert r("purchase", "2026-03-02T11:00:00-05:00", amount="800").points == 800  # 00:00 Shanghai next day
    assert r("purchase", "2026-03-02T12:00:00+08:00", member="m2", amount="800").points == 800  # own cap


def test_cap_per_event_and_on_listed_kinds(run):
    r = run(REVIEW + "rule base on purchase { earn 1 point per 1 CNY of amount }\n"
                     "rule signup on signup { earn 300 points }\n"
                     "cap 500 points per event on purchase")
    assert r("purchase", amount="800").points == 500
    assert r("purchase", amount="800").points == 500  # per event: no counter carries over
    assert r("signup").points == 300  # signup is not a listed kind


def test_cap_never_goes_below_zero(run):
    r = run(REVIEW + "rule signup on signup { earn 300 points }\ncap 250 points per week")
    assert r("signup", "2026-03-02T10:00:00+08:00").points == 250  # Monday
    assert r("signup", "2026-03-08T23:59:00+08:00").points == 0    # Sunday, same ISO week
    assert r("signup", "2026-03-09T00:00:00+08:00").points == 250  # next Monday


def test_campaign_budget_across_all_members_counts_the_extra_points_of_a_multiplier(run):
    r = run('event purchase { amount: money }\n'
            'rule base on purchase { earn 1 point per 1 CNY of amount }\n'
            'campaign double "双倍" from 2026-11-01 to 2026-11-11 budget 150 points {\n'
            '  rule double on purchase { multiply 2 } }')
    first = r("purchase", "2026-11-05T10:00:00+08:00", member="a", amount="100")
    assert first.points == 200  # 100 x 2; the campaign caused 100 extra
    second = r("purchase", "2026-11-06T10:00:00+08:00", member="b", amount="100")
    assert second.points == 150  # 200, but only 50 extra left in the budget -> 100 + 50
    assert second.lines[0].trims[0].kind == "budget"
    third = r("purchase", "2026-11-07T10:00:00+08:00", member="c", amount="100")
    assert third.points == 100  # budget spent: the base points are untouched
    assert r.state.budget_used("double") == 150


def test_campaign_budget_of_an_earning_campaign_rule(run):
    r = run('event signup\n'
            'campaign welcome from 2026-01-01 to 2026-12-31 budget 250 points {\n'
            '  rule welcome on signup { earn 100 points } }')
    assert [r("signup", member=f"m{i}").points for i in range(4)] == [100, 100, 50, 0]


def test_limits_apply_to_each_beneficiarys_own_counters(run):
    r = run('event referral { referee: member }\n'
            'rule referral on referral { earn 100 points to member\n earn 100 points to referee\n'
            ' limit 2 times per month }')
    assert r("referral", member="a", referee="x").totals == {"a": 100, "x": 100}
    assert r("referral", member="a", referee="y").totals == {"a": 100, "y": 100}
    assert r("referral", member="a", referee="z").totals == {"a": 0, "z": 100}  # a's third; z's first
