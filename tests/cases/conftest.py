import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import run_cli

import pointrules
from pointrules.program.model import Program

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shop() -> Program:
    """The reference program (examples/shop.points)."""
    return pointrules.load(EXAMPLES / "shop.points")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(["test", *args], cwd or ROOT)


@pytest.fixture
def pointrules_test() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `pointrules test ARGS...`: a subprocess under CI, this process in the quick suite (cli_runner.py)."""
    return _run
