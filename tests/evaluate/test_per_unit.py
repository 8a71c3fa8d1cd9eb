"""Points per unit of a count (`earn 10 points per unit of cups`), each form through both
evaluators: the two must give the same outcome, and the number computed by hand in the comment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import pointrules
from pointrules.evaluate.award import Award, Units
from pointrules.evaluate.choice import NAMES

from evaluate_helpers import HEADER, BothEvaluators

SCHEMA = '''
record item { sku: text, category: text, amount: money, quantity: optional count }
event purchase {
  amount: money
  cups: count
  extra: optional count
  drinks: list of text
  items: list of item
}
tiers {
  member "会员"
  gold "金卡" multiplier 1.5
}
'''


class Both(BothEvaluators):
    """Events of this file's schema through both evaluators (evaluate_helpers.BothEvaluators)."""

    def __init__(self, rules: str, rounding: str = "down", cups_label: str | None = None) -> None:
        schema = SCHEMA.replace("cups: count", f'cups "{cups_label}": count') if cups_label else SCHEMA
        super().__init__(pointrules.loads(HEADER + f"rounding {rounding}\n" + schema + rules))

    def __call__(self, tier: str = "member", time: str = "2026-03-02T10:00:00+08:00", **fields: Any) -> Award:
        data = {"id": self.next_id(), "kind": "purchase", "member": "m1", "time": time, "amount": "10",
                "cups": 0, "drinks": [], "items": [], **fields}
        return self.award(data, tier)


def item(category: str, quantity: int | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"sku": "x", "category": category, "amount": "9.90"}
    if quantity is not None:
        fields["quantity"] = quantity
    return fields


def test_ten_points_per_cup():
    run = Both("rule cups on purchase { earn 10 points per unit of cups }")
    award = run(cups=3)
    assert award.points == 30  # 3 cups / 1 = 3 units x 10
    (line,) = award.lines
    assert (line.amount, line.base) == (3, Decimal(30))
    assert line.units == Units("cups", Decimal(10), Decimal(1))
    assert run(cups=0).points == 0  # a line of 0: nothing to count


def test_per_full_two_units():
    run = Both("rule cups on purchase { earn 10 points per 2 units of cups }")
    assert run(cups=5).points == 20  # floor(5 / 2) = 2 full pairs x 10
    assert run(cups=1).points == 0  # floor(1 / 2) = 0


def test_prorated_units_keep_the_fraction_until_rounding():
    run = Both("rule cups on purchase { earn 10 points per 2 units of cups prorated }")
    assert run(cups=5).points == 25  # 5 / 2 x 10 = 25 exactly
    run = Both("rule cups on purchase { earn 1 point per 2 units of cups prorated }", rounding="up")
    award = run(cups=3)
    assert award.lines[0].base == Decimal("1.5") and award.points == 2  # 3 / 2 x 1 = 1.5, rounded up


def test_fractional_points_per_unit():
    run = Both("rule cups on purchase { earn 2.5 points per unit of cups }")
    assert run(cups=3).points == 7  # 3 x 2.5 = 7.5, rounded down


def test_records_of_a_list_where_the_condition_holds():
    run = Both('rule coffee on purchase { earn 3 points per unit of items where category = "coffee" }')
    award = run(items=[item("coffee"), item("tea"), item("coffee"), item("coffee")])
    assert award.points == 9  # 3 coffee records x 3
    assert award.lines[0].units == Units("items", Decimal(3), Decimal(1))
    assert run(items=[item("tea")]).points == 0  # no record matches: a line of 0


def test_a_count_field_of_the_records_summed():
    run = Both('rule bottles on purchase { earn 1 point per 6 units of items.quantity where category = "water" }')
    # water: 4 + 9 = 13 bottles (the juice's 12 do not count); floor(13 / 6) = 2 cases x 1
    award = run(items=[item("water", 4), item("juice", 12), item("water", 9), item("water")])
    assert award.points == 2 and award.lines[0].amount == 13  # a water record without a quantity adds 0


def test_the_texts_of_a_list():
    run = Both("rule tasting on purchase { earn 2 points per unit of drinks }")
    assert run(drinks=["latte", "mocha", "latte"]).points == 6  # 3 texts x 2


def test_an_absent_optional_count_makes_no_line():
    run = Both("rule extra on purchase { earn 5 points per unit of extra }")
    assert run().lines == ()  # absent: nothing to count, as for an absent money field
    assert run(extra=2).points == 10  # 2 x 5


def test_multipliers_reach_a_per_unit_line_as_they_reach_points_per_money():
    run = Both('''
rule cups on purchase { earn 5 points per unit of cups }
rule bonus on purchase { earn 4 points }
rule double on purchase when cups >= 3 { multiply 2 }
''')
    award = run(tier="gold", cups=3)
    cups, bonus = award.lines
    assert cups.points == 45  # 3 x 5 = 15; x2 (double) x1.5 (gold) = 45
    assert bonus.points == 4  # a flat bonus: no multiplier without `including bonuses`
    assert award.points == 49


def test_limits_and_caps_trim_a_per_unit_line():
    run = Both('''
rule cups on purchase {
  earn 10 points per unit of cups
  limit 50 points per day
}
cap 35 points per event
''')
    assert run(cups=3).points == 30  # 3 x 10 = 30: under the cap and the limit
    award = run(cups=4, time="2026-03-02T11:00:00+08:00")
    assert award.points == 20  # 40; the rule's limit leaves 50 - 30 = 20 today, under the cap
    assert [t.kind for t in award.lines[0].trims] == ["limit"]
    award = run(cups=4, time="2026-03-03T10:00:00+08:00")
    assert award.points == 35  # the next day: 40, capped at 35 an event


def test_the_explanation_names_the_units():
    run = Both("rule cups \"按杯积分\" on purchase { earn 10 points per 2 units of cups }")
    award = run(cups=3, tier="gold")
    # floor(3 / 2) = 1 pair x 10 = 10; x1.5 (gold) = 15
    # `cups` has no label: the explanation says units, never the field's name
    assert "按杯积分 10 × 金卡 ×1.5 = 15 (10 per 2 units × 3 units)" in award.explain("en")
    assert "按杯积分 10 × 金卡 ×1.5 = 15（每 2 个 10 积分 × 数量 3 个）" in award.explain("zh")
    one = Both("rule cups on purchase { earn 5 points per unit of cups }")(cups=2)
    assert "cups 10 = 10 (5 per unit × 2 units)" in one.explain("en")
    # with a label, the units are named by it
    labelled = Both('rule cups "按杯积分" on purchase { earn 5 points per unit of cups }', cups_label="杯数")(cups=2)
    assert "按杯积分 10 = 10 (5 per unit × 2 杯数)" in labelled.explain("en")
    assert "按杯积分 10 = 10（每个 5 积分 × 杯数 2 个）" in labelled.explain("zh")


@pytest.mark.parametrize("name", NAMES)
def test_an_evaluator_below_the_level_refuses_the_clause(name: str):
    from pointrules.program import model

    program = pointrules.loads(HEADER + SCHEMA + "rule cups on purchase { earn 10 points per unit of cups }")
    with pytest.raises(model.NotImplementedByEvaluator, match="`SpendBase.counts`"):
        model.refuse_unimplemented(program, name, 1)  # as an evaluator of level 1 would
    model.refuse_unimplemented(program, name, model.LEVEL)
