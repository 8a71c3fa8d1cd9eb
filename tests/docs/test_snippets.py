"""The Python snippets of the guides run as written, in order, each guide in one namespace."""

from __future__ import annotations

from pathlib import Path

import pytest

from markdown_blocks import fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ["embedding.md", "ledger.md", "cases.md"]


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_snippets_run(guide: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    # Run where `examples/` is found and files the snippets create (points.db) stay out of the tree.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    blocks = fenced_blocks((ROOT / "docs" / guide).read_text("utf-8"), "python")
    assert blocks
    # `text`: the program source the snippets load from a string
    namespace: dict[str, object] = {"__name__": f"docs_{guide}",
                                    "text": (ROOT / "examples" / "shop.points").read_text("utf-8")}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/{guide} (python block {number})", "exec"), namespace)
