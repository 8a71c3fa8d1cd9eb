"""An atheris (coverage-guided) harness for `check` and `loads_event`; skipped without atheris.

Run it for longer by hand: `python tests/fuzz/test_atheris_fuzz.py -atheris_runs=1000000`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import pointrules
from pointrules.events import EventError, loads_event

SHOP = pointrules.load(Path(__file__).resolve().parents[2] / "examples" / "shop.points")


def one_input(data: bytes) -> None:
    """The promise under fuzzing: diagnostics or EventErrors, never another exception."""
    text = data.decode("utf-8", errors="replace")
    for d in pointrules.check(text, "fuzz.points"):
        assert d.line >= 1 and d.column >= 1
    try:
        loads_event(SHOP, text)
    except EventError:
        pass


def test_fuzz_atheris_harness_runs() -> None:
    atheris = pytest.importorskip("atheris")
    atheris.Setup([sys.argv[0], "-atheris_runs=2000"], one_input)
    with pytest.raises(SystemExit):
        atheris.Fuzz()


def test_fuzz_harness_accepts_a_few_inputs() -> None:
    for data in (b"", b"\xff\xfe", b'{"id": "e1"}', (Path(__file__).resolve().parents[2] / "examples" / "shop.points").read_bytes()):
        one_input(data)


if __name__ == "__main__":
    import atheris

    with atheris.instrument_imports():
        pass
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
