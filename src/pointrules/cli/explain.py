"""`pointrules explain PROGRAM`: the program in plain sentences, as members read the terms."""

from __future__ import annotations

import argparse
import sys

from pointrules import ProgramError, load
from pointrules.diagnostics import render
from pointrules.wording.terms import terms

NAME = "explain"
HELP = "print a program as terms and conditions a member can read (English or Chinese)"
EXAMPLES = (
    "  pointrules explain examples/shop.points\n"
    "  pointrules explain --lang zh examples/shop.points\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", metavar="PROGRAM", help="a program file")
    parser.add_argument("--lang", choices=["en", "zh"], default="en", help="language (default en)")


def run(args: argparse.Namespace) -> int:
    try:
        program = load(args.program)
    except OSError as error:
        print(f"error: cannot read {args.program}: {error.strerror}", file=sys.stderr)
        return 2
    except ProgramError as error:
        for d in error.diagnostics:
            print(render(d, error.source, lang=args.lang), end="\n\n", file=sys.stderr)
        return 1
    sys.stdout.write(terms(program, args.lang))
    return 0
