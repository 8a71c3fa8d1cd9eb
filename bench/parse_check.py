"""Parse and check a generated 2,000-line program; prints the median of several runs.

    .venv/bin/python bench/parse_check.py [LINES]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pointrules  # noqa: E402
from pointrules.syntax.parser import parse  # noqa: E402
from pointrules.source import Source  # noqa: E402


def big_program(lines: int) -> str:
    """The shop's header and schemas, then rules of 5 lines each until ``lines`` lines."""
    head = (ROOT / "examples" / "shop.points").read_text("utf-8")
    out = [head]
    n = head.count("\n")
    i = 0
    while n < lines:
        out.append(
            f'rule bonus_{i} "加赠 {i}" on purchase when channel = "app" and amount >= {i % 500} CNY {{\n'
            f"  earn {i % 40 + 1} points per 100 CNY of amount\n"
            f"  earn 3 points when category in (\"beauty\", \"food\") or weekday = saturday\n"
            f"  limit {i % 5 + 1} times per day\n"
            "}\n"
        )
        n += 5
        i += 1
    return "".join(out)


def timed(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    text = big_program(lines)
    parse(Source("program \"warm-up\""))  # builds the LALR tables once, as a long-lived host does
    t_parse = timed(lambda: parse(Source(text, "big.points")))
    t_all = timed(lambda: pointrules.loads(text, "big.points"))
    print(f"program: {text.count(chr(10))} lines, {len(text):,} characters")
    print(f"parse:           {t_parse * 1000:8.1f} ms")
    print(f"parse and check: {t_all * 1000:8.1f} ms (median of 7)")


if __name__ == "__main__":
    main()
