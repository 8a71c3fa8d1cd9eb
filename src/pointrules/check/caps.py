"""The caps pass, over the whole program: two caps of one period over the same kinds (PR332).

A cap's running count is kept under what the cap is, its period and the kinds it covers
(evaluate/caps.py), so that a cap the same in two versions of a program keeps its count. Two caps
that are the same in that sense would count every point twice on one counter, and only the lower
of them could ever cut anyway: the second is refused, pointing at the first.
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.quantities import period_unit
from pointrules.check.report import Report
from pointrules.check.values import PER_PERIOD
from pointrules.diagnostics import Diagnostic
from pointrules.messages import t
from pointrules.source import Source


def check_caps(tree: s.Program, source: Source) -> list[Diagnostic]:
    """PR332: a cap with the period and kinds of an earlier cap."""
    r = Report(source)
    seen: dict[tuple[str, frozenset[str]], s.Cap] = {}
    for cap in tree.declarations:
        if not isinstance(cap, s.Cap):
            continue
        period = period_unit(cap.period)
        if period not in PER_PERIOD:
            continue  # PR311 says so
        key = (period, frozenset(k.text for k in cap.kinds))
        first = seen.setdefault(key, cap)
        if first is cap:
            continue
        over = t("on {kinds}", kinds=", ".join(sorted(key[1]))) if key[1] else t("over every kind of event")
        r.add(r.keyword(cap.span), "PR332",
              t("a second cap {per} {over}, as the cap on line {line}", per=PER_PERIOD[period], over=over,
                line=r.line(first.span)),
              help=t("keep one of them: only the lower can ever cut; to cap kinds apart, name them with `on`"),
              notes=[t("the first cap is `{text}`", text=source.text[first.span.start:first.span.end])])
    return r.diagnostics
