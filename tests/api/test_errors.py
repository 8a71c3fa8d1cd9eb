"""One base for every error pointrules raises (``pointrules.Error``), each error keeping the base
it had before (so a host's ``except ValueError`` still works), and ``help(pointrules)`` describing
the API, the ledger included."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import pydoc

import pytest

import pointrules
from pointrules.program.model import NotImplementedByEvaluator

AT = dt.datetime(2026, 5, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(pointrules.__path__, "pointrules."):
        if info.name.endswith("__main__"):  # runs the command line when imported
            continue
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed (psycopg)
            continue
        names.append(info.name)
    return names


def test_every_exception_class_of_the_package_derives_from_error() -> None:
    found = {}
    for name in _modules():
        for _, value in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith("pointrules"):
                found[value.__qualname__] = value
    assert {"ProgramError", "EventError", "ArgumentError", "LedgerError", "StoreError", "ConfigError",
            "CaseFileError", "FormatError", "NotImplementedByEvaluator"} <= set(found)
    assert [n for n, cls in found.items() if not issubclass(cls, pointrules.Error)] == []


def test_each_keeps_the_base_it_had() -> None:
    assert issubclass(pointrules.EventError, ValueError)
    assert issubclass(pointrules.ArgumentError, ValueError)
    assert issubclass(NotImplementedByEvaluator, NotImplementedError)


def test_what_the_api_raises_is_caught_by_error_and_by_the_old_clauses() -> None:
    with pytest.raises(pointrules.Error):
        pointrules.loads("rule")  # ProgramError
    program = pointrules.load("examples/shop.points")
    with pytest.raises(pointrules.Error):
        pointrules.loads_event(program, '{"id": "e1", "kind": "nope"}')  # EventError
    ledger = pointrules.Ledger(program, pointrules.MemoryStore())
    # a value the API cannot take: the old `except ValueError` and the new `except pointrules.Error` both hold
    with pytest.raises(ValueError) as caught:
        ledger.adjust("a1", "m1", 0, "goodwill", AT)
    assert isinstance(caught.value, pointrules.ArgumentError)
    with pytest.raises(pointrules.ArgumentError):
        pointrules.evaluate(program, pointrules.loads_event(
            program, '{"id": "e2", "kind": "signup", "member": "m1", "time": "2026-05-01T10:00:00+08:00"}'),
            pointrules.MemoryState(zone=program.timezone), evaluator="fastest")
    with pytest.raises(pointrules.ArgumentError):
        ledger.transfer("t1", "m1", "m2", 10, AT)  # transfers are not enabled in LedgerOptions


def test_help_describes_the_api_and_the_ledger() -> None:
    text = pydoc.render_doc(pointrules, renderer=pydoc.plaintext)
    for word in ("load(path)", "evaluate(program, event, state)", "Ledger(program, store)", "except pointrules.Error",
                 "class Ledger", "class SQLiteStore", "class LedgerError", "class StoreError", "class Error"):
        assert word in text, word
