"""pointrules: customer points programs (会员积分) written as plain declarative ``.points`` files.

Load a program once, then evaluate events against members' state::

    import pointrules
    program = pointrules.load("examples/shop.points")
    state = pointrules.MemoryState(zone=program.timezone)
    event = pointrules.loads_event(program, '{"id": "e1", "kind": "signup", "member": "m1", '
                                            '"time": "2026-05-01T10:00:00+08:00"}')
    award, change = pointrules.evaluate(program, event, state)   # award.totals: {'m1': 100}
    state.apply(change)

The API (docs/embedding.md has each with examples):

- Programs: ``load(path)``, ``loads(text)`` -> ``Program``, or ``ProgramError`` whose ``diagnostics``
  list every finding (``Diagnostic``: code, line, column, message, help); ``check(text)`` returns
  the diagnostics and never raises; ``read_source(path)`` -> ``Source``; ``compile_program``.
- A program's versions over time: ``load_versions(folder)`` -> ``VersionSet`` (``in_force(time)``),
  or ``VersionsError``; ``simulate`` and the ``Ledger`` take one as they take a program.
- Events: ``parse_event(program, dict)``, ``loads_event(program, json_text)`` -> ``Event``, or
  ``EventError`` naming the field at fault.
- Evaluation: ``evaluate(program, event, state)`` -> the ``Award`` (``AwardLine``, ``Factor``,
  ``Trim``) and the change it makes (``Outcome``), applied to a ``MemoryState`` (``Lot``,
  ``StateChange``, ``StateView``); ``simulate`` runs a stream of events into a ``Summary``.
- Redemption: ``quote_order``, ``quote_reward`` (``OrderQuote``, ``RewardQuote``), ``points_value``.
- The ledger (imported on first use): ``Ledger(program, store)`` keeps lots, balances, expiry,
  redemptions, returns, adjustments and transfers in a ``MemoryStore``, a ``SQLiteStore`` or a
  PostgreSQL store (``pointrules.ledger.PostgresStore``), with ``LedgerOptions`` and a
  ``TransferPolicy``; a refused operation is a ``LedgerError``, a store it cannot use a
  ``StoreError``. ``pointrules.ledger`` has the rest (receipts, balances, liability).
- Example cases: ``pointrules.cases`` (``load_file``, ``run_case``, ``run_scenario``, ``Coverage``).
- Errors: every error pointrules raises derives from ``Error`` (``except pointrules.Error``):
  ``ProgramError``, ``EventError`` (also a ``ValueError``), ``ArgumentError`` (a value the API
  cannot take; also a ``ValueError``), ``LedgerError``, ``StoreError``, ``ConfigError``,
  ``pointrules.cases.CaseFileError``, ``pointrules.formatter.FormatError`` and
  ``pointrules.program.model.NotImplementedByEvaluator`` (also a ``NotImplementedError``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pointrules.check import check_tree
from pointrules.config import ConfigError
from pointrules.diagnostics import Diagnostic, Severity, make
from pointrules.errors import ArgumentError, Error
from pointrules.evaluate.award import Award, AwardLine, Factor, Trim
from pointrules.evaluate.choice import evaluate
from pointrules.evaluate.compiled import CompiledProgram, compile_program
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.redeem import OrderQuote, RewardQuote, points_value, quote_order, quote_reward
from pointrules.evaluate.view import StateView
from pointrules.events import Event, EventError, loads_event, parse_event
from pointrules.messages import t
from pointrules.program.model import Program
from pointrules.program.versions import VersionsError, VersionSet, version_files, versions_of
from pointrules.source import Source, Span
from pointrules.state.memory import Lot, MemoryState, StateChange
from pointrules.stream.simulate import Summary, simulate
from pointrules.syntax.parser import parse

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pointrules.ledger import (
        Ledger,
        LedgerError,
        LedgerOptions,
        MemoryStore,
        SQLiteStore,
        StoreError,
        TransferPolicy,
    )

# The ledger (and sqlite3 under it) is imported on first use: `pointrules check` and
# `pointrules simulate` start faster without it.
_LAZY = {name: ".ledger" for name in ("Ledger", "LedgerError", "LedgerOptions", "MemoryStore", "SQLiteStore",
                                      "StoreError", "TransferPolicy")}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pointrules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # the lazy names too, so help(pointrules) and completion show the ledger
    return sorted(set(globals()) | set(__all__))

__all__ = [
    "ArgumentError",
    "Award",
    "AwardLine",
    "CompiledProgram",
    "ConfigError",
    "Diagnostic",
    "Error",
    "Event",
    "EventError",
    "Factor",
    "Ledger",
    "LedgerError",
    "LedgerOptions",
    "Lot",
    "MemoryState",
    "MemoryStore",
    "OrderQuote",
    "Outcome",
    "Program",
    "ProgramError",
    "RewardQuote",
    "SQLiteStore",
    "Severity",
    "StateChange",
    "StateView",
    "StoreError",
    "Summary",
    "TransferPolicy",
    "Trim",
    "VersionSet",
    "VersionsError",
    "check",
    "compile_program",
    "evaluate",
    "load",
    "load_versions",
    "loads",
    "loads_event",
    "parse_event",
    "points_value",
    "quote_order",
    "quote_reward",
    "read_source",
    "simulate",
]


class ProgramError(Error):
    """A program file that cannot be loaded; ``diagnostics`` lists every finding (errors first)."""

    def __init__(self, diagnostics: list[Diagnostic], source: Source | None = None) -> None:
        self.diagnostics = diagnostics
        self.source = source
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        first = errors[0] if errors else (diagnostics[0] if diagnostics else None)
        where = f"{first.filename}:{first.line}:{first.column}: {first.message}" if first else "invalid program"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(where + more)


def analyse(source: Source) -> tuple[Program | None, list[Diagnostic]]:
    try:
        tree, diagnostics = parse(source)
        if tree is None:
            return None, diagnostics
        return check_tree(tree, source)
    except RecursionError:
        return None, [make(source, Span(0, min(1, len(source.text))), "PR005",
                           t("this program is too deeply nested to check"),
                           help=t("split long conditions into several rules"))]


def check(source: str, filename: str = "<string>") -> list[Diagnostic]:
    """Every diagnostic for a program text, in source order; never raises on any text."""
    return analyse(Source(source, filename))[1]


def loads(source: str, filename: str = "<string>") -> Program:
    """The checked program of a text, or ProgramError with its diagnostics."""
    src = Source(source, filename)
    program, diagnostics = analyse(src)
    if program is None:
        raise ProgramError(diagnostics, src)
    return program


def read_source(path: str | os.PathLike[str], data: bytes | None = None) -> Source:
    """A program file as a Source; a file that is not UTF-8 text raises ProgramError (PR006).
    ``data``, when given, is the file's bytes, read elsewhere (standard input): ``path`` only names it."""
    data = Path(path).read_bytes() if data is None else data
    name = os.fspath(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        src = Source(data.decode("utf-8", errors="replace"), name)
        raise ProgramError([make(src, Span(error.start, error.start + 1), "PR006",
                                 t("this file is not UTF-8 text"),
                                 help=t("save the file as UTF-8"))], src) from None
    return Source(text, name)


def load(path: str | os.PathLike[str]) -> Program:
    """The checked program in a file, or ProgramError with its diagnostics."""
    src = read_source(path)
    program, diagnostics = analyse(src)
    if program is None:
        raise ProgramError(diagnostics, src)
    return program


def load_versions(path: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> VersionSet:
    """A program's versions (program/versions.py): the ``.points`` files of a folder, or the files
    given, each checked and then checked as a set; a single file is a set of one, in force at
    every instant. VersionsError names every file that does not load and every problem of the set."""
    if isinstance(path, (str, os.PathLike)):
        if not Path(path).is_dir():
            return VersionSet.single(load(path))
        paths: list[Path] = version_files(Path(path))
        if not paths:
            raise OSError(f"{os.fspath(path)} holds no .points file")
    else:
        paths = [Path(p) for p in path]
    programs, diagnostics, sources = [], [], {}
    for p in paths:
        try:
            programs.append(load(p))
        except ProgramError as error:
            diagnostics.extend(error.diagnostics)
            if error.source is not None:
                sources[error.source.filename] = error.source
    if diagnostics:
        raise VersionsError(diagnostics, sources)
    return versions_of(programs)
