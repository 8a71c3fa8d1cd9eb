"""Ladders: ``earn 5, 10, 15 points by streak`` and ``earn 1, 2, 3 points per 100 CNY of amount by
amount from 0 CNY, 1,000 CNY, 5,000 CNY``. The value steps with a number (a count, a number or
money); the steps start where written (each runs up to the next, so none overlap or leave a gap),
or at 1, 2, 3 … without ``from``; one step for each number of points, lowest first."""

from __future__ import annotations

import itertools

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.kinds import describe, span_of
from pointrules.check.quantities import POINTS_UNITS
from pointrules.check.report import Report, q
from pointrules.check.types import Checker, Where
from pointrules.messages import t
from pointrules.source import Span

_NUMBERS = {"count", "number", "points"}


def check_ladder(r: Report, where: Where, st: s.Earn) -> None:
    """The ladder of ``st``: several points need one (PR329); its value steps with a number (PR212),
    its steps match its points (PR327), have the value's unit (PR206, PR205) and rise (PR328)."""
    ladder = st.ladder
    if ladder is None:
        if st.more:
            r.add(Span(st.more[0].span.start, st.more[-1].span.end), "PR329",
                  t("{n} numbers of points, and nothing picks one", n=len(st.steps)),
                  help=t("to step with a value, add `by` and it: `{steps} points by streak`; "
                         "for one award write one number: `earn {points} points`", steps=_steps(st), points=st.points.raw))  # type: ignore[union-attr]
        return
    checker = Checker(r, where)
    ty = checker.settle(checker.infer(ladder.value))
    if ty.kind == "error":
        return
    if ty.kind not in _NUMBERS and ty.kind != "money":
        r.add(span_of(ladder.value), "PR212", t("a ladder steps with a number, and {described}", described=describe(r, ty)),
              help=t("step by a count or money, like `by streak` or `by amount from 0 CNY, 1,000 CNY`"))
        return
    what = r.snippet(span_of(ladder.value))
    if not ladder.starts:
        if ty.kind == "money":
            r.add(ladder.span, "PR327", t("a ladder over money needs where each step starts, and {what} has none",
                                          what=what),
                  help=t("write one start for each number of points: `by {value} from {starts}`", value=what[1:-1],
                         starts=_money_starts(r, st)))
        return
    if len(ladder.starts) != len(st.steps):
        r.add(Span(ladder.starts[0].span.start, ladder.starts[-1].span.end), "PR327",
              t("{n} numbers of points and {steps} steps", n=len(st.steps), steps=len(ladder.starts)),
              help=t("write one step for each number of points, in the same order"))
        return
    if all(_start(r, start, ty.kind, what) for start in ladder.starts):
        _rising(r, ladder.starts)


def _steps(st: s.Earn) -> str:
    return "earn " + ", ".join(n.raw for n in st.steps)


def _money_starts(r: Report, st: s.Earn) -> str:
    code = r.currency or "CNY"
    return ", ".join(f"{n:,} {code}" for n in range(0, 1000 * len(st.steps), 1000))


def _start(r: Report, start: s.Quantity, kind: str, what: str) -> bool:
    """One step's start: money of the program's currency for money, else a plain number (whole for
    a count)."""
    if kind == "money":
        return (v.money_unit(r, start.unit, start.span, t("a step of {what}", what=what), f"from 0 {r.currency or 'CNY'}")
                and v.money_digits(r, start.amount, v.unit_text(start)))
    unit = v.unit_text(start)
    if unit is not None and not (kind == "points" and unit in POINTS_UNITS):
        assert start.unit is not None
        r.add(start.unit.span, "PR206", t("a step of {what} is a plain number, found {unit}", what=what, unit=q(unit)),
              help=t("write it like `from {number}`", number=start.amount.raw))
        return False
    return kind != "count" or v.whole(r, start.amount, t("a step of {what}", what=what))


def _rising(r: Report, starts: tuple[s.Quantity, ...]) -> None:
    for before, after in itertools.pairwise(starts):
        if after.amount.value <= before.amount.value:
            r.add(after.span, "PR328", t("a ladder's steps go from the lowest up, and {after} does not start above {before}",
                                         after=r.snippet(after.span), before=r.snippet(before.span)),
                  help=t("list the steps from the lowest start, each above the one before"))
            return
