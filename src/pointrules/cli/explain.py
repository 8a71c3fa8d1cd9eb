"""`pointrules explain PROGRAM`: the program in plain sentences, as members read the terms; for a
folder of a program's versions, each version's terms under the dates it is in force."""

from __future__ import annotations

import argparse
import sys

from pointrules import ProgramError, VersionsError, load_versions
from pointrules.diagnostics import render
from pointrules.program.versions import VersionSet, when
from pointrules.wording.terms import terms

NAME = "explain"
HELP = "print a program as terms and conditions a member can read (English or Chinese)"
EXAMPLES = (
    "  pointrules explain examples/shop.points\n"
    "  pointrules explain --lang zh examples/shop.points\n"
    "  pointrules explain examples/teahouse     # each version, with the dates it is in force\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", metavar="PROGRAM", help="a program file, or a folder of its versions")
    parser.add_argument("--lang", choices=["en", "zh"], default="en", help="language (default en)")


def run(args: argparse.Namespace) -> int:
    try:
        versions = load_versions(args.program)
    except OSError as error:
        print(f"error: cannot read {args.program}: {error.strerror or error}", file=sys.stderr)
        return 2
    except ProgramError as error:
        for d in error.diagnostics:
            print(render(d, error.source, lang=args.lang), end="\n\n", file=sys.stderr)
        return 1
    except VersionsError as error:
        for d in error.diagnostics:
            print(render(d, error.sources.get(d.filename), lang=args.lang), end="\n\n", file=sys.stderr)
        return 1
    if not versions.versioned:
        sys.stdout.write(terms(versions.last, args.lang))
        return 0
    for index, program in enumerate(versions.programs):
        if index:
            sys.stdout.write("\n")
        sys.stdout.write(_in_force(versions, index, args.lang) + "\n\n" + terms(program, args.lang))
    return 0


def _in_force(versions: VersionSet, index: int, lang: str) -> str:
    """The heading of one version's terms: its number and the dates it is in force."""
    assert versions.starts is not None
    program = versions.programs[index]
    start = when(versions.starts[index], program)
    end = when(versions.starts[index + 1], program) if index + 1 < len(versions.programs) else None
    if lang == "zh":
        return f"第 {program.version} 版，自 {start} 起" + (f"至 {end} 前" if end else "") + "有效"
    return f"Version {program.version}, in force from {start}" + (f" until {end}" if end else "")
