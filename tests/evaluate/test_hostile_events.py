"""Hostile events (issue 16): one spelling of a time, money without a sign, numbers bounded both
ways, text that is valid Unicode, profiles that are objects. Each refusal names its field; the
expected points are computed by hand in the comments."""

from __future__ import annotations

import decimal
import io
import json
from decimal import Decimal

import pytest

import pointrules
from pointrules.evaluate import reference as interpreter
from pointrules.events import (
    MAX_LINE_BYTES, EventError, LongLine, loads_event, parse_event, read_lines, read_time,
)
from pointrules.stream.simulate import Rejection, read_members, simulate
from pointrules.state.memory import MemoryState

from evaluate_helpers import HEADER, ROOT

COFFEE = pointrules.load(ROOT / "examples" / "coffee.points")
EVALUATORS = [interpreter.evaluate, pointrules.evaluate]


def cup(time: str, **more: object) -> dict:
    """One latte of 33.50 CNY at a store: floor(33.50) = 33 × 2 = 66 for spend, 5 for the cup
    (33.50 ≥ 15), and 10 early-bird points when the local hour is 7, 8 or 9."""
    return {"id": "e1", "kind": "purchase", "member": "m1", "time": time, "amount": "33.50", "cups": 1,
            "drinks": ["latte"], "channel": "store", "store": "SH001", **more}


def points(program: pointrules.Program, data: dict, evaluate=interpreter.evaluate) -> int:
    award, _ = evaluate(program, parse_event(program, data), MemoryState(zone=program.timezone))
    return sum(award.totals.values())


def refusal(program: pointrules.Program, data: object) -> EventError:
    with pytest.raises(EventError) as info:
        parse_event(program, data)
    return info.value


# ---- 1. the one spelling of an event time ------------------------------------------------------
@pytest.mark.parametrize("time, expected", [
    ("2026-05-01T10:00:00+08:00", 71),  # 10 o'clock: 66 + 5, not early
    ("2026-05-01T09:59:59+08:00", 81),  # 9 o'clock: 66 + 5 + 10
    ("2026-05-01T09:59+08:00", 81),  # seconds may be left out (Java writes 09:59+08:00)
    ("2026-05-01T09:59:59.999999999+08:00", 81),  # a fraction of up to 9 digits, dropped: 09:59:59
    ("2026-05-01T01:59:59Z", 81),  # 01:59:59 UTC is 09:59:59 in Shanghai
    ("2026-05-01T01:59:59.5Z", 81),
    ("2026-05-01T02:00:00-00:00", 71),  # -00:00 is UTC too: 10:00 in Shanghai
])
def test_an_event_time_in_its_one_spelling_earns_by_its_local_hour(time, expected):
    for evaluate in EVALUATORS:
        assert points(COFFEE, cup(time), evaluate) == expected


@pytest.mark.parametrize("time", [
    "2026-05-01T10:00:00+08:00:30",  # an offset with seconds: was read as 09:59:30 and earned early-bird points
    "2026-05-01T10:00:00 +08:00",  # a space before the offset
    "2026-05-01 10:00:00+08:00",  # a space for the T
    "2026-05-01t10:00:00+08:00", "2026-05-01T10:00:00z",  # T and Z in capitals only
    "2026-05-01T10:00:00+0800", "2026-05-01T10:00:00+08",  # offsets are ±HH:MM
    "20260501T100000+08:00", "2026-W18-5T10:00:00+08:00",  # other ISO 8601 shapes
    "2026-05-01T10:00:00,5+08:00",  # a comma before the fraction
    "2026-05-01T10:00:00.1234567890+08:00",  # ten digits of fraction
    "2026-05-01T10+08:00",  # hours alone
    "2026-05-01T23:59:60+08:00",  # a leap second
    "2026-05-01T24:00:00+08:00", "2026-05-01T10:00:00+24:00", "2026-02-30T10:00:00+08:00",
    "２０２６-05-01T10:00:00+08:00",  # full-width digits
    "2026-05-01T10:00:00+08:00\n",
])
def test_other_time_spellings_are_refused_naming_time(time):
    error = refusal(COFFEE, cup(time))
    assert (error.event_id, error.field) == ("e1", "time")


def test_a_time_without_offset_says_so():
    assert refusal(COFFEE, cup("2026-05-01T10:00:00.5")).message.endswith("has no UTC offset; add one, e.g. +08:00")


def test_read_time_drops_the_fraction_and_keeps_the_offset():
    instant = read_time("2026-05-01T09:59:59.999+08:00")
    assert instant is not None and instant.isoformat() == "2026-05-01T09:59:59+08:00"
    assert read_time("2026-05-01T10:00:00+08:00:30") is None and read_time(20260501) is None


# ---- 2. money carries no sign; times show whole seconds ----------------------------------------
@pytest.mark.parametrize("amount", ["-0", "-0.00", Decimal("-0.00"), -0.0, "-1"])
def test_money_with_a_minus_sign_is_refused_even_for_zero(amount):
    error = refusal(COFFEE, cup("2026-05-01T10:00:00+08:00", amount=amount))
    assert (error.event_id, error.field) == ("e1", "amount")


def test_the_json_integer_minus_zero_is_read_as_zero():
    # json reads -0 as the int 0 before any check can see the sign: 0 CNY, so spend 0 and no cup
    # points (0 < 15): the event earns 0
    line = json.dumps(cup("2026-05-01T10:00:00+08:00")).replace('"33.50"', "-0")
    event = loads_event(COFFEE, line)
    assert event.fields["amount"] == 0 and not event.fields["amount"].is_signed()


def test_a_number_may_be_minus_zero():
    program = pointrules.loads(HEADER + "event weigh { weight: number }\nrule r on weigh when weight = 0 { earn 1 point }\n")
    assert points(program, {"id": "w", "kind": "weigh", "member": "m1", "time": "2026-03-02T10:00:00Z",
                            "weight": "-0"}) == 1


def test_a_fraction_of_a_second_never_reaches_a_row():
    # 10:00:00.5 is read as 10:00:00; six months later, 2026-11-01 10:00:00, is the first instant
    # no longer valid, so the row shows 09:59:59 (the last valid second)
    rows: list[dict] = []
    simulate(COFFEE, [json.dumps(cup("2026-05-01T10:00:00.5+08:00"))], on_row=rows.append)
    assert (rows[0]["available"], rows[0]["expires"]) == ("2026-05-01T10:00:00+08:00", "2026-11-01T09:59:59+08:00")


# ---- 3. numbers bounded both ways; arithmetic never traps --------------------------------------
WEIGH = pointrules.loads(HEADER + '''
event weigh { weight: number }
rule light on weigh when 1 / weight > 5 { earn 1 point }
rule square on weigh when -(weight * weight) = 0 - weight * weight { earn 10 points }
''')


def weigh(weight: object) -> dict:
    return {"id": "w1", "kind": "weigh", "member": "m1", "time": "2026-03-02T10:00:00+08:00", "weight": weight}


@pytest.mark.parametrize("weight", [Decimal("1e-999999999"), "0.0000000000000000001", Decimal("0E-19"),
                                    Decimal("1E+18"), "1" + "0" * 18])
def test_a_number_beyond_18_digits_either_side_of_the_point_is_refused(weight):
    error = refusal(WEIGH, weigh(weight))
    assert (error.event_id, error.field) == ("w1", "weight")


def test_the_json_line_with_a_tiny_weight_is_refused_not_a_crash():
    line = json.dumps(weigh(0)).replace('"weight": 0', '"weight": 1e-999999999')
    with pytest.raises(EventError) as info:
        loads_event(WEIGH, line)
    assert info.value.field == "weight" and "999,999,999 decimals" in info.value.message


@pytest.mark.parametrize("weight, expected", [
    ("0.000000000000000001", 11),  # 1 / 10^-18 = 10^18 > 5: 1; the square is exact: 10; 11
    (Decimal("1E-18"), 11),
    ("0.5", 10),  # 1 / 0.5 = 2, not > 5: 0; 10
    ("999999999999999999.999999999999999999", 10),  # 36 digits: 1 / w ≈ 10^-18: 0; its square has 72
    ("123456789.123456789", 10),  # digits, rounded alike on both sides at 60: 10
])
def test_numbers_at_the_limits_earn_alike_in_both_evaluators(weight, expected):
    for evaluate in EVALUATORS:
        assert points(WEIGH, weigh(weight), evaluate) == expected


def test_the_host_decimal_context_changes_nothing():
    # Condition arithmetic runs in its own context: a host's 5 digits with every trap set neither
    # rounds 1 / 0.000000000000000001 nor raises Inexact.
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        for evaluate in EVALUATORS:
            assert points(WEIGH, weigh("123456789.123456789"), evaluate) == 10


def test_arithmetic_out_of_range_gives_no_value():
    from pointrules.evaluate.conditions import arithmetic as arith

    assert arith("*", Decimal("9e999999"), 10) is None  # past the context's 10^999999
    assert arith("%", Decimal("1e100"), Decimal("7")) is None  # a remainder of a 101-digit quotient
    assert arith("/", 1, 0) is None
    assert arith("/", Decimal("1"), Decimal("1E-18")) == Decimal("1E+18")


# ---- 4. text must be valid Unicode --------------------------------------------------------------
LISTS = pointrules.loads(HEADER + '''
record line { sku: text, price: money }
event order { note: optional text, tags: list of text, lines: list of line, referee: optional member }
rule r on order { earn 1 point }
''')


def order(**more: object) -> dict:
    return {"id": "o1", "kind": "order", "member": "m1", "time": "2026-03-02T10:00:00+08:00",
            "tags": ["a"], "lines": [{"sku": "s1", "price": "1.00"}], **more}


@pytest.mark.parametrize("change, event_id, field", [
    ({"id": "\ud800"}, None, "id"),
    ({"id": "e\udfff1"}, None, "id"),
    ({"member": "\ud800"}, "o1", "member"),
    ({"note": "hi \udc00"}, "o1", "note"),
    ({"referee": "\ud83d"}, "o1", "referee"),
    ({"tags": ["a", "\ud800"]}, "o1", "tags[1]"),
    ({"lines": [{"sku": "s1", "price": "1.00"}, {"sku": "\ud800", "price": "1.00"}]}, "o1", "lines[1].sku"),
])
def test_a_lone_surrogate_in_any_text_is_refused_naming_the_field(change, event_id, field):
    error = refusal(LISTS, order(**change))
    assert (error.event_id, error.field) == (event_id, field)
    assert "lone surrogate" in error.message and "\\u{d" in error.message  # shown escaped
    str(error).encode("utf-8")  # printable anywhere


def test_a_surrogate_pair_is_a_character_and_welcome():
    event = loads_event(LISTS, json.dumps(order(note="\U0001F600")))  # json writes "\ud83d\ude00"
    assert event.fields["note"] == "\U0001F600"


def test_an_unknown_kind_holding_a_surrogate_is_refused_printably():
    error = refusal(LISTS, order(kind="\ud800"))
    assert error.field == "kind"
    str(error).encode("utf-8")


def test_an_error_message_never_carries_control_characters():
    error = refusal(LISTS, order(id="a\x1b]0;pwned\x07\nline 9: event x", note=5))
    assert error.event_id == "a\x1b]0;pwned\x07\nline 9: event x"  # the id itself stays exact
    assert str(error).isprintable() and "\\u{001b}" in str(error)


# ---- 5. profiles are objects; a byte-order mark is named ----------------------------------------
SHOP = pointrules.load(ROOT / "examples" / "shop.points")
SIGNUP = {"id": "s1", "kind": "signup", "member": "m1", "time": "2026-03-02T10:00:00+08:00"}


@pytest.mark.parametrize("profile", ["gold", ["gold"], 5])
def test_a_profile_that_is_not_an_object_is_refused_before_the_stream(profile):
    with pytest.raises(ValueError, match="member `m1`: a member profile must be an object"):
        simulate(SHOP, [json.dumps(SIGNUP)], profiles={"m1": profile})


@pytest.mark.parametrize("evaluate", EVALUATORS, ids=["interpreter", "compiled"])
@pytest.mark.parametrize("profile", ["gold", ["gold"], 0])
def test_a_profile_that_is_not_an_object_is_an_event_error_of_the_member_in_both_evaluators(evaluate, profile):
    with pytest.raises(EventError) as info:
        evaluate(SHOP, parse_event(SHOP, SIGNUP), MemoryState(zone=SHOP.timezone), profile=profile)
    assert info.value.field == "member"
    state = MemoryState(zone=SHOP.timezone, profiles={"m1": profile})  # a host's own state, the same
    with pytest.raises(EventError):
        evaluate(SHOP, parse_event(SHOP, SIGNUP), state)


@pytest.mark.parametrize("line, message", [
    ('{"id": "m1", "tier": ["gold"]}', "members line 1: `tier` must be the text name of a tier"),
    ('{"id": "m1", "tier": {}}', "members line 1: `tier` must be the text name of a tier"),
    ('{"id": "m1", "tier": "gold", "name": "\\ud800"}', "members line 1: `\\u{d800}` is not valid Unicode"),
    ('{"id": "\\ud800"}', "members line 1: `\\u{d800}` is not valid Unicode"),
    ("[" * 100_000, "members line 1: not valid JSON"),
    ('\ufeff{"id": "m1"}', "members line 1: not valid JSON (it starts with a byte-order mark, U+FEFF)"),
])
def test_a_bad_members_line_is_a_value_error_naming_the_line(line, message):
    with pytest.raises(ValueError) as info:
        read_members(SHOP, [line])
    assert str(info.value).startswith(message)


def test_a_byte_order_mark_is_dropped_at_the_start_of_a_file_and_named_elsewhere():
    text = b"\xef\xbb\xbf" + json.dumps(SIGNUP).encode() + b"\n\xef\xbb\xbf" + json.dumps({**SIGNUP, "id": "s2"}).encode()
    rejections: list[Rejection] = []
    summary = simulate(SHOP, read_lines(io.BytesIO(text)), on_reject=rejections.append)
    assert summary.accepted == 1
    assert [(r.line, r.field) for r in rejections] == [(2, "-")]
    assert rejections[0].message.startswith("the line starts with a byte-order mark (U+FEFF)")
    assert read_members(SHOP, read_lines(io.BytesIO(b'\xef\xbb\xbf{"id": "m1", "tier": "gold"}\n'))) == {
        "m1": {"id": "m1", "tier": "gold"}}


# ---- 6. a line's length is bounded while it is read --------------------------------------------
def test_read_lines_bounds_a_line_without_keeping_it():
    lines = list(read_lines(io.BytesIO(b"12345\n123456\n1234567\n123456"), limit=6))
    assert lines[:2] == [b"12345\n", b"123456\n"]  # the newline is not counted
    assert isinstance(lines[2], LongLine) and lines[2].length == 7
    assert lines[3] == b"123456"  # the last line, without a newline


def test_a_line_past_the_limit_is_rejected_and_the_stream_goes_on():
    big = json.dumps({**SIGNUP, "id": "big", "pad": "x" * MAX_LINE_BYTES}).encode()
    text = json.dumps(SIGNUP).encode() + b"\n" + big + b"\n" + json.dumps({**SIGNUP, "id": "s2"}).encode() + b"\n"
    for evaluate in (None, interpreter.evaluate):
        rejections: list[Rejection] = []
        summary = simulate(SHOP, read_lines(io.BytesIO(text)), on_reject=rejections.append, evaluate=evaluate)
        assert (summary.read, summary.accepted, summary.rejected) == (3, 2, 1)
        assert [(r.line, r.event_id, r.field) for r in rejections] == [(2, None, "-")]
        assert rejections[0].message.startswith(f"this line has {len(big):,} bytes, more than the 1,000,000")
