"""`pointrules check PATH...`: load each program and print its diagnostics; a folder is every
program under it, and the versions of one program among them are checked as a set too."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pointrules import ProgramError, Severity, check, read_source
from pointrules.cli.files import program_files, version_set_findings
from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.terminal import colour_on
from pointrules.diagnostics import render

NAME = "check"
HELP = "check program files and print their diagnostics"
EXAMPLES = (
    "  pointrules check examples/shop.points\n"
    "  pointrules check examples/teahouse/      # each version, then the versions as a set\n"
    "  pointrules check - < shop.points     # standard input (for editors)\n"
    "  pointrules check --lang zh examples/shop.points\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="PATH",
                        help="program files (.points) or folders (searched recursively); `-` reads standard input")
    parser.add_argument("--stdin-filename", metavar="NAME", default=None,
                        help="the name standard input is shown under in diagnostics (default: <stdin>)")
    add_lang(parser)


def run(args: argparse.Namespace) -> int:
    status = 0
    paths: list[str] = []
    for path in args.files:
        if path != "-" and Path(path).is_dir():
            paths += [str(p) for p in program_files([path])[0]]
        else:
            paths.append(path)
    for path in paths:
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
    for d, src in version_set_findings(Path(p) for p in paths if p != "-"):
        print(render(d, src, colour_on(sys.stderr), lang_for(args, d.filename)), end="\n\n", file=sys.stderr)
        status = max(status, 1)
    return status
