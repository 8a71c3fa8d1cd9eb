"""Versions of one program over time: an ordered set of checked programs, each in force from its
``effective from`` until the next one's, and which one is in force at an instant.

Theory of operation: the versions of a program are the ``.points`` files of one folder (or a list
of files), each with its ``version N`` and ``effective from DATE [at TIME]``. They are checked one
by one as any program, then as a set (``set_diagnostics``, PR601-PR606): distinct version numbers
whose order is their dates' order, each dated, and the same name, currency, time zone, value and
points' name throughout (a member's balance, lots and counters carry from one version to the next,
so what they mean must not change), no tier an earlier version had taken away (a member may hold
it). An event is evaluated by the version in force at its time (``VersionSet.in_force``); an event
before the first version's start has no program and is refused on its ``time``
(``before_first``). A single program is a set of one, in force at every instant, so every entry
point can take either.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs

from pointrules import syntax as s
from pointrules.diagnostics import Diagnostic, make, safe
from pointrules.errors import Error
from pointrules.messages import Text, t
from pointrules.program import model as m
from pointrules.source import Source, Span

__all__ = ["VersionSet", "VersionsError", "set_diagnostics", "starts_at", "version_files", "version_groups", "versions_of"]


class VersionsError(Error):
    """Versions that do not make one program over time, or a version that does not load:
    ``diagnostics`` says why, each in its file, and ``sources`` has each file by its name."""

    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, Source]) -> None:
        self.diagnostics = diagnostics
        self.sources = sources
        first = diagnostics[0]
        super().__init__(f"{first.filename}:{first.line}:{first.column}: {first.message}")


@attrs.frozen(eq=False)
class VersionSet:
    """The versions of one program, oldest first, and the instant each takes effect (``starts``:
    None for a single program, in force at every instant)."""

    programs: tuple[m.Program, ...]
    starts: tuple[dt.datetime, ...] | None

    @classmethod
    def single(cls, program: m.Program) -> VersionSet:
        return cls((program,), None)

    @property
    def last(self) -> m.Program:
        """The newest version: what a member's profile is read with, and what reports name."""
        return self.programs[-1]

    @property
    def versioned(self) -> bool:
        return self.starts is not None

    def in_force(self, instant: dt.datetime) -> m.Program | None:
        """The version in force at an aware instant; None before the first one takes effect."""
        if self.starts is None:
            return self.programs[0]
        index = bisect_right(self.starts, instant) - 1
        return self.programs[index] if index >= 0 else None

    def before_first(self, instant: dt.datetime) -> str:
        """Why an event at ``instant`` has no version: the words of its EventError on ``time``."""
        first = self.programs[0]
        assert self.starts is not None
        return (f"`{instant.isoformat()}` is before the first version of the program: version {first.version} "
                f"takes effect from {when(self.starts[0], first)}")


def starts_at(program: m.Program) -> dt.datetime | None:
    """The instant a version takes effect: its ``effective from`` date (at its time of day, else
    at midnight) in its zone; None when it has no ``effective from``."""
    if program.effective is None:
        return None
    return dt.datetime.combine(program.effective[0], program.effective_at or dt.time(0), ZoneInfo(program.timezone))


def when(instant: dt.datetime, program: m.Program) -> str:
    """A version's start as its file writes it, in its zone: ``2026-12-01`` or ``2026-12-01 10:00``."""
    local = instant.astimezone(ZoneInfo(program.timezone))
    return local.date().isoformat() if local.time() == dt.time(0) else f"{local:%Y-%m-%d %H:%M}"


def versions_of(programs: Iterable[m.Program]) -> VersionSet:
    """The checked programs as one program's versions in force order, or VersionsError."""
    found = list(programs)
    problems = set_diagnostics(found)
    if problems:
        raise VersionsError(problems, {p.source.filename: p.source for p in found})
    ordered = sorted(found, key=lambda p: p.version or 0)
    return VersionSet(tuple(ordered), tuple(starts_at(p) for p in ordered))  # type: ignore[misc]  # all dated


def _at(program: m.Program, kind: type) -> Span:
    """Where a header declaration is written, or the file's start when it is not."""
    found = next((d for d in program.syntax.declarations if isinstance(d, kind)), None)
    return found.span if found is not None else Span(0, 0)


def set_diagnostics(programs: Sequence[m.Program]) -> list[Diagnostic]:
    """Whether checked programs make one program's versions (PR601-PR606), each finding in its file."""
    found: list[Diagnostic] = []
    dated: list[m.Program] = []
    for p in programs:
        if p.version is None:
            found.append(make(p.source, _at(p, s.ProgramName), "PR602",
                              t("this version of {name} has no `version` number", name=_q(p.name)),
                              help=t("each file of a folder of versions says which version it is: add `version 2`")))
        if p.effective is None:
            found.append(make(p.source, _at(p, s.Version), "PR602",
                              t("this version of {name} has no `effective from` date", name=_q(p.name)),
                              help=t("each file of a folder of versions says when it takes effect: add "
                                     "`effective from 2026-12-01` (or `… at 10:00`, in the program's time zone)")))
        if p.version is not None and p.effective is not None:
            dated.append(p)
    ordered = sorted(dated, key=lambda p: p.version or 0)
    for before, after in pairwise(ordered):
        found.extend(_pair(before, after))
    return found


def _pair(before: m.Program, after: m.Program) -> list[Diagnostic]:
    """What one version and the next may not differ in."""
    if before.version == after.version:
        return [make(after.source, _at(after, s.Version), "PR601",
                     t("two files are version {number} of {name}", number=str(after.version), name=_q(after.name)),
                     help=t("give each version its own number: raise this one"),
                     notes=[t("the other is {file}", file=_q(before.source.filename))])]
    found = []
    a, b = starts_at(before), starts_at(after)
    assert a is not None and b is not None
    if b <= a:
        found.append(make(after.source, _at(after, s.Effective), "PR603",
                          t("version {later} takes effect on {date}, no later than version {earlier}",
                            later=str(after.version), date=_q(when(b, after)), earlier=str(before.version)),
                          help=t("a later version takes effect after the one it replaces: change its date or its number"),
                          notes=[t("version {earlier} takes effect on {date} ({file})", earlier=str(before.version),
                                   date=_q(when(a, before)), file=_q(before.source.filename))]))
    end = before.effective[1] if before.effective else None
    if end is not None and a < b and dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), ZoneInfo(before.timezone)) > b:
        found.append(make(before.source, _at(before, s.Effective), "PR606",
                          t("version {earlier} runs to {end}, after version {later} takes effect on {date}",
                            earlier=str(before.version), end=_q(end.isoformat()), later=str(after.version),
                            date=_q(when(b, after))),
                          help=t("one version is in force at a time: end it the day before, or leave out its `to`")))
    for declared, what, old, new in _shared(before, after):
        found.append(make(after.source, _at(after, declared), "PR604",
                          t("version {later} changes {what} from {old} to {new}", later=str(after.version),
                            what=what, old=_q(old), new=_q(new)),
                          help=t("balances, lots and counters carry from one version to the next, so every version "
                                 "keeps the same program name, currency, time zone, value and points' name; "
                                 "a program that changes them is a new program")))
    gone = [name for name in before.tier_names if name not in after.tier_names]
    if gone:
        found.append(make(after.source, _at(after, s.Tiers), "PR605",
                          t("version {later} drops the tier {names} of version {earlier}", later=str(after.version),
                            names=", ".join(_q(n) for n in gone), earlier=str(before.version)),
                          help=t("members may hold it when this version takes effect: keep the tier (its threshold "
                                 "and multiplier may change) and add new ones as you need")))
    return found


def _shared(before: m.Program, after: m.Program) -> list[tuple[type, Text, str, str]]:
    """What must stay the same from one version to the next and does not: (the declaration that
    says it, what it is, old, new)."""
    def value(p: m.Program) -> str:
        return f"{p.value_points} points = {p.value_money} {p.currency}"

    def called(p: m.Program) -> str:
        return " / ".join(p.points_names.get(lang, "") for lang in ("zh", "en")) or "points"

    pairs = [(s.ProgramName, t("the program's name"), before.name, after.name),
             (s.Currency, t("the currency"), before.currency, after.currency),
             (s.TimeZone, t("the time zone"), before.timezone, after.timezone),
             (s.PointsName, t("the points' name"), called(before), called(after))]
    if Decimal(before.value_money) / before.value_points != Decimal(after.value_money) / after.value_points:
        pairs.append((s.Value, t("the value of points"), value(before), value(after)))
    return [(declared, what, old, new) for declared, what, old, new in pairs if old != new]


def _q(text: str) -> str:
    return f"`{safe(text)}`"


def version_files(folder: Path) -> list[Path]:
    """The program files of a folder of versions: its ``.points`` files (not those of folders in
    it), by name; their version numbers, not their names, order them."""
    return sorted(p for p in folder.iterdir() if p.suffix == ".points" and p.is_file())


def version_groups(programs: Iterable[m.Program]) -> list[list[m.Program]]:
    """The programs that are versions of one program: two or more of one folder naming the same
    program, one of them at least with an ``effective from`` (a folder of unrelated programs, or of
    drafts that date nothing, is no version set); each group in file order."""
    groups: dict[tuple[str, str], list[m.Program]] = {}
    for p in programs:
        groups.setdefault((str(Path(p.source.filename).parent), p.name), []).append(p)
    return [g for g in groups.values() if len(g) > 1 and any(p.effective is not None for p in g)]
