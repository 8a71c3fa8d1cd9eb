"""The outline of a program (document symbols): its event kinds and records with their fields, the
profile, the tiers, the rules, the campaigns with their rules, and the rewards."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from pointrules import syntax as s
from pointrules.source import Span


@attrs.frozen
class Symbol:
    """``kind`` is the protocol's SymbolKind by name (``Event``, ``Function`` …); ``detail`` the label."""

    name: str
    kind: str
    detail: str
    span: Span
    name_span: Span
    children: tuple[Symbol, ...] = ()


def _label(node: object) -> str:
    label = getattr(node, "label", None)
    return label.value if label is not None else ""


def _fields(fields: tuple[s.Field, ...]) -> tuple[Symbol, ...]:
    return tuple(Symbol(f.name.text, "Field", "", f.span, f.name.span) for f in fields)


def _rule(r: s.Rule) -> Symbol:
    return Symbol(r.name.text, "Function", _label(r) or f"on {r.event.text}", r.span, r.name.span)


def symbols(tree: s.Program) -> list[Symbol]:
    """The declarations worth a line in an editor's outline, in source order."""
    return list(_symbols(tree))


def _symbols(tree: s.Program) -> Iterator[Symbol]:
    for d in tree.declarations:
        if isinstance(d, s.Event):
            yield Symbol(d.name.text, "Event", _label(d), d.span, d.name.span, _fields(d.fields))
        elif isinstance(d, s.Record):
            yield Symbol(d.name.text, "Struct", "record", d.span, d.name.span, _fields(d.fields))
        elif isinstance(d, s.Profile):
            yield Symbol("profile", "Struct", "member profile", d.span, Span(d.span.start, d.span.start + 7),
                         _fields(d.fields))
        elif isinstance(d, s.Tiers):
            tiers = tuple(Symbol(x.name.text, "EnumMember", _label(x), x.span, x.name.span) for x in d.tiers)
            yield Symbol("tiers", "Enum", "", d.span, Span(d.span.start, d.span.start + 5), tiers)
        elif isinstance(d, s.Rule):
            yield _rule(d)
        elif isinstance(d, s.Campaign):
            yield Symbol(d.name.text, "Namespace", _label(d), d.span, d.name.span, tuple(_rule(r) for r in d.rules))
        elif isinstance(d, s.Reward):
            yield Symbol(d.name.text, "Object", _label(d), d.span, d.name.span)
