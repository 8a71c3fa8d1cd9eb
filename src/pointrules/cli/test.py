"""`pointrules test PATH...`: run the example cases beside each program and report what fails."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from pointrules import ProgramError, load
from pointrules.cases import (
    SUFFIX, Case, CaseFileError, CaseResult, CasesFile, Coverage, EventFailure, Scenario, ScenarioResult, cases_path,
    check_cases, check_scenarios, load_file, percent, program_path, run_case, run_scenario,
)
from pointrules.diagnostics import render, safe_lines
from pointrules.program.model import Program
from pointrules.cli.files import SKIPPED_FOLDERS, program_files
from pointrules.cli.terminal import Progress, paint

NAME = "test"
HELP = "run the example cases beside each program (NAME.cases.toml beside NAME.points)"
EXAMPLES = (
    "  pointrules test examples/                        # every program below examples/ with its cases\n"
    "  pointrules test examples/shop.points             # one program's cases\n"
    "  pointrules test examples/shop.cases.toml --filter review\n"
    "  pointrules test --coverage --fail-under 100 examples/\n"
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
                        help="run only the cases whose name contains TEXT (ignoring case)")
    parser.add_argument("--coverage", action="store_true",
                        help="list rules no case fired and conditions no case saw both true and false")
    parser.add_argument("--fail-under", metavar="PERCENT", type=_threshold, default=None,
                        help="fail when coverage (rules fired and condition outcomes seen) is below PERCENT")


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
                if not skipped and not program_path(cases).is_file():
                    errors.append(f"error: {cases} has no program beside it (looked for {program_path(cases).name})")
        elif path.is_file() and path.name.endswith(SUFFIX):
            if program_path(path).is_file():
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


def _load(program_file: Path, cases_file: Path) -> tuple[Program, CasesFile] | None:
    """The program and its cases and scenarios, or None after printing why they cannot be used."""
    try:
        program = load(program_file)
    except OSError as error:
        print(f"error: cannot read {program_file}: {error.strerror}", file=sys.stderr)
        return None
    except ProgramError as error:
        print(f"error: {program_file} does not load:", file=sys.stderr)
        for d in error.diagnostics:
            print(render(d, error.source), end="\n\n", file=sys.stderr)
        return None
    try:
        cases = load_file(cases_file)
        problems = check_cases(program, cases.cases, str(cases_file))
        problems += check_scenarios(program, cases.scenarios, str(cases_file))
        if problems:
            raise CaseFileError(problems)
    except OSError as error:
        print(f"error: cannot read {cases_file}: {error.strerror}", file=sys.stderr)
        return None
    except CaseFileError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return None
    return program, cases


def _failure_text(cases_file: Path, result: CaseResult) -> str:
    out = [f"{cases_file}: {result.case.name}"]
    for failure in result.failures:
        out += _event_text(failure)
    return safe_lines("\n".join(out))  # ids, members and texts of the cases file, shown safely


def _event_text(failure: EventFailure) -> list[str]:
    data = failure.event.data
    head = f"  event {data.get('id')} ({data.get('kind')}, member {data.get('member')}, {data.get('time')})"
    out = [head]
    for mm in failure.mismatches:
        out.append(f"    {mm.what}: expected {mm.expected}, got {mm.actual}")
    if failure.explanation:
        out.append("    explanation:")
        out += [f"      {line}" for line in failure.explanation.splitlines()]
    return out


def _scenario_text(cases_file: Path, result: ScenarioResult) -> str:
    scenario = result.scenario
    line = f":{scenario.line}" if scenario.line else ""
    out = [f"{cases_file}{line}: scenario {scenario.name}"]
    for failure in result.failures:
        step = failure.step
        at = f"line {step.line}, " if step.line else ""
        what = f"{step.action} {step.value}" if step.action != "event" else \
            f"event {step.data.get('id', f's{step.number}')} ({step.value})"
        out.append(f"  step {step.number} ({at}{what})")
        out += [f"    {mm.what}: expected {mm.expected}, got {mm.actual}" for mm in failure.mismatches]
    return safe_lines("\n".join(out))


def _show_percent(value: Fraction) -> str:
    # Rounded down to a tenth, so a run below the threshold never reads as reaching it.
    tenths = value.numerator * 10 // value.denominator
    return f"{tenths // 10}.{tenths % 10}%"


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
    unusable = False
    passed = failed = 0
    coverages: list[tuple[Path, Coverage]] = []
    progress = Progress(not args.quiet)
    needle = args.filter.casefold() if args.filter is not None else None
    for program_file, cases_file in found:
        loaded = _load(program_file, cases_file)
        if loaded is None:
            unusable = True
            continue
        program, found_file = loaded
        coverage = Coverage(program) if args.coverage or args.fail_under is not None else None
        chosen = [c for c in found_file.cases if needle is None or needle in c.name.casefold()]
        stories = [s for s in found_file.scenarios if needle is None or needle in s.name.casefold()]
        file_failed = _run_file(program, cases_file, chosen, stories, coverage, progress)
        ran = len(chosen) + len(stories)
        passed += ran - file_failed
        failed += file_failed
        progress.clear()
        if not args.quiet and ran:
            print(f"{cases_file}: {ran - file_failed} passed, {file_failed} failed")
        if coverage is not None and chosen:  # a program whose cases --filter left out is not measured
            coverages.append((program_file, coverage))
    below = _report_coverage(coverages, args) if coverages else False
    print(f"{passed} passed, {failed} failed")
    if unusable:
        return 2
    return 1 if failed or below else 0


def _run_file(program: Program, cases_file: Path, chosen: list[Case], stories: list[Scenario],
              coverage: Coverage | None, progress: Progress) -> int:
    """Run a file's chosen cases, then its scenarios, printing each failure; how many failed."""
    failed = 0
    for number, case in enumerate(chosen, 1):
        progress.show(f"{cases_file}: case {number} of {len(chosen)}")
        result = run_case(program, case, coverage)
        if not result.passed:
            progress.clear()
            print(paint("FAIL", "31"), _failure_text(cases_file, result) + "\n")
        failed += not result.passed
    for number, scenario in enumerate(stories, 1):
        progress.show(f"{cases_file}: scenario {number} of {len(stories)}")
        outcome = run_scenario(program, scenario)
        if not outcome.passed:
            progress.clear()
            print(paint("FAIL", "31"), _scenario_text(cases_file, outcome) + "\n")
        failed += not outcome.passed
    return failed


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
