"""Batched recording (issue 15): a stream recorded many events per transaction ends exactly as one
event per transaction (rows, rejections, lots, entries), and a rerun skips everything."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import pytest

import pointrules
from pointrules.ledger import Ledger
from pointrules.ledger.stream import record_stream
from pointrules.stream.simulate import Rejection

from ledger_helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from gen_events import generate  # noqa: E402

SHOP = pointrules.load(ROOT / "examples" / "shop.points")


def _record(ledger: Ledger, lines: list[str], batch: int) -> tuple[list[dict], list[Rejection], object]:
    rows: list[dict] = []
    rejected: list[Rejection] = []
    recorded = record_stream(ledger, lines, on_row=rows.append, on_reject=rejected.append, batch=batch)
    with ledger.store.transaction() as tx:
        state = (tx.all_lots(), tx.entries())
    return rows, rejected, (recorded.summary.accepted, recorded.skipped, state)


@pytest.mark.parametrize("batch", [2, 7, 500])
def test_a_batched_stream_ends_as_one_event_per_transaction(make_ledger: Callable[..., Ledger], batch: int) -> None:
    lines, _ = generate(600, 4, None, 0.03)  # with bad lines among them
    lines = lines[:300] + [lines[10], lines[299]] + lines[300:]  # the stream's own duplicates
    single = _record(make_ledger(program=SHOP), lines, 1)
    batched_ledger = make_ledger(program=SHOP)
    batched = _record(batched_ledger, lines, batch)
    assert batched == single
    assert [r.field for r in batched[1]].count("id") >= 2
    rows, rejected, (accepted, skipped, _) = _record(batched_ledger, lines, batch)  # a rerun
    assert rows == [] and accepted == 0 and skipped == single[2][0] and rejected == single[1]


def test_a_batch_must_hold_at_least_one_event(make_ledger: Callable[..., Ledger]) -> None:
    with pytest.raises(ValueError, match="batch"):
        record_stream(make_ledger(program=SHOP), [json.dumps({})], batch=0)
