"""The hand-written Shop Rewards (bench/shop_baseline.py) against SHOP-REFERENCE.md, by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest
import shop_baseline

MEMBERS = {"m-member": "member", "m-silver": "silver", "m-gold": "gold", "m-diamond": "diamond"}


def line(event_id: str, kind: str, member: str, time: str, **fields: Any) -> str:
    return json.dumps({"id": event_id, "kind": kind, "member": member, "time": time, **fields})


def purchase(event_id: str, member: str, time: str, amount: Any, category: str = "grocery",
             channel: str = "web") -> str:
    return line(event_id, "purchase", member, time, amount=amount, category=category, channel=channel)


def award(*lines: str) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    rejections: list[tuple[int, str]] = []
    rows = shop_baseline.run(list(lines), MEMBERS, rejections)
    return rows, rejections


def points(*lines: str) -> list[int]:
    rows, rejections = award(*lines)
    assert rejections == []
    return [row["points"] for row in rows]


# -- the worked examples of SHOP-REFERENCE.md, one test per row --------------------------------------

def test_worked_member_grocery_store_earns_full_yuan() -> None:
    # floor(250.80) = 250, member x1
    event = purchase("e1", "m-member", "2026-03-02T12:00:00+08:00", "250.80", "grocery", "store")
    assert points(event) == [250]


def test_worked_gold_electronics_app() -> None:
    # floor(999.99) = 999; 999 x 2 x 1.5 = 2997; + 5 app = 3002
    event = purchase("e1", "m-gold", "2026-05-01T12:00:00+08:00", "999.99", "electronics", "app")
    assert points(event) == [3002]


def test_worked_diamond_electronics_double_day_capped() -> None:
    # 1500 x 2 x 2 x 2 = 12000, capped at 5000
    event = purchase("e1", "m-diamond", "2026-11-11T12:00:00+08:00", "1500.00", "electronics")
    assert points(event) == [5000]


def test_worked_silver_beauty_app_on_06_18() -> None:
    # floor(10 x 1.2 x 2) = 24, + 5 app = 29
    assert points(purchase("e1", "m-silver", "2026-06-18T12:00:00+08:00", "10.00", "beauty", "app")) == [29]


def test_worked_checkin_streak_14() -> None:
    # 5 + 50 (14 % 7 = 0)
    assert points(line("e1", "checkin", "m-member", "2026-03-02T08:00:00+08:00", streak=14)) == [55]


def test_worked_fourth_review_of_the_day_earns_nothing() -> None:
    reviews = [line(f"e{i}", "review", "m-member", f"2026-03-02T1{i}:00:00+08:00", product="p1")
               for i in range(1, 5)]
    assert points(*reviews) == [20, 20, 20, 0]


def test_worked_purchase_on_new_years_eve_expires_end_of_next_year() -> None:
    rows, _ = award(purchase("e1", "m-member", "2026-12-31T23:30:00+08:00", "10"))
    assert rows[0]["expires"] == "2027-12-31T23:59:59+08:00"


# -- purchases ---------------------------------------------------------------------------------------

def test_amount_is_floored_before_the_multiplier() -> None:
    # floor(9.99) = 9; 9 x 1.2 = 10.8 -> 10 (not floor(9.99 x 1.2 = 11.988) = 11)
    assert points(purchase("e1", "m-silver", "2026-03-02T12:00:00+08:00", "9.99")) == [10]


def test_product_of_multipliers_is_rounded_once() -> None:
    # silver, electronics, 11-11: 3 x 1.2 x 2 x 2 = 14.4 -> 14 (rounding each step: 3.6->3, 6, 12)
    assert points(purchase("e1", "m-silver", "2026-11-11T12:00:00+08:00", "3", "electronics")) == [14]


def test_app_bonus_is_never_multiplied() -> None:
    # gold, electronics, 11-11: 10 x 2 x 1.5 x 2 = 60, + 5 = 65 (not 5 x 6)
    assert points(purchase("e1", "m-gold", "2026-11-11T12:00:00+08:00", "10", "electronics", "app")) == [65]


def test_amount_as_json_number_or_integer_or_string() -> None:
    # 250.8 / 250 / "250" -> 250 each, on three different days so no cap interferes
    assert points(
        '{"id": "a", "kind": "purchase", "member": "m-member", "time": "2026-03-02T12:00:00+08:00",'
        ' "amount": 250.8, "category": "x", "channel": "web"}',
        '{"id": "b", "kind": "purchase", "member": "m-member", "time": "2026-03-03T12:00:00+08:00",'
        ' "amount": 250, "category": "x", "channel": "web"}',
        purchase("c", "m-member", "2026-03-04T12:00:00+08:00", "250"),
    ) == [250, 250, 250]


def test_zero_amount_earns_only_the_app_bonus() -> None:
    # 0 x 1 = 0, + 5 app; a row is written for the 0-point store purchase too
    assert points(purchase("e1", "m-member", "2026-03-02T12:00:00+08:00", "0.00", channel="app"),
                  purchase("e2", "m-member", "2026-03-02T12:00:00+08:00", "0.99", channel="store")) == [5, 0]


def test_member_absent_from_the_file_is_a_member() -> None:
    # 100 x 1 = 100 for an unknown member, though the file has tiers for others
    assert points(purchase("e1", "stranger", "2026-03-02T12:00:00+08:00", "100.50")) == [100]


def test_category_match_is_exact() -> None:
    # "Electronics" is not "electronics": 100 x 1 = 100
    assert points(purchase("e1", "m-member", "2026-03-02T12:00:00+08:00", "100", "Electronics")) == [100]


# -- the other kinds ---------------------------------------------------------------------------------

def test_signup_referral_and_checkins() -> None:
    rows, _ = award(
        line("e1", "signup", "m-diamond", "2026-03-02T08:00:00+08:00"),  # 100, tier never applies
        line("e2", "referral", "m-gold", "2026-03-02T08:00:00+08:00", referee="new1"),  # 100 to m-gold
        line("e3", "checkin", "m-member", "2026-03-02T08:00:00+08:00", streak=13),  # 5
        line("e4", "checkin", "m-member", "2026-03-03T08:00:00+08:00", streak=7),  # 5 + 50
        line("e5", "checkin", "m-member", "2026-03-04T08:00:00+08:00", streak=0),  # 0 % 7 = 0: 5 + 50
    )
    assert [(row["member"], row["points"]) for row in rows] == [
        ("m-diamond", 100), ("m-gold", 100), ("m-member", 5), ("m-member", 55), ("m-member", 55)]


def test_review_limit_is_per_member_and_per_shanghai_day() -> None:
    assert points(
        line("r1", "review", "m-gold", "2026-03-02T10:00:00+08:00", product="p"),  # 20
        line("r2", "review", "m-gold", "2026-03-01T20:00:00-05:00", product="p"),  # 03-02 09:00: 20
        line("r3", "review", "m-silver", "2026-03-02T10:00:00+08:00", product="p"),  # other member: 20
        line("r4", "review", "m-gold", "2026-03-02T15:59:59Z", product="p"),  # 03-02 23:59:59: 20
        line("r5", "review", "m-gold", "2026-03-02T16:00:00Z", product="p"),  # 03-03 00:00: 20
        line("r6", "review", "m-gold", "2026-03-02T12:00:00+08:00", product="p"),  # 4th on 03-02: 0
    ) == [20, 20, 20, 20, 20, 0]


def test_review_zeroed_by_the_cap_still_counts_toward_the_limit() -> None:
    # 2000 x 2 x 2 = 8000 -> 5000; three reviews earn 0 (cap) but count; the 4th earns 0 too
    reviews = [line(f"r{i}", "review", "m-diamond", "2026-03-02T12:00:00+08:00", product="p")
               for i in range(4)]
    assert points(purchase("e1", "m-diamond", "2026-03-02T11:00:00+08:00", "2000", "electronics"),
                  *reviews) == [5000, 0, 0, 0, 0]


# -- the daily cap -----------------------------------------------------------------------------------

def test_cap_leaves_only_what_is_left_of_the_day() -> None:
    assert points(
        purchase("e1", "m-diamond", "2026-03-02T09:00:00+08:00", "1000", "electronics"),  # 1000x2x2 = 4000
        purchase("e2", "m-diamond", "2026-03-02T10:00:00+08:00", "600"),  # 1200, 1000 left -> 1000
        line("e3", "checkin", "m-diamond", "2026-03-02T11:00:00+08:00", streak=7),  # 55, 0 left -> 0
        purchase("e4", "m-diamond", "2026-03-03T09:00:00+08:00", "100"),  # next day: 200
    ) == [4000, 1000, 0, 200]


def test_cap_counts_every_kind_and_the_app_bonus() -> None:
    assert points(
        purchase("e1", "m-member", "2026-03-02T09:00:00+08:00", "4985", channel="app"),  # 4985 + 5 = 4990
        line("e2", "review", "m-member", "2026-03-02T10:00:00+08:00", product="p"),  # 20, 10 left -> 10
        line("e3", "signup", "m-member", "2026-03-02T11:00:00+08:00"),  # 0 left -> 0
        line("e4", "signup", "m-gold", "2026-03-02T11:00:00+08:00"),  # another member: 100
    ) == [4990, 10, 0, 100]


def test_cap_day_is_the_shanghai_day_not_the_written_one() -> None:
    assert points(
        # written 03-02 in UTC but 03-02 23:59 vs 03-03 00:01 in Shanghai: two days, 4000 each
        purchase("a", "m-diamond", "2026-03-02T15:59:00Z", "1000", "electronics"),
        purchase("b", "m-diamond", "2026-03-02T16:01:00Z", "1000", "electronics"),
        # written 03-02 in New York: 03-03 12:00 in Shanghai, the same day as b: 4000 -> 1000
        purchase("c", "m-diamond", "2026-03-02T23:00:00-05:00", "1000", "electronics"),
    ) == [4000, 4000, 1000]


def test_cap_follows_stream_order_not_time_order() -> None:
    assert points(
        purchase("late", "m-diamond", "2026-03-02T20:00:00+08:00", "1500", "electronics"),  # 6000 -> 5000
        purchase("early", "m-diamond", "2026-03-02T08:00:00+08:00", "10"),  # 20, nothing left -> 0
    ) == [5000, 0]


# -- time: the zone, midnight and year ends ----------------------------------------------------------

def test_double_day_is_the_shanghai_calendar_day() -> None:
    assert points(
        purchase("a", "m-member", "2026-11-10T16:30:00Z", "100"),  # 11-11 00:30 Shanghai: 200
        purchase("b", "m-member", "2026-11-11T15:59:59Z", "100"),  # 11-11 23:59:59: 200
        purchase("c", "m-member", "2026-11-11T16:00:00Z", "100"),  # 11-12 00:00: 100
        purchase("d", "m-member", "2026-11-11T01:00:00+14:00", "100"),  # 11-10 19:00: 100
        purchase("e", "m-member", "2026-06-18T09:00:00-03:00", "100"),  # 06-18 20:00: 200
    ) == [200, 200, 100, 100, 200]


def test_available_is_the_shanghai_time_and_expiry_the_end_of_next_year() -> None:
    rows, _ = award(
        line("a", "signup", "u1", "2026-11-11T02:03:00Z"),
        line("b", "signup", "u2", "2026-12-31T15:59:59Z"),  # 2026-12-31 23:59:59 in Shanghai
        line("c", "signup", "u3", "2026-12-31T16:30:00Z"),  # 2027-01-01 00:30 in Shanghai
        line("d", "signup", "u4", "2027-01-01T01:00:00+14:00"),  # 12-31 11:00Z = 2026-12-31 19:00 Shanghai
        line("e", "signup", "u5", "2026-12-31T12:00:00-12:00"),  # 2027-01-01 08:00 in Shanghai
    )
    assert [(row["available"], row["expires"]) for row in rows] == [
        ("2026-11-11T10:03:00+08:00", "2027-12-31T23:59:59+08:00"),
        ("2026-12-31T23:59:59+08:00", "2027-12-31T23:59:59+08:00"),
        ("2027-01-01T00:30:00+08:00", "2028-12-31T23:59:59+08:00"),
        ("2026-12-31T19:00:00+08:00", "2027-12-31T23:59:59+08:00"),
        ("2027-01-01T08:00:00+08:00", "2028-12-31T23:59:59+08:00"),
    ]


def test_row_shape() -> None:
    rows, _ = award(purchase("e1", "m-gold", "2026-05-01T12:00:00+08:00", "999.99", "electronics", "app"))
    assert list(rows[0].items()) == [
        ("event", "e1"), ("kind", "purchase"), ("member", "m-gold"), ("points", 3002),
        ("available", "2026-05-01T12:00:00+08:00"), ("expires", "2027-12-31T23:59:59+08:00")]


# -- validation --------------------------------------------------------------------------------------

GOOD = {"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-02T12:00:00+08:00",
        "amount": "10.00", "category": "grocery", "channel": "web"}


def changed(base: dict[str, Any], **changes: Any) -> str:
    event = {**base, **changes}
    return json.dumps({key: value for key, value in event.items() if value is not MISSING})


MISSING = object()
BAD_LINES = [
    "not json", "[1, 2]", '"purchase"', "null", '{"id": "e1", "kind": "purchase"',
    changed(GOOD, id=MISSING), changed(GOOD, id=""), changed(GOOD, id=7),
    changed(GOOD, member=MISSING), changed(GOOD, member=""), changed(GOOD, member=["m1"]),
    changed(GOOD, kind=MISSING), changed(GOOD, kind=""), changed(GOOD, kind="refund"),
    changed(GOOD, time=MISSING), changed(GOOD, time="yesterday"), changed(GOOD, time="2026-03-02T12:00:00"),
    changed(GOOD, time="2026-03-02"), changed(GOOD, time=1772424000),
    changed(GOOD, time="2026-02-30T12:00+08:00"),
    changed(GOOD, amount=MISSING), changed(GOOD, amount=True), changed(GOOD, amount="-1.00"),
    changed(GOOD, amount=-1), changed(GOOD, amount="NaN"), changed(GOOD, amount="Infinity"),
    changed(GOOD, amount="1.234"), changed(GOOD, amount="abc"), changed(GOOD, amount=""),
    changed(GOOD, amount=None), changed(GOOD, amount={"value": 1}),
    changed(GOOD, category=MISSING), changed(GOOD, category=5), changed(GOOD, category=None),
    changed(GOOD, channel=MISSING), changed(GOOD, channel="phone"), changed(GOOD, channel="APP"),
    changed(GOOD, channel=["app"]),
    changed(GOOD, kind="referral", referee=""), changed(GOOD, kind="referral", referee=7),
    changed(GOOD, kind="referral"),
    changed(GOOD, kind="checkin", streak=-1), changed(GOOD, kind="checkin", streak="7"),
    changed(GOOD, kind="checkin", streak=True), changed(GOOD, kind="checkin"),
    changed(GOOD, kind="review", product=12), changed(GOOD, kind="review", product=None),
    changed(GOOD, kind="review"),
]
RAW_BAD_LINES = [
    GOOD_TEXT.replace('"10.00"', raw) for GOOD_TEXT in [json.dumps(GOOD)]
    for raw in ("NaN", "Infinity", "-Infinity", "1.234", "-0.5", "false")
] + [json.dumps({**GOOD, "kind": "checkin"}).replace("}", ', "streak": 7.5}'),
     json.dumps({**GOOD, "kind": "checkin"}).replace("}", ', "streak": 7.0}')]


@pytest.mark.parametrize("bad", BAD_LINES + RAW_BAD_LINES)
def test_bad_line_is_rejected_with_its_number(bad: str) -> None:
    rows, rejections = award(json.dumps({**GOOD, "id": "ok"}), bad)
    assert [row["event"] for row in rows] == ["ok"]
    assert [number for number, _ in rejections] == [2]


def test_lenient_but_valid_lines_are_accepted() -> None:
    assert points(
        changed(GOOD, id="a", time="2026-03-02T04:00:00Z", extra={"ignored": [1, 2]}),  # Z, extra field: 10
        changed(GOOD, id="b", category="", channel="store"),  # any string is a category: 10
        changed(GOOD, id="c", kind="review", product=""),  # any string is a product: 20
        changed(GOOD, id="d", kind="referral", referee="d"),  # 100
        changed(GOOD, id="e", kind="signup", amount=MISSING, category=MISSING, channel=MISSING),  # 100
    ) == [10, 10, 20, 100, 100]


def test_duplicate_id_is_rejected_only_after_an_accepted_one() -> None:
    rows, rejections = award(
        changed(GOOD, amount="bad"),  # line 1 refused: it claims no id
        changed(GOOD),  # line 2: e1 accepted, 10
        changed(GOOD, kind="signup"),  # line 3: e1 again, refused
    )
    assert [(row["event"], row["points"]) for row in rows] == [("e1", 10)]
    assert [number for number, _ in rejections] == [1, 3]


def test_blank_lines_are_skipped_but_counted() -> None:
    rows, rejections = award(changed(GOOD, id="a"), "", "   \n", "oops")
    assert len(rows) == 1
    assert rejections[0][0] == 4


def test_read_members() -> None:
    lines = ['{"id": "m1", "tier": "gold"}\n', "\n", '{"id": "m2", "tier": "member"}']
    assert shop_baseline.read_members(lines) == {"m1": "gold", "m2": "member"}
    with pytest.raises(ValueError, match="line 1"):
        shop_baseline.read_members(['{"id": "m1", "tier": "platinum"}'])


def test_command_line(tmp_path: Any, capsys: Any) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(changed(GOOD, member="m1") + "\nnot json\n", encoding="utf-8")
    members = tmp_path / "members.jsonl"
    members.write_text('{"id": "m1", "tier": "gold"}\n', encoding="utf-8")
    out = tmp_path / "awards.jsonl"
    status = shop_baseline.main([str(events), "--members", str(members), "--awards", str(out)])
    assert status == 1
    assert "line 2: not valid JSON" in capsys.readouterr().err
    # gold: 10 x 1.5 = 15
    assert json.loads(out.read_text(encoding="utf-8"))["points"] == 15
