"""A playground served in this process on a free port of 127.0.0.1, for the HTTP and browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pointrules.play import Playground, Workspace, asset

ROOT = Path(__file__).resolve().parents[2]


def serve(workspace: Workspace) -> Iterator[Playground]:
    server = Playground(workspace, 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def starter() -> Iterator[Playground]:
    """The playground of the starter program, as `pointrules play` with no file serves it."""
    yield from serve(Workspace(None, asset("starter.points").decode(), asset("starter.cases.toml").decode()))
