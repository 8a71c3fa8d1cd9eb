"""The checker's passes: a valid snippet of every construct gives no error, and each check fires
on the mistake it is for (and only that one)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import pointrules
from pointrules.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
HEADER = 'program "T"\ncurrency CNY\ntimezone "Asia/Shanghai"\n'
SCHEMAS = '''
event purchase {
  amount: money
  category: text
  channel: "app" | "web" | "store"
  items: list of item
  first_order: yesno
  delivered: optional date
}
record item { sku: text, category: text, amount: money, quantity: count }
event checkin { streak: count }
event referral { referee: member }
event review { product: text }
tiers { member  silver multiplier 1.2  gold multiplier 1.5  diamond multiplier 2 }
'''


def codes(body: str, header: str = HEADER + SCHEMAS) -> list[str]:
    return [d.code for d in pointrules.check(header + body, "t.points")]


def errors(body: str, header: str = HEADER + SCHEMAS) -> list[str]:
    return [d.code for d in pointrules.check(header + body, "t.points") if d.severity is Severity.ERROR]


# ---- valid constructs: no diagnostic at all ---------------------------------------------------
VALID = {
    "shop": "",
    "header": 'version 3\nvalue 100 points = 1 CNY\nrounding half-even\neffective from 2026-01-01 to 2026-12-31\n'
              "multipliers stack by best\n",
    "earn per block": "rule base on purchase { earn 10 points per 100 CNY of amount }",
    "earn prorated with fraction": "rule base on purchase { earn 2.5 points per 100 CNY of amount prorated }",
    "earn per yuan": "rule base on purchase { earn 1 point per CNY of amount }",
    "earn over items": 'rule e on purchase { earn 1 point per 1 CNY of items where category = "electronics" }',
    "earn over items.amount": "rule e on purchase { earn 1 point per 1 CNY of items.amount where quantity >= 2 }",
    "flat earn with condition": "rule c on checkin { earn 5 points  earn 50 points when streak % 7 = 0 }",
    "referral both sides": "rule r on referral { earn 100 points to member  earn 100 points to referee }",
    "multiply with condition": 'rule m on purchase { multiply 2 including bonuses when channel in ("app", "web") }',
    "limits": "rule r on review { earn 20 points  limit 3 times per day  limit 100 points per month  limit 1 time }",
    "rule expiry and pending": "rule r on review { earn 20 points  expire after 30 days  pending 7 days }",
    "tier condition": "rule v on purchase when tier >= gold and not first_order { earn 50 points }",
    "weekday and date": "rule w on purchase when weekday in (saturday, sunday) or date = 11-11 { earn 5 points }",
    "date range": "rule d on purchase when date from 2026-11-01 to 2026-11-11 { earn 5 points }",
    "day-of-year range": "rule d on purchase when date from 11-01 to 11-11 { earn 5 points }",
    "arithmetic": "rule a on purchase when amount * 2 - 10 CNY >= 100 and hour < 12 and day != 1 { earn 5 points }",
    "money ratio": "rule a on purchase when amount / 100 CNY > 3 { earn 5 points }",
    "yes/no field": "rule y on purchase when first_order { earn 50 points }",
    "optional date": "rule o on purchase when delivered >= 2026-01-01 { earn 5 points }",
    "campaigns": "campaigns combine by highest\n"
                 "campaign a from 2026-11-01 to 2026-11-11 budget 2,000,000 points { rule a on purchase { multiply 2 } }\n"
                 "campaign b every wednesday, friday { rule b on purchase when tier >= gold { multiply 1.5 } }\n"
                 "campaign c every month on day 1, 31 { rule c on purchase { multiply 2 } }\n"
                 "campaign d every year on 02-29, 11-11 { rule d on purchase { multiply 2 } }\n"
                 "campaign e on 2026-06-18, 2026-11-11 { rule e on purchase { multiply 2 } }\n"
                 "campaign f every year from 12-20 to 01-05 { rule f on purchase { multiply 2 } }",
    "caps": "cap 5,000 points per day\ncap 50,000 points per month on purchase, checkin\ncap 500 points per event",
    "expiry end after": "expire at end of quarter after 2 quarters\npending 7 days",
    "expiry inactive": "expire after 6 months without activity",
    "redeem": "redeem { minimum 500 points  step 100 points  at most 50% of order  at most 10,000 points per month }",
    "reward": 'reward coffee "咖啡" costs 500 points + 9.90 CNY { limit 2 per month  limit 10 times  for tier >= gold\n'
              "  available from 2026-01-01 to 2026-12-31  stock 1,000 }",
    "guard": "check return rate at most 8%",
}


@pytest.mark.parametrize("body", VALID.values(), ids=VALID.keys())
def test_valid_construct_has_no_diagnostic(body: str) -> None:
    assert codes(body) == []
    pointrules.loads(HEADER + SCHEMAS + body)  # and lowers


def test_qualified_tiers_are_valid() -> None:
    header = HEADER + "event purchase { amount: money }\n"
    for tiers in ("tiers by spend over last 12 months { member from 0 CNY  silver from 2,000 CNY  gold from 10,000.50 CNY"
                  "  downgrade one level  keep tier for 12 months }",
                  "tiers by points over this year { member from 0 points  gold from 5,000 points }",
                  "tiers by purchases over last 2 quarters { member from 0 purchases  gold from 12 purchases  vip from 30 purchases }"):
        assert codes(tiers, header) == []


def test_a_purchases_threshold_needs_its_unit_too() -> None:
    # a bare number would read the next tier's name as its unit, so it is never allowed
    header = HEADER + "event purchase { amount: money }\n"
    assert codes("tiers by purchases over last 2 quarters { member from 0 purchases  vip from 30 }", header) == ["PR206"]


def test_shop_example_has_no_diagnostic() -> None:
    text = (ROOT / "examples" / "shop.points").read_text("utf-8")
    assert pointrules.check(text, "examples/shop.points") == []


# ---- header ----------------------------------------------------------------------------------
def test_missing_header_items() -> None:
    assert codes("", "") == ["PR302", "PR302", "PR302"]
    assert codes("", 'program "T"\ncurrency CNY\n') == ["PR302"]


def test_header_items_given_twice() -> None:
    assert codes("rounding down\nrounding up\n") == ["PR301"]
    assert codes("expire never\nexpire after 12 months\n") == ["PR301"]
    assert codes("pending 7 days\npending 3 days\n") == ["PR301"]
    assert codes("tiers { a }\n") == ["PR301"]  # SCHEMAS already has tiers


def test_currency_and_time_zone() -> None:
    assert codes("", 'program "T"\ncurrency XYZ\ntimezone "UTC"\n') == ["PR303"]
    assert codes("", 'program "T"\ncurrency CNY\ntimezone "asia/shanghai"\n') == ["PR304"]
    for bad in ("../../etc/passwd", "/etc/localtime", "localtime", "Asia/Shanghai\\u0000", "", "Asia//Shanghai"):
        assert codes("", f'program "T"\ncurrency CNY\ntimezone "{bad}"\n') == ["PR304"], bad


def test_value_of_points() -> None:
    assert codes("value 0 points = 1 CNY") == ["PR307"]
    assert codes("value 100 points = 1 USD") == ["PR205"]
    assert codes("value 100 points = 0.001 CNY") == ["PR310"]
    assert codes("value 100.5 points = 1 CNY") == ["PR308"]


def test_effective_dates() -> None:
    assert codes("effective from 2026-12-31 to 2026-01-01") == ["PR306"]
    assert codes("effective from 2026-02-29") == ["PR305"]  # 2026 is not a leap year
    assert codes("effective from 2028-02-29") == []  # 2028 is


# ---- names and schemas ----------------------------------------------------------------------------
def test_duplicate_names_per_kind() -> None:
    assert codes("event checkin") == ["PR101"]
    assert codes("record item { amount: money }") == ["PR101"]
    assert codes("reward a costs 1 points\nreward a costs 2 points") == ["PR101"]
    # a rule and a campaign may share a name: different kinds
    assert codes("rule a on checkin { earn 1 point }\ncampaign a on 2026-11-11 { rule b on checkin { multiply 2 } }") == []


def test_field_names_and_types() -> None:
    assert codes("event e { id: text }") == ["PR106"]
    assert codes("event e { time: time }") == ["PR106"]
    assert codes("event e { hour: count }") == ["PR107"]
    assert codes("event e { a: boolean, b: bool, c: datetime, d: optional list of text }") == []
    assert codes("event e { a: list of thing }") == ["PR104"]
    assert codes("event e { a: integer }") == ["PR201"]
    assert codes('event e { a: "x" | "y" | "x" }') == ["PR108"]


def test_unknown_event_kinds() -> None:
    assert codes("rule a on purchases { earn 1 point }") == ["PR102"]
    assert codes("cap 10 points per day on signup") == ["PR102"]


# ---- conditions --------------------------------------------------------------------------------
@pytest.mark.parametrize(("condition", "expected"), [
    ("amont > 1 CNY", ["PR103"]),
    ("tier >= platinum", ["PR103"]),
    ("weekday = caturday", ["PR103"]),
    ("items.sku = \"a\"", ["PR109"]),
    ("amount = \"a\"", ["PR202"]),
    ("streak > 1", ["PR103"]),  # streak is a checkin field, not a purchase field
    ("tier = \"gold\"", ["PR202"]),
    ("weekday = \"monday\"", ["PR202"]),
    ("date = 2026-01-01 and time = 2026-01-01", ["PR202"]),
    ("items = 1", ["PR202"]),
    ("amount", ["PR203"]),
    ("gold", ["PR203"]),
    ("amount > 1 CNY and category", ["PR203"]),
    ("not category", ["PR203"]),
    ("category * 2 = 1", ["PR204"]),
    ("amount % 2 = 0", ["PR204"]),
    ("amount + 1 points > 1 CNY", ["PR204"]),
    ("amount * amount > 1 CNY", ["PR204"]),
    ("hour / 0 > 1", ["PR204"]),
    ("-category = 1", ["PR204"]),
    ("amount > 1 USD", ["PR205"]),
    ("amount > 1 yuan", ["PR206"]),
    ("channel = \"shop\"", ["PR207"]),
    ("channel not in (\"app\", \"shop\")", ["PR207"]),
    ("category < \"m\"", ["PR208"]),
    ("weekday > monday", ["PR208"]),
    ("date > 11-11", ["PR208"]),
    ("amount > 1.001 CNY", ["PR310"]),
    ("date = 02-30", ["PR305"]),
    ("amount from 500 CNY to 100 CNY", ["PR306"]),
    ("date from 12-20 to 01-05", ["PR306"]),
    ("date from 2026-01-01 to 11-11", ["PR202"]),
    ("first_order = yes", ["PR103"]),
    ("channel = app", ["PR103"]),
])
def test_condition_mistakes(condition: str, expected: list[str]) -> None:
    assert codes(f"rule r on purchase when {condition} {{ earn 1 point }}") == expected


def test_conditions_in_earn_multiply_and_where_are_checked() -> None:
    assert codes("rule r on purchase { earn 1 point when amont > 1 CNY }") == ["PR103"]
    assert codes("rule r on purchase { multiply 2 when tier > gld }") == ["PR103"]
    assert codes('rule r on purchase { earn 1 point per 1 CNY of items where categry = "a" }') == ["PR103"]
    # inside `where` the record's fields come first, and the event's are visible too
    assert codes('rule r on purchase { earn 1 point per 1 CNY of items where sku = "a" and channel = "app" }') == []


def test_rule_on_unknown_event_reports_only_the_event() -> None:
    assert codes("rule r on purchse when amont > 1 CNY { earn 1 point per 1 CNY of amont }") == ["PR102"]


def test_reward_condition_has_no_event() -> None:
    assert codes("reward r costs 1 points { for amount > 1 CNY }") == ["PR103"]
    assert codes("reward r costs 1 points { for tier >= gold and month = 12 }") == []


# ---- earn, multiply, limit ----------------------------------------------------------------------
def test_earn_numbers() -> None:
    assert codes("rule r on review { earn 0 points }") == ["PR307"]
    assert codes("rule r on review { earn 1.5 points }") == ["PR308"]
    assert codes("rule r on purchase { earn 1 point per 0 CNY of amount }") == ["PR307"]
    assert codes("rule r on purchase { earn 1 point per 0.005 CNY of amount }") == ["PR310"]


def test_earn_spend_base() -> None:
    assert codes("rule r on purchase { earn 1 point per 1 USD of amount }") == ["PR205"]
    assert codes("rule r on purchase { earn 1 point per 1 CNY of category }") == ["PR209"]
    assert codes("rule r on purchase { earn 1 point per 1 CNY of items.sku }") == ["PR209"]
    assert codes("rule r on purchase { earn 1 point per 1 CNY of items.price }") == ["PR103"]
    assert codes("rule r on purchase { earn 1 point per 1 CNY of amount.value }") == ["PR209"]
    assert codes('rule r on purchase { earn 1 point per 1 CNY of amount where sku = "a" }') == ["PR210"]
    no_money = HEADER + "event p { lines: list of line }\nrecord line { sku: text }\n"
    assert codes("rule r on p { earn 1 point per 1 CNY of lines }", no_money) == ["PR209"]


def test_beneficiary() -> None:
    assert codes("rule r on referral { earn 1 point to referrer }") == ["PR103"]
    assert codes("rule r on review { earn 1 point to product }") == ["PR111"]


def test_multipliers() -> None:
    assert codes("rule r on purchase { multiply 0 }") == ["PR307"]
    assert codes("rule r on purchase { multiply 0.9 }") == ["PR309"]
    assert errors("rule r on purchase { multiply 0.9 }") == []  # a warning only


def test_limits() -> None:
    assert codes("rule r on review { earn 1 point  limit 0 times }") == ["PR307"]
    assert codes("rule r on review { earn 1 point  limit 2.5 times }") == ["PR308"]
    assert codes("rule r on review { earn 1 point  limit 3 visits per day }") == ["PR206"]
    assert codes("rule r on review { earn 1 point  limit 3 times per fortnight }") == ["PR311"]
    assert codes("rule r on review { earn 1 point  limit 3 times per event }") == ["PR311"]


def test_rule_expiry_and_pending() -> None:
    assert codes("rule r on review { earn 1 point  pending 1 day  pending 2 days }") == ["PR301"]
    assert codes("rule r on review { earn 1 point  expire never  expire never }") == ["PR301"]
    assert codes("rule r on review { earn 1 point  expire after 12 moons }") == ["PR206"]


def test_rule_without_points_is_a_warning() -> None:
    assert codes("rule r on review { limit 1 time }") == ["PR324"]
    assert errors("rule r on review { limit 1 time }") == []


# ---- durations and expiry ---------------------------------------------------------------------------
@pytest.mark.parametrize(("line", "expected"), [
    ("pending 7", ["PR206"]),
    ("pending 7 fortnights", ["PR206"]),
    ("pending 0 days", ["PR307"]),
    ("pending 1.5 days", ["PR308"]),
    ("expire after 12 months without activity", []),
    ("expire at end of week", ["PR311"]),
    ("expire at end of years", ["PR311"]),
    ("expire at end of next year after 1 year", ["PR312"]),
    ("expire at end of year after 2 months", ["PR206"]),
    ("expire at end of year after 2", ["PR206"]),
    ("expire at end of month after 1 month", []),
    ("expire at end of year after 0 years", ["PR307"]),
])
def test_durations(line: str, expected: list[str]) -> None:
    assert codes(line) == expected


# ---- tiers ------------------------------------------------------------------------------------
def tier_codes(tiers: str) -> list[str]:
    return codes(tiers, HEADER + "event purchase { amount: money }\n")


def test_tier_checks() -> None:
    assert tier_codes("tiers { }") == ["PR313"]
    assert tier_codes("tiers { a  a }") == ["PR101"]
    assert tier_codes("tiers { a multiplier 1.2 multiplier 1.5 }") == ["PR301"]
    assert tier_codes("tiers { a multiplier 0 }") == ["PR307"]
    assert tier_codes("tiers { a multiplier 0.8 }") == ["PR309"]
    assert tier_codes("tiers by visits over last 12 months { a from 0 }") == ["PR314"]
    assert tier_codes("tiers by spend over last 12 moons { a from 0 CNY }") == ["PR311"]
    assert tier_codes("tiers by spend over this fortnight { a from 0 CNY }") == ["PR311"]
    assert tier_codes("tiers by spend over last 0 months { a from 0 CNY }") == ["PR307"]
    assert tier_codes("tiers by spend over last 12 months { a from 0 CNY  b }") == ["PR315"]
    assert tier_codes("tiers { a from 0 CNY }") == ["PR316"]
    assert tier_codes("tiers by spend over last 12 months { a from 0 CNY  b from 0 CNY }") == ["PR317"]
    assert tier_codes("tiers by spend over last 12 months { a from 10 CNY }") == ["PR318"]
    assert tier_codes("tiers { a  downgrade one level }") == ["PR319"]
    assert tier_codes("tiers by points over this year { a from 0 points  downgrade one level  downgrade to qualified tier }") \
        == ["PR301"]
    assert tier_codes("tiers by points over this year { a from 0 points  keep tier for 12 }") == ["PR206"]


def test_threshold_units_follow_the_metric() -> None:
    assert tier_codes("tiers by spend over this year { a from 0 CNY  b from 10 USD }") == ["PR205"]
    assert tier_codes("tiers by spend over this year { a from 0 CNY  b from 10 points }") == ["PR206"]
    assert tier_codes("tiers by spend over this year { a from 0 CNY  b from 10.001 CNY }") == ["PR310"]
    assert tier_codes("tiers by points over this year { a from 0 points  b from 10 CNY }") == ["PR206"]
    assert tier_codes("tiers by points over this year { a from 0 points  b from 10.5 points }") == ["PR308"]
    assert tier_codes("tiers by purchases over this year { a from 0 purchase  b from 3 purchases  c from 9 }") == ["PR206"]


# ---- campaigns, caps ---------------------------------------------------------------------------
def test_campaign_checks() -> None:
    assert codes("campaign c every funday { rule c on purchase { multiply 2 } }") == ["PR110"]
    assert codes("campaign c every month on day 0 { rule c on purchase { multiply 2 } }") == ["PR320"]
    assert codes("campaign c every month on day 1.5 { rule c on purchase { multiply 2 } }") == ["PR320"]
    assert codes("campaign c every year on 13-01 { rule c on purchase { multiply 2 } }") == ["PR305"]
    assert codes("campaign c on 2026-04-31 { rule c on purchase { multiply 2 } }") == ["PR305"]
    assert codes("campaign c from 2026-02-01 to 2026-01-01 { rule c on purchase { multiply 2 } }") == ["PR306"]
    assert codes("campaign c from 2026-01-01 to 2026-01-02 from 2026-02-01 to 2026-02-02 { rule c on purchase { multiply 2 } }") \
        == ["PR301"]
    assert codes("campaign c budget 1,000 CNY { rule c on purchase { multiply 2 } }") == ["PR206"]
    assert codes("campaign c budget 0 points { rule c on purchase { multiply 2 } }") == ["PR307"]
    assert codes("campaign c on 2026-11-11 { }") == ["PR321"]
    assert codes("campaign c on 2026-11-11 { rule c on purchase when tier > gld { multiply 2 } }") == ["PR103"]
    assert codes("campaign c every year from 11-01 to 11-31 { rule c on purchase { multiply 2 } }") == ["PR305"]
    assert codes("campaigns combine by highest\ncampaigns combine by stacking") == ["PR301"]  # given twice


def test_two_multiplying_campaigns_on_one_day_are_warned_until_the_program_says_how_they_combine() -> None:
    both = ("campaign a every wednesday { rule a on purchase { multiply 2 } }\n"
            "campaign b every year from 11-01 to 11-11 { rule b on purchase { multiply 3 } }")
    assert codes(both) == ["PR340"]  # 2026-11-04 is a Wednesday inside 11-01 to 11-11
    assert codes("campaigns combine by stacking\n" + both) == []
    assert codes("multipliers stack by best\n" + both) == []  # one factor applies anyway
    apart = ("campaign a every year on 06-18 { rule a on purchase { multiply 2 } }\n"
             "campaign b every year from 11-01 to 11-11 { rule b on purchase { multiply 3 } }")
    assert codes(apart) == []  # never the same day
    bonus = ("campaign a every wednesday { rule a on purchase { multiply 2 } }\n"
             "campaign b every year from 11-01 to 11-11 { rule b on purchase { earn 11 points } }")
    assert codes(bonus) == []  # one of them only earns: nothing to combine


def test_cap_checks() -> None:
    assert codes("cap 100 per day") == ["PR206"]
    assert codes("cap 0 points per day") == ["PR307"]
    assert codes("cap 1.5 points per day") == ["PR308"]
    assert codes("cap 100 points per days") == ["PR311"]


def test_two_caps_of_one_period_over_the_same_kinds_are_refused() -> None:
    # one counter per period and kinds (evaluate/caps.py): the second would count on the first's
    assert codes("cap 500 points per day\ncap 300 points per day") == ["PR332"]
    assert codes("cap 5 points per event\ncap 3 points per event") == ["PR332"]
    assert codes("cap 50 points per week on review, checkin\ncap 30 points per week on checkin, review") == ["PR332"]
    found = pointrules.check(HEADER + SCHEMAS + "cap 500 points per day\ncap 300 points per day\n", "t.points")
    line = (HEADER + SCHEMAS).count("\n") + 2  # the second cap's line, its `cap` at column 1
    assert [(d.code, d.line, d.column, d.notes) for d in found] == [
        ("PR332", line, 1, ("the first cap is `cap 500 points per day`",))]
    # another period, other kinds, or every kind beside some: each its own counter
    assert codes("cap 500 points per day\ncap 300 points per week\ncap 100 points per day on review\n"
                 "cap 90 points per day on review, checkin") == []


# ---- redemption, rewards, guards ---------------------------------------------------------------------
def test_redeem_checks() -> None:
    assert codes("redeem { minimum 500 }") == ["PR206"]
    assert codes("redeem { step 0 points }") == ["PR307"]
    assert codes("redeem { minimum 1 points  minimum 2 points }") == ["PR301"]
    assert codes("redeem { at most 50 of order }") == ["PR206"]
    assert codes("redeem { at most 0% of order }") == ["PR322"]
    assert codes("redeem { at most 100% of order }") == []
    assert codes("redeem { at most 5 points per week  at most 9 points per week }") == ["PR301"]
    assert codes("redeem { at most 5 points per weeks }") == ["PR311"]


def test_reward_checks() -> None:
    assert codes("reward r costs 500") == ["PR206"]
    assert codes("reward r costs 0 points") == ["PR307"]
    assert codes("reward r costs 1 points + 1 USD") == ["PR205"]
    assert codes("reward r costs 1 points + 0.001 CNY") == ["PR310"]
    assert codes("reward r costs 1 points { limit 2 points per month }") == ["PR206"]
    assert codes("reward r costs 1 points { limit 2 per fortnight }") == ["PR311"]
    assert codes("reward r costs 1 points { limit 2 per month  limit 3 per month }") == ["PR301"]
    assert codes("reward r costs 1 points { stock 0 }") == ["PR307"]
    assert codes("reward r costs 1 points { for tier >= gold  for tier >= silver }") == ["PR301"]
    assert codes("reward r costs 1 points { available from 2026-02-01 to 2026-01-01 }") == ["PR306"]


def test_guards() -> None:
    assert codes("check return rate at most 8%") == []
    assert codes("check churn at most 8%") == ["PR323"]
    assert codes("check return rate at most 8") == ["PR206"]
    assert codes("check return rate at most 101%") == ["PR322"]


# ---- messages -----------------------------------------------------------------------------------------
def test_messages_suggest_the_closest_name() -> None:
    [d] = pointrules.check(HEADER + SCHEMAS + "rule r on purchase when tier >= glod { earn 1 point }", "t")
    assert (d.message, d.help) == ("unknown tier `glod`", "did you mean `gold`?")
    [d] = pointrules.check(HEADER + SCHEMAS + 'rule r on purchase when channel = "ap" { earn 1 point }', "t")
    assert d.help == 'did you mean `"app"`?'


def test_user_text_is_made_safe_in_messages() -> None:
    # a zero-width space is allowed in a text (PR007 refuses U+202E) but shown escaped
    [d] = pointrules.check('program "T"\ncurrency CNY\ntimezone "Asia/\u200bShanghai"\n', "t")
    assert d.code == "PR304" and "\u200b" not in d.message and "\\u{200b}" in d.message


def test_checking_two_thousand_lines_is_fast() -> None:
    from pointrules.check.passes import PASSES
    from pointrules.syntax.parser import parse
    from pointrules.source import Source

    rules = "".join(f'rule r{i} on purchase when channel = "app" and amount >= {i} CNY and tier >= gold {{\n'
                    f"  earn {i + 1} points per 100 CNY of amount\n  multiply 2 when category = \"x\"\n}}\n"
                    for i in range(500))
    source = Source(HEADER + SCHEMAS + rules, "big.points")
    assert source.line_count > 2000
    tree, diagnostics = parse(source)
    assert tree is not None and diagnostics == []
    started = time.perf_counter()
    found = [d for run in PASSES for d in run(tree, source)]
    assert time.perf_counter() - started < 30  # generous: tests never fail on timing (bench/ measures)
    assert found == []
