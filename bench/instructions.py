"""Instructions per event of the whole job (simulate() writing rows as text) and of the hand-written
baseline, counted by valgrind's callgrind: the same count whatever else the machine is doing, so two
checkouts compare on a busy machine where times do not.

    .venv/bin/python bench/instructions.py                 # this checkout
    .venv/bin/python bench/instructions.py --root DIR      # another checkout (a git worktree)

Each side runs under callgrind twice, on the first 1,000 and on 4,000 generated shop events (same
seed); the difference over 3,000 is the cost of an event, start-up and loading cancelled out. The
library side first runs all 4,000 events once, uncounted in the difference: `make bench` reports the
best of several runs of one loaded program, whose compiled caches (a Day per local date, factor
sets) are then warm, and so is this count (before 2026-11-29 it was not: about 23,000 of the
153,600 instructions an event were the first sight of ~400 more local dates in the larger run). Needs
valgrind (Debian package); takes a few minutes. Instructions are not time: a ratio of counts is a
steady A/B measure, not the whole-job ratio bench/run.py reports.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FEW, MANY = 1_000, 4_000


def job(root: str, which: str, n: int) -> None:
    """One run, the measured side of a callgrind count."""
    sys.path.insert(0, str(Path(root) / "src"))
    sys.path.insert(0, str(BENCH))
    import gen_events
    import shop_baseline

    import pointrules
    from pointrules.stream.simulate import read_members, simulate

    program = pointrules.load(Path(root) / "examples" / "shop.points")
    lines, member_lines = gen_events.generate(MANY, seed=2026, invalid_rate=0.0)
    if which == "library":
        profiles = read_members(program, member_lines)
        simulate(program, [(line + "\n").encode() for line in lines], profiles=profiles)  # warm, as a repeated run
        out: list[str] = []
        simulate(program, [(line + "\n").encode() for line in lines[:n]], write=out.append, profiles=profiles)
        "".join(out)
    else:
        rows = shop_baseline.run([line + "\n" for line in lines[:n]], shop_baseline.read_members(member_lines), [])
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def count(root: str, which: str, n: int) -> int:
    # a fixed hash seed: string hashing decides dict and set layouts, and so a few instructions
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           __file__, "--job", which, "--root", root, "--events", str(n)],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(BENCH.parent), help="the checkout to measure (default: this one)")
    parser.add_argument("--job", choices=("library", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=MANY, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        job(args.root, args.job, args.events)
        return
    per = {which: (count(args.root, which, MANY) - count(args.root, which, FEW)) / (MANY - FEW)
           for which in ("baseline", "library")}
    print(f"{args.root}: instructions per shop event (callgrind, {MANY:,} minus {FEW:,} events)")
    print(f"  hand-written baseline          {per['baseline']:10,.0f}")
    print(f"  pointrules simulate(), rows    {per['library']:10,.0f}   {per['library'] / per['baseline']:.3f}x baseline")


if __name__ == "__main__":
    main()
