"""The whole job in process, timed in CPU time (``time.process_time``), against the hand-written
baseline: the ratio `bench/run.py` reports, but steady on a machine shared with other work.

    .venv/bin/python bench/cpu.py                  # this checkout
    .venv/bin/python bench/cpu.py --root DIR       # another checkout (e.g. a git worktree of an older commit)

Both sides read the same generated shop events from memory and produce the same award rows as
JSON Lines text; each figure is the best of seven runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(BENCH.parent), help="the checkout to measure (default: this one)")
    parser.add_argument("--events", type=int, default=30_000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.root) / "src"))
    sys.path.insert(0, str(BENCH))
    import gen_events
    import shop_baseline

    import pointrules
    try:
        from pointrules.stream.simulate import read_members, simulate
    except ImportError:  # a checkout from before the stages had folders
        from pointrules.simulate import read_members, simulate  # type: ignore[no-redef]

    program = pointrules.load(Path(args.root) / "examples" / "shop.points")
    lines, member_lines = gen_events.generate(args.events, seed=2026, invalid_rate=0.0)
    raw = [(line + "\n").encode() for line in lines]
    texts = [line + "\n" for line in lines]
    profiles = read_members(program, member_lines)
    tiers = shop_baseline.read_members(member_lines)

    def best(job: object) -> float:
        runs = []
        for _ in range(7):
            started = time.process_time()
            job()  # type: ignore[operator]
            runs.append(time.process_time() - started)
        return min(runs) / len(raw) * 1e6

    def baseline() -> None:
        rows = shop_baseline.run(texts, tiers, [])
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def library() -> None:
        out: list[str] = []
        simulate(program, raw, write=out.append, profiles=profiles)
        "".join(out)

    base, lib = best(baseline), best(library)
    print(f"{args.root}: {args.events:,} shop events, CPU time per event")
    print(f"  hand-written baseline          {base:6.2f} us")
    print(f"  pointrules simulate(), rows    {lib:6.2f} us   {lib / base:.2f}x baseline")


if __name__ == "__main__":
    main()
