"""Finding program files: paths given on the command line, folders searched recursively; and the
version sets among them (files of one folder that are versions of one program)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pointrules import Program, ProgramError, load
from pointrules.diagnostics import Diagnostic
from pointrules.program.versions import set_diagnostics, version_groups
from pointrules.source import Source

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


def version_set_findings(paths: Iterable[Path]) -> list[tuple[Diagnostic, Source]]:
    """The problems of the version sets among ``paths`` (program/versions.py, PR601-PR606), each
    with its file's source; files that do not load are left to their own diagnostics."""
    programs = []
    for path in paths:
        try:
            programs.append(load(path))
        except (OSError, ProgramError):
            continue
    return [(d, _source_of(group, d)) for group in version_groups(programs) for d in set_diagnostics(group)]


def _source_of(programs: list[Program], d: Diagnostic) -> Source:
    return next(p.source for p in programs if p.source.filename == d.filename)
