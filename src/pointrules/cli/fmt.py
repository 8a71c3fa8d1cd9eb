"""`pointrules fmt [--check] [--diff] [--width N] PATH...`: rewrite programs in the canonical layout,
lines of code fitted in N columns where they can be broken (formatter/declarations.py says where)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from pointrules import ProgramError, read_source
from pointrules.cli.files import program_files
from pointrules.config import WIDTHS, ConfigError, find_config
from pointrules.diagnostics import render
from pointrules.formatter import WIDTH, FormatError, format_text
from pointrules.source import Source

NAME = "fmt"
HELP = "format program files in the one canonical layout, keeping every comment"
EXAMPLES = (
    "  pointrules fmt examples/             # rewrite every .points file in place\n"
    "  pointrules fmt --check examples/     # exit 1 if any file would change (for CI)\n"
    "  pointrules fmt --diff shop.points    # show what would change\n"
    "  pointrules fmt - < shop.points       # standard input to standard output (for editors)\n"
    "  pointrules fmt --width 80 examples/  # fit lines of code in 80 columns\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="program files or folders; `-` reads standard input and writes standard output")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    parser.add_argument("--diff", action="store_true", help="change nothing; print a unified diff")
    parser.add_argument("--width", type=_width, metavar="N", default=None,
                        help=f"fit lines of code in N columns where they can be broken (default: the configuration's"
                             f" [fmt] width, else {WIDTH})")
    parser.add_argument("--stdin-filename", metavar="NAME", default=None,
                        help="the name standard input is shown under in diagnostics (default: <stdin>)")


def _width(text: str) -> int:
    """A width in columns, as argparse reads it."""
    if not (text.isascii() and text.isdigit()) or int(text) not in WIDTHS:
        raise argparse.ArgumentTypeError(f"`{text}` is not a width: a whole number of columns from {WIDTHS.start}"
                                         f" to {WIDTHS.stop - 1}")
    return int(text)


def _settings(args: argparse.Namespace, path: str) -> tuple[str, int] | None:
    """The language of the diagnostics and the width for the file at ``path``: --width, else the
    nearest configuration's, else the formatter's; None after printing why the configuration
    cannot be read."""
    try:
        config = find_config(Path(path))
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    return config.lang, args.width or config.width or WIDTH


def _formatted(source: Source, lang: str = "en", width: int = WIDTH) -> str | None:
    """The source in the canonical layout, or None after printing why it cannot be formatted (the
    diagnostics in ``lang``)."""
    try:
        return format_text(source.text, source.filename, width)
    except ProgramError as error:
        diagnostics, shown = error.diagnostics, error.source or source
    except ValueError as error:
        diagnostics, shown = error.args[0], source
    except FormatError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    for d in diagnostics:
        print(render(d, shown, lang=lang), end="\n\n", file=sys.stderr)
    return None


def _diff(before: str, after: str, name: str) -> None:
    sys.stdout.writelines(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"{name} (original)", tofile=f"{name} (formatted)",
    ))


def _standard_input(args: argparse.Namespace) -> int:
    """`fmt -`: the program on standard input, formatted to standard output (an editor's formatter);
    with --check or --diff nothing is written but the diff. Exit 1 when it cannot be formatted."""
    settings = _settings(args, args.stdin_filename or ".")
    if settings is None:
        return 2
    lang, width = settings
    try:
        source = read_source(args.stdin_filename or "<stdin>", sys.stdin.buffer.read())
    except ProgramError as error:
        for d in error.diagnostics:
            print(render(d, error.source, lang=lang), end="\n\n", file=sys.stderr)
        return 1
    out = _formatted(source, lang, width)
    if out is None:
        return 1
    if args.diff:
        _diff(source.text, out, source.filename)
    elif args.check:
        if out != source.text and not args.quiet:
            print(f"would reformat {source.filename}", file=sys.stderr)
    else:
        sys.stdout.write(out)
        return 0
    return 1 if out != source.text else 0


def run(args: argparse.Namespace) -> int:
    if "-" in args.paths:
        if args.paths != ["-"]:
            print("error: `-` (standard input) cannot be given with other paths", file=sys.stderr)
            return 2
        return _standard_input(args)
    files, missing = program_files(args.paths)
    for m in missing:
        print(f"error: no such file or folder: {m}", file=sys.stderr)
    if missing:
        return 2
    changed = failed = 0
    for path in files:
        settings = _settings(args, str(path))
        if settings is None:
            return 2
        lang, width = settings
        try:
            source = read_source(path)
        except ProgramError as error:
            failed += 1
            for d in error.diagnostics:
                print(render(d, error.source, lang=lang), end="\n\n", file=sys.stderr)
            continue
        out = _formatted(source, lang, width)
        if out is None:
            failed += 1
            continue
        if out == source.text:
            continue
        changed += 1
        if args.diff:
            _diff(source.text, out, str(path))
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
