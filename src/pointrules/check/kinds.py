"""The kind of value each expression in a condition has (``Ty``), which kinds can be compared with
which, and how a diagnostic names them: ```amount` is money``, ``compare it: `amount >= 100 CNY```."""

from __future__ import annotations

import attrs

from pointrules import syntax as s
from pointrules.source import Span
from pointrules.check.report import Report, one_of, q

NUMERIC = {"money", "number", "count", "points"}
ORDERED = NUMERIC | {"tier", "date", "time"}
CONDITION = {"condition", "yesno"}

NOUNS = {
    "money": "money", "number": "a number", "count": "a count", "points": "points", "text": "a text",
    "date": "a date", "time": "a time of day and date", "member": "a member", "yesno": "a yes/no field",
    "enum": "one of a list of texts", "list": "a list", "tier": "a tier", "weekday": "a weekday",
    "monthday": "a day of the year", "condition": "a condition",
}
_EXAMPLE = {
    "money": "an amount like `100 CNY`", "number": "a number like `3`", "count": "a number like `3`",
    "points": "a number of points like `500 points`", "text": 'a quoted text like `"app"`',
    "date": "a date like `2026-11-11` or a day of the year like `11-11`",
    "time": "another time field; for days compare `date`", "member": 'a member id in quotes like `"m42"`',
    "tier": "a tier name like `gold`", "weekday": "a weekday like `saturday`",
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


def what(r: Report, t: Ty) -> str:
    """The expression as written."""
    return r.snippet(span_of(t.node))


def describe(r: Report, t: Ty) -> str:
    """```amount` is money``."""
    if t.kind == "enum":
        return f"{what(r, t)} is one of {one_of(chr(34) + v + chr(34) for v in t.values[:6])}"
    return f"{what(r, t)} is {NOUNS.get(t.kind, t.kind)}"


def example(kind: str) -> str:
    """A value of this kind to compare with, like ``an amount like `100 CNY```."""
    return _EXAMPLE.get(kind, "a value of the same kind")


def compare_hint(r: Report, t: Ty) -> str:
    """How to make a condition of a value, like ```amount >= 100 CNY````."""
    x = " ".join(r.source.snippet(span_of(t.node)).split())[:30]
    right = {"money": f">= 100 {r.currency or 'CNY'}", "number": ">= 3", "count": ">= 3",
             "points": ">= 500 points", "text": '= "app"', "member": '= "m42"', "date": "= 11-11",
             "tier": ">= gold", "weekday": "= saturday"}.get(t.kind)
    if t.kind == "enum" and t.values:
        right = f'= "{t.values[0]}"'
    if t.kind == "tier" and isinstance(t.node, s.Ref) and t.node.name.text != "tier":
        return f"compare the member's tier with it: `tier >= {x}`"
    return f"compare it: {q(f'{x} {right}')}" if right else "compare it with a value of the same kind"


def span_of(node: object) -> Span:
    """The span of a syntax node known only as ``object`` (a ``Ty``'s node)."""
    return node.span  # type: ignore[attr-defined,no-any-return]
