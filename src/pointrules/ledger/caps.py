"""Naming the caps' counters of a ledger recorded before format 6 (schema.py), when it is first
opened with its program.

Before format 6 a cap's counter was named by the cap's place among the program's caps
(``cap0:day``); now by what the cap is (``cap:day:*``, evaluate/caps.py). The store cannot rename
them: which cap a place meant is the program's to say. Each such counter of a member and period is
given the name of the cap at that place in the version that counted on it last: the version in
force at the earlier of the period's last instant and the member's latest activity (a ledger that
is upgraded on the morning of a switch was counted by the version before it, whose caps the
counter's places name). A counter whose place that version has no cap of its period for is left
as it is: no cap reads it. A ledger of one program file is named by that program.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pointrules.evaluate.calendar import last_day_of, zone
from pointrules.evaluate.caps import POSITIONAL, cap_scope
from pointrules.program import model as m
from pointrules.program.versions import VersionSet

Renames = list[tuple[str, str, str, str]]  # (member, scope, period, new scope)


def cap_names(versions: VersionSet, counters: list[tuple[str, str, str]],
              last_activity: Callable[[str], dt.datetime | None]) -> Renames:
    """The new name of each counter (member, scope, period) named by a cap's place."""
    renames: Renames = []
    for member, scope, period in counters:
        place = POSITIONAL.fullmatch(scope)
        if place is None:
            continue
        program = _counted_by(versions, period, last_activity(member))
        index, unit = int(place.group(1)), place.group(2)
        if index < len(program.caps) and program.caps[index].period == unit:
            renames.append((member, scope, period, cap_scope(program.caps[index])))
    return renames


def _counted_by(versions: VersionSet, period: str, latest: dt.datetime | None) -> m.Program:
    """The version that counted last on a counter of ``period`` (the module says which)."""
    if not versions.versioned:
        return versions.programs[0]
    last = last_day_of(period)
    moment = latest
    if last is not None:
        end = dt.datetime.combine(last, dt.time.max, zone(versions.last.timezone))  # every version has this zone (PR604)
        moment = end if latest is None or end < latest else latest
    found = versions.in_force(moment) if moment is not None else None
    return found if found is not None else versions.programs[0]
