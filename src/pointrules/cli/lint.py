"""`pointrules lint PATH...`: checker diagnostics plus lint rules, for people and for CI."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pointrules import ProgramError, read_source
from pointrules.config import LEVELS, ConfigError, LintConfig, find_config
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.check.lints import lint_source
from pointrules.guards import prove
from pointrules.renderers import as_github, as_json, as_sarif, as_text
from pointrules.source import Source
from pointrules.cli.files import program_files
from pointrules.cli.terminal import colour_on

NAME = "lint"
HELP = "check programs and flag what is legal but likely wrong"
EXAMPLES = (
    "  pointrules lint examples/                      # every .points file below examples/\n"
    "  pointrules lint --format sarif rules/ > lint.sarif\n"
    "  pointrules lint --format github rules/         # annotations in a GitHub Actions log\n"
    "  pointrules lint --fail-level warning shop.points\n"
    "exit status: 0 clean, 1 a finding at or above the fail level (default: error), 2 usage error\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="program files or folders (searched recursively)")
    parser.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text")
    parser.add_argument("--fail-level", choices=list(LEVELS), default=None,
                        help="lowest severity that fails the run (default: error, or the configuration's)")
    parser.add_argument("--config", type=Path, default=None,
                        help="a pointrules.toml or pyproject.toml (default: the nearest one)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="the date lints take as today, YYYY-MM-DD (default: the real date)")


def run(args: argparse.Namespace) -> int:
    files, missing = program_files(args.paths)
    if missing:
        for m in missing:
            print(f"error: no such file or folder: {m}", file=sys.stderr)
        return 2
    try:
        config = _config(args)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    found: list[Diagnostic] = []
    sources: dict[str, Source] = {}
    for path in files:
        try:
            source = read_source(path)
            diagnostics = lint_source(source, path, args.today,
                                      (lambda program, path=path: prove(program, path, args.today),))
        except ProgramError as error:
            assert error.source is not None
            source, diagnostics = error.source, error.diagnostics
        except OSError as error:
            print(f"error: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 2
        sources[source.filename] = source
        found.extend(config.apply(diagnostics, source))
    if args.quiet:
        found = [d for d in found if d.severity is Severity.ERROR]
    out = {
        "text": lambda: as_text(found, sources, len(files), colour_on(sys.stdout)),
        "json": lambda: as_json(found, len(files)),
        "sarif": lambda: as_sarif(found),
        "github": lambda: as_github(found),
    }[args.format]()
    sys.stdout.write(out)
    fail = LEVELS[args.fail_level] if args.fail_level else config.fail_level
    return 1 if any(d.severity.rank >= fail.rank for d in found) else 0


def _config(args: argparse.Namespace) -> LintConfig:
    if args.config is not None:
        if not args.config.is_file():
            raise ConfigError(f"no such configuration file: {args.config}")
        from pointrules.config import parse_section, read_section

        table = read_section(args.config)
        return parse_section(table or {}, args.config)
    return find_config(Path(args.paths[0]))
