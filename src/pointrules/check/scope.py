"""What the passes look names up in: the program's currency, schemas and tiers, built once per
pass from the tree. The first declaration of a name wins; later ones are reported as duplicates."""

from __future__ import annotations

import attrs

from pointrules import syntax as s
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.fields import field_labels, field_type, profile_schema
from pointrules.program import model as m


@attrs.frozen
class Scope:
    currency: str | None  # the program's currency when it is a valid code
    events: dict[str, m.Schema]
    records: dict[str, m.Schema]
    tiers: tuple[str, ...]
    profile: m.Schema | None  # the fields of a member's profile (``profile { … }``), None without any
    _of_kind: dict[tuple[int, tuple[str, ...]], list[str]] = attrs.field(factory=dict, init=False, eq=False,
                                                                          repr=False)

    def fields_of(self, schema: m.Schema, *kinds: str) -> list[str]:
        """The fields of ``schema`` of these kinds, in declaration order; worked out once per schema,
        however many statements ask (an event may have thousands of fields)."""
        key = (id(schema), kinds)
        found = self._of_kind.get(key)
        if found is None:
            found = self._of_kind[key] = [n for n, t in schema.fields.items() if t.kind in kinds]
        return found


def schema(name: s.Name, label: s.Text | None, fields: tuple[s.Field, ...]) -> m.Schema:
    """The schema of an event or record; a field declared twice keeps its first type."""
    types: dict[str, m.FieldType] = {}
    for f in fields:
        types.setdefault(f.name.text, field_type(f.type))
    return m.Schema(name.text, label.value if label else None, types, name.span, labels=field_labels(fields))


def currency_of(tree: s.Program) -> str | None:
    code = next((d.code.text for d in tree.declarations if isinstance(d, s.Currency)), None)
    return code if code in MINOR_UNITS else None


def build(tree: s.Program) -> Scope:
    """The scope of a whole program."""
    events: dict[str, m.Schema] = {}
    records: dict[str, m.Schema] = {}
    tiers: list[str] = []
    tiers_seen = False
    for d in tree.declarations:
        if isinstance(d, s.Event) and d.name.text not in events:
            events[d.name.text] = schema(d.name, d.label, d.fields)
        elif isinstance(d, s.Record) and d.name.text not in records:
            records[d.name.text] = schema(d.name, None, d.fields)
        elif isinstance(d, s.Tiers) and not tiers_seen:
            tiers_seen = True
            tiers.extend(dict.fromkeys(t.name.text for t in d.tiers))
    return Scope(currency_of(tree), events, records, tuple(tiers), profile_schema(tree.declarations))
