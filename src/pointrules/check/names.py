"""The names pass: every declared name is unique in its kind, and every event and record field has
a known type and a name of its own."""

from __future__ import annotations

from itertools import chain

from pointrules import syntax as s
from pointrules.diagnostics import Diagnostic
from pointrules.program.resolve import BUILTINS
from pointrules.source import Source
from pointrules.check.report import Report, one_of, q
from pointrules.check.given import check_points_type

TYPES = ("money", "number", "count", "text", "date", "time", "member", "yesno")
TYPE_ALIASES = {"boolean": "yesno", "bool": "yesno", "datetime": "time"}
EVENT_BUILTINS = ("id", "member", "time")  # every event carries them; a field may not redefine them


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
            article = "an" if kind[0] in "aeiou" else "a"
            r.add(name.span, "PR101", f"there is already {article} {kind} named {q(name.text)}",
                  help=f"give this {kind} another name", notes=[r.first_at(f"{kind} {q(name.text)}", seen[key].span)])
        else:
            seen[key] = name
        if kind == "record" and (name.text in TYPES or name.text in TYPE_ALIASES or name.text == "list"):
            r.add(name.span, "PR106", f"a record cannot be named {q(name.text)}, the name of a type",
                  help="name it after what it holds, like `item`")
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
            r.add(r.keyword(d.span), "PR301", "`profile` is given more than once",
                  help="put every profile field in one `profile { … }`", notes=[r.first_at("`profile`", first.span)])
            continue
        first = d
        _fields(r, d.fields, "member", records)
        for f in d.fields:
            name = f.name.text
            if name in BUILTINS:
                r.add(f.name.span, "PR112", f"the profile field {q(name)} has the name of the built-in {q(name)}",
                      help=f"rename it, like `{name}_of_member`")
            elif name in event_fields:
                r.add(f.name.span, "PR112", f"the profile field {q(name)} has the name of a field of event "
                      f"{q(event_fields[name])}", help=f"rename one of them, like `member_{name}`, so a condition "
                      "says which it reads")


def _fields(r: Report, fields: tuple[s.Field, ...], kind: str, records: set[str]) -> None:
    seen: dict[str, s.Field] = {}
    for f in fields:
        name = f.name.text
        if name in seen:
            r.add(f.name.span, "PR105", f"the field {q(name)} is declared twice",
                  help="remove one or rename it", notes=[r.first_at(f"field {q(name)}", seen[name].span)])
        else:
            seen[name] = f
        if kind == "event" and name in EVENT_BUILTINS:
            r.add(f.name.span, "PR106", f"every event already has a field {q(name)}",
                  help=f"remove it, or rename it if it means something else (like `{name}_2`)"
                  if name != "member" else "remove it, or give it a name of its own like `referee`")
        elif kind == "event" and name in BUILTINS:
            r.add(f.name.span, "PR107", f"the field {q(name)} hides the built-in {q(name)} in conditions",
                  help=f"rename it, like `{name}_of_order`, to keep the built-in usable")
        _type(r, f.type, records)


def _type(r: Report, t: s.TypeExpr, records: set[str]) -> None:
    while isinstance(t, s.OptionalType):
        t = t.inner
    if isinstance(t, s.NamedType):
        name = t.name.text
        if name in TYPES or name in TYPE_ALIASES:
            return
        if name in records:
            help = f"a field holds one value; for several records write `list of {name}`"
        else:
            help = r.did_you_mean(name, [*TYPES, *TYPE_ALIASES]) or f"use {one_of(TYPES)}, a list of values "\
                '`"a" | "b"` or `list of RECORD`'
        r.add(t.name.span, "PR201", f"unknown type {q(name)}", help=help)
    elif isinstance(t, s.ListType):
        of = t.of.text
        if of != "text" and of not in records:
            r.add(t.of.span, "PR104", f"unknown record {q(of)}",
                  help=r.did_you_mean(of, chain(records, ["text"])) or f"declare it: `record {of} {{ amount: money }}`")
    elif isinstance(t, s.PointsType):
        check_points_type(r, t)
    elif isinstance(t, s.EnumType):
        seen: set[str] = set()
        for value in t.values:
            if value.value in seen:
                r.add(value.span, "PR108", f"the value {q(value.raw)} is listed twice", help="remove one")
            seen.add(value.value)
