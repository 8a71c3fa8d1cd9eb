"""What the readers of a cases file share: TOML values as the host would send them, unknown keys
with a suggestion, profiles, dates and instants, whole numbers, and the checks of members and
events against the program that cases and scenarios both need."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from pointrules.profiles import profile_problem
from pointrules.program import model as m

DEFAULT_MEMBER = "m1"
BUILT_IN_FIELDS = ("id", "kind", "member", "time")


def unknown_keys(keys: Sequence[str], known: Sequence[str], where: str, what: str, problems: list[str],
                 after: str = "") -> None:
    """A problem for each key not ``known``, with the nearest known one as a suggestion."""
    for key in keys:
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f"; did you mean `{hint[0]}`?" if hint else f"; expected one of {', '.join(known)}"
            problems.append(f"{where}: unknown {what} `{key}`{after}{extra}")


def profiles_of(table: Mapping[str, Any], member: str, where: str, problems: list[str]) -> dict[str, dict[str, Any]]:
    """``profile = { birthday = 1990-05-20 }`` (the case's member) and ``profiles = { m2 = { … } }``:
    profile fields as the host sends them (dates as ISO text)."""
    given = table.get("profiles", {})
    if "profile" in table:
        given = {member: table["profile"], **given} if isinstance(given, dict) else given
    if not isinstance(given, dict) or not all(isinstance(p, dict) for p in given.values()):
        problems.append(f"{where}: `profiles` must map member ids to their profile fields, like "
                        "{ m2 = { city = \"上海\" } }, and `profile` be a table of fields")
        return {}
    return {who: {k: wire(v) for k, v in p.items()} for who, p in given.items()}


def wire(value: Any) -> Any:
    """A TOML value as the host would send it: dates and times as ISO text, money kept exact."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def instant(value: Any, where: str, problems: list[str], never: bool) -> dt.date | dt.datetime | str | None:
    if isinstance(value, str):
        if never and value == "never":
            return value
        try:
            value = dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            problems.append(f"{where} `{value.isoformat()}` has no UTC offset; add one, e.g. +08:00")
            return None
        return value
    if isinstance(value, dt.date):
        return value
    also = ' or "never"' if never else ""
    problems.append(f"{where} must be a date (2027-12-31) or a date-time with offset (2027-12-31T23:59:59+08:00){also}")
    return None


def members_of(table: Mapping[str, Any], where: str,
               problems: list[str]) -> tuple[str | None, str, dict[str, str], dict[str, dict[str, Any]]]:
    """A case's or a scenario's people: its ``tier``, its ``member``, other members' tiers
    (``members``, the member's own tier included) and profiles."""
    tier = table.get("tier")
    if tier is not None and not (isinstance(tier, str) and tier):
        problems.append(f"{where}: `tier` must be the name of a tier, as text")
        tier = None
    member = table.get("member", DEFAULT_MEMBER)
    if not isinstance(member, str) or not member:
        problems.append(f"{where}: `member` must be a non-empty text")
        member = DEFAULT_MEMBER
    members = table.get("members", {})
    if not isinstance(members, dict) or not all(isinstance(v, str) and v for v in members.values()):
        problems.append(f"{where}: `members` must map member ids to tier names, like {{ m2 = \"silver\" }}")
        members = {}
    if tier is not None:
        members = {member: tier, **members}
    return tier, member, dict(members), profiles_of(table, member, where, problems)


def check_people(program: m.Program, members: Mapping[str, str], profiles: Mapping[str, Mapping[str, Any]],
                 where: str, problems: list[str]) -> None:
    """Problems of the tiers and profiles a case or a scenario gives its members."""
    tiers = [t.name for t in program.tiers]
    for who, tier in members.items():
        if tier not in tiers:
            unknown_keys([tier], tiers, f"{where}: member `{who}`", "tier", problems)
    for who, profile in profiles.items():
        problem = profile_problem(profile, program)
        if problem is not None:
            problems.append(f"{where}: the profile of member `{who}`: {problem}")


def check_event(program: m.Program, kind: Any, data: Mapping[str, Any], here: str, problems: list[str]) -> bool:
    """Problems of an event's kind and fields; whether the kind is the program's."""
    if not isinstance(kind, str) or kind not in program.events:
        unknown_keys([str(kind)], sorted(program.events), here, "event kind", problems)
        return False
    known = [*BUILT_IN_FIELDS, *program.events[kind].fields]
    unknown_keys(list(data), known, here, "field", problems, f" (not a field of `{kind}` events)")
    return True
