"""The names pass: every declared name is unique in its kind, and every event and record field has
a known type and a name of its own."""

from __future__ import annotations

from itertools import chain

from pointrules import syntax as s
from pointrules.check.given import check_points_type
from pointrules.check.report import Report, one_of, q
from pointrules.diagnostics import Diagnostic
from pointrules.messages import t
from pointrules.program.resolve import BUILTINS
from pointrules.source import Source

TYPES = ("money", "number", "count", "text", "date", "time", "member", "yesno")
TYPE_ALIASES = {"boolean": "yesno", "bool": "yesno", "datetime": "time"}
EVENT_BUILTINS = ("id", "member", "time")  # every event carries them; a field may not redefine them
# each kind of declaration with an article ("an event") and without ("this event")
_KINDS = {
    "event": (t("an event"), t("event")), "record": (t("a record"), t("record")), "rule": (t("a rule"), t("rule")),
    "campaign": (t("a campaign"), t("campaign")), "reward": (t("a reward"), t("reward")),
    "tier": (t("a tier"), t("tier")),
}


def _declared(tree: s.Program) -> list[tuple[str, s.Name]]:
    """(kind, name) of every named declaration, campaign rules with the rules, in source order."""
    out: list[tuple[str, s.Name]] = []
    for d in tree.declarations:
        if isinstance(d, s.Event):
            out.append(("event", d.name))
        elif isinstance(d, s.Record):
            out.append(("record", d.name))
        elif isinstance(d, s.Rule):
            out.append(("rule", d.name))
        elif isinstance(d, s.Campaign):
            out.append(("campaign", d.name))
            out.extend(("rule", r.name) for r in d.rules)
        elif isinstance(d, s.Reward):
            out.append(("reward", d.name))
        elif isinstance(d, s.Tiers):
            out.extend(("tier", t.name) for t in d.tiers)
    return out


def check_names(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Duplicate names (PR101) and records named like a type (PR106)."""
    r = Report(source)
    seen: dict[tuple[str, str], s.Name] = {}
    for kind, name in _declared(tree):
        key = (kind, name.text)
        if key in seen:
            what, named = _KINDS[kind]
            r.add(name.span, "PR101", t("there is already {what} named {name}", what=what, name=q(name.text)),
                  help=t("give this {kind} another name", kind=named),
                  notes=[r.first_at(t("{kind} {name}", kind=named, name=q(name.text)), seen[key].span)])
        else:
            seen[key] = name
        if kind == "record" and (name.text in TYPES or name.text in TYPE_ALIASES or name.text == "list"):
            r.add(name.span, "PR106", t("a record cannot be named {name}, the name of a type", name=q(name.text)),
                  help=t("name it after what it holds, like `item`"))
    return r.diagnostics


def check_schemas(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Field names unique (PR105) and not built-ins (PR106, PR107); types known (PR201, PR104);
    enumeration values unique (PR108)."""
    r = Report(source)
    records = {d.name.text for d in tree.declarations if isinstance(d, s.Record)}
    for d in tree.declarations:
        if isinstance(d, (s.Event, s.Record)):
            kind = "event" if isinstance(d, s.Event) else "record"
            _fields(r, d.fields, kind, records)
    _member(r, tree, records)
    return r.diagnostics


def _member(r: Report, tree: s.Program, records: set[str]) -> None:
    """``profile { … }``: given once (PR301); its fields unique, typed, and named apart from every
    event field and built-in (PR112), so a name in a condition has one meaning."""
    first: s.Profile | None = None
    event_fields: dict[str, str] = {}
    for d in tree.declarations:
        if isinstance(d, s.Event):
            for f in d.fields:
                event_fields.setdefault(f.name.text, d.name.text)
    for d in tree.declarations:
        if not isinstance(d, s.Profile):
            continue
        if first is not None:
            r.add(r.keyword(d.span), "PR301", t("{what} is given more than once", what="`profile`"),
                  help=t("put every profile field in one `profile {{ … }}`"), notes=[r.first_at("`profile`", first.span)])
            continue
        first = d
        _fields(r, d.fields, "member", records)
        for f in d.fields:
            name = f.name.text
            if name in BUILTINS:
                r.add(f.name.span, "PR112", t("the profile field {name} has the name of the built-in {name}", name=q(name)),
                      help=t("rename it, like `{name}_of_member`", name=name))
            elif name in event_fields:
                r.add(f.name.span, "PR112", t("the profile field {name} has the name of a field of event {event}",
                                              name=q(name), event=q(event_fields[name])),
                      help=t("rename one of them, like `member_{name}`, so a condition says which it reads", name=name))


def _fields(r: Report, fields: tuple[s.Field, ...], kind: str, records: set[str]) -> None:
    seen: dict[str, s.Field] = {}
    for f in fields:
        name = f.name.text
        if name in seen:
            r.add(f.name.span, "PR105", t("the field {name} is declared twice", name=q(name)),
                  help=t("remove one or rename it"), notes=[r.first_at(t("field {name}", name=q(name)), seen[name].span)])
        else:
            seen[name] = f
        if kind == "event" and name in EVENT_BUILTINS:
            r.add(f.name.span, "PR106", t("every event already has a field {name}", name=q(name)),
                  help=t("remove it, or rename it if it means something else (like `{name}_2`)", name=name)
                  if name != "member" else t("remove it, or give it a name of its own like `referee`"))
        elif kind == "event" and name in BUILTINS:
            r.add(f.name.span, "PR107", t("the field {name} hides the built-in {name} in conditions", name=q(name)),
                  help=t("rename it, like `{name}_of_order`, to keep the built-in usable", name=name))
        _type(r, f.type, records)


def _type(r: Report, typ: s.TypeExpr, records: set[str]) -> None:
    while isinstance(typ, s.OptionalType):
        typ = typ.inner
    if isinstance(typ, s.NamedType):
        name = typ.name.text
        if name in TYPES or name in TYPE_ALIASES:
            return
        if name in records:
            help = t("a field holds one value; for several records write `list of {name}`", name=name)
        else:
            help = r.did_you_mean(name, [*TYPES, *TYPE_ALIASES]) or t(
                'use {types}, a list of values `"a" | "b"` or `list of RECORD`', types=one_of(TYPES))
        r.add(typ.name.span, "PR201", t("unknown type {name}", name=q(name)), help=help)
    elif isinstance(typ, s.ListType):
        of = typ.of.text
        if of != "text" and of not in records:
            r.add(typ.of.span, "PR104", t("unknown record {name}", name=q(of)),
                  help=r.did_you_mean(of, chain(records, ["text"]))
                  or t("declare it: `record {name} {{ amount: money }}`", name=of))
    elif isinstance(typ, s.PointsType):
        check_points_type(r, typ)
    elif isinstance(typ, s.EnumType):
        seen: set[str] = set()
        for value in typ.values:
            if value.value in seen:
                r.add(value.span, "PR108", t("the value {value} is listed twice", value=q(value.raw)),
                      help=t("remove one"))
            seen.add(value.value)
