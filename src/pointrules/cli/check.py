"""`pointrules check FILE...`: load each program and print its diagnostics."""

from __future__ import annotations

import argparse
import sys

from pointrules import ProgramError, Severity, check, read_source
from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.terminal import colour_on
from pointrules.diagnostics import render

NAME = "check"
HELP = "check program files and print their diagnostics"
EXAMPLES = (
    "  pointrules check examples/shop.points\n"
    "  pointrules check - < shop.points     # standard input (for editors)\n"
    "  pointrules check --lang zh examples/shop.points\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="program files (.points); `-` reads standard input")
    parser.add_argument("--stdin-filename", metavar="NAME", default=None,
                        help="the name standard input is shown under in diagnostics (default: <stdin>)")
    add_lang(parser)


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            if path == "-":
                source = read_source(args.stdin_filename or "<stdin>", sys.stdin.buffer.read())
            else:
                source = read_source(path)
        except OSError as error:
            print(f"error: cannot read {path}: {error.strerror}", file=sys.stderr)
            status = max(status, 2)
            continue
        except ProgramError as error:
            diagnostics, src = error.diagnostics, error.source
        else:
            diagnostics, src = check(source.text, source.filename), source
        lang = lang_for(args, path if path != "-" else args.stdin_filename or ".")
        for d in diagnostics:
            if args.quiet and d.severity is not Severity.ERROR:
                continue
            print(render(d, src, colour_on(sys.stderr), lang), end="\n\n", file=sys.stderr)
        if any(d.severity is Severity.ERROR for d in diagnostics):
            status = max(status, 1)
    return status
