"""`pointrules init [FOLDER]`: start a repository of points programs: a program and its example
cases in rules/, the CI workflow (GitHub Actions), the pre-commit configuration and the lint
configuration, each passing from the start (`check`, `lint`, `fmt --check`, `test` at 100%
coverage). An existing file is never overwritten: init names those in the way and writes nothing,
unless --force."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pointrules import __version__

NAME = "init"
HELP = "start a repository of points programs: a program, its cases, CI and pre-commit configuration"
EXAMPLES = (
    "  pointrules init                      # here: rules/rewards.points, its cases, CI, pre-commit\n"
    "  pointrules init shop --name shop     # in ./shop: rules/shop.points, rules/shop.cases.toml …\n"
    "exit status: 0 written, 2 a file is in the way (nothing written) or cannot be written\n"
)

PROGRAM = """\
# A points program: edit it, then run `pointrules test rules/` and `pointrules lint rules/`.
# The language: https://github.com/pointrules/pointrules/blob/main/docs/language.md
program "Rewards"
version 1
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY

event purchase "消费" {
  amount: money
  channel: "app" | "store"
}
event signup "注册"

tiers {
  member  "普通会员"
  gold    "金卡"      multiplier 1.5
}

expire at end of next year  # 积分有效期至次年年底

rule base "消费返积分" on purchase {
  earn 1 point per 1 CNY of amount  # per full yuan
}

rule app_bonus "App下单奖励" on purchase when channel = "app" "在App下单" {
  earn 5 points  # a flat bonus: never multiplied
}

rule signup "注册礼" on signup {
  earn 100 points
}

cap 5,000 points per day  # per member

redeem {
  at most 50% of order
}
"""

CASES = """\
# Example cases: what the program must pay. `pointrules test rules/` runs them (docs/cases.md).

[[case]]
name = "a purchase in the store earns a point per full yuan"
[[case.event]]
kind = "purchase"
time = 2026-05-01T10:00:00+08:00
amount = "250.80"
channel = "store"
expect = { points = 250 }  # floor(250.80) = 250; not the app: no bonus

[[case]]
name = "a gold member buys in the app"
tier = "gold"
[[case.event]]
kind = "purchase"
time = 2026-05-01T10:00:00+08:00
amount = "100.00"
channel = "app"
expect = { points = 155, rules = { base = 150, app_bonus = 5 } }  # 100 x 1.5 = 150, + 5 (never multiplied)

[[case]]
name = "signing up"
[[case.event]]
kind = "signup"
time = 2026-05-01T10:00:00+08:00
expect = { points = 100 }
"""

WORKFLOW = """\
# Checks the points programs in rules/ on every push and pull request (pointrules docs/ci.md).
name: points programs
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install pointrules==@VERSION@
      # annotations on the changed lines of the pull request
      - run: pointrules lint --format github rules/
      - run: pointrules fmt --check rules/
      - run: pointrules test --fail-under 100 --format junit --output-file test-results/points.xml rules/
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): run `pre-commit install` once, then every commit is checked.
repos:
  - repo: https://github.com/pointrules/pointrules
    rev: v@VERSION@
    hooks:
      - id: pointrules-lint
      - id: pointrules-fmt
      - id: pointrules-test
"""

CONFIG = """\
# How `pointrules lint` judges the programs here (pointrules docs/ci.md, "Configuration").
[lint]
fail-level = "warning"  # error | warning | info: the lowest severity that fails the run
"""


def _name(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}", text):
        raise argparse.ArgumentTypeError(f"`{text}` is not a file name like rewards or shop_2026 (letters, digits, _, -)")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=".", metavar="FOLDER",
                        help="where to start (default: this folder; created if missing)")
    parser.add_argument("--name", type=_name, default="rewards",
                        help="the program's file name: rules/NAME.points and rules/NAME.cases.toml (default: rewards)")
    parser.add_argument("--force", action="store_true", help="overwrite the files that are in the way")


def files(name: str) -> dict[str, str]:
    """What init writes, by path from the folder."""
    return {
        f"rules/{name}.points": PROGRAM,
        f"rules/{name}.cases.toml": CASES,
        ".github/workflows/points.yml": WORKFLOW.replace("@VERSION@", __version__),
        ".pre-commit-config.yaml": PRE_COMMIT.replace("@VERSION@", __version__),
        "pointrules.toml": CONFIG,
    }


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    wanted = files(args.name)
    in_the_way = [path for path in wanted if (folder / path).exists()]
    if in_the_way and not args.force:
        for path in in_the_way:
            print(f"error: {folder / path} exists; init wrote nothing (--force overwrites)", file=sys.stderr)
        return 2
    try:
        for path, text in wanted.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if not args.quiet:
                print(f"wrote {target}")
    except OSError as error:
        print(f"error: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"next: pointrules test {folder / 'rules'}, then make rules/{args.name}.points yours")
    return 0
