"""The kind of value each expression in a condition has (``Ty``), which kinds can be compared with
which, and how a diagnostic names them: ```amount` is money``, ``compare it: `amount >= 100 CNY```."""

from __future__ import annotations

import attrs

from pointrules import syntax as s
from pointrules.check.report import Report, one_of, q
from pointrules.messages import Text, t
from pointrules.source import Span

NUMERIC = {"money", "number", "count", "points"}
ORDERED = NUMERIC | {"tier", "date", "time"}
CONDITION = {"condition", "yesno"}

NOUNS = {
    "money": t("money"), "number": t("a number"), "count": t("a count"), "points": t("points"), "text": t("a text"),
    "date": t("a date"), "time": t("a time of day and date"), "member": t("a member"), "yesno": t("a yes/no field"),
    "enum": t("one of a list of texts"), "list": t("a list"), "tier": t("a tier"), "weekday": t("a weekday"),
    "monthday": t("a day of the year"), "condition": t("a condition"),
}
_EXAMPLE = {
    "money": t("an amount like `100 CNY`"), "number": t("a number like `3`"), "count": t("a number like `3`"),
    "points": t("a number of points like `500 points`"), "text": t('a quoted text like `"app"`'),
    "date": t("a date like `2026-11-11` or a day of the year like `11-11`"),
    "time": t("another time field; for days compare `date`"), "member": t('a member id in quotes like `"m42"`'),
    "tier": t("a tier name like `gold`"), "weekday": t("a weekday like `saturday`"),
}
_COMPATIBLE = [
    {"money", "number"}, {"count", "number"}, {"points", "number"}, {"text", "enum"}, {"member", "text"},
    {"date", "monthday"},
]


@attrs.frozen
class Ty:
    """The type of an expression: ``kind`` as in NOUNS, ``error`` (already reported) or
    ``unresolved`` (an unknown ``name``, not yet reported)."""

    kind: str
    node: object
    values: tuple[str, ...] = ()
    name: str = ""


def compatible(a: Ty, b: Ty) -> bool:
    """Can values of these two kinds be compared?"""
    k = {a.kind, b.kind}
    if len(k) == 1:
        return a.kind not in ("list", "condition")
    return any(k == pair for pair in _COMPATIBLE)


def what(r: Report, ty: Ty) -> str:
    """The expression as written."""
    return r.snippet(span_of(ty.node))


def describe(r: Report, ty: Ty) -> Text:
    """```amount` is money``."""
    if ty.kind == "enum":
        return t("{what} is one of {values}", what=what(r, ty),
                 values=one_of(chr(34) + v + chr(34) for v in ty.values[:6]))
    return t("{what} is {noun}", what=what(r, ty), noun=NOUNS.get(ty.kind, ty.kind))


def field_of(kind: str) -> Text:
    """"a count field": a field of the type ``kind``."""
    return t("a {kind} field", kind=kind)


def example(kind: str) -> Text:
    """A value of this kind to compare with, like ``an amount like `100 CNY```."""
    return _EXAMPLE.get(kind) or t("a value of the same kind")


def compare_hint(r: Report, ty: Ty) -> Text:
    """How to make a condition of a value, like ```amount >= 100 CNY````."""
    x = " ".join(r.source.snippet(span_of(ty.node)).split())[:30]
    right = {"money": f">= 100 {r.currency or 'CNY'}", "number": ">= 3", "count": ">= 3",
             "points": ">= 500 points", "text": '= "app"', "member": '= "m42"', "date": "= 11-11",
             "tier": ">= gold", "weekday": "= saturday"}.get(ty.kind)
    if ty.kind == "enum" and ty.values:
        right = f'= "{ty.values[0]}"'
    if ty.kind == "tier" and isinstance(ty.node, s.Ref) and ty.node.name.text != "tier":
        return t("compare the member's tier with it: `tier >= {name}`", name=x)
    return t("compare it: {condition}", condition=q(f'{x} {right}')) if right else t(
        "compare it with a value of the same kind")


def span_of(node: object) -> Span:
    """The span of a syntax node known only as ``object`` (a ``Ty``'s node)."""
    return node.span  # type: ignore[attr-defined]
