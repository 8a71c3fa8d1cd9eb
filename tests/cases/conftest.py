import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import pointrules
from pointrules.program.model import Program

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shop() -> Program:
    """The reference program (examples/shop.points)."""
    return pointrules.load(EXAMPLES / "shop.points")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pointrules.cli", "test", *args], check=False,
                          capture_output=True,
                          text=True, cwd=cwd or ROOT)


@pytest.fixture
def pointrules_test() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `pointrules test ARGS...` in a subprocess, as a user would."""
    return _run
