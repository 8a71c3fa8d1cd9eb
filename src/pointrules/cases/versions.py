"""Cases across a program's versions: ``versions.cases.toml`` in a folder of versions (and no
``versions.points`` beside it) holds cases whose events may fall on both sides of an ``effective
from``. Each event is evaluated by the version in force at its ``time``, against the one state the
case's events share, as ``simulate`` and the ledger do; ``expect = { version = 2 }`` says which
version must evaluate it. docs/cases.md, "Cases across versions"."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pointrules.events import EventError, read_time
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

VERSIONS_CASES = "versions.cases.toml"


def versions_folder(cases_file: Path) -> Path | None:
    """The folder of versions a cases file is the cases across: its folder, when the file is
    ``versions.cases.toml`` and no ``versions.points`` is beside it (then it is that program's)."""
    if cases_file.name != VERSIONS_CASES or (cases_file.parent / "versions.points").is_file():
        return None
    return cases_file.parent


def version_for(versions: VersionSet, data: Mapping[str, Any]) -> m.Program:
    """The version that evaluates an event of a case: the one in force at its ``time`` (a time that
    cannot be read is refused by the newest, as it would be by any); EventError on ``time`` before
    the first version."""
    at = read_time(data.get("time"))
    if at is None or not versions.versioned:
        return versions.last
    found = versions.in_force(at)
    if found is None:
        raise EventError(str(data.get("id")), "time", versions.before_first(at))
    return found
