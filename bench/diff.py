"""`pointrules diff` against one `pointrules simulate` of the same events (issue 14's target: within
2.5x), as whole commands on a generated Shop Rewards stream, the new version earning 2 points a yuan.

    .venv/bin/python bench/diff.py [N] [--runs R]   # N events (default 200,000; the target is stated for 1,000,000)

Each command runs R times (default 3) in turn; the best wall time and the best CPU time (user +
system of the command's process) of each are printed with their ratios. On a loaded machine the
CPU times are the figure to read: wall times then measure the other processes as much as these.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_events import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="?", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shop = ROOT / "examples" / "shop.points"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines, members = generate(args.events, seed=2026)
        (folder / "events.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        (folder / "members.jsonl").write_text("\n".join(members) + "\n", "utf-8")
        new = shop.read_text("utf-8").replace("earn 1 point per 1 CNY of amount", "earn 2 points per 1 CNY of amount")
        (folder / "new.points").write_text(new, "utf-8")
        command = [sys.executable, "-m", "pointrules.cli"]
        simulate = command + ["simulate", str(shop), str(folder / "events.jsonl"), "--members",
                              str(folder / "members.jsonl"), "-q"]
        diff = command + ["diff", str(shop), str(folder / "new.points"), str(folder / "events.jsonl"), "--members",
                          str(folder / "members.jsonl"), "--format", "json"]
        best = {"simulate": float("inf"), "diff": float("inf")}
        cpu = dict(best)
        for _ in range(args.runs):
            for name, argv in (("simulate", simulate), ("diff", diff)):
                start, used = time.perf_counter(), _children_cpu()
                subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                best[name] = min(best[name], time.perf_counter() - start)
                cpu[name] = min(cpu[name], _children_cpu() - used)
    print(f"{args.events:,} shop events, best of {args.runs}: wall time, CPU time")
    print(f"  pointrules simulate      {best['simulate']:7.2f} s   {cpu['simulate']:7.2f} s")
    print(f"  pointrules diff          {best['diff']:7.2f} s   {cpu['diff']:7.2f} s")
    print(f"  diff / simulate          {best['diff'] / best['simulate']:7.2f}x   {cpu['diff'] / cpu['simulate']:7.2f}x"
          "   (target: within 2.5x)")


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
