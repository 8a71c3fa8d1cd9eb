"""The ledger's rules for the ids it keeps as keys (docs/ledger.md, "Ids"): operation, event and
member ids, operators and reasons are valid Unicode text, ids at most ``MAX_ID_LENGTH``
characters, and none holds the character U+0000 (NUL), which PostgreSQL text cannot store. Every
store refuses the same ids, before anything is written, so a stream reads the same on each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pointrules.errors import ArgumentError
from pointrules.events import MAX_ID_LENGTH, Event, too_long, valid_text
from pointrules.program import model as m

NUL = "\x00"
NUL_PROBLEM = "holds the character U+0000 (NUL), which a ledger cannot keep (PostgreSQL text cannot hold it)"


def check_id(what: str, value: Any) -> None:
    """ArgumentError (a ValueError) unless ``value`` is non-empty valid text of at most
    MAX_ID_LENGTH characters, without NUL."""
    if not isinstance(value, str) or not value or not valid_text(value):
        raise ArgumentError(f"{what} must be non-empty, valid Unicode text")
    if len(value) > MAX_ID_LENGTH:
        raise ArgumentError(f"{what} {too_long(value)}")
    if NUL in value:
        raise ArgumentError(f"{what} {NUL_PROBLEM}")


def check_audit(audit: tuple[str, str]) -> None:
    """ArgumentError (a ValueError) unless the operator is an id-like text (or empty) and the
    reason valid text without NUL."""
    operator, reason = audit
    if operator:
        check_id("an operator", operator)
    if not isinstance(reason, str) or not valid_text(reason):
        raise ArgumentError("a reason must be valid Unicode text")
    if NUL in reason:
        raise ArgumentError(f"a reason {NUL_PROBLEM}")


def event_nul(program: m.Program, event: Event) -> str | None:
    """The field of an event whose id the ledger would keep and which holds NUL (``id``,
    ``member``, a ``member`` field, ``items[0].buyer``), or None."""
    if NUL in event.id:
        return "id"
    if NUL in event.member:
        return "member"
    return _member_fields(program, program.events[event.kind], event.fields, "")


def _member_fields(program: m.Program, schema: m.Schema, fields: Mapping[str, Any], prefix: str) -> str | None:
    for name, ftype in schema.fields.items():
        value = fields.get(name)
        if ftype.kind == "member" and isinstance(value, str) and NUL in value:
            return prefix + name
        record = program.records.get(ftype.record) if ftype.kind == "list" and ftype.record else None
        if record is not None and value:
            for i, item in enumerate(value):
                found = _member_fields(program, record, item, f"{prefix}{name}[{i}].")
                if found is not None:
                    return found
    return None
