"""`pointrules lint PATH...`: checker diagnostics plus lint rules, for people and for CI."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pointrules import ProgramError, read_source
from pointrules.config import LEVELS, ConfigError, LintConfig, find_config, parse_section, read_section
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.check.lints import lint_source
from pointrules.guards import prove
from pointrules.renderers import as_github, as_json, as_sarif, as_text, summary
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
        configs = _configs(args, files)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    files = [f for f in files if not configs[f].excludes(f)]
    found: list[Diagnostic] = []
    failing = False
    sources: dict[str, Source] = {}
    for path in files:
        try:
            source, diagnostics = _lint_file(path, configs[path], args.today)
        except OSError as error:
            print(f"error: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 2
        sources[source.filename] = source
        fail = LEVELS[args.fail_level] if args.fail_level else configs[path].fail_level
        failing = failing or any(d.severity.rank >= fail.rank for d in diagnostics)
        found.extend(diagnostics)
    totals = summary(found, len(files))
    shown = [d for d in found if d.severity is Severity.ERROR] if args.quiet else found
    out = {
        "text": lambda: as_text(shown, sources, totals, colour_on(sys.stdout)),
        "json": lambda: as_json(shown, totals),
        "sarif": lambda: as_sarif(shown),
        "github": lambda: as_github(shown),
    }[args.format]()
    sys.stdout.write(out)
    return 1 if failing else 0


def _lint_file(path: Path, config: LintConfig, today: dt.date | None) -> tuple[Source, list[Diagnostic]]:
    """The file's findings as configured: checker and lints, levels adjusted, inline ignores applied."""
    try:
        source = read_source(path)
        diagnostics = lint_source(source, path, today, (lambda program: prove(program, path, today),))
    except ProgramError as error:
        assert error.source is not None
        source, diagnostics = error.source, error.diagnostics
    return source, config.apply(diagnostics, source)


def _configs(args: argparse.Namespace, files: list[Path]) -> dict[Path, LintConfig]:
    """Each file's configuration: the one given with --config, else the nearest to the file."""
    if args.config is not None:
        if not args.config.is_file():
            raise ConfigError(f"no such configuration file: {args.config}")
        table = read_section(args.config)
        given = parse_section(table or {}, args.config)
        return {f: given for f in files}
    cache: dict[Path, LintConfig] = {}
    return {f: find_config(f, cache) for f in files}
