import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pointrules.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=input)


@pytest.fixture
def pointrules() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real command line in a subprocess."""
    return _run
