"""The language server's tests speak to `pointrules lsp` over its pipes. Without pygls (the `lsp`
extra) they are skipped on a laptop and fail under CI=true, where `make setup` installs the extra."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from client import Client


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., Client]]:
    """Start servers for a project folder (tmp_path); each is killed at the end if still running."""
    started: list[Client] = []

    def make(**options: Any) -> Client:
        started.append(Client(tmp_path, **options))
        return started[-1]

    yield make
    for client in started:
        client.kill()
