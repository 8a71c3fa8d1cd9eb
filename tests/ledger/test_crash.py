"""A writer killed at random moments, and writers racing on one ledger, end exactly as one
uninterrupted run: every operation is one transaction, and doing one again changes nothing. On a
SQLite file and on a PostgreSQL schema (``make_target``)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pointrules
from pointrules.ledger import Ledger, MemoryStore

from ledger_helpers import ROOT, apply_operation, count_results, open_target, shop_operations
from pointrules.ledger.stream import record_stream

sys.path.insert(0, str(ROOT / "bench"))
from gen_events import generate  # noqa: E402

WORKER = Path(__file__).resolve().parent / "ledger_worker.py"
LONG = os.environ.get("POINTRULES_FUZZ") == "long"
N, SEED = (6000 if LONG else 2000), 11
SHOP = pointrules.load(ROOT / "examples" / "shop.points")


def _reference() -> Ledger:
    ledger = Ledger(SHOP, MemoryStore())
    for op in shop_operations(N, SEED):
        apply_operation(ledger, op)
    return ledger


def _state(ledger: Ledger):
    with ledger.store.transaction() as tx:
        return tx.all_lots(), tx.entries()


def _worker(db: str, *batch: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(WORKER), db, str(N), str(SEED), *batch])


_recorded = count_results


def _kill_at_random(db: str, total: int, *batch: str) -> list[int]:
    """Start the worker again and again, each time killed once it has recorded a random number of
    operations more than last time; what the file held after each kill."""
    rng = random.Random(5)
    recorded = []
    for _ in range(8 if LONG else 4):
        # Killed once it has recorded a random number of operations more than last time, however
        # fast the machine: at whatever point of a transaction the writer then is.
        done = _recorded(db)
        if done >= total - 1:
            break
        target = done + max(1, int((total - done) * rng.uniform(0.1, 0.4)))
        worker = _worker(db, *batch)
        deadline = time.monotonic() + 120
        while worker.poll() is None and _recorded(db) < target and time.monotonic() < deadline:
            time.sleep(0.001)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        recorded.append(_recorded(db))
    return recorded


def test_a_killed_writer_resumes_to_the_same_balances(make_target: Callable[[str], str]) -> None:
    db = make_target("killed")
    total = len(shop_operations(N, SEED))
    recorded = _kill_at_random(db, total)
    assert any(0 < count < total for count in recorded), recorded  # killed mid-stream at least once
    assert _worker(db).wait() == 0  # the same stream again, to the end
    resumed = Ledger(SHOP, open_target(db))
    reference = _reference()
    assert _state(resumed) == _state(reference)
    later = dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc)
    assert resumed.balances(later) == reference.balances(later)
    resumed.close()


def test_concurrent_writers_neither_lose_nor_double_pay(make_target: Callable[[str], str]) -> None:
    db = make_target("race")
    workers = [_worker(db) for _ in range(3)]  # all three run the same stream at once
    assert [w.wait() for w in workers] == [0, 0, 0]
    raced = Ledger(SHOP, open_target(db))
    assert _state(raced) == _state(_reference())
    raced.close()


def test_a_killed_batched_stream_keeps_whole_batches_and_resumes(make_target: Callable[[str], str]) -> None:
    """Killed at any instant of a batch of 50 events, the file keeps the batches committed before;
    the rerun skips them and records the rest, ending exactly as one uninterrupted run."""
    db = make_target("batched")
    lines = generate(N, SEED, None, 0.02)[0]
    reference = Ledger(SHOP, MemoryStore())
    total = record_stream(reference, lines, batch=1).summary.accepted
    recorded = _kill_at_random(db, total, "50")
    assert any(0 < count < total for count in recorded), recorded
    assert _worker(db, "50").wait() == 0
    resumed = Ledger(SHOP, open_target(db))
    assert _state(resumed) == _state(reference)
    resumed.close()
