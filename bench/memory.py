"""Peak memory of ``simulate`` per event and per member, with and without a window (issue 16).

    .venv/bin/python bench/memory.py                  # 100,000 and 1,000,000 events, window 30d
    .venv/bin/python bench/memory.py 20000 --window 7d

For each size it writes a Shop Rewards stream (bench/gen_events.py, no bad lines; its events span
2025-2027, mostly in time order, 5% up to 30 days from their place) with the generator's members
(n/10, at most 2,000) and with n/10 members, then runs ``simulate`` over it in a fresh process per
run, without and with the window. A run reports its resident memory after loading the program and
running 1,000 lines (the baseline: interpreter, program, compiled tables) and its peak over the
stream, sampled every 1,000 lines (``ru_maxrss`` would report loading's own, higher peak); the growth divided by the events is the cost per event, and the growth
between the two member counts divided by their difference the cost per member. Every 1,000 lines
it samples the ids and counters the state holds, to show what the window keeps.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
SHOP = ROOT / "examples" / "shop.points"


def child(events: str, window: str | None) -> None:
    """One run in this process: print what it measured as JSON."""
    import gc
    import itertools

    import pointrules
    from pointrules.cli.simulate import window as parse_window
    from pointrules.stream.simulate import simulate
    from pointrules.state.memory import MemoryState

    program = pointrules.load(SHOP)
    with open(events, "rb") as file:
        warm = MemoryState(zone=program.timezone, keep_lots=False)
        simulate(program, itertools.islice(file, 1000), state=warm)
    del warm
    gc.collect()
    base = _resident_kb()  # now, not the peak: loading the program peaks higher than it stays
    state = MemoryState(zone=program.timezone, keep_lots=False,
                        window=parse_window(window) if window else None)
    most = {"ids": 0, "counters": 0, "kb": base}

    def sampled(lines):  # type: ignore[no-untyped-def]
        for number, line in enumerate(lines, 1):
            if number % 1000 == 0:
                most["ids"] = max(most["ids"], len(state.processed))
                most["counters"] = max(most["counters"], len(state.counters))
                most["kb"] = max(most["kb"], _resident_kb())
            yield line

    start = time.perf_counter()
    with open(events, "rb") as file:
        summary = simulate(program, sampled(file), state=state)
    seconds = time.perf_counter() - start
    peak = max(most["kb"], _resident_kb())
    members = len({key[0] for key in state.counters})
    print(json.dumps({"read": summary.read, "rejected": summary.rejected, "base_kb": base, "peak_kb": peak,
                      "ids": len(state.processed), "counters": len(state.counters), "most_ids": most["ids"],
                      "most_counters": most["counters"], "members_with_counters": members,
                      "seconds": round(seconds, 1)}))


def _resident_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def measure(events: Path, window: str | None) -> dict[str, float]:
    argv = [sys.executable, __file__, "--child", str(events)] + (["--window", window] if window else [])
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--window", default="30d", help="the window to compare with keeping every id (default 30d)")
    parser.add_argument("--child", metavar="EVENTS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.window if "--window" in sys.argv else None)
        return 0
    from gen_events import generate

    print(f"{'events':>10} {'members':>8} {'window':>6} {'rejected':>8} {'ids kept':>10} {'counters':>10}"
          f" {'growth MB':>10} {'B/event':>8} {'s':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            growth: dict[tuple[int, str], float] = {}
            for members in (min(2000, max(20, n // 10)), n // 10):
                path = Path(folder) / f"events-{n}-{members}.jsonl"
                lines, _ = generate(n, seed=16, members=members)
                path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
                del lines
                for window in (None, args.window):
                    r = measure(path, window)
                    grown = (r["peak_kb"] - r["base_kb"]) * 1024
                    growth[(members, window or "-")] = grown
                    print(f"{n:>10,} {members:>8,} {window or '-':>6} {r['rejected']:>8,} {r['ids']:>10,}"
                          f" {r['counters']:>10,} {grown / 2**20:>10.1f} {grown / n:>8.0f} {r['seconds']:>6}",
                          f" (most ids {r['most_ids']:,}, most counters {r['most_counters']:,})", flush=True)
                path.unlink()
            few, many = min(2000, max(20, n // 10)), n // 10
            for window in ("-", args.window):
                if many > few:
                    per_member = (growth[(many, window)] - growth[(few, window)]) / (many - few)
                    print(f"{'':>10} per member, window {window}: {per_member:,.0f} B")
            # 10^8 events: without a window memory grows with the stream; with one it is set by the
            # events a window holds, the same at this stream's rate (so the run above) and 10^8 / n
            # times more if the 10^8 events span the same three years.
            unbounded = growth[(many, "-")] / n * 1e8
            bounded = growth[(many, args.window)] * 1e8 / n
            print(f"{'':>10} 10^8 events like these ({n // 10:,} members per {n:,} events): without a window"
                  f" {unbounded / 2**30:,.1f} GB; {args.window} window at this rate {growth[(many, args.window)] / 2**20:,.1f} MB,"
                  f" over the same 3 years about {bounded / 2**30:,.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
