"""Every name of a parsed program, where it is declared and where it is used: what go to definition,
find references, hover and rename-free navigation read.

A target says what a name means: ``("kind", "purchase")`` (an event kind), ``("record", "item")``,
``("field", "purchase", "amount")`` (a field of a kind, a record, or ``profile``), ``("tier", "gold")``,
``("rule", "base")``, ``("campaign", "double11")``, ``("reward", "coffee")``. A name in a condition
is looked up as the checker does (``program/resolve.py``): the fields of the record in a ``where``, of
the event, of the profile, then the tiers; built-ins and weekdays are declared nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from pointrules import syntax as s
from pointrules.program.resolve import BUILTINS, comparison_operands
from pointrules.source import Span

Target = tuple[str, ...]
PROFILE = "profile"


@attrs.frozen
class Occurrence:
    target: Target
    span: Span
    definition: bool


@attrs.frozen
class Declared:
    """What a declaration says of a name: its node and, for a field, its owner's node."""

    target: Target
    node: object
    owner: object | None = None


@attrs.frozen
class Index:
    occurrences: tuple[Occurrence, ...]
    declared: dict[Target, Declared]

    def at(self, offset: int) -> Occurrence | None:
        """The name the cursor is on (also just after its last character, as editors ask)."""
        for o in self.occurrences:
            if o.span.start <= offset <= o.span.end:
                return o
        return None

    def definition(self, target: Target) -> Occurrence | None:
        return next((o for o in self.occurrences if o.target == target and o.definition), None)

    def uses(self, target: Target, with_definition: bool = True) -> list[Occurrence]:
        return [o for o in self.occurrences if o.target == target and (with_definition or not o.definition)]

    def names(self, kind: str) -> list[str]:
        """The declared names of one kind (``kind``, ``tier``, ``rule`` …), in source order."""
        return [t[-1] for t in self.declared if t[0] == kind]

    def fields(self, owner: str) -> dict[str, Declared]:
        """The fields of an event kind, a record or ``profile``, by name."""
        return {t[2]: d for t, d in self.declared.items() if t[0] == "field" and t[1] == owner}


def index(tree: s.Program) -> Index:
    """Every declared and used name of a parsed program, in source order."""
    declared: dict[Target, Declared] = {}
    found: list[Occurrence] = []
    for decl in tree.declarations:
        found.extend(_declare(decl, declared))
    scope = _Scope(declared)
    for decl in tree.declarations:
        found.extend(scope.uses(decl))
    found.sort(key=lambda o: o.span.start)
    return Index(tuple(found), declared)


def _declare(decl: object, declared: dict[Target, Declared]) -> Iterator[Occurrence]:
    def add(target: Target, name: s.Name, node: object, owner: object | None = None) -> Occurrence:
        declared.setdefault(target, Declared(target, node, owner))
        return Occurrence(target, name.span, True)

    if isinstance(decl, (s.Event, s.Record, s.Profile)):
        owner = PROFILE if isinstance(decl, s.Profile) else decl.name.text
        if not isinstance(decl, s.Profile):
            yield add(("kind" if isinstance(decl, s.Event) else "record", owner), decl.name, decl)
        for f in decl.fields:
            yield add(("field", owner, f.name.text), f.name, f, decl)
    elif isinstance(decl, s.Tiers):
        for t in decl.tiers:
            yield add(("tier", t.name.text), t.name, t)
    elif isinstance(decl, s.Rule):
        yield add(("rule", decl.name.text), decl.name, decl)
    elif isinstance(decl, s.Campaign):
        yield add(("campaign", decl.name.text), decl.name, decl)
        for r in decl.rules:
            yield add(("rule", r.name.text), r.name, r, decl)
    elif isinstance(decl, s.Reward):
        yield add(("reward", decl.name.text), decl.name, decl)


def record_of(field: s.Field | None) -> str | None:
    """The record a field holds a list of (``items: list of item``), or None."""
    t = field.type if field is not None else None
    while isinstance(t, s.OptionalType):
        t = t.inner
    return t.of.text if isinstance(t, s.ListType) else None


class _Scope:
    """Looks names up as the checker does, given the declarations."""

    def __init__(self, declared: dict[Target, Declared]) -> None:
        self.declared = declared
        self.tiers = {t[1] for t in declared if t[0] == "tier"}

    def field(self, owner: str | None, name: str) -> Target | None:
        target = ("field", owner or "", name)
        return target if target in self.declared else None

    def lookup(self, name: str, event: str | None, record: str | None) -> Target | None:
        for owner in (record, event, PROFILE):
            if owner is not None and (found := self.field(owner, name)):
                return found
        if name in BUILTINS:
            return None
        return ("tier", name) if name in self.tiers else None

    def uses(self, decl: object) -> Iterator[Occurrence]:
        if isinstance(decl, (s.Event, s.Record, s.Profile)):
            for f in decl.fields:
                yield from self._type_uses(f.type)
        elif isinstance(decl, s.Rule):
            yield from self._rule(decl)
        elif isinstance(decl, s.Campaign):
            for r in decl.rules:
                yield from self._rule(r)
        elif isinstance(decl, s.Cap):
            yield from (Occurrence(("kind", k.text), k.span, False) for k in decl.kinds)
        elif isinstance(decl, s.Reward):
            for item in decl.items:
                if isinstance(item, s.RewardEligibility):
                    yield from self._expr(item.condition, None, None)

    def _type_uses(self, t: object) -> Iterator[Occurrence]:
        while isinstance(t, s.OptionalType):
            t = t.inner
        name = t.of if isinstance(t, s.ListType) else t.name if isinstance(t, s.NamedType) else None
        if name is not None and ("record", name.text) in self.declared:
            yield Occurrence(("record", name.text), name.span, False)

    def _rule(self, rule: s.Rule) -> Iterator[Occurrence]:
        event = rule.event.text
        if ("kind", event) in self.declared:
            yield Occurrence(("kind", event), rule.event.span, False)
        yield from self._expr(rule.condition, event, None)
        for st in rule.statements:
            if isinstance(st, s.Earn):
                yield from self._earn(st, event)
            elif isinstance(st, s.Multiply):
                yield from self._expr(st.condition, event, None)

    def _earn(self, st: s.Earn, event: str) -> Iterator[Occurrence]:
        for name in (st.to, st.given):
            target = self.lookup(name.text, event, None) if name is not None else None
            if name is not None and target is not None:
                yield Occurrence(target, name.span, False)
        if st.per is not None:
            spend = st.per.spend
            target = self.field(event, spend.field.text)
            if target is not None:
                yield Occurrence(target, spend.field.span, False)
            record = record_of(self.declared[target].node) if target else None  # type: ignore[arg-type]
            if spend.attr is not None and (found := self.field(record, spend.attr.text)):
                yield Occurrence(found, spend.attr.span, False)
            yield from self._expr(spend.where, event, record)
        if st.ladder is not None:
            yield from self._expr(st.ladder.value, event, None)
        yield from self._expr(st.condition, event, None)

    def _expr(self, node: object, event: str | None, record: str | None) -> Iterator[Occurrence]:
        """The names a condition uses; a tier's name facing ``tier`` means the tier."""
        if node is None:
            return
        operands = comparison_operands(node)  # type: ignore[arg-type]
        facing_tier = any(isinstance(o, s.Ref) and o.attr is None and o.name.text == "tier" for o in operands)
        for child in _children(node):
            if (facing_tier and isinstance(child, s.Ref) and child.attr is None
                    and child.name.text in self.tiers):
                yield Occurrence(("tier", child.name.text), child.name.span, False)
            elif isinstance(child, s.Ref):
                yield from self._ref(child, event, record)
            elif isinstance(child, s.History):  # `count of purchase`: the event kind it counts
                yield Occurrence(("kind", child.kind.text), child.kind.span, False)
            else:
                yield from self._expr(child, event, record)

    def _ref(self, ref: s.Ref, event: str | None, record: str | None) -> Iterator[Occurrence]:
        target = self.lookup(ref.name.text, event, record)
        if target is None:
            return
        yield Occurrence(target, ref.name.span, False)
        if ref.attr is not None and target[0] == "field":
            inner = record_of(self.declared[target].node)  # type: ignore[arg-type]
            if (found := self.field(inner, ref.attr.text)) is not None:
                yield Occurrence(found, ref.attr.span, False)


def _children(node: object) -> Iterator[object]:
    if isinstance(node, (s.Ref, s.History)):
        yield node
        return
    if not attrs.has(type(node)):
        return
    for f in attrs.fields(type(node)):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        for v in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(v)) and not isinstance(v, (s.Name, s.Number, s.Text, Span)):
                yield v
