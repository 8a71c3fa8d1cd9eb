"""Reading the conformance corpus: tests/conformance/*.toml (README.md beside this file gives the
format) and the example cases of examples/*.cases.toml, into programs and cases.

A corpus file is the cases format of docs/cases.md plus the program it runs on and a few extra
keys. The extras are taken out here; what is left is handed to ``pointrules.cases.parse_cases``
and ``check_cases``, so the cases part means exactly what it means to ``pointrules test``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import pointrules
from pointrules.program import model as m
from pointrules.cases import Case, Expect, cases_path, check_cases, load_cases, parse_cases

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ROW_KEYS = ("points", "rules", "expires", "available", "tier_points")


@attrs.frozen
class BalanceCheck:
    """After the case's events: the points ``member`` can use at ``at`` (usable, not expired), at
    any instant, before the last event too."""

    member: str
    at: dt.datetime
    available: int


@attrs.frozen
class CorpusCase:
    """One case with its program. ``rows[i]`` is event i's extra expectation: the rows of the
    other beneficiaries, in row order (None: not checked). ``exact_rules``: ``rules`` lists every
    rule of the row (the corpus) or only some (the example cases, as ``pointrules test`` reads them)."""

    file: str
    case: Case
    program: m.Program
    rows: tuple[Mapping[str, Expect] | None, ...]
    balances: tuple[BalanceCheck, ...]
    exact_rules: bool

    @property
    def id(self) -> str:
        return f"{self.file}::{self.case.name}"

    @property
    def profiles(self) -> dict[str, dict[str, Any]]:
        return self.case.given_profiles()


class CorpusError(Exception):
    """A corpus file that cannot be used."""


def corpus_files() -> list[Path]:
    return sorted(HERE.glob("*.toml"))


def load_corpus() -> list[CorpusCase]:
    """Every case of the corpus, then every example case of examples/."""
    out: list[CorpusCase] = []
    for path in corpus_files():
        out += load_file(path)
    for program_path in sorted((ROOT / "examples").glob("*.points")):
        program = pointrules.load(program_path)
        cases_file = cases_path(program_path)
        name = f"examples/{cases_file.name}"
        cases = load_cases(cases_file)
        problems = check_cases(program, cases, name)
        if problems:
            raise CorpusError("\n".join(problems))
        out += [CorpusCase(name, case, program, (None,) * len(case.events), (), False) for case in cases]
    return out


def load_file(path: Path) -> list[CorpusCase]:
    """The cases of one corpus file, each with its program and its extra expectations."""
    name = path.name
    with open(path, "rb") as file:
        data = tomllib.load(file, parse_float=Decimal)
    programs = _programs(data, path)
    raw_cases = data.get("case")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise CorpusError(f"{name}: no [[case]]")
    plain_cases, extras = [], []
    for raw in raw_cases:
        plain, extra = _take_extras(dict(raw), programs, name)
        plain_cases.append(plain)
        extras.append(extra)
    out = []
    for case, (program, rows, balances) in zip(parse_cases({"case": plain_cases}, name), extras, strict=True):
        problems = check_cases(program, [case], name)
        if problems:
            raise CorpusError("\n".join(problems))
        out.append(CorpusCase(name, case, program, rows, balances, True))
    return out


def _take_extras(case: dict[str, Any], programs: dict[str, m.Program], file: str,
                 ) -> tuple[dict[str, Any], Any]:
    """The case as the cases format has it, and what the corpus adds: its program, the rows of
    other beneficiaries per event, its balance checks."""
    where = f"{file}: case `{case.get('name')}`"
    which = case.pop("program", None)
    if which is None and len(programs) != 1:
        raise CorpusError(f"{where} must say which program: one of {sorted(programs)}")
    if which is not None and which not in programs:
        raise CorpusError(f"{where}: no program `{which}`")
    program = programs[which] if which is not None else next(iter(programs.values()))
    balances = tuple(_balance(b, where) for b in case.pop("balance", []))
    rows: list[Mapping[str, Expect] | None] = []
    events = []
    for event in case.get("event", []):
        event = dict(event)
        expect = event.get("expect")
        if isinstance(expect, dict) and "rows" in expect:
            event["expect"] = expect = dict(expect)
            rows.append(_rows(expect.pop("rows"), where))
        else:
            rows.append(None)
        events.append(event)
    case["event"] = events
    return case, (program, tuple(rows), balances)


def _programs(data: dict[str, Any], path: Path) -> dict[str, m.Program]:
    texts: dict[str, str] = {}
    if "program" in data:
        texts[""] = data.pop("program")
    for key, text in data.pop("programs", {}).items():
        texts[key] = text
    if "program_file" in data:
        file = (path.parent / data.pop("program_file")).resolve()
        texts[""] = file.read_text("utf-8")
    if not texts:
        raise CorpusError(f"{path.name}: no program: give `program`, `programs` or `program_file`")
    for key in list(data):
        if key != "case":
            raise CorpusError(f"{path.name}: unknown key `{key}` at the top")
    return {key: pointrules.loads(text, f"{path.name}[{key or 'program'}]")
            for key, text in texts.items()}


def _rows(raw: Any, case: str) -> dict[str, Expect]:
    where = f"{case}: expect.rows"
    if not isinstance(raw, dict):
        raise CorpusError(f"{where} must map members to their rows")
    out = {}
    for who, row in raw.items():
        if not isinstance(row, dict) or not row or set(row) - set(ROW_KEYS):
            raise CorpusError(f"{where}.{who} must be a table of {', '.join(ROW_KEYS)}")
        out[who] = Expect(points=row.get("points"), rules=row.get("rules"),
                          expires=_when(row.get("expires"), where),
                          available=_when(row.get("available"), where), tier_points=row.get("tier_points"))
    return out


def _when(value: Any, where: str) -> Any:
    if isinstance(value, dt.datetime) and value.utcoffset() is None:
        raise CorpusError(f"{where}: `{value}` has no UTC offset")
    return value


def _balance(raw: Any, case: str) -> BalanceCheck:
    where = f"{case}: [[case.balance]]"
    if not isinstance(raw, dict) or set(raw) != {"member", "at", "available"}:
        raise CorpusError(f"{where} needs exactly member, at and available")
    at = raw["at"]
    if not isinstance(at, dt.datetime) or at.utcoffset() is None:
        raise CorpusError(f"{where}: `at` must be a date-time with offset")
    return BalanceCheck(raw["member"], at, raw["available"])
