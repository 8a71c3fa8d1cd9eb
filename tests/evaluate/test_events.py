"""Event validation through ``parse_event`` and ``loads_event``: what the cases format cannot send
(an event without an id, extra fields, JSON that does not parse, a JSON number read exactly). Which
events are refused, for which field, duplicate ids included, is in tests/conformance/events.toml,
run through every backend."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pointrules
from pointrules.events import EventError, loads_event, parse_event

from evaluate_helpers import HEADER

SHOP_LIKE = HEADER + '''
event purchase { amount: money, channel: "app" | "web", note: optional text }
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


def test_missing_id_is_refused_without_an_id(program):
    error = refusal(program, {k: v for k, v in purchase().items() if k != "id"})
    assert (error.event_id, error.field) == (None, "id")


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
