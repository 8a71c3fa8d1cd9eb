"""`pointrules test --coverage-format json|lcov`: the coverage of each program by its cases as a file
CI tools read. lcov (Codecov, Coveralls, genhtml, editors' coverage gutters) gets the lines of each
rule, hit as often as the rule fired, each rule as a function and each condition as a branch pair
(true, false) at its line; JSON gets the same with the conditions' text, for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path

from pointrules import __version__
from pointrules.cases import Coverage, percent
from pointrules.program import model as m

FORMATS = ("json", "lcov")
DEFAULT_FILES = {"json": "coverage.json", "lcov": "coverage.lcov"}  # as coverage.py names them


def tenths(value: Fraction) -> str:
    """A percentage rounded down to a tenth, so a run below a threshold never reads as reaching it."""
    whole = value.numerator * 10 // value.denominator
    return f"{whole // 10}.{whole % 10}"


def _rule_lines(program: m.Program, rule: m.Rule) -> Iterator[int]:
    """The lines of a rule that hold code (not blank, not only a comment)."""
    source = program.source
    first, last = source.position(rule.span.start)[0], source.position(rule.span.end)[0]
    lines = source.text.splitlines()
    for number in range(first, last + 1):
        text = lines[number - 1].strip() if number <= len(lines) else ""
        if text and not text.startswith("#"):
            yield number


def lcov(coverages: Sequence[tuple[Path, Coverage]]) -> str:
    """The lcov tracefile: one record per program (SF: its path)."""
    out = ["TN:pointrules"]
    for program_file, coverage in coverages:
        out += _record(program_file, coverage)
    return "\n".join(out) + "\n"


def _record(program_file: Path, coverage: Coverage) -> list[str]:
    program = coverage.program
    out = [f"SF:{program_file.as_posix()}"]
    hits: dict[int, int] = {}
    for rule in program.rules:
        times = coverage.fired_times.get(rule.name, 0)
        out.append(f"FN:{program.source.position(rule.span.start)[0]},{rule.name}")
        out.append(f"FNDA:{times},{rule.name}")
        for number in _rule_lines(program, rule):
            hits[number] = max(hits.get(number, 0), times)
    fired = sum(1 for r in program.rules if r.name in coverage.fired)
    out += [f"FNF:{len(program.rules)}", f"FNH:{fired}"]
    branches = taken = 0
    for block, condition in enumerate(coverage.conditions):
        line = program.source.position(condition.expr.span.start)[0]
        false, true = coverage.decided[id(condition.expr)]
        for branch, count in enumerate((true, false)):
            # `-`: the condition was never decided (lcov's "block never executed")
            out.append(f"BRDA:{line},{block},{branch},{count if true or false else '-'}")
            branches, taken = branches + 1, taken + (count > 0)
    out += [f"BRF:{branches}", f"BRH:{taken}"]
    out += [f"DA:{number},{count}" for number, count in sorted(hits.items())]
    out += [f"LF:{len(hits)}", f"LH:{sum(1 for count in hits.values() if count)}", "end_of_record"]
    return out


def as_json(coverages: Sequence[tuple[Path, Coverage]]) -> str:
    """The coverage as JSON (docs/cases.md): the totals, then each program's rules and conditions."""
    covered = sum(c.covered for _, c in coverages)
    total = sum(c.total for _, c in coverages)
    doc = {
        "version": 1,
        "tool": {"name": "pointrules", "version": __version__},
        "totals": {"covered": covered, "total": total, "percent": float(tenths(percent(covered, total)))},
        "files": [_file(program_file, coverage) for program_file, coverage in coverages],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _file(program_file: Path, coverage: Coverage) -> dict[str, object]:
    source = coverage.program.source
    rules = [{"name": r.name, "line": source.position(r.span.start)[0],
              "fired": coverage.fired_times.get(r.name, 0)} for r in coverage.program.rules]
    conditions = []
    for c in coverage.conditions:
        line, column = source.position(c.expr.span.start)
        false, true = coverage.decided[id(c.expr)]
        conditions.append({"rule": c.rule, "place": c.place, "line": line, "column": column,
                           "text": " ".join(source.snippet(c.expr.span).split()), "true": true, "false": false})
    return {
        "file": program_file.as_posix(), "covered": coverage.covered, "total": coverage.total,
        "percent": float(tenths(percent(coverage.covered, coverage.total))), "rules": rules, "conditions": conditions,
        "missing": coverage.missing(),
    }
