"""Example cases: a program's own tests, written by marketers beside the program (NAME.cases.toml
beside NAME.points), and the runner behind ``pointrules test``.

Theory of operation: ``load_cases`` reads the TOML (money exact: ``parse_float=Decimal``) into
frozen ``Case`` objects and reports every problem of the file at once (``CaseFileError``), never a
traceback; ``check_cases`` then checks the cases against their program (tiers, kinds, fields, rule
names). ``run_case`` evaluates the events of one case in order against one fresh ``MemoryState``
and compares each ``expect`` with the award. ``Coverage`` watches which rules fired and which
conditions were seen both true and false, by an observer the evaluator shows every condition it decides.
docs/cases.md describes the format.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from pointrules.program import model as m
from pointrules.syntax import nodes as s
from pointrules.evaluate.award import Award
from pointrules.events import EventError, parse_event
from pointrules.evaluate.choice import Evaluate, outcome_of
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.outcome import award as make_award
from pointrules.stream.simulate import award_rows
from pointrules.state.memory import MemoryState

SUFFIX = ".cases.toml"
CASE_KEYS = ("name", "tier", "member", "members", "event")
EXPECT_KEYS = ("points", "rules", "expires", "available", "to", "rejected")
BUILT_IN_FIELDS = ("id", "kind", "member", "time")
DEFAULT_MEMBER = "m1"


class CaseFileError(Exception):
    """A case file that cannot be used: ``problems`` lists each as ``FILE: case `NAME`: what``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@attrs.frozen
class Expect:
    """What one event must give; None means not checked. ``expires`` is a date (last valid day in
    the program's zone), an aware datetime (the last valid second) or ``"never"``."""

    points: int | None = None
    rules: Mapping[str, int] | None = None
    expires: dt.date | dt.datetime | str | None = None
    available: dt.date | dt.datetime | None = None
    to: Mapping[str, int] | None = None
    rejected: str | None = None


@attrs.frozen
class CaseEvent:
    """One event of a case, as the host would send it (``data``), and its expectation (None: a
    given, prior state that is not checked)."""

    data: Mapping[str, Any]
    expect: Expect | None

    @property
    def label(self) -> str:
        return f"event {self.data.get('id')}"


@attrs.frozen
class Case:
    name: str
    tier: str | None
    member: str
    members: Mapping[str, str]
    events: tuple[CaseEvent, ...]


@attrs.frozen
class Mismatch:
    """One expectation that did not hold: ``what`` is ``points``, ``rules.base``, ``to.m2`` …"""

    what: str
    expected: str
    actual: str


@attrs.frozen
class EventFailure:
    event: CaseEvent
    mismatches: tuple[Mismatch, ...]
    explanation: str | None  # the award explained, when the event was accepted


@attrs.frozen
class CaseResult:
    case: Case
    failures: tuple[EventFailure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


# ---- reading ------------------------------------------------------------------------------------
def load_cases(path: str | Path) -> list[Case]:
    """The cases of a file, or CaseFileError naming the file, the case and every problem."""
    name = str(path)
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise CaseFileError([f"{name}: not valid TOML: {error}"]) from None
    except UnicodeDecodeError:
        raise CaseFileError([f"{name}: this file is not UTF-8 text"]) from None
    return parse_cases(data, name)


def loads_cases(text: str, filename: str = "<string>") -> list[Case]:
    """The cases of a TOML text, or CaseFileError."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise CaseFileError([f"{filename}: not valid TOML: {error}"]) from None
    return parse_cases(data, filename)


def parse_cases(data: Mapping[str, Any], filename: str) -> list[Case]:
    """Cases from parsed TOML; CaseFileError lists every problem."""
    problems: list[str] = []
    for key in data:
        if key != "case":
            problems.append(f"{filename}: unknown key `{key}` at the top; every case starts with [[case]]")
    raw = data.get("case", [])
    if not isinstance(raw, list) or not raw:
        problems.append(f"{filename}: no cases; write each one under a [[case]] header")
        raise CaseFileError(problems)
    cases: list[Case] = []
    seen: set[str] = set()
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
        case = _case(table, name, where, problems)
        if case is not None:
            cases.append(case)
    if problems:
        raise CaseFileError(problems)
    return cases


def _unknown(keys: Sequence[str], known: Sequence[str], where: str, what: str, problems: list[str],
             after: str = "") -> None:
    for key in keys:
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f"; did you mean `{hint[0]}`?" if hint else f"; expected one of {', '.join(known)}"
            problems.append(f"{where}: unknown {what} `{key}`{after}{extra}")


def _case(table: Mapping[str, Any], name: str, where: str, problems: list[str]) -> Case | None:
    _unknown(list(table), CASE_KEYS, where, "key", problems)
    tier = table.get("tier")
    if tier is not None and not (isinstance(tier, str) and tier):
        problems.append(f"{where}: `tier` must be the name of a tier, as text")
        tier = None
    member = table.get("member", DEFAULT_MEMBER)
    if not isinstance(member, str) or not member:
        problems.append(f"{where}: `member` must be a non-empty text")
        member = DEFAULT_MEMBER
    members = table.get("members", {})
    if not isinstance(members, dict) or not all(isinstance(v, str) and v for v in members.values()):
        problems.append(f"{where}: `members` must map member ids to tier names, like {{ m2 = \"silver\" }}")
        members = {}
    raw_events = table.get("event")
    if not isinstance(raw_events, list) or not raw_events:
        problems.append(f"{where}: no events; add at least one under [[case.event]]")
        return None
    events = []
    for index, raw in enumerate(raw_events, 1):
        if not isinstance(raw, dict):
            problems.append(f"{where}: event {index} must be a table under [[case.event]]")
            continue
        data = {key: _wire(value) for key, value in raw.items() if key != "expect"}
        data.setdefault("id", f"e{index}")
        data.setdefault("member", member)
        expect = None
        if "expect" in raw:
            expect = _expect(raw["expect"], f"{where}: event {index}: expect", problems)
        events.append(CaseEvent(data, expect))
    if tier is not None:
        members = {member: tier, **members}
    return Case(name, tier, member, dict(members), tuple(events))


def _wire(value: Any) -> Any:
    """A TOML value as the host would send it: dates and times as ISO text, money kept exact."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def _points_table(value: Any, where: str, problems: list[str]) -> dict[str, int] | None:
    if not isinstance(value, dict) or not all(_is_int(v) for v in value.values()):
        problems.append(f"{where} must map names to whole points, like {{ base = 250 }}")
        return None
    return dict(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _instant(value: Any, where: str, problems: list[str], never: bool) -> dt.date | dt.datetime | str | None:
    if isinstance(value, str):
        if never and value == "never":
            return value
        try:
            value = dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            problems.append(f"{where} `{value.isoformat()}` has no UTC offset; add one, e.g. +08:00")
            return None
        return value
    if isinstance(value, dt.date):
        return value
    also = ' or "never"' if never else ""
    problems.append(f"{where} must be a date (2027-12-31) or a date-time with offset (2027-12-31T23:59:59+08:00){also}")
    return None


def _expect(raw: Any, where: str, problems: list[str]) -> Expect | None:
    if not isinstance(raw, dict):
        problems.append(f"{where} must be a table, like {{ points = 250 }}")
        return None
    _unknown(list(raw), EXPECT_KEYS, where, "key", problems)
    if not raw:
        problems.append(f"{where} is empty; say what the event must give, e.g. {{ points = 0 }}")
    points = raw.get("points")
    if points is not None and not _is_int(points):
        problems.append(f"{where}: `points` must be a whole number, like 250")
        points = None
    rules = _points_table(raw["rules"], f"{where}: `rules`", problems) if "rules" in raw else None
    to = _points_table(raw["to"], f"{where}: `to`", problems) if "to" in raw else None
    expires = _instant(raw["expires"], f"{where}: `expires`", problems, True) if "expires" in raw else None
    available = _instant(raw["available"], f"{where}: `available`", problems, False) if "available" in raw else None
    if isinstance(available, str):
        available = None
    rejected = raw.get("rejected")
    if rejected is not None:
        if not isinstance(rejected, str) or not rejected:
            problems.append(f"{where}: `rejected` must name the field at fault, like \"amount\"")
        others = [k for k in raw if k in EXPECT_KEYS and k != "rejected"]
        if others:
            problems.append(f"{where}: a rejected event earns nothing; drop {', '.join(f'`{k}`' for k in others)}")
    return Expect(points, rules, expires, available, to, rejected)


# ---- checking against the program ---------------------------------------------------------------
def check_cases(program: m.Program, cases: Sequence[Case], filename: str) -> list[str]:
    """Problems of cases that the program reveals: unknown tiers, kinds, fields and rules."""
    problems: list[str] = []
    tiers = [t.name for t in program.tiers]
    rules = {r.name: r for r in program.rules}
    for case in cases:
        where = f"{filename}: case `{case.name}`"
        for who, tier in case.members.items():
            if tier not in tiers:
                _unknown([tier], tiers, f"{where}: member `{who}`", "tier", problems)
        for index, event in enumerate(case.events, 1):
            here = f"{where}: event {index}"
            expect = event.expect
            if expect is not None and expect.rejected is not None:
                continue  # a rejected event may be malformed on purpose
            kind = event.data.get("kind")
            if not isinstance(kind, str) or kind not in program.events:
                _unknown([str(kind)], sorted(program.events), here, "event kind", problems)
                continue
            known = [*BUILT_IN_FIELDS, *program.events[kind].fields]
            _unknown(list(event.data), known, here, "field", problems, f" (not a field of `{kind}` events)")
            for rule in (expect.rules or {}) if expect else {}:
                if rule not in rules:
                    _unknown([rule], list(rules), f"{here}: expect: rules", "rule", problems)
                elif not rules[rule].earns:
                    problems.append(f"{here}: expect: rules: rule `{rule}` only multiplies and earns no points "
                                    "of its own; list the rules whose points it multiplies")
    return problems


# ---- running ------------------------------------------------------------------------------------
def run_case(program: m.Program, case: Case, coverage: Coverage | None = None,
             evaluator: str | None = None) -> CaseResult:
    """Evaluate a case's events in order against one fresh state and compare each expectation;
    ``evaluator`` as evaluate/choice.py chooses."""
    profiles: dict[str, Mapping[str, Any]] = {who: {"tier": tier} for who, tier in case.members.items()}
    state = MemoryState(profiles=profiles, zone=program.timezone)
    evaluate = outcome_of(program, evaluator, coverage.saw if coverage is not None else None)
    failures: list[EventFailure] = []
    for event in case.events:
        failure = _run_event(program, evaluate, event, state, coverage)
        if failure is not None:
            failures.append(failure)
    return CaseResult(case, tuple(failures))


def _run_event(program: m.Program, evaluate: Evaluate, event: CaseEvent, state: MemoryState,
               coverage: Coverage | None) -> EventFailure | None:
    expect = event.expect
    try:
        parsed = parse_event(program, event.data)
        change = evaluate(parsed, state)
        award = make_award(change, program.currency)
    except EventError as error:
        if expect is not None and expect.rejected == error.field:
            return None
        wanted = f"rejected for field `{expect.rejected}`" if expect and expect.rejected else "accepted"
        what = "rejected" if expect is not None and expect.rejected else "given event" if expect is None else "event"
        return EventFailure(event, (Mismatch(what, wanted, f"rejected: field `{error.field}`: {error.message}"),), None)
    state.apply(change)
    if coverage is not None:
        coverage.observe(award)
    if expect is None:
        return None
    found: tuple[Mismatch, ...]
    if expect.rejected is not None:
        found = (Mismatch("rejected", f"rejected for field `{expect.rejected}`", f"accepted with {award.points:,} points"),)
    else:
        found = tuple(_compare(program, award, change, expect))
    return EventFailure(event, found, award.explain("en")) if found else None


def _compare(program: m.Program, award: Award, outcome: Outcome, expect: Expect) -> Iterator[Mismatch]:
    if expect.points is not None and award.points != expect.points:
        yield Mismatch("points", f"{expect.points:,}", f"{award.points:,}")
    actual_rules = award.by_rule(award.member)
    for rule, points in (expect.rules or {}).items():
        got = actual_rules.get(rule, 0)
        if got != points:
            yield Mismatch(f"rules.{rule}", f"{points:,}", f"{got:,}" if rule in actual_rules else "0 (the rule did not fire)")
    for who, points in (expect.to or {}).items():
        if award.total(who) != points:
            yield Mismatch(f"to.{who}", f"{points:,}", f"{award.total(who):,}")
    if expect.expires is None and expect.available is None:
        return
    row = award_rows(program, outcome)[0]  # the event member's row, as `pointrules simulate` writes it
    expires = dt.datetime.fromisoformat(row["expires"]) if row["expires"] else None
    if expect.expires is not None and not _same(expect.expires, expires):
        yield Mismatch("expires", _show(expect.expires), _show(expires, expect.expires))
    available = dt.datetime.fromisoformat(row["available"])
    if expect.available is not None and not _same(expect.available, available):
        yield Mismatch("available", _show(expect.available), _show(available, expect.available))


def _same(expected: dt.date | dt.datetime | str, actual: dt.datetime | None) -> bool:
    if expected == "never" or actual is None:
        return expected == "never" and actual is None
    if isinstance(expected, dt.datetime):
        return expected == actual  # aware datetimes compare as instants
    return expected == actual.date()  # actual is in the program's zone already


def _show(value: dt.date | dt.datetime | str | None, like: Any = None) -> str:
    if value is None:
        return "never"
    if isinstance(value, dt.datetime) and type(like) is dt.date:
        return f"{value.date().isoformat()} ({value.isoformat()})"
    return value if isinstance(value, str) else value.isoformat()


# ---- coverage -----------------------------------------------------------------------------------
@attrs.frozen(eq=False)
class Condition:
    """A condition coverage tracks: where it stands (``rule `x` when``) and its expression."""

    rule: str
    place: str  # "when", "earn 2 when", "earn 1 where", "multiply 1 when"
    expr: s.Expr


@attrs.define
class Coverage:
    """Which rules of a program fired and which outcomes each condition was seen with."""

    program: m.Program
    conditions: list[Condition] = attrs.field(factory=list)
    fired: set[str] = attrs.field(factory=set)
    seen: dict[int, set[bool]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        for rule in self.program.rules:
            places: list[tuple[str, s.Expr | None]] = [("when", rule.condition)]
            for i, earn in enumerate(rule.earns, 1):
                places.append((f"earn {i} when", earn.condition))
                places.append((f"earn {i} where", earn.spend.where if earn.spend else None))
            places += [(f"multiply {i} when", mult.condition) for i, mult in enumerate(rule.multipliers, 1)]
            self.conditions += [Condition(rule.name, place, expr) for place, expr in places if expr is not None]
        for c in self.conditions:
            self.seen[id(c.expr)] = set()

    def saw(self, expr: s.Expr, result: bool) -> None:
        """The hook: one condition was decided."""
        outcomes = self.seen.get(id(expr))
        if outcomes is not None:
            outcomes.add(result)

    def observe(self, award: Award) -> None:
        """A rule fired when it earned points (before any limit, cap or budget took them) or its
        multiplier reached a line: a spend rule whose items all failed `where` has not fired."""
        for line in award.lines:
            if line.rounded > 0:
                self.fired.add(line.rule)
            self.fired.update(f.rule for f in line.multipliers if f.rule is not None)

    @property
    def total(self) -> int:
        return len(self.program.rules) + 2 * len(self.conditions)

    @property
    def covered(self) -> int:
        rules = sum(1 for r in self.program.rules if r.name in self.fired)
        return rules + sum(len(self.seen[id(c.expr)]) for c in self.conditions)

    def missing(self) -> list[str]:
        """What no case exercised, in program order, in words."""
        out = []
        source = self.program.source
        for rule in self.program.rules:
            if rule.name not in self.fired:
                out.append(f"rule `{rule.name}` (line {source.position(rule.span.start)[0]}) never fired")
        for c in self.conditions:
            outcomes = self.seen[id(c.expr)]
            if len(outcomes) < 2:
                text = " ".join(source.snippet(c.expr.span).split())
                line = source.position(c.expr.span.start)[0]
                never = "never true" if outcomes == {False} else "never false" if outcomes == {True} else "never decided"
                out.append(f"rule `{c.rule}` {c.place} `{text}` (line {line}) {never}")
        return out


def percent(covered: int, total: int) -> Fraction:
    """Coverage as an exact percentage (100 when there is nothing to cover)."""
    return Fraction(100) if total == 0 else Fraction(100 * covered, total)


def cases_path(program_path: str | Path) -> Path:
    """Where a program's example cases live: NAME.cases.toml beside NAME.points."""
    path = Path(program_path)
    return path.with_name(path.name.removesuffix(".points") + SUFFIX)


def program_path(cases_file: str | Path) -> Path:
    """The program a cases file belongs to: NAME.points beside NAME.cases.toml."""
    path = Path(cases_file)
    return path.with_name(path.name.removesuffix(SUFFIX) + ".points")
