"""An atheris (coverage-guided) harness for `check` and `loads_event`. atheris is not a dependency of
the project: run the harness by hand where it is installed (`pip install atheris`), e.g.
`python tests/fuzz/test_atheris_fuzz.py -atheris_runs=1000000`. The tests here only check that the
harness's promise holds on a few inputs, so nothing is skipped when atheris is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

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


def test_fuzz_harness_accepts_a_few_inputs() -> None:
    for data in (b"", b"\xff\xfe", b'{"id": "e1"}', (Path(__file__).resolve().parents[2] / "examples" / "shop.points").read_bytes()):
        one_input(data)


if __name__ == "__main__":
    import atheris

    with atheris.instrument_imports():
        pass
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
