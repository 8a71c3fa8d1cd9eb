"""`pointrules lint PATH...`: checker diagnostics plus lint rules, for people and for CI."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from pointrules import ProgramError, read_source
from pointrules.check.fixes import apply as apply_fixes
from pointrules.check.lints import lint_source
from pointrules.cli.files import program_files, version_set_findings
from pointrules.cli.language import add_lang
from pointrules.cli.lintreport import report, write_report
from pointrules.codes import CODES
from pointrules.config import LEVELS, ConfigError, LintConfig, find_config, read_config
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.guards import prove
from pointrules.source import Source

NAME = "lint"
HELP = "check programs and flag what is legal but likely wrong"
EXAMPLES = (
    "  pointrules lint examples/                      # every .points file below examples/\n"
    "  pointrules lint --format sarif --output-file lint.sarif rules/\n"
    "  pointrules lint --format github rules/         # annotations in a GitHub Actions log\n"
    "  pointrules lint --fail-level warning shop.points\n"
    "  pointrules lint --fix rules/                   # apply the fixes the diagnostics name\n"
    "  pointrules lint --select PR5 --ignore PR508 --statistics rules/\n"
    "  pointrules lint --lang zh rules/                # the findings in Chinese\n"
    "exit status: 0 clean, 1 a finding at or above the fail level (default: error), 2 usage error\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="program files or folders (searched recursively)")
    parser.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text")
    parser.add_argument("--fail-level", choices=list(LEVELS), default=None,
                        help="lowest severity that fails the run (default: error, or the configuration's)")
    parser.add_argument("--config", type=Path, default=None,
                        help="a pointrules.toml or pyproject.toml (default: the nearest one to each file)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="the date lints take as today, YYYY-MM-DD (default: the real date)")
    parser.add_argument("--fix", action="store_true",
                        help="apply the fixes the diagnostics name (did you mean, full-width punctuation)")
    parser.add_argument("--select", action="append", type=_codes, default=[], metavar="CODES",
                        help="report only these codes or prefixes, comma-separated (PR5,PR101); errors always")
    parser.add_argument("--ignore", action="append", type=_codes, default=[], metavar="CODES",
                        help="do not report these codes or prefixes; errors are reported all the same")
    parser.add_argument("--statistics", action="store_true", help="print how many findings of each code, not each")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    parser.add_argument("--output-file", type=Path, default=None, metavar="FILE",
                        help="write the report to FILE instead of standard output")
    add_lang(parser, "findings")


def _codes(text: str) -> tuple[str, ...]:
    """A comma-separated list of codes or prefixes of codes, each matching at least one code."""
    found = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    for c in found:
        if not any(code.startswith(c) for code in CODES):
            raise argparse.ArgumentTypeError(f"`{c}` is not a code or the start of one (PR503, PR5)")
    return found


def run(args: argparse.Namespace) -> int:
    files, missing = program_files(args.paths)
    if missing:
        for m in missing:
            print(f"error: no such file or folder: {m}", file=sys.stderr)
        return 2
    if args.statistics and args.format not in ("text", "json"):
        print("error: --statistics works with --format text or json", file=sys.stderr)
        return 2
    try:
        configs = _configs(args, files)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    files = [f for f in files if not configs[f].excludes(f)]
    chosen = _chooser(args)
    found: list[Diagnostic] = []
    failing = False
    sources: dict[str, Source] = {}
    langs: dict[str, str] = {}  # each file's language: --lang, else its configuration's
    fixed = 0
    for path in files:
        try:
            if args.fix:
                fixed += _fix_file(path, functools.partial(_lint_file, path, configs[path], args.today, chosen))
            source, diagnostics = _lint_file(path, configs[path], args.today, chosen)
        except OSError as error:
            print(f"error: cannot read or write {path}: {error.strerror}", file=sys.stderr)
            return 2
        sources[source.filename] = source
        langs[source.filename] = args.lang or configs[path].lang
        fail = LEVELS[args.fail_level] if args.fail_level else configs[path].fail_level
        failing = failing or any(d.severity.rank >= fail.rank for d in diagnostics)
        found.extend(diagnostics)
    for d, source in version_set_findings(files):  # the versions of one program, as a set (PR601-PR606)
        sources[source.filename] = source
        langs.setdefault(source.filename, args.lang or configs[Path(source.filename)].lang)
        failing = True
        found.append(d)
    if args.fix:
        print(f"fixed {fixed} finding{'s' * (fixed != 1)}", file=sys.stderr)
    if not write_report(args, report(args, found, sources, len(files), langs)):
        return 2
    return 1 if failing and not args.exit_zero else 0


def _chooser(args: argparse.Namespace) -> Callable[[Diagnostic], bool]:
    """Whether --select and --ignore keep a finding; an error is always kept."""
    select = [c for group in args.select for c in group]
    ignore = [c for group in args.ignore for c in group]

    def chosen(d: Diagnostic) -> bool:
        if d.severity is Severity.ERROR:
            return True
        return (not select or d.code.startswith(tuple(select))) and not (ignore and d.code.startswith(tuple(ignore)))
    return chosen


def _lint_file(path: Path, config: LintConfig, today: dt.date | None,
               chosen: Callable[[Diagnostic], bool]) -> tuple[Source, list[Diagnostic]]:
    """The file's findings as configured: checker and lints, levels adjusted, inline ignores applied,
    only those --select and --ignore keep."""
    try:
        source = read_source(path)
        diagnostics = lint_source(source, path, today, (lambda program: prove(program, path, today),))
    except ProgramError as error:
        assert error.source is not None
        source, diagnostics = error.source, error.diagnostics
    return source, [d for d in config.apply(diagnostics, source) if chosen(d)]


def _fix_file(path: Path, lint_again: Callable[[], tuple[Source, list[Diagnostic]]]) -> int:
    """Apply the fixes the file's findings name, again while a round fixes something (a fix can
    uncover the next finding: at most 10 rounds); how many were applied."""
    fixed = 0
    for _ in range(10):
        source, diagnostics = lint_again()
        text, count = apply_fixes(source, diagnostics)
        if not count:
            break
        bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            out.write(text)
        fixed += count
    return fixed


def _configs(args: argparse.Namespace, files: list[Path]) -> dict[Path, LintConfig]:
    """Each file's configuration: the one given with --config, else the nearest to the file."""
    if args.config is not None:
        if not args.config.is_file():
            raise ConfigError(f"no such configuration file: {args.config}")
        given = read_config(args.config) or LintConfig(path=args.config)
        return {f: given for f in files}
    cache: dict[Path, LintConfig] = {}
    return {f: find_config(f, cache) for f in files}
