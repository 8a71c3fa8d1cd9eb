"""Events per second recording a generated Shop Rewards stream into the ledger (SQLite and memory).

    .venv/bin/python bench/ledger.py [N] [--seed S]

Each event is one transaction (SQLite: BEGIN IMMEDIATE … COMMIT, WAL, synchronous NORMAL, and
FULL for comparison). The plain in-memory evaluator (`simulate`) is printed as the baseline.
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
from pointrules.ledger.stream import record_stream  # noqa: E402
from pointrules.stream.simulate import read_members, simulate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=20000)
    parser.add_argument("--seed", type=int, default=1)
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

    with tempfile.TemporaryDirectory() as tmp:
        runs = [("memory ledger", lambda: MemoryStore()),
                ("SQLite ledger, synchronous NORMAL", lambda: SQLiteStore(os.path.join(tmp, "n.db"))),
                ("SQLite ledger, synchronous FULL", lambda: SQLiteStore(os.path.join(tmp, "f.db"), synchronous="FULL"))]
        for name, make in runs:
            ledger = Ledger(program, make())
            ledger.set_profiles(tiers)
            start = time.perf_counter()
            recorded = record_stream(ledger, lines)
            took = time.perf_counter() - start
            start = time.perf_counter()
            again = record_stream(ledger, lines)
            replay = time.perf_counter() - start
            assert again.skipped == recorded.summary.accepted
            ledger.close()
            print(f"  {name + ':':<33}{args.n / took:10,.0f} events/s   (rerun, all skipped: {args.n / replay:,.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
