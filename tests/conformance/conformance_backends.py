"""The backends every conformance case runs through: an evaluator (evaluators.py: ``reference``,
the interpreter, or ``compiled``) and a consumer of its outcomes, each behind one small function
that turns a case into what it observed per event: the award rows (as ``pointrules simulate``
writes them), a refusal naming the field, or, for the ledger only, a replay of an id it holds.

| consumer        | path                                                                                  |
|-----------------|---------------------------------------------------------------------------------------|
| rows            | ``simulate(..., on_row=, state=MemoryState)``: rows as dicts, lots in memory          |
| text            | ``simulate(..., write=)`` without a state, as ``simulate --awards`` runs; parsed back |
| text-kept       | ``simulate(..., write=, state=MemoryState)``: text rows, lots kept                    |
| ledger-memory   | ``ledger.stream.record_stream`` into ``Ledger(program, MemoryStore())``               |
| ledger-sqlite   | ``ledger.stream.record_stream`` into ``Ledger(program, SQLiteStore(":memory:"))``     |
| ledger-postgres | the same into one schema of the test server, emptied for each case (ReusedStore)      |

The PostgreSQL backend is skipped without a server (postgres_server.py), and fails without one
under CI=true.

``reference-rows`` is the oracle. Each backend names its evaluator, so ``POINTRULES_EVALUATOR``
cannot make two of them the same. Every backend but ``text`` also answers balance questions after
the case's events. The SQLite store runs in memory: the same SQL and transactions, without a
file's fsyncs (a file costs some 40 ms a case on a disk; durability is tests/ledger's business).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from pointrules.ledger import Ledger, MemoryStore, SQLiteStore
from pointrules.ledger.stream import record_stream
from pointrules.stream.simulate import Rejection, simulate
from pointrules.state.memory import MemoryState

from conformance_corpus import CorpusCase
from postgres_server import ReusedStore


@attrs.frozen
class Accepted:
    rows: tuple[dict[str, Any], ...]
    texts: tuple[str, ...] | None = None  # the rows as written, for the text paths


@attrs.frozen
class Refused:
    field: str
    message: str


@attrs.frozen
class Replayed:
    """The ledger's answer to an event id it holds with the same content: the first receipt, no row."""


Observed = Accepted | Refused | Replayed


@attrs.frozen
class Run:
    observed: tuple[Observed, ...]
    balances: tuple[int, ...] | None  # the case's balance checks, as this backend answers them


def _balances(case: CorpusCase, balance: Callable[[str, dt.datetime], int]) -> tuple[int, ...]:
    return tuple(balance(check.member, check.at) for check in case.balances)


def wire(value: Any) -> str:
    """JSON text of an event as the host sends it: Decimals as JSON numbers, written as in the
    TOML (``2.0`` stays a number with a fraction, ``"1.500"`` stays a text)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {wire(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(wire(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)  # 999.99, 2.0, 1E+3; Infinity and NaN as Python's json reads them
    return json.dumps(value, ensure_ascii=False)


def lines(case: CorpusCase) -> list[str]:
    return [wire(dict(event.data)) for event in case.case.events]


def _split(case: CorpusCase, rows: list[dict[str, Any]], rejections: list[Rejection],
           texts: list[str] | None = None) -> tuple[Observed, ...]:
    """Hand a stream's rows and rejections back to its events, in order."""
    refused = {r.line: r for r in rejections}
    out: list[Observed] = []
    k = 0
    for number, event in enumerate(case.case.events, 1):
        if number in refused:
            out.append(Refused(refused[number].field, refused[number].message))
            continue
        start = k
        while k < len(rows) and rows[k]["event"] == event.data["id"]:
            k += 1
        out.append(Accepted(tuple(rows[start:k]), None if texts is None else tuple(texts[start:k])))
    assert k == len(rows), f"{len(rows) - k} rows left over that no event wrote"
    return tuple(out)


def _simulate(case: CorpusCase, evaluator: str, *, text: bool = False, keep: bool = True) -> Run:
    program = case.program
    state = MemoryState(zone=program.timezone) if keep else None
    rows: list[dict[str, Any]] = []
    chunks: list[str] = []
    rejections: list[Rejection] = []
    simulate(program, lines(case), state=state, profiles=case.profiles, on_reject=rejections.append,
             evaluator=evaluator, **({"write": chunks.append} if text else {"on_row": rows.append}))
    texts = None
    if text:
        texts = [line + "\n" for chunk in chunks for line in chunk.splitlines()]
        rows = [json.loads(t) for t in texts]
    balances = None if state is None else _balances(case, state.balance)
    return Run(_split(case, rows, rejections, texts), balances)


def _ledger(case: CorpusCase, evaluator: str, store: Any) -> Run:
    ledger = Ledger(case.program, store, evaluator=evaluator)
    if case.profiles:
        ledger.set_profiles(case.profiles)
    observed: list[Observed] = []
    # One line at a time, so each event's outcome is known: record_stream skips a replay silently.
    for line in lines(case):
        rows: list[dict[str, Any]] = []
        rejections: list[Rejection] = []
        recorded = record_stream(ledger, [line], on_row=rows.append, on_reject=rejections.append)
        if rejections:
            observed.append(Refused(rejections[0].field, rejections[0].message))
        elif recorded.skipped:
            observed.append(Replayed())
        else:
            observed.append(Accepted(tuple(rows)))
    try:
        return Run(tuple(observed), _balances(case, lambda member, at: ledger.balance(member, at).available))
    finally:
        ledger.close()


_POSTGRES: list[ReusedStore] = []  # opened by the first case that needs it, dropped at exit (test_conformance.py)


def postgres_store() -> ReusedStore:
    """The conformance run's PostgreSQL ledger, emptied (postgres_server.postgres_url skips or fails)."""
    if not _POSTGRES:
        _POSTGRES.append(ReusedStore())
    return _POSTGRES[0].emptied()


def drop_postgres() -> None:
    while _POSTGRES:
        _POSTGRES.pop().drop()


BACKENDS: dict[str, Callable[[CorpusCase], Run]] = {
    "reference-rows": lambda case: _simulate(case, "reference"),
    "reference-text": lambda case: _simulate(case, "reference", text=True, keep=False),
    "reference-ledger-memory": lambda case: _ledger(case, "reference", MemoryStore()),
    "compiled-rows": lambda case: _simulate(case, "compiled"),
    "compiled-text": lambda case: _simulate(case, "compiled", text=True, keep=False),
    "compiled-text-kept": lambda case: _simulate(case, "compiled", text=True),
    "compiled-ledger-memory": lambda case: _ledger(case, "compiled", MemoryStore()),
    "compiled-ledger-sqlite": lambda case: _ledger(case, "compiled", SQLiteStore(":memory:")),
    "compiled-ledger-postgres": lambda case: _ledger(case, "compiled", postgres_store()),
}
ORACLE = "reference-rows"
EVALUATORS = ("reference", "compiled")  # also through ``pointrules test``'s runner: NAME-cases
