"""Each lint rule: fires on the mistake it names, stays quiet on the fixed program."""

import datetime as dt
from pathlib import Path

import pointrules
from pointrules.check.lints import LintContext, lint

HEADER = ('program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\n'
          'event purchase { amount: money, channel: "app" | "store" }\nevent signup\nredeem { at most 100% of order }\n')
TODAY = dt.date(2026, 11, 23)


def codes(text: str, today: dt.date = TODAY) -> list[str]:
    return [d.code for d in lint(pointrules.loads(text), LintContext(today))]


def test_pr501_rule_of_an_ended_campaign_never_fires() -> None:
    text = HEADER + 'campaign c "旧活动" from 2025-11-01 to 2025-11-11 budget 1,000 points {\n  rule r "双倍" on purchase { multiply 2 }\n}\n'
    assert "PR501" in codes(text)
    assert "PR501" not in codes(text, today=dt.date(2025, 11, 5))


def test_pr501_campaign_on_dates_that_have_all_passed() -> None:
    text = HEADER + 'campaign c "店庆" on 2026-03-01, 2026-03-02 {\n  rule r "双倍" on purchase { multiply 2 }\n}\n'
    assert "PR501" in codes(text)
    assert "PR503" not in codes(text)  # dates alone end by themselves
    assert "PR501" not in codes(text, today=dt.date(2026, 3, 2))


def test_pr501_contradictory_condition() -> None:
    bad = HEADER + 'rule r "x" on purchase when channel = "app" and channel = "store" { earn 5 points }\n'
    good = HEADER + 'rule r "x" on purchase when channel = "app" or channel = "store" { earn 5 points }\n'
    assert "PR501" in codes(bad)
    assert "PR501" not in codes(good)
    bounds = HEADER + 'rule r "x" on purchase when amount > 500 CNY and amount < 100 CNY { earn 5 points }\n'
    assert "PR501" in codes(bounds)


def test_pr502_two_rules_award_the_same_thing() -> None:
    text = HEADER + 'rule a "甲" on signup { earn 100 points }\nrule b "乙" on signup { earn 100 points }\n'
    assert codes(text).count("PR502") == 1
    assert "PR502" not in codes(text.replace('rule b "乙" on signup { earn 100 points }', 'rule b "乙" on signup { earn 50 points }'))


def test_pr503_campaign_without_end_or_budget() -> None:
    text = HEADER + 'campaign c "会员日" every wednesday {\n  rule r "x" on purchase { multiply 2 }\n}\n'
    assert "PR503" in codes(text)
    assert "PR503" not in codes(text.replace("every wednesday", "every wednesday budget 10,000 points"))


def test_pr504_multiplier_above_ten() -> None:
    text = HEADER + 'rule r "x" on purchase { multiply 15 }\n'
    assert "PR504" in codes(text)
    assert "PR504" not in codes(text.replace("15", "1.5"))


def test_pr505_cap_lower_than_a_flat_award() -> None:
    text = HEADER + 'rule s "注册礼" on signup { earn 500 points }\ncap 100 points per day\n'
    assert "PR505" in codes(text)
    assert "PR505" not in codes(text.replace("cap 100", "cap 1,000"))


def test_pr506_tier_multipliers_fall() -> None:
    text = HEADER + 'tiers {\n  member "普通"\n  gold "金卡" multiplier 1.5\n  vip "VIP" multiplier 1.2\n}\n'
    assert "PR506" in codes(text)
    assert "PR506" not in codes(text.replace("1.2", "2"))


def test_pr507_expiry_missing() -> None:
    text = HEADER.replace("expire never\n", "")
    assert "PR507" in codes(text)
    assert "PR507" not in codes(HEADER)


def test_pr508_cases_missing(tmp_path: Path) -> None:
    f = tmp_path / "p.points"
    f.write_text(HEADER, encoding="utf-8")
    program = pointrules.load(f)
    assert [d.code for d in lint(program, LintContext(TODAY, f))] == ["PR508"]
    f.with_suffix(".cases.toml").write_text("", encoding="utf-8")
    assert lint(program, LintContext(TODAY, f)) == []


def test_pr509_label_missing() -> None:
    text = HEADER + "rule r on signup { earn 5 points }\n"
    assert codes(text) == ["PR509"]
    assert codes(text.replace("rule r on", 'rule r "注册礼" on')) == []
