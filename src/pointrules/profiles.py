"""Member profiles as the host gives them (``{"tier": "gold", "birthday": "1990-05-01"}``) -> the
typed values of the program's ``profile { … }`` fields, or an error naming the field.

A profile's fields are typed as an event's are (``events.typed_value``): dates as dates, money as
Decimal, members as non-empty text. A required field must be there; an optional one may be absent
(or null), and then reads as an absent optional event field does. Keys the schema does not name
(``tier``, ``id``, anything else) are left alone. Where a profile is given before any event
(``simulate``'s members, ``Ledger.set_profiles``) it is checked there; a profile passed with one
event, or kept in a ``MemoryState`` by the host, is checked when that event is evaluated, which
refuses the event and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pointrules.events import EventError, typed_value
from pointrules.events import profile_problem as shape_problem
from pointrules.program import model as m

__all__ = ["profile_fields", "profile_problem"]


def profile_fields(program: m.Program, member: str, profile: Any, event_id: str | None = None) -> dict[str, Any]:
    """The typed values of the program's profile fields in ``profile`` (None: no profile, which
    only a program without required fields accepts); EventError names ``profile.FIELD``."""
    if program.profile is None:
        return {}
    if profile is not None and not isinstance(profile, Mapping):
        raise EventError(event_id, "profile", f"the profile of member `{member}` is not an object like "
                                              "{\"tier\": \"gold\"}")
    try:
        return _typed(program, program.profile, profile or {}, event_id)
    except EventError as error:
        raise EventError(event_id, error.field, f"the profile of member `{member}`: {error.message}") from None


def _typed(program: m.Program, schema: m.Schema, profile: Mapping[str, Any], event_id: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, ftype in schema.fields.items():
        v = profile.get(name)
        if v is None:
            if ftype.optional:
                continue
            raise EventError(event_id, f"profile.{name}", "is missing, and the program's `profile { … }` "
                                                          "requires it")
        out[name] = typed_value(program, event_id, f"profile.{name}", ftype, v)  # type: ignore[arg-type]
    return out


def profile_problem(profile: Any, program: m.Program | None = None) -> str | None:
    """Why a member profile cannot be used, or None: ``events.profile_problem`` (an object of valid
    Unicode text whose ``tier`` is text), then, given the program, its ``profile { … }`` fields."""
    problem = shape_problem(profile)
    if problem is not None or program is None or program.profile is None:
        return problem
    try:
        _typed(program, program.profile, profile, None)
    except EventError as error:
        return f"field `{error.field.removeprefix('profile.')}`: {error.message}"
    return None
