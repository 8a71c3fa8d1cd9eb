"""Finding program files: paths given on the command line, folders searched recursively."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUFFIX = ".points"
SKIPPED_FOLDERS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"}


def program_files(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Program files under ``paths`` (sorted, each once) and the paths that do not exist."""
    found: dict[Path, None] = {}
    missing = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob(f"*{SUFFIX}")):
                if not any(part in SKIPPED_FOLDERS for part in p.relative_to(path).parts[:-1]):
                    found[p] = None
        elif path.is_file():
            found[path] = None
        else:
            missing.append(raw)
    return list(found), missing
