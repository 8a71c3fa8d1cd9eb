"""The stream generator (bench/gen_events.py): deterministic, varied, and the demo files are its output."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import gen_events
import shop_baseline

ROOT = Path(__file__).resolve().parents[2]

# The command noted at the top of bench/gen_events.py.
DEMO = {"n": 200, "seed": 32, "members": 30, "invalid_rate": 0.03}


def test_same_seed_same_stream_other_seed_other_stream() -> None:
    first = gen_events.generate(300, 5, 40, 0.02)
    assert first == gen_events.generate(300, 5, 40, 0.02)
    assert first[0] != gen_events.generate(300, 6, 40, 0.02)[0]


def test_line_count_and_clean_stream() -> None:
    lines, member_lines = gen_events.generate(1000, 1, 100, 0.0)
    assert len(lines) == 1000
    rejections: list[tuple[int, str]] = []
    rows = shop_baseline.run(lines, shop_baseline.read_members(member_lines), rejections)
    assert rejections == [] and len(rows) == 1000


def test_stream_reaches_the_corners_of_the_program() -> None:
    lines, member_lines = gen_events.generate(3000, 2, 300, 0.0)
    events = [json.loads(line, parse_float=Decimal) for line in lines]
    kinds = Counter(event["kind"] for event in events)
    assert set(kinds) == {"purchase", "signup", "referral", "checkin", "review"}
    assert kinds["purchase"] > kinds["checkin"] > kinds["signup"]
    offsets = {re.sub(r"^.*?(Z|[+-]\d\d:\d\d)$", r"\1", event["time"]) for event in events}
    assert {"Z", "+00:00", "-12:00", "-05:00", "+05:30", "+09:00", "+14:00"} <= offsets
    amounts = [event["amount"] for event in events if event["kind"] == "purchase"]
    assert {type(a) for a in amounts} == {str, int, Decimal}  # strings and JSON numbers
    assert {len(str(a).partition(".")[2]) for a in amounts} == {0, 1, 2}  # decimals as written
    assert "electronics" in {event.get("category") for event in events}
    assert {json.loads(line)["tier"] for line in member_lines} == {"member", "silver", "gold", "diamond"}
    rows = shop_baseline.run(lines, shop_baseline.read_members(member_lines))
    assert sum(row["points"] == 5000 for row in rows) > 10  # the cap is met
    assert sum(row["kind"] == "review" and row["points"] == 0 for row in rows) > 10  # the review limit
    days = {(row["available"][5:10]) for row in rows}
    assert {"11-11", "06-18", "12-31", "01-01"} <= days
    times = [row["available"] for row in rows]
    assert times != sorted(times)  # not in time order


def test_invalid_lines_are_refused_at_about_the_rate() -> None:
    lines, member_lines = gen_events.generate(4000, 3, 200, 0.05)
    rejections: list[tuple[int, str]] = []
    rows = shop_baseline.run(lines, shop_baseline.read_members(member_lines), rejections)
    assert len(rows) + len(rejections) == 4000
    assert 120 < len(rejections) < 280  # 5% of 4000 = 200
    reasons = " ".join(reason for _, reason in rejections)
    for word in ("duplicate", "not valid JSON", "not a JSON object", "`id`", "`member`", "`kind`",
                 "`time`", "`amount`", "`category`", "`channel`", "`referee`", "`streak`", "`product`"):
        assert word in reasons


def test_demo_files_are_the_generator_output() -> None:
    lines, member_lines = gen_events.generate(DEMO["n"], DEMO["seed"], DEMO["members"], DEMO["invalid_rate"])
    events = (ROOT / "examples" / "shop.events.jsonl").read_text(encoding="utf-8")
    members = (ROOT / "examples" / "shop.members.jsonl").read_text(encoding="utf-8")
    assert events == "".join(line + "\n" for line in lines)
    assert members == "".join(line + "\n" for line in member_lines)
