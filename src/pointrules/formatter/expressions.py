"""Expressions as source text, with the fewest parentheses that keep their meaning."""

from __future__ import annotations

from pointrules import syntax as s

_LEVEL = {"or": 1, "and": 2, "=": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
          "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}


def _level(e: s.Expr) -> int:
    match e:
        case s.Binary():
            return _LEVEL[e.op]
        case s.Not():
            return 3
        case s.In() | s.Between():
            return 4
        case s.Negate():
            return 7
    return 8


def operand(e: s.Expr) -> str:
    """An expression where the grammar wants a sum (a ladder's ``by``): a condition in parentheses."""
    return _wrap(e, 5)


def expr(e: s.Expr) -> str:
    """An expression as source text; parentheses only where precedence needs them."""
    match e:
        case s.Binary():
            level = _LEVEL[e.op]
            left = _wrap(e.left, level if level != 4 else 5)
            right = _wrap(e.right, level + 1)
            return f"{left} {e.op} {right}"
        case s.Not():
            return f"not {_wrap(e.operand, 3)}"
        case s.Negate():
            return f"-{_wrap(e.operand, 7)}"
        case s.In():
            opts = ", ".join(expr(o) for o in e.options)
            return f"{_wrap(e.value, 5)} {'not in' if e.negated else 'in'} ({opts})"
        case s.Between():
            return f"{_wrap(e.value, 5)} from {expr(e.low)} to {expr(e.high)}"
        case s.Ref():
            return e.name.text + (f".{e.attr.text}" if e.attr else "")
        case s.NumberLit():
            return e.number.raw + (f" {e.unit.text}" if e.unit else "")
        case s.Text():
            return e.raw
        case s.DateLit() | s.MonthDay():
            return e.raw
        case s.History():
            return _history(e)
    raise TypeError(f"cannot format {type(e).__name__}")


def chain(e: s.Expr) -> list[tuple[str, s.Expr, str]]:
    """The operands of a condition's outermost ``and``/``or`` chain, each as (the operator before it,
    the operand, its text), where a long condition is broken: joined by spaces they are ``expr(e)``."""
    if not (isinstance(e, s.Binary) and e.op in ("and", "or")):
        return [("", e, expr(e))]
    level, rights = _LEVEL[e.op], []
    node: s.Expr = e
    while isinstance(node, s.Binary) and node.op == e.op:  # `a and b and c` is ((a and b) and c)
        rights.append(node.right)
        node = node.left
    return [("", node, _wrap(node, level)), *((e.op, r, _wrap(r, level + 1)) for r in reversed(rights))]


def _history(e: s.History) -> str:
    """``weekly streak of checkin``, ``count of purchase this month``, ``first purchase last 7 days``."""
    words = [e.adverb.text] if e.adverb is not None else []
    words += [e.measure.text, "of", e.kind.text] if e.of else [e.measure.text, e.kind.text]
    if e.window == "lifetime":
        words.append("lifetime")
    elif e.window is not None and e.unit is not None:
        count = e.count.raw if e.count else ""
        words += ["this", e.unit.text] if e.window == "this" else ["last", count, e.unit.text]
    return " ".join(words)


def _wrap(e: s.Expr, minimum: int) -> str:
    text = expr(e)
    return f"({text})" if _level(e) < minimum else text
