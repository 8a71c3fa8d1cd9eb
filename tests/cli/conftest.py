import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import run_cli

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(args, cwd or ROOT, input)


@pytest.fixture
def pointrules() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command line: a subprocess under CI, this process in the quick suite (cli_runner.py)."""
    return _run
