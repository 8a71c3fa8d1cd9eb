"""Guards proved, refuted with a counterexample `pointrules eval` reproduces, or not proved. Every
expected figure is worked out by hand in the test's comment: 100 points = 1 CNY throughout, so a
point is worth 0.01 CNY and 1 point per yuan is a return rate of 1%."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import pointrules
from pointrules.cli import main
from pointrules.guards import bounds, prove

TODAY = dt.date(2026, 11, 1)
HEAD = """program "G"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding {rounding}
multipliers stack by multiplying
expire never
"""


def program(body: str, rounding: str = "down") -> pointrules.Program:
    return pointrules.loads(HEAD.format(rounding=rounding) + body)


def findings(p: pointrules.Program) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in prove(p, None, TODAY)]


PER_HUNDRED = """event purchase { amount: money }
tiers {
  member "会员"
  gold   "金卡" multiplier 1.5
}
rule base on purchase { earn 10 points per 100 CNY of amount }
"""


def test_ten_points_per_hundred_yuan_for_gold_return_at_most_0_15_percent() -> None:
    # 10 points per full 100 yuan x gold 1.5 = 15 points on 100 yuan = 0.15 CNY: 0.15%
    p = program(PER_HUNDRED + "check return rate at most 0.15%\n")
    assert bounds.rate_bound(p, "purchase").percent == Fraction(15, 100)
    assert findings(p) == []


def test_a_guard_below_the_worst_event_is_refuted_with_that_event() -> None:
    p = program(PER_HUNDRED + "check return rate at most 0.14%\n")
    [d] = prove(p, None, TODAY)
    assert d.code == "PR510" and d.severity is pointrules.Severity.ERROR
    assert d.message == "the return rate of `purchase` can reach 0.15%, above the 0.14% checked"
    assert "for a member of tier `gold`" in d.notes[0]


def test_a_flat_bonus_on_any_amount_has_no_bound() -> None:
    # 5 points on a purchase of any amount: at 0.01 CNY, 0.05 CNY back is 500%
    p = program("event purchase { amount: money }\nrule bonus on purchase { earn 5 points }\n"
                "check return rate at most 10%\n")
    bound = bounds.rate_bound(p, "purchase")
    assert bound.rate is None and "any amount" in (bound.why or "")
    [(code, message)] = findings(p)
    assert code == "PR510" and message == "the return rate of `purchase` can reach 500%, above the 10% checked"


def test_a_minimum_spend_bounds_a_flat_bonus() -> None:
    # 20 points from 50 yuan: 0.20 CNY on 50 = 0.4%; with 1 point a yuan (1%) on top: 1.4% at 50 yuan
    p = program("event purchase { amount: money }\nrule base on purchase { earn 1 point per 1 CNY of amount }\n"
                "rule bonus on purchase when amount >= 50 CNY { earn 20 points }\ncheck return rate at most 1.4%\n")
    bound = bounds.rate_bound(p, "purchase")
    assert bound.percent == Fraction(14, 10) and bound.amount == Decimal(50)
    assert findings(p) == []


def test_money_less_another_money_field_still_sets_the_minimum() -> None:
    # amount - shipping_fee >= 299 CNY: the amount is at least 299, so 100 points / 299 yuan
    p = program("event order { amount: money, shipping_fee: money }\n"
                "rule basket on order when amount - shipping_fee >= 299 CNY { earn 100 points }\n")
    bound = bounds.rate_bound(p, "order")
    assert bound.rate == Fraction(100, 299) / 100 and bound.amount == Decimal(299)


CAMPAIGNS = """event purchase {{ amount: money }}
rule base on purchase {{ earn 1 point per 1 CNY of amount }}
campaign a every year on 11-11 {{
  rule a on purchase {{ multiply 2 }}
}}
campaign b {schedule} {{
  rule b on purchase {{ multiply 2 }}
}}
"""


def test_campaigns_that_never_share_a_day_never_multiply_together() -> None:
    # 11-11 and 06-18: never the same day, so x2 at most: 2 points a yuan, 2%
    p = program(CAMPAIGNS.format(schedule="every year on 06-18"))
    assert bounds.rate_bound(p, "purchase").percent == 2


def test_campaigns_that_share_a_day_multiply_together_when_they_stack() -> None:
    # every Wednesday and 11-11, stacked: 2026-11-11 is a Wednesday, x2 x2 = 4 points a yuan, 4%
    p = program("campaigns combine by stacking\n" + CAMPAIGNS.format(schedule="every wednesday")
                + "check return rate at most 3%\n")
    assert bounds.rate_bound(p, "purchase").percent == 4
    [d] = [d for d in prove(p, None, TODAY) if d.code == "PR510"]
    assert "can reach 4%" in d.message and "on 2026-11-11" in d.notes[0]


def test_campaigns_that_combine_by_the_highest_multiply_once() -> None:
    # the default: on 2026-11-11 only one x2 applies, 2 points a yuan, 2%
    p = program(CAMPAIGNS.format(schedule="every wednesday") + "check return rate at most 2%\n")
    assert bounds.rate_bound(p, "purchase").percent == 2
    assert findings(p) == []


def test_stacked_campaigns_that_share_a_day_are_named_with_the_day() -> None:
    p = program("campaigns combine by stacking\n" + CAMPAIGNS.format(schedule="every wednesday"))
    assert [d.message for d in prove(p, None, TODAY) if d.code == "PR513"] == [
        "campaigns `a` and `b` both multiply `purchase` on 2026-11-11 (Wednesday): ×4 together"]
    highest = program(CAMPAIGNS.format(schedule="every wednesday"))
    assert [d for d in prove(highest, None, TODAY) if d.code == "PR513"] == []


def test_lines_on_records_add_up_only_where_one_record_meets_both() -> None:
    # base 1 a yuan on every item but gold, gold 1 per 2 yuan, cosmetics 1 more a yuan: a cosmetic
    # earns 2 a yuan, a gold item 0.5: 2 points a yuan at most (2%), not 2.5
    p = program("""event purchase { amount: money, items: list of item }
record item { category: text, price: money }
rule base on purchase { earn 1 point per 1 CNY of items where category != "gold" }
rule gold on purchase { earn 1 point per 2 CNY of items where category = "gold" }
rule cosmetics on purchase { earn 1 point per 1 CNY of items where category = "cosmetics" }
""")
    assert bounds.rate_bound(p, "purchase").percent == 2


def test_rounding_up_a_proportional_line_pays_a_point_on_the_smallest_amount() -> None:
    # 1 point per 10 CNY prorated, rounded up: 0.01 CNY earns ceil(0.001) = 1 point, 100%
    p = program("event purchase { amount: money }\n"
                "rule base on purchase { earn 1 point per 10 CNY of amount prorated }\n"
                "check return rate at most 1%\n", rounding="up")
    [(code, message)] = [f for f in findings(p) if f[0] != "PR512"]
    assert code == "PR510" and message == "the return rate of `purchase` can reach 100%, above the 1% checked"


def test_rounding_to_the_nearest_doubles_a_proportional_line_at_half_a_point() -> None:
    # 1.5 points a yuan prorated: bound 1.5% + half a point once the exact points reach a half, at
    # 0.34 CNY (0.51 points): 0.5 / 0.34 = 1.47 points a yuan more
    p = program("event hotel { amount: money }\n"
                "rule hotel on hotel { earn 15 points per 10 CNY of amount prorated }\n", rounding="nearest")
    bound = bounds.rate_bound(p, "hotel")
    assert bound.amount == Decimal("0.34")
    assert bound.rate == (Fraction(3, 2) + Fraction(1, 2) / Fraction("0.34")) / 100


def test_points_per_cup_are_bounded_by_a_price_per_cup() -> None:
    # 5 points a cup, a cup at least 10 yuan: at most 0.5 points a yuan, 0.5%
    p = program("event purchase { amount: money, cups: count }\n"
                "rule cups on purchase when amount >= cups * 10 CNY { earn 5 points per unit of cups }\n")
    assert bounds.rate_bound(p, "purchase").percent == Fraction(1, 2)


def test_a_rule_condition_and_an_earn_condition_both_bound_the_cups() -> None:
    # `when amount >= cups * 10 CNY` on the rule and `when cups <= 4` on the earn: both are read (they
    # are joined with `and`; joining them once raised a TypeError, a traceback from `pointrules lint`)
    p = program("event purchase { amount: money, cups: count }\n"
                "rule cups on purchase when amount >= cups * 10 CNY {\n"
                "  earn 5 points per unit of cups when cups <= 4\n}\n")
    assert bounds.rate_bound(p, "purchase").percent == Fraction(1, 2)  # 5 points per 10 yuan at most: 0.5%


def test_points_per_cup_without_a_price_are_bounded_only_by_a_cap() -> None:
    # nothing bounds the cups of a 15-yuan order; the daily cap of 2,000 points does: 20 CNY on 15
    body = ("event purchase { amount: money, cups: count }\n"
            "rule cups on purchase when amount >= 15 CNY { earn 5 points per unit of cups }\n")
    unbounded = program(body)
    assert bounds.rate_bound(unbounded, "purchase").rate is None
    capped = program(body + "cap 2,000 points per day\ncheck return rate at most 13%\n")
    assert bounds.rate_bound(capped, "purchase").rate == Fraction(2000, 100) / 15
    [d] = prove(capped, None, TODAY)
    assert d.code == "PR510" and "can reach 133.33%" in d.message and '"cups": 1000' in d.notes[1]


def test_a_daily_cap_proves_the_points_of_a_day() -> None:
    p = program("event checkin\nrule c on checkin { earn 5 points }\ncap 100 points per day\n"
                "check points per member per day at most 100 points\n")
    assert findings(p) == []


def test_without_a_cap_a_day_of_repeated_events_refutes_the_daily_guard() -> None:
    # 5 points a check-in, no cap, no limit: the 21st check-in makes 105 points
    p = program("event checkin\nrule c on checkin { earn 5 points }\n"
                "check points per member per day at most 100 points\n")
    [d] = prove(p, None, TODAY)
    assert d.message == "a member can earn 105 points in a day, above the 100 checked"
    assert "sent 21 times in one day" in d.notes[0]


def test_what_one_event_costs() -> None:
    # a review earns 10 + 20 points: 0.30 CNY; a signup 100 points: 1.00 CNY
    p = program("event review { photos: yesno }\nevent signup\n"
                "rule r on review { earn 10 points\n earn 20 points when photos }\n"
                "rule s on signup { earn 100 points }\n"
                "check review costs at most 0.30 CNY\ncheck signup costs at most 0.99 CNY\n")
    [(code, message)] = findings(p)
    assert code == "PR510" and message == "one `signup` can cost 1.00 CNY, above the 0.99 CNY checked"


def test_the_counterexample_is_reproduced_by_eval(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.points"
    path.write_text(HEAD.format(rounding="down") + PER_HUNDRED + "check return rate at most 0.14%\n", "utf-8")
    assert main(["lint", str(path), "--format", "json", "--today", TODAY.isoformat()]) == 1
    [finding] = [d for d in json.loads(capsys.readouterr().out)["diagnostics"] if d["code"] == "PR510"]
    command = next(n for n in finding["notes"] if n.startswith("reproduce it: "))
    event, member = re.findall(r"'(\{.*?\})'", command)
    assert main(["eval", str(path), "--event", event, "--member", member]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    # the figure of the finding: 15 points (0.15 CNY) on the event's amount
    assert row["points"] * Fraction(1, 100) / Fraction(json.loads(event)["amount"]) == Fraction(15, 10000)


# ---- split orders (PR512) -------------------------------------------------------------------------
SPLIT = """event purchase { amount: money }
rule base on purchase { earn 1 point per 1 CNY of amount }
"""


def split_findings(body: str, rounding: str = "down") -> list[str]:
    return [d.message for d in prove(program(SPLIT + body, rounding), None, TODAY) if d.code == "PR512"]


def test_a_bonus_with_a_low_minimum_pays_more_on_split_orders() -> None:
    # 20 points from 10 yuan: 20 yuan whole earns 20 + 20 = 40, two orders of 10 earn 2 x 30 = 60:
    # 20 points (0.20 CNY) more, 1% of the order
    assert split_findings("rule bonus on purchase when amount >= 10 CNY { earn 20 points }\n") == [
        "splitting a `purchase` of 20 CNY into 2 of 10 CNY earns 60 points instead of 40"]


def test_a_bonus_once_a_day_gains_nothing_from_a_split() -> None:
    assert split_findings("rule bonus on purchase when amount >= 10 CNY {\n earn 20 points\n limit 1 time per day\n}\n") == []


def test_a_bonus_worth_less_than_a_percent_of_the_order_is_not_reported() -> None:
    # 5 points on orders from 100 yuan: splitting 200 gains 5 points, 0.05 CNY on 200 (0.025%)
    assert split_findings("rule bonus on purchase when amount >= 100 CNY { earn 5 points }\n") == []


def test_a_cap_per_order_is_escaped_by_split_orders() -> None:
    # 10 points a yuan, at most 500 an order (reached at 50 yuan): 100 yuan earns 500 whole, two
    # orders of 50 earn 1,000: 5.00 CNY more, 5% of the order
    p = program("event purchase { amount: money }\nrule base on purchase { earn 10 points per 1 CNY of amount }\n"
                "cap 500 points per event\n")
    assert [d.message for d in prove(p, None, TODAY) if d.code == "PR512"] == [
        "splitting a `purchase` of 100 CNY into 2 of 50 CNY earns 1,000 points instead of 500"]


def test_rounding_up_small_orders_is_a_split_gain() -> None:
    # 1 point per 10 yuan prorated, rounded up: 0.02 CNY earns 1 point, two orders of 0.01 earn 2
    p = program("event purchase { amount: money }\n"
                "rule base on purchase { earn 1 point per 10 CNY of amount prorated }\n", rounding="up")
    assert [d.message for d in prove(p, None, TODAY) if d.code == "PR512"] == [
        "splitting a `purchase` of 0.02 CNY into 2 of 0.01 CNY earns 2 points instead of 1"]


def test_tier_points_have_no_value_in_the_return_rate() -> None:
    # examples/airline.points: tier points (1,000 for a long haul, 200 a night) are never spent, so
    # only spendable points count: a hotel's 2 points a yuan × platinum's 2 = 4 points a yuan, worth
    # 4 fen: 4%; a flight's 1 point a yuan × 2 = 2%
    airline = pointrules.load(Path(__file__).resolve().parents[2] / "examples" / "airline.points")
    assert bounds.rate_bound(airline, "hotel").rate == Fraction(4, 100)
    assert bounds.rate_bound(airline, "flight").rate == Fraction(2, 100)
    assert [d for d in prove(airline, None, TODAY) if d.code in ("PR510", "PR511")] == []


def test_every_example_carries_guards_that_hold() -> None:
    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.points"))
    for path in examples:
        example = pointrules.load(path)
        assert example.guards, f"{path.name} has no `check`"
        assert [d.message for d in prove(example, None, TODAY) if d.code in ("PR510", "PR511")] == [], path.name
