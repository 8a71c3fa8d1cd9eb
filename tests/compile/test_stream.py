"""Streams through ``simulate`` agree whichever evaluator runs them and whichever way rows are
written (dicts or text): random programs, every example, and a stream computed by hand."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
import strategies
from agree import assert_streams_agree
from pointrules.stream.simulate import simulate
from pointrules.state.memory import MemoryState

LONG = os.environ.get("POINTRULES_FUZZ") == "long"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck))


def _stream(data: Any, program: pointrules.Program, size: int) -> tuple[list[str | bytes], dict[str, Any]]:
    events = data.draw(st.lists(strategies.events_for(program, extreme=data.draw(st.booleans())),
                                min_size=1, max_size=size))
    for i, event in enumerate(events):
        event["id"] = f"e{i}" if i == 0 or data.draw(st.integers(0, 9)) else f"e{i - 1}"
    lines: list[str | bytes] = [strategies._to_json(e) for e in events]
    lines += data.draw(st.lists(strategies.event_lines_for(program), max_size=5))
    # a profile that breaks the schema stops a whole run (simulate checks them first): one stream in ten
    members = sorted({e["member"] for e in events if isinstance(e.get("member"), str)})
    profiles = data.draw(strategies.profiles_for(program, members, broken=10))
    return data.draw(st.permutations(lines)), profiles


@settings(max_examples=300 if LONG else 25, **SETTINGS)
@given(strategies.programs(), st.data())
def test_property_streams_agree_on_random_programs(text: str, data: Any) -> None:
    program = pointrules.loads(text, "generated.points")
    lines, profiles = _stream(data, program, 40 if LONG else 15)
    assert_streams_agree(program, lines, profiles)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@settings(max_examples=200 if LONG else 8, **SETTINGS)
@given(data=st.data())
def test_property_streams_agree_on_examples(path: Path, data: Any) -> None:
    program = pointrules.load(path)
    lines, profiles = _stream(data, program, 80 if LONG else 30)
    assert_streams_agree(program, lines, profiles)


SMALL = '''program "Small" currency CNY timezone "Asia/Shanghai" value 100 points = 1 CNY
event purchase { amount: money, channel: "app" | "store" }
tiers { member gold multiplier 1.5 }
expire at end of next year
rule base on purchase when channel = "app" { earn 1 point per 1 CNY of amount }
rule visits on purchase { earn 10 points when amount >= 100 CNY  limit 2 times per day }
cap 300 points per day
'''


def _run(lines: list[str], profiles: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[str], Any]:
    program = pointrules.loads(SMALL, "small.points")
    texts: list[str] = []
    refused: list[str] = []
    state = MemoryState(zone=program.timezone)
    simulate(program, lines, state=state, write=texts.append, on_reject=lambda r: refused.append(str(r)),
             profiles=profiles)
    return [json.loads(t) for t in texts], refused, state


def _purchase(i: int, amount: str, channel: str = "app", member: str = "m1") -> str:
    return json.dumps({"id": f"e{i}", "kind": "purchase", "member": member, "time": "2026-03-02T10:00:00+08:00",
                       "amount": amount, "channel": channel})


def test_a_stream_by_hand() -> None:
    rows, refused, state = _run([
        _purchase(1, "120.50"),   # base 120, visits 10: 130
        _purchase(2, "150"),      # base 150, visits 10: 160, but the day has 170 left of 300: 160
        _purchase(3, "100"),      # base 100, visits 10 (3rd firing: limited to 0): 100 > 10 left: base 10
        _purchase(3, "1"),        # a processed id: refused
        _purchase(4, "5", "store"),   # base inactive, visits no line: 0 points, row of the program
    ], profiles={"m1": {"tier": "member"}})
    assert [(r["event"], r["points"], r["rules"]) for r in rows] == [
        ("e1", 130, {"base": 120, "visits": 10}),
        ("e2", 160, {"base": 150, "visits": 10}),
        ("e3", 10, {"base": 10, "visits": 0}),
        ("e4", 0, {}),
    ]
    assert refused == ["line 4: event e3: field id: event `e3` was already processed; it is never paid twice"]
    assert rows[0]["expires"] == "2027-12-31T23:59:59+08:00" and rows[0]["available"] == "2026-03-02T10:00:00+08:00"
    assert sum(lot.points for lot in state.lots["m1"]) == 300
    assert state.counters[("m1", "rule:visits:times:day", "2026-03-02")] == 4  # e4 fired it too, with no line
    assert state.counters[("m1", "cap:day:*", "2026-03-02")] == 300


def test_a_stream_refuses_unknown_tiers_and_applies_tier_multipliers() -> None:
    rows, refused, _ = _run([_purchase(1, "100", member="g"), _purchase(2, "100", member="x")],
                            profiles={"g": {"tier": "gold"}, "x": {"tier": "platinum"}})
    assert [(r["member"], r["points"]) for r in rows] == [("g", 160)]  # 100 x 1.5 + 10 (a flat bonus)
    assert len(refused) == 1 and "platinum" in refused[0]


def test_rows_survive_their_text_caches_starting_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every event expires at its own instant and has its own member: with room for 2 texts the
    # caches of expiry and member texts start again many times over.
    import pointrules.stream.rows as rows_module

    monkeypatch.setattr(rows_module, "REMEMBERED", 2)
    program = pointrules.loads(SMALL.replace("expire at end of next year", "expire after 6 months"), "small.points")
    lines = [json.dumps({"id": f"e{i}", "kind": "purchase", "member": f"m{i % 7}", "channel": "app",
                         "time": f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+08:00", "amount": str(i)})
             for i in range(60)]
    assert_streams_agree(program, lines, {})


ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]


@settings(max_examples=2000 if LONG else 200, **SETTINGS)
@given(st.sampled_from(ZONES), st.lists(st.datetimes(min_value=dt.datetime(1850, 1, 1), max_value=dt.datetime(2999, 12, 31),
                                                     timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-9, minutes=-30))]),
                                                     allow_imaginary=False), min_size=1, max_size=30))
def test_property_row_times_are_isoformat_in_the_program_zone(zone_name: str, instants: list[dt.datetime]) -> None:
    # Rows put a time's text together from cached pieces (rows.py ``_time_text``); it must be the
    # very text isoformat() gives: microseconds, local mean time offsets with seconds (before
    # 1900), both sides of daylight saving changes and folds, dates and offsets seen again.
    from zoneinfo import ZoneInfo

    from pointrules.stream.rows import Rows

    program = pointrules.loads(SMALL.replace('timezone "Asia/Shanghai"', f'timezone "{zone_name}"'), "small.points")
    rows = Rows(program)
    for instant in instants + instants:
        assert rows._time_text(instant) == instant.astimezone(ZoneInfo(zone_name)).isoformat()


@settings(max_examples=2000 if LONG else 300, **SETTINGS)
@given(st.one_of(st.text(max_size=40), st.builds(lambda v, pad, tail: pad + json.dumps(v) + tail,
                                                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                                                              lambda inner: st.lists(inner, max_size=3)
                                                              | st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                                                 st.sampled_from(["", " ", "\t\n"]), st.sampled_from(["", "\n", " \r\n", " x", "}", "1"]))))
def test_property_decode_is_the_decoders_answer(text: str) -> None:
    # events.decode skips JSONDecoder.decode's frames for the common line: the same value, or the same error.
    from pointrules.events import DECODER, decode

    try:
        expected: Any = DECODER.decode(text)
    except ValueError as error:
        with pytest.raises(type(error)) as raised:
            decode(text)
        assert str(raised.value) == str(error)
    else:
        assert decode(text) == expected
