"""`pointrules test PATH...`: run the example cases beside each program and report what fails."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import sys
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from pointrules import ProgramError, load
from pointrules.cases import (
    SUFFIX,
    Case,
    CaseFileError,
    CaseResult,
    CasesFile,
    Coverage,
    Scenario,
    ScenarioResult,
    cases_path,
    check_cases,
    check_scenarios,
    load_file,
    percent,
    program_path,
    run_case,
    run_scenario,
)
from pointrules.cases.versions import versions_folder
from pointrules.cli import coverage_report
from pointrules.cli.coverage_report import tenths
from pointrules.cli.files import SKIPPED_FOLDERS, program_files
from pointrules.cli.language import add_lang, lang_for
from pointrules.cli.selection import Match, matcher
from pointrules.cli.simulate import versions_or_why
from pointrules.cli.terminal import Progress, paint
from pointrules.cli.testreport import Broken, Ran, as_json, failure_text, junit
from pointrules.diagnostics import render
from pointrules.program.model import Program
from pointrules.program.versions import VersionSet

NAME = "test"
HELP = "run the example cases beside each program (NAME.cases.toml beside NAME.points)"
EXAMPLES = (
    "  pointrules test examples/                        # every program below examples/ with its cases\n"
    "  pointrules test examples/shop.points             # one program's cases\n"
    "  pointrules test examples/shop.cases.toml --filter review\n"
    "  pointrules test --coverage --fail-under 100 examples/\n"
    "  pointrules test -k 'gold and not refund' examples/\n"
    "  pointrules test --format junit --output-file report.xml examples/\n"
    "  pointrules test --coverage-format lcov --coverage-file coverage.lcov examples/\n"
    "exit status: 0 every case passed, 1 a case failed (or coverage is below --fail-under),\n"
    "2 usage error (no such path, a program or a cases file that cannot be loaded)\n"
)


def _threshold(text: str) -> Decimal:
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"`{text}` is not a percentage like 90 or 87.5") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"`{text}` is not a percentage from 0 to 100")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="programs, cases files or folders (searched recursively)")
    parser.add_argument("--filter", metavar="TEXT", default=None,
                        help="run only the cases and scenarios whose name contains TEXT (ignoring case)")
    parser.add_argument("-k", metavar="EXPRESSION", dest="expression", type=_expression, default=None,
                        help="run only the cases and scenarios that match, as pytest's -k: words of their "
                             "name or their file's name with and, or, not, parentheses")
    parser.add_argument("--format", choices=("text", "junit", "json"), default="text",
                        help="the report: text, JUnit XML (GitHub, GitLab) or JSON (default: text)")
    parser.add_argument("--output-file", type=Path, default=None, metavar="FILE",
                        help="write the JUnit or JSON report to FILE; the text report still goes to standard output")
    parser.add_argument("--coverage", action="store_true",
                        help="list rules no case fired and conditions no case saw both true and false")
    parser.add_argument("--coverage-format", choices=coverage_report.FORMATS, default=None,
                        help="write the coverage as lcov (Codecov, genhtml) or JSON to --coverage-file")
    parser.add_argument("--coverage-file", type=Path, default=None, metavar="FILE",
                        help="where --coverage-format writes (default: coverage.lcov or coverage.json; "
                             "alone, a FILE ending in .json gets JSON, any other lcov)")
    parser.add_argument("--fail-under", metavar="PERCENT", type=_threshold, default=None,
                        help="fail when coverage (rules fired and condition outcomes seen) is below PERCENT")
    add_lang(parser, "diagnostics of a program that does not load")


def _expression(text: str) -> Match:
    try:
        return matcher(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"-k {text!r}: {error}") from None


def _chosen(args: argparse.Namespace, name: str, cases_file: Path) -> bool:
    """Whether --filter and -k keep the case or scenario of that name."""
    name = name.casefold()
    if args.filter is not None and args.filter.casefold() not in name:
        return False
    return args.expression is None or args.expression(f"{name}\n{cases_file.name.casefold()}")


def pairs(paths: list[str]) -> tuple[list[tuple[Path, Path]], list[str], list[str]]:
    """(program, cases) pairs to run, usage errors, and notes on programs that have no cases."""
    found: dict[Path, Path] = {}
    errors: list[str] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            programs, _ = program_files([raw])
            for program in programs:
                cases = cases_path(program)
                if cases.is_file():
                    found[program] = cases
                else:
                    notes.append(f"note: {program} has no example cases (looked for {cases.name})")
            for cases in sorted(path.rglob(f"*{SUFFIX}")):
                skipped = any(part in SKIPPED_FOLDERS for part in cases.relative_to(path).parts[:-1])
                folder = versions_folder(cases)
                if not skipped and folder is not None:  # the cases across the folder's versions
                    found[folder] = cases
                elif not skipped and not program_path(cases).is_file():
                    errors.append(f"error: {cases} has no program beside it (looked for {program_path(cases).name})")
        elif path.is_file() and path.name.endswith(SUFFIX):
            if versions_folder(path) is not None:
                found[path.parent] = path
            elif program_path(path).is_file():
                found[program_path(path)] = path
            else:
                errors.append(f"error: {path} has no program beside it (looked for {program_path(path).name})")
        elif path.is_file():
            if cases_path(path).is_file():
                found[path] = cases_path(path)
            else:
                errors.append(f"error: no example cases for {path} (looked for {cases_path(path).name})")
        else:
            errors.append(f"error: no such file or folder: {raw}")
    return list(found.items()), errors, notes


def _load(program_file: Path, cases_file: Path, lang: str) -> tuple[Program | VersionSet, CasesFile] | str:
    """The program (a folder: its versions, for the cases across them) and its cases and scenarios,
    or why they cannot be used (as printed on standard error; the program's diagnostics in ``lang``)."""
    program: Program | VersionSet
    if program_file.is_dir():
        found = versions_or_why(str(program_file), lang)
        if isinstance(found, str):
            return f"error: {program_file} does not load as a program's versions:\n\n{found.rstrip()}\n"
        program = found
    else:
        try:
            program = load(program_file)
        except OSError as error:
            return f"error: cannot read {program_file}: {error.strerror}"
        except ProgramError as error:
            return "\n\n".join([f"error: {program_file} does not load:"]
                               + [render(d, error.source, lang=lang) for d in error.diagnostics]) + "\n"
    try:
        cases = load_file(cases_file)
        problems = check_cases(program, cases.cases, str(cases_file))
        problems += check_scenarios(program, cases.scenarios, str(cases_file))
        if problems:
            raise CaseFileError(problems)
    except OSError as error:
        return f"error: cannot read {cases_file}: {error.strerror}"
    except CaseFileError as error:
        return "\n".join(f"error: {problem}" for problem in error.problems)
    return program, cases


def _show_percent(value: Fraction) -> str:
    return tenths(value) + "%"


def run(args: argparse.Namespace) -> int:
    found, errors, notes = pairs(args.paths)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 2
    if not found:
        print("error: no example cases found (a program's cases go in NAME.cases.toml beside NAME.points)",
              file=sys.stderr)
        return 2
    if not args.quiet:
        for note in notes:
            print(note, file=sys.stderr)
    # the text report goes to standard output unless JUnit or JSON does (without --output-file)
    text = args.format == "text" or args.output_file is not None
    ran: list[Ran] = []
    broken: list[Broken] = []
    coverages: list[tuple[Path, Coverage]] = []
    progress = Progress(not args.quiet)
    for program_file, cases_file in found:
        loaded = _load(program_file, cases_file, lang_for(args, program_file))
        if isinstance(loaded, str):
            print(loaded, file=sys.stderr)
            broken.append(Broken(cases_file, loaded))
            continue
        program, cases = loaded
        measured = args.coverage or args.fail_under is not None or _coverage_output(args) is not None
        coverage = Coverage(program) if measured and isinstance(program, Program) else None  # one program
        chosen = [c for c in cases.cases if _chosen(args, c.name, cases_file)]
        stories = [s for s in cases.scenarios if _chosen(args, s.name, cases_file)]
        file_ran = _run_file(program, cases_file, (chosen, stories), coverage, progress, text)
        ran += file_ran
        file_failed = sum(1 for r in file_ran if not r.result.passed)
        if text and not args.quiet and file_ran:
            print(f"{cases_file}: {len(file_ran) - file_failed} passed, {file_failed} failed")
        if coverage is not None and chosen:  # a program whose cases were not chosen is not measured
            coverages.append((program_file, coverage))
    return _finish(args, ran, broken, coverages, text)


def _run_file(program: Program | VersionSet, cases_file: Path, chosen: tuple[list[Case], list[Scenario]],
              coverage: Coverage | None, progress: Progress, text: bool) -> list[Ran]:
    """Run a file's chosen cases, then its scenarios, printing each failure in the text report."""
    cases, stories = chosen
    ran: list[Ran] = []
    runs: list[tuple[str, Callable[[], CaseResult | ScenarioResult]]] = [(f"case {n} of {len(cases)}", functools.partial(run_case, program, c, coverage))
            for n, c in enumerate(cases, 1)]
    runs += [(f"scenario {n} of {len(stories)}", functools.partial(run_scenario, program, s))
             for n, s in enumerate(stories, 1)]
    for what, run_one in runs:
        progress.show(f"{cases_file}: {what}")
        started = time.perf_counter()
        result = run_one()
        done = Ran(cases_file, result, time.perf_counter() - started)
        ran.append(done)
        if not done.result.passed and text:
            progress.clear()
            print(paint("FAIL", "31"), failure_text(done) + "\n")
    progress.clear()
    return ran


def _finish(args: argparse.Namespace, ran: list[Ran], broken: list[Broken],
            coverages: list[tuple[Path, Coverage]], text: bool) -> int:
    """The coverage and the last line (in the text report), the JUnit or JSON report; the status."""
    failed = sum(1 for r in ran if not r.result.passed)
    with contextlib.redirect_stdout(sys.stdout if text else io.StringIO()):
        below = _report_coverage(coverages, args) if coverages else False
        print(f"{len(ran) - failed} passed, {failed} failed")
    if args.format != "text":
        report = junit(ran, broken) if args.format == "junit" else as_json(ran, broken)
        if args.output_file is None:
            sys.stdout.write(report)
        elif not _write(args.output_file, report):
            return 2
    output = _coverage_output(args)
    if output is not None:
        form, path = output
        written = coverage_report.lcov(coverages) if form == "lcov" else coverage_report.as_json(coverages)
        if not _write(path, written):
            return 2
    if broken:
        return 2
    return 1 if failed or below else 0


def _coverage_output(args: argparse.Namespace) -> tuple[str, Path] | None:
    """The coverage file's format and path, when --coverage-format or --coverage-file asks for one."""
    if args.coverage_format is None and args.coverage_file is None:
        return None
    form = args.coverage_format or ("json" if args.coverage_file.suffix == ".json" else "lcov")
    return form, args.coverage_file or Path(coverage_report.DEFAULT_FILES[form])


def _write(path: Path, text: str) -> bool:
    """Write a report; False after saying why it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {path}: {error.strerror}", file=sys.stderr)
        return False
    return True


def _report_coverage(coverages: list[tuple[Path, Coverage]], args: argparse.Namespace) -> bool:
    """Print coverage per program and in all; whether it is below ``--fail-under``."""
    covered = total = 0
    if args.coverage:
        print()
    for program_file, coverage in coverages:
        covered += coverage.covered
        total += coverage.total
        if args.coverage:
            shown = _show_percent(percent(coverage.covered, coverage.total))
            print(f"coverage of {program_file}: {shown} ({coverage.covered} of {coverage.total} rules and condition outcomes)")
            for line in coverage.missing():
                print(f"  {line}")
    share = percent(covered, total)
    if args.coverage:
        print(f"coverage: {_show_percent(share)} ({covered} of {total})")
    if args.fail_under is not None and share < Fraction(args.fail_under):
        print(f"coverage {_show_percent(share)} is below --fail-under {args.fail_under}%")
        return True
    return False
