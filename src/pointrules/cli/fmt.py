"""`pointrules fmt [--check] [--diff] PATH...`: rewrite programs in the canonical layout."""

from __future__ import annotations

import argparse
import difflib
import sys

from pointrules import ProgramError, read_source
from pointrules.diagnostics import render
from pointrules.formatter import FormatError, format_text
from pointrules.cli.files import program_files

NAME = "fmt"
HELP = "format program files in the one canonical layout, keeping every comment"
EXAMPLES = (
    "  pointrules fmt examples/             # rewrite every .points file in place\n"
    "  pointrules fmt --check examples/     # exit 1 if any file would change (for CI)\n"
    "  pointrules fmt --diff shop.points    # show what would change\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="program files or folders")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    parser.add_argument("--diff", action="store_true", help="change nothing; print a unified diff")


def run(args: argparse.Namespace) -> int:
    files, missing = program_files(args.paths)
    for m in missing:
        print(f"error: no such file or folder: {m}", file=sys.stderr)
    if missing:
        return 2
    changed = failed = 0
    for path in files:
        try:
            source = read_source(path)
            out = format_text(source.text, source.filename)
        except ProgramError as error:
            failed += 1
            for d in error.diagnostics:
                print(render(d, error.source), end="\n\n", file=sys.stderr)
            continue
        except ValueError as error:
            failed += 1
            for d in error.args[0]:
                print(render(d, source), end="\n\n", file=sys.stderr)
            continue
        except FormatError as error:
            failed += 1
            print(f"error: {error}", file=sys.stderr)
            continue
        if out == source.text:
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                source.text.splitlines(keepends=True), out.splitlines(keepends=True),
                fromfile=f"{path} (original)", tofile=f"{path} (formatted)",
            ))
        elif args.check:
            if not args.quiet:
                print(f"would reformat {path}")
        else:
            path.write_text(out, encoding="utf-8")
            if not args.quiet:
                print(f"formatted {path}")
    if not args.quiet:
        verb = "would be reformatted" if args.check or args.diff else "reformatted"
        print(f"{changed} file{'s' * (changed != 1)} {verb}, {len(files) - changed - failed} unchanged"
              + (f", {failed} could not be parsed" if failed else ""), file=sys.stderr)
    if failed:
        return 1
    return 1 if changed and (args.check or args.diff) else 0
