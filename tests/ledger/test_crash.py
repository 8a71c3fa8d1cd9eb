"""A writer killed at random moments, and writers racing on one file, end exactly as one
uninterrupted run: every operation is one transaction, and doing one again changes nothing."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pointrules
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore

from ledger_helpers import ROOT, apply_operation, shop_operations
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


def _worker(db: Path, *batch: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(WORKER), str(db), str(N), str(SEED), *batch])


def _recorded(db: Path) -> int:
    """Operations the ledger file holds so far (0 before it has any, or while it is locked)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=0.05) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _kill_at_random(db: Path, total: int, *batch: str) -> list[int]:
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


def test_a_killed_writer_resumes_to_the_same_balances(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    total = len(shop_operations(N, SEED))
    recorded = _kill_at_random(db, total)
    assert any(0 < count < total for count in recorded), recorded  # killed mid-stream at least once
    assert _worker(db).wait() == 0  # the same stream again, to the end
    resumed = Ledger(SHOP, SQLiteStore(str(db)))
    reference = _reference()
    assert _state(resumed) == _state(reference)
    later = dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc)
    assert resumed.balances(later) == reference.balances(later)
    resumed.close()


def test_concurrent_writers_neither_lose_nor_double_pay(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    workers = [_worker(db) for _ in range(3)]  # all three run the same stream at once
    assert [w.wait() for w in workers] == [0, 0, 0]
    raced = Ledger(SHOP, SQLiteStore(str(db)))
    assert _state(raced) == _state(_reference())
    raced.close()


def test_a_killed_batched_stream_keeps_whole_batches_and_resumes(tmp_path: Path) -> None:
    """Killed at any instant of a batch of 50 events, the file keeps the batches committed before;
    the rerun skips them and records the rest, ending exactly as one uninterrupted run."""
    db = tmp_path / "batched.db"
    lines = generate(N, SEED, None, 0.02)[0]
    reference = Ledger(SHOP, MemoryStore())
    total = record_stream(reference, lines, batch=1).summary.accepted
    recorded = _kill_at_random(db, total, "50")
    assert any(0 < count < total for count in recorded), recorded
    assert _worker(db, "50").wait() == 0
    resumed = Ledger(SHOP, SQLiteStore(str(db)))
    assert _state(resumed) == _state(reference)
    resumed.close()
