"""The command sessions shown in the guides (```console blocks) run as written: each `$` line is
run in a fresh folder beside `examples/`, and what it prints and its exit status are those shown."""

from __future__ import annotations

import contextlib
import io
import shlex
from pathlib import Path

import pytest

from pointrules.cli import main

from markdown_blocks import fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ["cli.md", "ledger.md"]


def steps(block: str) -> list[tuple[str, list[str], int]]:
    """(command, lines shown, exit status) of each `$` of a session; `\\` continues a command."""
    found: list[tuple[str, list[str], int]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"a session line outside a command: {lines[i]!r}"
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        shown, status = [], 0
        while i < len(lines) and not lines[i].startswith("$ "):
            if lines[i].startswith("[exit "):
                status = int(lines[i][6:-1])
            else:
                shown.append(lines[i])
            i += 1
        found.append((command, shown, status))
    return found


SESSIONS = [(guide, n, block) for guide in GUIDES
            for n, block in enumerate(fenced_blocks((ROOT / "docs" / guide).read_text("utf-8"), "console"), 1)]


@pytest.mark.parametrize(("guide", "number", "block"), SESSIONS, ids=[f"{g}-{n}" for g, n, _ in SESSIONS])
def test_session_runs_as_shown(guide: str, number: int, block: str, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    # In this process (`main` is what the `pointrules` script runs): a subprocess per command
    # costs more than the quick suite can spend.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    for command, shown, status in steps(block):
        words = shlex.split(command)
        assert words[0] == "pointrules", command
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(words[1:])
        assert (out.getvalue() + err.getvalue()).splitlines() == shown, command
        assert code == status, command


def test_both_guides_show_a_session() -> None:
    assert {guide for guide, _, _ in SESSIONS} == set(GUIDES)
