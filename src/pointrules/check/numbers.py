"""Every number a program writes is one the evaluators can use exactly (PR326).

Points, money, factors, counts and thresholds are all below 10^15 with at most 6 decimals: far
beyond any real program (a billion points, a factor of 1.000001), and small enough that every
product the evaluators form stays exact and cheap. Walked without recursion over the whole tree.
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.report import Report, nodes
from pointrules.diagnostics import Diagnostic
from pointrules.messages import t
from pointrules.source import Source

MAX_WHOLE_DIGITS = 15  # numbers below 10^15
MAX_DECIMALS = 6


def check_numbers(tree: s.Program, source: Source) -> list[Diagnostic]:
    r = Report(source, None)
    for node in nodes(tree):
        if isinstance(node, s.Number):
            _number(r, node)
    return r.diagnostics


def _number(r: Report, n: s.Number) -> None:
    _sign, digits, exponent = n.value.as_tuple()
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    whole = len(digits) - decimals if n.value else 0
    if whole > MAX_WHOLE_DIGITS:
        r.add(n.span, "PR326", t("this number has {n:,} digits before the point, more than the {most} a program may write",
                                 n=whole, most=MAX_WHOLE_DIGITS),
              help=t("points, money and counts are below 10^15: write a smaller number"))
    elif decimals > MAX_DECIMALS:
        r.add(n.span, "PR326", t("this number has {n:,} decimals, more than the {most} a program may write",
                                 n=decimals, most=MAX_DECIMALS),
              help=t("round it to at most {most} decimals", most=MAX_DECIMALS))
