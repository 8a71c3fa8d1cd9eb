"""The fields of an event, a record or a member's profile as the checked model has them: each field's
type and label, and the schema they make; read by the checker's scope (``scope.py``) and by ``lower.py``."""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.program import model as m
from pointrules.source import Span


def field_labels(fields: tuple[s.Field, ...]) -> dict[str, str]:
    """The labels of the fields that have one; a field declared twice keeps its first."""
    labels: dict[str, str] = {}
    for f in fields:
        if f.label is not None:
            labels.setdefault(f.name.text, f.label.value)
    return labels


def field_type(t: s.TypeExpr, optional: bool = False) -> m.FieldType:
    if isinstance(t, s.OptionalType):
        return field_type(t.inner, optional=True)
    if isinstance(t, s.EnumType):
        return m.FieldType("enum", values=tuple(v.value for v in t.values), optional=optional)
    if isinstance(t, s.ListType):
        of = t.of.text
        return m.FieldType("list", record=None if of == "text" else of, optional=optional)
    if isinstance(t, s.PointsType):  # the checker saw a whole maximum (PR330, PR331)
        return m.FieldType("points", optional=optional, maximum=int(t.maximum.value) if t.maximum else None)
    kind = {"boolean": "yesno", "bool": "yesno", "datetime": "time"}.get(t.name.text, t.name.text)
    return m.FieldType(kind, optional=optional)


def profile_schema(d: tuple[s.Declaration, ...]) -> m.Schema | None:
    """The fields of a member's profile, from the first ``profile { … }``; None without one or with
    no fields (a program without profile fields is the language of level 2)."""
    found = next((x for x in d if isinstance(x, s.Profile)), None)
    if found is None or not found.fields:
        return None
    types: dict[str, m.FieldType] = {}
    for f in found.fields:
        types.setdefault(f.name.text, field_type(f.type))
    return m.Schema("profile", None, types, found.span, labels=field_labels(found.fields))


def schema(name: s.Name, label: s.Text | None, fields: tuple[s.Field, ...], span: Span) -> m.Schema:
    """An event's or a record's schema: its fields' types and labels."""
    return m.Schema(name.text, label.value if label is not None else None,
                    {f.name.text: field_type(f.type) for f in fields}, span, labels=field_labels(fields))
