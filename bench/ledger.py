"""Events per second recording a generated Shop Rewards stream into the ledger (SQLite and memory).

    .venv/bin/python bench/ledger.py [N] [--seed S]

Each store is measured in batches (``--batch``, default record_stream's: many events per
transaction) and one event per transaction, side by side, with the SQLite file's bytes per event
(SQLite: BEGIN IMMEDIATE … COMMIT, WAL, synchronous NORMAL, and FULL for comparison). The issue 15
targets are printed beside them. The plain in-memory evaluator (`simulate`) is the baseline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pointrules  # noqa: E402
from gen_events import generate  # noqa: E402
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore  # noqa: E402
from pointrules.ledger.stream import BATCH, record_stream  # noqa: E402
from pointrules.stream.simulate import read_members, simulate  # noqa: E402


def _measure(program, store, lines, tiers, batch: int, n: int, path: str | None) -> tuple[float, float]:
    """Events per second recording the stream, and the file's bytes per event (SQLite)."""
    ledger = Ledger(program, store)
    ledger.set_profiles(tiers)
    start = time.perf_counter()
    recorded = record_stream(ledger, lines, batch=batch)
    took = time.perf_counter() - start
    again = record_stream(ledger, lines, batch=batch)  # a rerun skips every event
    assert again.skipped == recorded.summary.accepted
    ledger.close()
    size = os.path.getsize(path) / n if path else 0.0  # closed: the WAL is checkpointed into the file
    return n / took, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=BATCH, help=f"events per transaction (default {BATCH})")
    args = parser.parse_args()
    program = pointrules.load(HERE.parent / "examples" / "shop.points")
    lines, members = generate(args.n, args.seed, None, 0.0)
    profiles = read_members(program, members)
    tiers = {m: {"tier": p["tier"]} for m, p in profiles.items()}
    print(f"{args.n:,} events, {len(profiles):,} member profiles, Python {sys.version.split()[0]}")

    start = time.perf_counter()
    simulate(program, lines, profiles=profiles)
    base = time.perf_counter() - start
    print(f"  evaluator alone (simulate):      {args.n / base:10,.0f} events/s")

    print(f"  {'':<34}{'batch of ' + str(args.batch):>16}{'one per transaction':>22}   target (batched)")
    targets = {"memory": "≥ 50,000/s", "SQLite, synchronous NORMAL": "≥ 20,000/s, ≤ 300 B/event"}
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("memory", lambda name: MemoryStore()),
                ("SQLite, synchronous NORMAL", lambda name: SQLiteStore(os.path.join(tmp, name))),
                ("SQLite, synchronous FULL", lambda name: SQLiteStore(os.path.join(tmp, name), synchronous="FULL"))]
        for i, (name, make) in enumerate(runs):
            figures = [_measure(program, make(f"{i}{batch}.db"), lines, tiers, batch, args.n,
                                os.path.join(tmp, f"{i}{batch}.db") if i else None)
                       for batch in (args.batch, 1)]
            cells = [f"{rate:10,.0f}/s" + (f" {size:4.0f} B" if size else "") for rate, size in figures]
            print(f"  {name + ':':<34}{cells[0]:>16}{cells[1]:>22}   {targets.get(name, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
