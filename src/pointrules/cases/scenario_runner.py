"""Running a scenario: its steps in order on a fresh in-memory ``Ledger`` of the program (events
through the chosen evaluator), each ``expect`` compared with what the step did and what the ledger
holds after it, at the step's time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from pointrules.cases.model import Mismatch
from pointrules.cases.scenarios import BALANCE_KEYS, Scenario, Step, StepExpect
from pointrules.evaluate.calendar import at_midnight, last_valid_second, local_time
from pointrules.events import EventError
from pointrules.ledger import (
    Ledger,
    LedgerError,
    LedgerLot,
    LedgerOptions,
    MemoryStore,
    Receipt,
    TransferPolicy,
)
from pointrules.ledger.pending import lot_expiry
from pointrules.program import model as m
from pointrules.program.versions import VersionSet


@attrs.frozen
class StepFailure:
    step: Step
    mismatches: tuple[Mismatch, ...]


@attrs.frozen
class ScenarioResult:
    scenario: Scenario
    failures: tuple[StepFailure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def run_scenario(program: m.Program | VersionSet, scenario: Scenario, evaluator: str | None = None) -> ScenarioResult:
    """Run a scenario's steps in order on one fresh ledger and compare each expectation; on a
    program's versions, each step is done by the version in force at its time (the ledger's rule)."""
    options = LedgerOptions(allow_negative=scenario.allow_negative, transfers=TransferPolicy(**scenario.transfers))
    ledger = Ledger(program, MemoryStore(), options, evaluator=evaluator)
    if isinstance(program, VersionSet):
        program = program.last  # what the steps read of it, its zone, every version shares (PR604)
    profiles = scenario.given_profiles()
    if profiles:
        ledger.set_profiles(profiles)
    owners: dict[str, str] = {}  # event id -> its member, for the step that returns it
    failures = []
    at = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    for step in scenario.steps:
        at = when(program, step, at)
        found = tuple(_step(program, ledger, scenario, step, owners, at))
        if found:
            failures.append(StepFailure(step, found))
    return ScenarioResult(scenario, tuple(failures))


def when(program: m.Program, step: Step, before: dt.datetime) -> dt.datetime:
    """The instant of a step: its time, or the start of a date in the program's zone; an event
    whose time is not one (expected refused) happens at the step ``before``."""
    if step.action in ("expire", "check"):
        value = step.value
    else:
        try:
            value = dt.datetime.fromisoformat(str(step.data.get("time")))
        except ValueError:
            return before
    if isinstance(value, dt.datetime):
        return value if value.utcoffset() is not None else before
    return at_midnight(value, program.timezone)


def _step(program: m.Program, ledger: Ledger, scenario: Scenario, step: Step, owners: dict[str, str],
          at: dt.datetime) -> Iterator[Mismatch]:
    member = owners.get(step.value, scenario.member) if step.action == "return" else \
        str(step.data.get("member", scenario.member))
    receipt, refusal = None, None
    try:
        receipt = _do(ledger, scenario, step, member, at)
    except (LedgerError, EventError) as error:
        refusal = error.message if isinstance(error, LedgerError) else f"field `{error.field}`: {error.message}"
    except ValueError as error:  # an argument the ledger cannot take: the scenario is wrong
        refusal = f"not possible: {error}"
    if step.action == "event" and refusal is None:
        owners[str(step.data.get("id", f"s{step.number}"))] = member
    expect = step.expect
    wanted = expect.refused if expect is not None else None
    if refusal is not None and (wanted is None or wanted not in refusal):
        yield Mismatch("refused" if wanted else "result", f"refused with `{wanted}`" if wanted else "done",
                       f"refused: {refusal}")
    elif refusal is None and wanted is not None:
        yield Mismatch("refused", f"refused with `{wanted}`", "done")
    if expect is not None:
        yield from _compare(program, ledger, expect, receipt, member, at)


def _do(ledger: Ledger, scenario: Scenario, step: Step, member: str, at: dt.datetime) -> Receipt | None:
    """The step's operation on the ledger (None for a look at the ledger)."""
    d, action = step.data, step.action
    op = str(d.get("id", f"s{step.number}"))
    if action == "event":
        return ledger.process_event({"id": op, "member": member, **d, "kind": step.value})
    if action == "reward":
        return ledger.redeem_reward(op, member, step.value, at)
    if action == "order":
        return ledger.redeem_order(op, member, step.value, at, d.get("points"))
    if action == "return":
        amount = d.get("amount")
        return ledger.reverse(op, step.value, at, None if amount is None else Decimal(str(amount)))
    if action == "adjust":
        return ledger.adjust(op, member, step.value, str(d.get("reason", "scenario adjustment")), at)
    if action == "transfer":
        return ledger.transfer(op, member, str(d.get("to", "")), step.value, at)
    if action == "expire":
        return ledger.expire(at)
    return None


def _compare(program: m.Program, ledger: Ledger, expect: StepExpect, receipt: Receipt | None, member: str,
             at: dt.datetime) -> Iterator[Mismatch]:
    if expect.points is not None:
        got = 0 if receipt is None else receipt.total(member)
        if got != expect.points:
            yield Mismatch("points", f"{expect.points:+,}", f"{got:+,}")
    if expect.shortfall is not None:
        got = 0 if receipt is None else dict(receipt.shortfall).get(member, 0)
        if got != expect.shortfall:
            yield Mismatch("shortfall", f"{expect.shortfall:,}", f"{got:,}")
    if expect.value is not None:
        got_value = None if receipt is None else receipt.value
        if got_value != expect.value:
            yield Mismatch("value", f"{expect.value:,}", "none" if got_value is None else f"{got_value:,}")
    balance = ledger.balance(member, at).row()
    for key in BALANCE_KEYS:
        if key in expect.balance and balance[key] != expect.balance[key]:
            yield Mismatch(key, f"{expect.balance[key]:,}", f"{balance[key]:,}")
    for who, points in (expect.balances or {}).items():
        got = ledger.balance(who, at).available
        if got != points:
            yield Mismatch(f"balances.{who}", f"{points:,}", f"{got:,}")
    if expect.lots is not None:
        yield from _compare_lots(program, ledger, expect.lots, member)


def _compare_lots(program: m.Program, ledger: Ledger, wanted: tuple[Mapping[str, Any], ...], member: str) -> Iterator[Mismatch]:
    lots = ledger.lots(member)
    if len(lots) != len(wanted):
        shown = ", ".join(f"{lot.remaining:,} of {lot.points:,} ({lot.rule})" for lot in lots) or "none"
        yield Mismatch("lots", f"{len(wanted)} live lots", f"{len(lots)}: {shown}")
        return
    with ledger.store.transaction() as tx:
        last = tx.last_activity(member)
    for number, (lot, expected) in enumerate(zip(lots, wanted), 1):
        actual = _lot_view(program, lot, lot_expiry(lot, last, program.timezone))
        for key, value in expected.items():
            if not _same(value, actual[key]):
                yield Mismatch(f"lots[{number}].{key}", _text(value), _text(actual[key]))


def _lot_view(program: m.Program, lot: LedgerLot, expires: dt.datetime | None) -> dict[str, object]:
    last = last_valid_second(expires, program.timezone)
    return {"points": lot.points, "remaining": lot.remaining, "rule": lot.rule, "expires": last or "never",
            "usable": local_time(lot.available_at, program.timezone)}


def _same(expected: object, actual: object) -> bool:
    if isinstance(expected, dt.datetime) or not isinstance(expected, dt.date) or not isinstance(actual, dt.datetime):
        return expected == actual
    return expected == actual.date()  # a date: the day in the program's zone


def _text(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
