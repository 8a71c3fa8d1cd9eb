"""The Python snippets of the guides run as written, in order, each guide in one namespace."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ["embedding.md", "ledger.md", "cases.md"]


def python_blocks(text: str) -> list[str]:
    """The fenced ``python`` blocks of a Markdown text, in order."""
    found, current, info = [], None, ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                if info == "python":
                    found.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return found


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_snippets_run(guide: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    # Run where `examples/` is found and files the snippets create (points.db) stay out of the tree.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks((ROOT / "docs" / guide).read_text("utf-8"))
    assert blocks
    # `text`: the program source the snippets load from a string
    namespace: dict[str, object] = {"__name__": f"docs_{guide}",
                                    "text": (ROOT / "examples" / "shop.points").read_text("utf-8")}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/{guide} (python block {number})", "exec"), namespace)
