"""`pointrules simulate` on examples/shop.points against the hand-written baseline, row by row.

Random streams (with bad lines) from bench/gen_events.py and the bundled demo stream go through
both; every award row must agree on event, kind, member, points, available and expires (the two
times compared as instants), and both must refuse the same line numbers. The command runs as a
process under CI and in this process in the quick suite (cli_runner.py), which keeps one random
stream of the three (tests/conftest.py's SWEEPS).
"""

from __future__ import annotations

import importlib
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import gen_events
import pytest
import shop_baseline
from cli_runner import run_cli

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = ROOT / "examples" / "shop.points"
STREAMS = {  # name -> (events, seed, members, invalid rate)
    "seed-101": (2000, 101, 200, 0.02),
    "seed-202": (2000, 202, 60, 0.02),  # few members: many caps and review limits
    "seed-303": (2000, 303, 1500, 0.03),
}


def _simulate_or_skip() -> None:
    try:
        importlib.import_module("pointrules.cli.simulate")
    except ModuleNotFoundError:
        pytest.skip("pointrules.cli.simulate is not written yet")


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What must agree; times as instants, so `Z` and `+00:00` spellings do not matter."""
    return (row.get("event"), row.get("kind"), row.get("member"), row.get("points"),
            _instant(row.get("available")), _instant(row.get("expires")))


def _instant(text: Any) -> Any:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return ("unparsable", text)


def _compare(lines: list[str], member_lines: list[str], tmp_path: Path) -> None:
    events_file = tmp_path / "events.jsonl"
    events_file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    members_file = tmp_path / "members.jsonl"
    members_file.write_text("".join(line + "\n" for line in member_lines), encoding="utf-8")
    awards_file = tmp_path / "awards.jsonl"
    done = run_cli(["simulate", PROGRAM, events_file, "--members", members_file, "--awards", awards_file], ROOT)
    rejections: list[tuple[int, str]] = []
    expected = shop_baseline.run(lines, shop_baseline.read_members(member_lines), rejections)
    assert done.returncode == (1 if rejections else 0), done.stderr[-3000:]
    # each rejection is `EVENTS:LINE: …`
    refused = {int(number) for number in re.findall(rf"^{re.escape(str(events_file))}:(\d+):", done.stderr, re.MULTILINE)}
    baseline_refused = {number for number, _ in rejections}
    assert refused == baseline_refused, (
        f"refused only by pointrules: {sorted(refused - baseline_refused)}; "
        f"only by the baseline: {[r for r in rejections if r[0] not in refused]}")
    awards = awards_file.read_text(encoding="utf-8").splitlines()
    actual = [json.loads(text) for text in awards if text.strip()]
    differences = [
        f"row {index}: pointrules {_key(got) if got else None} baseline {_key(want) if want else None}"
        for index, (got, want) in enumerate(_zip_longest(actual, expected))
        if got is None or want is None or _key(got) != _key(want)
    ]
    assert not differences, f"{len(differences)} rows differ:\n" + "\n".join(differences[:20])


def _zip_longest(a: list[Any], b: list[Any]) -> list[tuple[Any, Any]]:
    return [(a[i] if i < len(a) else None, b[i] if i < len(b) else None) for i in range(max(len(a), len(b)))]


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_simulate_agrees_with_the_baseline_on_random_streams(name: str, tmp_path: Path) -> None:
    _simulate_or_skip()
    n, seed, members, invalid_rate = STREAMS[name]
    lines, member_lines = gen_events.generate(n, seed, members, invalid_rate)
    _compare(lines, member_lines, tmp_path)


def test_simulate_agrees_with_the_baseline_on_the_demo_stream(tmp_path: Path) -> None:
    _simulate_or_skip()
    lines = (ROOT / "examples" / "shop.events.jsonl").read_text(encoding="utf-8").splitlines()
    member_lines = (ROOT / "examples" / "shop.members.jsonl").read_text(encoding="utf-8").splitlines()
    _compare(lines, member_lines, tmp_path)
