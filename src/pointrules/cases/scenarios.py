"""Scenarios: example cases that run against the ledger. A ``[[scenario]]`` of a cases file is a
sequence of steps (an event, a reward or an order redeemed, a return, an expiry run, an
adjustment, a transfer, or a look at a later time), each with what must hold after it: the points
it moved, balances, live lots, a refusal. This module reads them (with the line of each scenario
and step, since TOML parsers keep no positions); scenario_runner.py runs them; docs/cases.md
describes the format."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pointrules.cases.values import check_event, check_people, instant, is_int, members_of, unknown_keys, wire
from pointrules.cases.versions import version_for
from pointrules.events import EventError
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

ACTIONS = ("event", "reward", "order", "return", "expire", "adjust", "transfer", "check")
SCENARIO_KEYS = ("name", "tier", "member", "members", "profile", "profiles", "allow_negative", "transfers", "step")
# keys each action takes besides its own; an event takes its fields too
STEP_KEYS = {
    "event": ("id", "member", "time"), "reward": ("id", "member", "time"), "order": ("id", "member", "time", "points"),
    "return": ("id", "time", "amount"), "expire": (), "adjust": ("id", "member", "time", "reason"),
    "transfer": ("id", "member", "time", "to"), "check": ("member",),
}
BALANCE_KEYS = ("available", "pending", "expired", "spent", "lifetime")
EXPECT_KEYS = ("points", *BALANCE_KEYS, "balances", "lots", "refused", "shortfall", "value")
LOT_KEYS = ("points", "remaining", "expires", "usable", "rule")
TRANSFER_KEYS = ("minimum", "max_per_transfer", "max_per_month")


@attrs.frozen
class StepExpect:
    """What must hold after a step; None (or empty) is not checked. ``balance`` holds the member's
    ``available``, ``pending`` … written; ``lots`` the member's live lots in creation order, each a
    table of ``points``, ``remaining``, ``expires`` (as a case's), ``usable`` and ``rule``."""

    points: int | None = None
    balance: Mapping[str, int] = attrs.field(factory=dict)
    balances: Mapping[str, int] | None = None  # other members' available points
    lots: tuple[Mapping[str, Any], ...] | None = None
    refused: str | None = None  # the refusal must contain this text
    shortfall: int | None = None
    value: Decimal | None = None


@attrs.frozen
class Step:
    """One step: its ``action`` (ACTIONS), the action's value (the event kind, the reward, the
    order's money, the event returned, the expiry time, the points adjusted or transferred, the
    time looked at) and the step's other keys as written."""

    number: int
    line: int | None
    action: str
    value: Any
    data: Mapping[str, Any]
    expect: StepExpect | None


@attrs.frozen
class Scenario:
    name: str
    line: int | None
    member: str
    members: Mapping[str, str]  # tiers the host gives
    profiles: Mapping[str, Mapping[str, Any]]
    allow_negative: bool
    transfers: Mapping[str, int]
    steps: tuple[Step, ...]

    def given_profiles(self) -> dict[str, dict[str, Any]]:
        """Each member's profile as a host gives it: the profile fields, and the tier if named."""
        out = {who: dict(fields) for who, fields in self.profiles.items()}
        for who, tier in self.members.items():
            out.setdefault(who, {})["tier"] = tier
        return out


def header_lines(text: str, table: str = "scenario", inner: str = "step") -> list[tuple[int, list[int]]]:
    """The line of each ``[[scenario]]`` header and of each ``[[scenario.step]]`` under it (or of
    another ``table`` and its ``inner`` array: ``[[case]]`` and ``[[case.event]]``)."""
    outer = re.compile(rf"\s*\[\[\s*{table}\s*\]\]")
    nested = re.compile(rf"\s*\[\[\s*{table}\s*\.\s*{inner}\s*\]\]")
    found: list[tuple[int, list[int]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if outer.match(line):
            found.append((number, []))
        elif nested.match(line) and found:
            found[-1][1].append(number)
    return found


def parse_scenarios(raw: Any, filename: str, text: str, problems: list[str]) -> list[Scenario]:
    """The scenarios of a cases file's ``scenario`` array; problems name the file and the line."""
    if not isinstance(raw, list) or not raw:
        problems.append(f"{filename}: `scenario` must be tables under [[scenario]] headers")
        return []
    lines = header_lines(text)
    out: list[Scenario] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        line, steps = lines[index] if index < len(lines) else (None, [])
        at = f"{filename}:{line}" if line else filename
        if not isinstance(table, dict):
            problems.append(f"{at}: scenario {index + 1} must be a table under [[scenario]]")
            continue
        name = table.get("name")
        if not (isinstance(name, str) and name.strip()):
            problems.append(f"{at}: scenario {index + 1}: `name` must be a non-empty text")
            name = f"scenario {index + 1}"
        elif name in seen:
            problems.append(f"{at}: scenario `{name}`: another scenario has the same name; give each its own")
        seen.add(name)
        found = _scenario(table, name, line, steps, filename, problems)
        if found is not None:
            out.append(found)
    return out


def _scenario(table: Mapping[str, Any], name: str, line: int | None, step_lines: list[int], filename: str,
              problems: list[str]) -> Scenario | None:
    where = f"{filename}:{line}: scenario `{name}`" if line else f"{filename}: scenario `{name}`"
    unknown_keys(list(table), SCENARIO_KEYS, where, "key", problems)
    _, member, members, profiles = members_of(table, where, problems)
    negative = table.get("allow_negative", False)
    if not isinstance(negative, bool):
        problems.append(f"{where}: `allow_negative` must be true or false")
    transfers = table.get("transfers", {})
    if not isinstance(transfers, dict) or not all(is_int(v) and v > 0 for v in transfers.values()):
        problems.append(f"{where}: `transfers` must be a table of whole numbers, like {{ max_per_month = 20000 }}")
        transfers = {}
    unknown_keys(list(transfers), TRANSFER_KEYS, f"{where}: transfers", "key", problems)
    raw = table.get("step")
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: no steps; add at least one under [[scenario.step]]")
        return None
    steps = []
    for number, data in enumerate(raw, 1):
        step_line = step_lines[number - 1] if number - 1 < len(step_lines) else None
        here = (f"{filename}:{step_line}: scenario `{name}`: step {number}" if step_line
                else f"{where}: step {number}")
        step = _step(data, number, step_line, here, problems)
        if step is not None:
            steps.append(step)
    return Scenario(name, line, member, members, profiles, negative is True, transfers, tuple(steps))


def _step(data: Any, number: int, line: int | None, here: str, problems: list[str]) -> Step | None:
    if not isinstance(data, dict):
        problems.append(f"{here}: must be a table under [[scenario.step]]")
        return None
    actions = [key for key in ACTIONS if key in data]
    if len(actions) != 1:
        said = "none" if not actions else ", ".join(f"`{a}`" for a in actions)
        problems.append(f"{here}: a step does one thing: write exactly one of {', '.join(ACTIONS)} (found {said})")
        return None
    action = actions[0]
    value = _value(action, data[action], here, problems)
    if action != "event":  # an event's other keys are its fields, checked against the program
        unknown_keys([k for k in data if k not in (action, "expect")], STEP_KEYS[action], here, "key", problems,
                     f" (not a key of `{action}` steps)")
    if action not in ("expire", "check") and "time" not in data:
        problems.append(f"{here}: `time` is missing; when does the {action} happen?")
    elif action not in ("event", "expire", "check"):  # an event's time is the program's to judge
        found = instant(data["time"], f"{here}: `time`", problems, False)
        if found is not None and not isinstance(found, dt.datetime):
            problems.append(f"{here}: `time` must be a date-time with offset, like 2026-03-05T12:00:00+08:00")
    if action == "transfer" and not (isinstance(data.get("to"), str) and data["to"]):
        problems.append(f"{here}: `to` must name the member who receives the points")
    for key in ("id", "member", "reason") if action != "event" else ():  # an event's are the program's to judge
        if key in data and not (isinstance(data[key], str) and data[key]):
            problems.append(f"{here}: `{key}` must be a non-empty text")
    rest = {k: wire(v) for k, v in data.items() if k not in (action, "expect")}
    if action == "order" and "points" in rest and not (is_int(rest["points"]) and rest["points"] > 0):
        problems.append(f"{here}: `points` must be a whole number above 0")
    if action == "return" and "amount" in rest and not _money(rest["amount"]):
        problems.append(f"{here}: `amount` must be money, like \"450.00\"")
    expect = _expect(data["expect"], f"{here}: expect", problems) if "expect" in data else None
    return Step(number, line, action, value, rest, expect)


def _money(value: Any) -> bool:
    return isinstance(value, (str, Decimal, int)) and not isinstance(value, bool) and _decimal(value) is not None


def _decimal(value: Any) -> Decimal | None:
    try:
        found = Decimal(str(value))
    except ArithmeticError:
        return None
    return found if found.is_finite() and found >= 0 else None


def _value(action: str, value: Any, here: str, problems: list[str]) -> Any:
    """The action's own value, checked: what each action is given."""
    if action in ("event", "reward", "return") and not (isinstance(value, str) and value):
        what = {"event": "the event's kind", "reward": "a reward's name", "return": "the id of the event returned"}
        problems.append(f"{here}: `{action}` must be {what[action]}, as text")
    elif action == "order" and not _money(value):
        problems.append(f"{here}: `order` must be the order's money, like \"60.00\"")
        return None
    elif action == "order":
        return _decimal(value)
    elif action in ("adjust", "transfer") and not (is_int(value) and value != 0):
        problems.append(f"{here}: `{action}` must be a whole number of points" + (" above 0" if action == "transfer" else ""))
    elif action in ("expire", "check"):
        return instant(value, f"{here}: `{action}`", problems, False)
    return value


def _expect(raw: Any, where: str, problems: list[str]) -> StepExpect | None:
    if not isinstance(raw, dict) or not raw:
        problems.append(f"{where} must be a non-empty table, like {{ available = 250 }}")
        return None
    unknown_keys(list(raw), EXPECT_KEYS, where, "key", problems)
    for key in ("points", "shortfall", *BALANCE_KEYS):
        if key in raw and not is_int(raw[key]):
            problems.append(f"{where}: `{key}` must be a whole number of points")
    balances = raw.get("balances")
    if balances is not None and not (isinstance(balances, dict) and all(is_int(v) for v in balances.values())):
        problems.append(f"{where}: `balances` must map members to their available points, like {{ m2 = 100 }}")
        balances = None
    refused = raw.get("refused")
    if refused is not None and not (isinstance(refused, str) and refused):
        problems.append(f"{where}: `refused` must be text the refusal contains, like \"out of stock\"")
    value = raw.get("value")
    if value is not None and not _money(value):
        problems.append(f"{where}: `value` must be money, like \"3.25\"")
    return StepExpect(
        points=raw.get("points"), balance={k: raw[k] for k in BALANCE_KEYS if k in raw}, balances=balances,
        lots=_lots(raw["lots"], f"{where}: lots", problems) if "lots" in raw else None,
        refused=refused, shortfall=raw.get("shortfall"), value=None if value is None else _decimal(value))


def _lots(raw: Any, where: str, problems: list[str]) -> tuple[Mapping[str, Any], ...] | None:
    if not isinstance(raw, list) or not all(isinstance(lot, dict) and lot for lot in raw):
        problems.append(f"{where} must be a list of lots, like [{{ points = 250, remaining = 100 }}] ([] for none)")
        return None
    out = []
    for number, lot in enumerate(raw, 1):
        here = f"{where}: lot {number}"
        unknown_keys(list(lot), LOT_KEYS, here, "key", problems)
        for key in ("points", "remaining"):
            if key in lot and not is_int(lot[key]):
                problems.append(f"{here}: `{key}` must be a whole number of points")
        found = dict(lot)
        for key, never in (("expires", True), ("usable", False)):
            if key in lot:
                found[key] = instant(lot[key], f"{here}: `{key}`", problems, never)
        out.append(found)
    return tuple(out)


def check_scenarios(program: m.Program | VersionSet, scenarios: Sequence[Scenario], filename: str) -> list[str]:
    """Problems the program reveals: unknown tiers, event kinds and fields, rewards; bad profiles.
    On a program's versions, a step's in the version in force at its time."""
    problems: list[str] = []
    versions = program if isinstance(program, VersionSet) else VersionSet.single(program)
    for scenario in scenarios:
        where = f"{filename}:{scenario.line}: scenario `{scenario.name}`" if scenario.line else \
            f"{filename}: scenario `{scenario.name}`"
        check_people(versions.last, scenario.members, scenario.profiles, where, problems)
        for step in scenario.steps:
            here = f"{filename}:{step.line}: scenario `{scenario.name}`: step {step.number}" if step.line else \
                f"{where}: step {step.number}"
            refused = step.expect is not None and step.expect.refused is not None
            try:
                program = version_for(versions, step.data)
            except EventError as error:
                if not refused:
                    problems.append(f"{here}: `time`: {error.message}")
                continue
            if step.action == "reward" and step.value not in program.rewards:
                unknown_keys([str(step.value)], sorted(program.rewards) or ["(none)"], here, "reward", problems)
            if step.action == "event" and not refused:  # an event expected refused may be malformed on purpose
                check_event(program, step.value, step.data, here, problems)
    return problems
