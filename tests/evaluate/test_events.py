"""Event validation: every refusal names the event and the field, and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pointrules
from pointrules.events import EventError, loads_event, parse_event
from pointrules.interpreter import evaluate
from pointrules.state import MemoryState

from evaluate_helpers import HEADER

SHOP_LIKE = HEADER + '''
event purchase { amount: money, channel: "app" | "web", note: optional text }
event checkin { streak: count }
event referral { referee: member }
rule base on purchase { earn 1 point per 1 CNY of amount }
'''


@pytest.fixture(scope="module")
def program():
    return pointrules.loads(SHOP_LIKE)


def purchase(**fields):
    return {"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-02T10:00:00+08:00",
            "amount": "10.00", "channel": "app", **fields}


def refusal(program, data):
    with pytest.raises(EventError) as info:
        parse_event(program, data)
    return info.value


@pytest.mark.parametrize(("change", "field"), [
    ({"amount": None}, "amount"),
    ({"amount": "-1.00"}, "amount"),
    ({"amount": "1.001"}, "amount"),
    ({"amount": "1.500"}, "amount"),  # counted as written: three decimals
    ({"amount": True}, "amount"),
    ({"amount": "NaN"}, "amount"),
    ({"amount": Decimal("Infinity")}, "amount"),
    ({"amount": "ten"}, "amount"),
    ({"channel": "store"}, "channel"),
    ({"time": "2026-03-02T10:00:00"}, "time"),
    ({"time": "yesterday"}, "time"),
    ({"member": ""}, "member"),
    ({"kind": "refund"}, "kind"),
    ({"note": 5}, "note"),
])
def test_bad_purchase_names_the_field(program, change, field):
    data = {k: v for k, v in purchase(**change).items() if v is not None}
    error = refusal(program, data)
    assert (error.event_id, error.field) == ("e1", field)


def test_missing_id_is_refused_without_an_id(program):
    error = refusal(program, {k: v for k, v in purchase().items() if k != "id"})
    assert (error.event_id, error.field) == (None, "id")


@pytest.mark.parametrize("streak", [-1, 2.0, True, "3"])
def test_streak_must_be_a_whole_number_of_zero_or_more(program, streak):
    data = {"id": "c1", "kind": "checkin", "member": "m1", "time": "2026-03-02T10:00:00Z", "streak": streak}
    assert refusal(program, data).field == "streak"


def test_referee_must_be_a_member_id(program):
    data = {"id": "r1", "kind": "referral", "member": "m1", "time": "2026-03-02T10:00:00Z", "referee": ""}
    assert refusal(program, data).field == "referee"


def test_json_number_money_stays_exact(program):
    event = loads_event(program, '{"id": "e1", "kind": "purchase", "member": "m1", '
                                 '"time": "2026-03-02T10:00:00+08:00", "amount": 250.8, "channel": "web"}')
    assert event.fields["amount"] == Decimal("250.8")


def test_extra_fields_are_ignored_and_optional_fields_may_be_absent(program):
    event = parse_event(program, purchase(coupon="X1", source={"a": 1}))
    assert "coupon" not in event.fields and "note" not in event.fields


def test_bad_json_is_refused(program):
    with pytest.raises(EventError) as info:
        loads_event(program, '{"id": "e1", ')
    assert info.value.event_id is None


def test_yen_has_no_decimals():
    program = pointrules.loads(HEADER.replace("currency CNY", "currency JPY").replace("1 CNY", "1 JPY")
                               + "event purchase { amount: money }\n")
    assert parse_event(program, purchase(amount="1000", channel=None) | {"channel": "x"}).fields["amount"] == 1000
    assert refusal(program, purchase(amount="1000.5")).field == "amount"


def test_list_of_records_names_the_item(run):
    program = pointrules.loads(HEADER + '''
record item { sku: text, amount: money }
event purchase { items: list of item }
''')
    data = {"id": "b1", "kind": "purchase", "member": "m1", "time": "2026-03-02T10:00:00+08:00",
            "items": [{"sku": "a", "amount": "1.00"}, {"sku": "b", "amount": "-2"}]}
    assert refusal(program, data).field == "items[1].amount"


def test_duplicate_event_id_is_refused_and_never_pays_twice(program):
    state = MemoryState()
    event = parse_event(program, purchase())
    award, change = evaluate(program, event, state)
    state.apply(change)
    with pytest.raises(EventError) as info:
        evaluate(program, event, state)
    assert info.value.field == "id"
    assert sum(lot.points for lot in state.lots["m1"]) == 10
