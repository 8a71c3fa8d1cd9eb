"""The example-cases file, NAME.cases.toml beside NAME.points: where it lives, reading it into
``Case`` objects, and checking those against their program. Every problem of a file is reported at
once, in the file's words (``CaseFileError``), never as a traceback; docs/cases.md describes the format."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from pointrules.cases.model import Case, CaseEvent, CaseFileError, Expect
from pointrules.cases.scenarios import Scenario, header_lines, parse_scenarios
from pointrules.cases.values import (
    check_event,
    check_people,
    instant,
    is_int,
    members_of,
    unknown_keys,
    wire,
)
from pointrules.cases.versions import VERSIONS_CASES, version_for
from pointrules.events import EventError
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

SUFFIX = ".cases.toml"
CASE_KEYS = ("name", "tier", "member", "members", "profile", "profiles", "event")
EXPECT_KEYS = ("points", "rules", "expires", "available", "to", "rejected", "tier_points", "version")


def cases_path(program_path: str | Path) -> Path:
    """Where a program's example cases live: NAME.cases.toml beside NAME.points."""
    path = Path(program_path)
    return path.with_name(path.name.removesuffix(".points") + SUFFIX)


def program_path(cases_file: str | Path) -> Path:
    """The program a cases file belongs to: NAME.points beside NAME.cases.toml."""
    path = Path(cases_file)
    return path.with_name(path.name.removesuffix(SUFFIX) + ".points")


# ---- reading ------------------------------------------------------------------------------------
@attrs.frozen
class CasesFile:
    """What a cases file holds: its cases (``[[case]]``) and its scenarios (``[[scenario]]``)."""

    cases: list[Case]
    scenarios: list[Scenario]


def load_file(path: str | Path) -> CasesFile:
    """A cases file's cases and scenarios, or CaseFileError naming the file and every problem."""
    name = str(path)
    with open(path, "rb") as file:
        raw = file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CaseFileError([f"{name}: this file is not UTF-8 text"]) from None
    return loads_file(text, name)


def loads_file(text: str, filename: str = "<string>") -> CasesFile:
    """The cases and scenarios of a TOML text, or CaseFileError."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise CaseFileError([f"{filename}: not valid TOML: {error}"]) from None
    return _parse(data, filename, text)


def load_cases(path: str | Path) -> list[Case]:
    """The cases of a file, or CaseFileError naming the file, the case and every problem."""
    return load_file(path).cases


def loads_cases(text: str, filename: str = "<string>") -> list[Case]:
    """The cases of a TOML text, or CaseFileError."""
    return loads_file(text, filename).cases


def parse_cases(data: Mapping[str, Any], filename: str) -> list[Case]:
    """Cases from parsed TOML; CaseFileError lists every problem (scenarios' lines are unknown)."""
    return _parse(data, filename, "").cases


def _parse(data: Mapping[str, Any], filename: str, text: str) -> CasesFile:
    problems: list[str] = []
    for key in data:
        if key not in ("case", "scenario"):
            problems.append(f"{filename}: unknown key `{key}` at the top; every case starts with [[case]]"
                            " and every scenario with [[scenario]]")
    scenarios = parse_scenarios(data["scenario"], filename, text, problems) if "scenario" in data else []
    raw = data.get("case", [])
    if not isinstance(raw, list) or (not raw and "scenario" not in data):
        problems.append(f"{filename}: no cases; write each one under a [[case]] header (or a [[scenario]])")
        raise CaseFileError(problems)
    cases: list[Case] = []
    seen: set[str] = set()
    lines: list[tuple[int | None, list[int]]] = list(header_lines(text, "case", "event"))
    if len(lines) != len(raw):  # some written inline: the headers cannot be matched to the cases
        lines = [(None, [])] * len(raw)
    for number, table in enumerate(raw, 1):
        where = f"{filename}: case {number}"
        if not isinstance(table, dict):
            problems.append(f"{where}: must be a table under [[case]]")
            continue
        name = table.get("name")
        if isinstance(name, str) and name.strip():
            where = f"{filename}: case `{name}`"
            if name in seen:
                problems.append(f"{where}: another case has the same name; give each case its own")
            seen.add(name)
        else:
            problems.append(f"{where}: `name` must be a non-empty text")
            name = f"case {number}"
        case = _case(table, name, where, problems, lines[number - 1])
        if case is not None:
            cases.append(case)
    if problems:
        raise CaseFileError(problems)
    return CasesFile(cases, scenarios)


def _case(table: Mapping[str, Any], name: str, where: str, problems: list[str],
          lines: tuple[int | None, list[int]]) -> Case | None:
    """A case; ``lines`` holds the line of its header and of its events' headers, where known."""
    unknown_keys(list(table), CASE_KEYS, where, "key", problems)
    tier, member, members, profiles = members_of(table, where, problems)
    raw_events = table.get("event")
    if not isinstance(raw_events, list) or not raw_events:
        problems.append(f"{where}: no events; add at least one under [[case.event]]")
        return None
    events = []
    line, given = lines
    event_lines: list[int | None] = list(given) if len(given) == len(raw_events) else [None] * len(raw_events)
    for index, raw in enumerate(raw_events, 1):
        if not isinstance(raw, dict):
            problems.append(f"{where}: event {index} must be a table under [[case.event]]")
            continue
        data = {key: wire(value) for key, value in raw.items() if key != "expect"}
        data.setdefault("id", f"e{index}")
        data.setdefault("member", member)
        expect = None
        if "expect" in raw:
            expect = _expect(raw["expect"], f"{where}: event {index}: expect", problems)
        events.append(CaseEvent(data, expect, event_lines[index - 1]))
    return Case(name, tier, member, members, tuple(events), profiles, line)






def _points_table(value: Any, where: str, problems: list[str]) -> dict[str, int] | None:
    if not isinstance(value, dict) or not all(is_int(v) for v in value.values()):
        problems.append(f"{where} must map names to whole points, like {{ base = 250 }}")
        return None
    return dict(value)






def _expect(raw: Any, where: str, problems: list[str]) -> Expect | None:
    if not isinstance(raw, dict):
        problems.append(f"{where} must be a table, like {{ points = 250 }}")
        return None
    unknown_keys(list(raw), EXPECT_KEYS, where, "key", problems)
    if not raw:
        problems.append(f"{where} is empty; say what the event must give, e.g. {{ points = 0 }}")
    points = raw.get("points")
    if points is not None and not is_int(points):
        problems.append(f"{where}: `points` must be a whole number, like 250")
        points = None
    tier_points = raw.get("tier_points")
    if tier_points is not None and not is_int(tier_points):
        problems.append(f"{where}: `tier_points` must be a whole number, like 1,000")
        tier_points = None
    version = raw.get("version")
    if version is not None and not (is_int(version) and version >= 1):
        problems.append(f"{where}: `version` must be the number of a version, like 2")
        version = None
    rules = _points_table(raw["rules"], f"{where}: `rules`", problems) if "rules" in raw else None
    to = _points_table(raw["to"], f"{where}: `to`", problems) if "to" in raw else None
    expires = instant(raw["expires"], f"{where}: `expires`", problems, True) if "expires" in raw else None
    available = instant(raw["available"], f"{where}: `available`", problems, False) if "available" in raw else None
    if isinstance(available, str):
        available = None
    rejected = raw.get("rejected")
    if rejected is not None:
        if not isinstance(rejected, str) or not rejected:
            problems.append(f"{where}: `rejected` must name the field at fault, like \"amount\"")
        others = [k for k in raw if k in EXPECT_KEYS and k != "rejected"]
        if others:
            problems.append(f"{where}: a rejected event earns nothing; drop {', '.join(f'`{k}`' for k in others)}")
    return Expect(points, rules, expires, available, to, rejected, tier_points, version)


# ---- checking against the program ---------------------------------------------------------------
def check_cases(program: m.Program | VersionSet, cases: Sequence[Case], filename: str) -> list[str]:
    """Problems of cases that the program reveals: unknown tiers, kinds, fields and rules; across
    versions (cases/versions.py), each event's in the version in force at its time."""
    problems: list[str] = []
    versions = program if isinstance(program, VersionSet) else VersionSet.single(program)
    for case in cases:
        where = f"{filename}: case `{case.name}`"
        check_people(versions.last, case.members, case.profiles, where, problems)  # no version drops a tier
        for index, event in enumerate(case.events, 1):
            here = f"{where}: event {index}"
            expect = event.expect
            if expect is not None and expect.rejected is not None:
                continue  # a rejected event may be malformed on purpose
            if expect is not None and expect.version is not None and not versions.versioned:
                problems.append(f"{here}: expect: `version` is for a case across a program's versions"
                                f" ({VERSIONS_CASES} in their folder)")
            try:
                version = version_for(versions, event.data)
            except EventError as error:
                problems.append(f"{here}: `time`: {error.message}")
                continue
            if not check_event(version, event.data.get("kind"), event.data, here, problems):
                continue
            rules = {r.name: r for r in version.rules}
            for rule in (expect.rules or {}) if expect else {}:
                if rule not in rules:
                    unknown_keys([rule], list(rules), f"{here}: expect: rules", "rule", problems)
                elif not rules[rule].earns:
                    problems.append(f"{here}: expect: rules: rule `{rule}` only multiplies and earns no points "
                                    "of its own; list the rules whose points it multiplies")
    return problems
