"""Events per second recording a generated Shop Rewards stream into the ledger (memory, SQLite and
PostgreSQL).

    .venv/bin/python bench/ledger.py [N] [--seed S] [--postgres URL]

Each store is measured in batches (``--batch``, default record_stream's: many events per
transaction) and one event per transaction, side by side, in events per second of wall clock and,
in brackets, of this process's CPU time (user + system: what a busy machine changes least; a
PostgreSQL server's own CPU is not in it), with the bytes each event takes (SQLite:
the file, BEGIN IMMEDIATE … COMMIT, WAL, synchronous NORMAL, and FULL for comparison; PostgreSQL:
its tables and indexes, ``pg_total_relation_size``, in a schema of their own, dropped afterwards).
PostgreSQL is measured when ``--postgres`` or POINTRULES_TEST_POSTGRES names a server
(.ci/setup.d/postgres.sh starts one on this machine). The issue 15 targets are printed beside them.
The plain in-memory evaluator (`simulate`) is the baseline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pointrules  # noqa: E402
from gen_events import generate  # noqa: E402
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore  # noqa: E402
from pointrules.ledger.stream import BATCH, record_stream  # noqa: E402
from pointrules.stream.simulate import read_members, simulate  # noqa: E402


def _measure(program, store, lines, tiers, batch: int, n: int,
             size: Callable[[], int] | None) -> tuple[float, float, float]:
    """Events per second recording the stream (wall clock, and this process's CPU time: a busy
    machine slows the first, much less the second; a server's CPU is not in it), and the store's
    bytes per event (``size()`` after closing)."""
    ledger = Ledger(program, store)
    ledger.set_profiles(tiers)
    start, cpu = time.perf_counter(), time.process_time()
    recorded = record_stream(ledger, lines, batch=batch)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    again = record_stream(ledger, lines, batch=batch)  # a rerun skips every event
    assert again.skipped == recorded.summary.accepted
    ledger.close()
    return n / took, n / cpu, (size() / n if size else 0.0)  # SQLite closed: the WAL is checkpointed into the file


def _postgres(url: str) -> tuple[Callable[[str], object], Callable[[str], int], Callable[[], None]]:
    """Make a store in a new schema, its bytes, and dropping every schema made."""
    import psycopg

    from pointrules.ledger.postgres import PostgresStore

    schemas: dict[str, str] = {}

    def make(name: str) -> object:
        schemas[name] = f"bench_{uuid.uuid4().hex[:12]}"
        return PostgresStore(url, schema=schemas[name])

    def size(name: str) -> int:
        with psycopg.connect(url) as conn:
            return int(conn.execute("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n"
                                    " ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
                                    (schemas[name],)).fetchone()[0])

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            for schema in schemas.values():
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return make, size, drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=BATCH, help=f"events per transaction (default {BATCH})")
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get("POINTRULES_TEST_POSTGRES"),
                        help="a PostgreSQL server to measure too (default: $POINTRULES_TEST_POSTGRES)")
    args = parser.parse_args()
    program = pointrules.load(HERE.parent / "examples" / "shop.points")
    lines, members = generate(args.n, args.seed, None, 0.0)
    profiles = read_members(program, members)
    tiers = {m: {"tier": p["tier"]} for m, p in profiles.items()}
    print(f"{args.n:,} events, {len(profiles):,} member profiles, Python {sys.version.split()[0]},"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    start, cpu = time.perf_counter(), time.process_time()
    simulate(program, lines, profiles=profiles)
    base, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  evaluator alone (simulate):    {args.n / base:10,.0f}/s (CPU {args.n / cpu:,.0f}/s)")

    print(f"  {'events/s, wall (CPU)':<30}{'batch of ' + str(args.batch):>28}{'one per transaction':>28}   target (batched)")
    targets = {"memory": "≥ 50,000/s", "SQLite, synchronous NORMAL": "≥ 20,000/s, ≤ 300 B/event",
               "PostgreSQL": "≥ 10,000/s"}
    with tempfile.TemporaryDirectory() as tmp:
        runs: list[tuple[str, Callable[[str], object], Callable[[str], int] | None]] = [
            ("memory", lambda name: MemoryStore(), None),
            ("SQLite, synchronous NORMAL", lambda name: SQLiteStore(os.path.join(tmp, name)),
             lambda name: os.path.getsize(os.path.join(tmp, name))),
            ("SQLite, synchronous FULL", lambda name: SQLiteStore(os.path.join(tmp, name), synchronous="FULL"),
             lambda name: os.path.getsize(os.path.join(tmp, name)))]
        drop = None
        if args.postgres:
            make_pg, size_pg, drop = _postgres(args.postgres)
            runs.append(("PostgreSQL", make_pg, size_pg))
        try:
            for i, (name, make, size) in enumerate(runs):
                figures = [_measure(program, make(f"{i}{batch}.db"), lines, tiers, batch, args.n,
                                    None if size is None else (lambda size=size, key=f"{i}{batch}.db": size(key)))
                           for batch in (args.batch, 1)]
                cells = [f"{rate:8,.0f} ({cpu:6,.0f})" + (f" {b:4.0f} B" if b else "") for rate, cpu, b in figures]
                print(f"  {name + ':':<30}{cells[0]:>28}{cells[1]:>28}   {targets.get(name, '')}")
        finally:
            if drop is not None:
                drop()
        if not args.postgres:
            print("  PostgreSQL: not measured (--postgres URL, or source .ci/setup.d/postgres.sh)")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} (a busy machine slows every row alike: compare rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
