"""pointrules: customer points programs written as plain declarative files.

Load a program once, then evaluate events against members' state::

    import pointrules
    program = pointrules.load("examples/shop.points")
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pointrules.evaluate.award import Award, AwardLine, Factor, Trim
from pointrules.check import check_tree
from pointrules.diagnostics import Diagnostic, Severity, make
from pointrules.events import Event, EventError, loads_event, parse_event
from pointrules.evaluate.compiled import CompiledProgram, compile_program
from pointrules.evaluate.choice import evaluate
from pointrules.program.model import Program
from pointrules.syntax.parser import parse
from pointrules.evaluate.redeem import OrderQuote, RewardQuote, points_value, quote_order, quote_reward
from pointrules.stream.simulate import Summary, simulate
from pointrules.source import Source, Span
from pointrules.evaluate.outcome import Outcome
from pointrules.state.memory import Lot, MemoryState, StateChange, StateView

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pointrules.ledger import Ledger, LedgerError, LedgerOptions, MemoryStore, SQLiteStore, TransferPolicy

# The ledger (and sqlite3 under it) is imported on first use: `pointrules check` and
# `pointrules simulate` start faster without it.
_LAZY = {name: ".ledger" for name in ("Ledger", "LedgerError", "LedgerOptions", "MemoryStore", "SQLiteStore",
                                      "TransferPolicy")}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pointrules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Award",
    "AwardLine",
    "CompiledProgram",
    "Diagnostic",
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
    "Summary",
    "TransferPolicy",
    "Trim",
    "check",
    "compile_program",
    "evaluate",
    "load",
    "loads",
    "loads_event",
    "parse_event",
    "points_value",
    "quote_order",
    "quote_reward",
    "read_source",
    "simulate",
]


class ProgramError(Exception):
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
                           "this program is too deeply nested to check",
                           help="split long conditions into several rules")]


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
                                 "this file is not UTF-8 text",
                                 help="save the file as UTF-8")], src) from None
    return Source(text, name)


def load(path: str | os.PathLike[str]) -> Program:
    """The checked program in a file, or ProgramError with its diagnostics."""
    src = read_source(path)
    program, diagnostics = analyse(src)
    if program is None:
        raise ProgramError(diagnostics, src)
    return program
