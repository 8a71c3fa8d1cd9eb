"""Long generated streams on the shop program: the compiled fast path of ``simulate`` and the
interpreter write the same rows, refuse the same lines and end in the same state."""

from __future__ import annotations

import sys
from pathlib import Path

import pointrules
from agree import assert_backends_agree, assert_streams_agree

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import gen_events  # noqa: E402

SHOP = pointrules.load(ROOT / "examples" / "shop.points")


def _profiles(member_lines: list[str]) -> dict[str, dict[str, str]]:
    import json

    return {r["id"]: r for r in map(json.loads, member_lines)}


def test_shop_stream_with_bad_lines_agrees() -> None:
    lines, members = gen_events.generate(3000, seed=6, members=80, invalid_rate=0.05)
    assert_streams_agree(SHOP, lines + ["", "   ", b"\xff\xfe not utf-8"], _profiles(members))


def test_shop_events_agree_one_by_one() -> None:
    import json

    lines, members = gen_events.generate(1500, seed=7, members=40)
    accepted = assert_backends_agree(SHOP, [json.loads(line) for line in lines], _profiles(members))
    assert accepted == 1500
