"""The member's history in a condition (program/history.py): ``count of purchase this month``,
``spend of purchase last 30 days``, ``streak of checkin``, ``first purchase``. Each must name a
measure the language knows (PR120), an event kind of the program (PR102), money for ``spend``
(PR220) and a window the measure takes (PR350); a reward's ``for`` has no event to read it on (PR121).
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.program import model as m
from pointrules.program.history import ADVERBS, LAST_UNITS, MAX_DAYS, MEASURES, THIS_UNITS
from pointrules.check.kinds import Ty
from pointrules.check.report import Report, one_of, q

_TYPES = {"count": "count", "spend": "money", "streak": "count", "first": "yesno"}
_SPELLINGS = ("count of KIND", "spend of KIND", "streak of KIND", "weekly streak of KIND", "first KIND")


def history_type(r: Report, e: s.History, events: dict[str, m.Schema] | None, context: str) -> Ty:
    """The type of a history value (a count, money or a yes/no), or ``error`` once reported."""
    if context == "reward" or events is None:
        r.add(e.span, "PR121",
              f"{r.snippet(e.span)} reads a member's history, which only an event's conditions can",
              help="a reward's `for` is about the member: use `tier` or a built-in like `date`")
        return Ty("error", e)
    if not _measure(r, e):
        return Ty("error", e)
    kind = events.get(e.kind.text)
    if kind is None:
        r.add(e.kind.span, "PR102", f"unknown event kind {q(e.kind.text)}",
              help=r.did_you_mean(e.kind.text, events) or f"the event kinds are {one_of(events)}"
              if events else "declare the event kind: `event purchase { amount: money }`")
        return Ty("error", e)
    measure = e.measure.text
    if measure == "spend" and not any(t.kind == "money" for t in kind.fields.values()):
        r.add(e.span, "PR220",
              f"{q(e.kind.text)} carries no money, so {r.snippet(e.span)} has nothing to add up",
              help=f"count the events instead: `count of {e.kind.text}`, or declare a money field in "
                   f"`event {e.kind.text}`")
        return Ty("error", e)
    if not _window(r, e):
        return Ty("error", e)
    return Ty(_TYPES[measure], e, name=" ".join(r.source.snippet(e.span).split()))


def _measure(r: Report, e: s.History) -> bool:
    """A measure the language knows, written the way it is read (PR120)."""
    measure, written = e.measure.text, r.snippet(e.span)
    kind = e.kind.text
    if measure not in MEASURES:
        best = r.close(measure, MEASURES)
        r.add(e.measure.span, "PR120",
              f"{q(measure)} is not something pointrules keeps of a member's history",
              help=f"did you mean `{best} of {kind}`?" if best and best != "first" else
              f"write one of {one_of(w.replace('KIND', kind) for w in _SPELLINGS)}")
        return False
    if measure == "first" and e.of:
        r.add(e.span, "PR120", f"{written}: `first` is written without `of`", help=f"write `first {kind}`")
        return False
    if measure != "first" and not e.of:
        r.add(e.span, "PR120", f"{written}: `{measure}` is followed by `of`",
              help=f"write `{measure} of {kind}`")
        return False
    if e.adverb is not None and (measure != "streak" or e.adverb.text not in ADVERBS):
        r.add(e.adverb.span, "PR120", f"{q(e.adverb.text)} does not go before {q(measure)}",
              help=f"a streak counts days (`streak of {kind}`) or weeks (`weekly streak of {kind}`)")
        return False
    return True


def _window(r: Report, e: s.History) -> bool:
    """A window the measure takes: none for a streak, else `this PERIOD` or `last N days|weeks` (PR350)."""
    if e.window is None:
        return True
    if e.window == "lifetime" or e.unit is None:  # `lifetime` is a tier window's word
        r.add(e.span, "PR340", f"{r.snippet(e.span)}: history without a window is counted ever",
              help=f"leave the window out: `{'first ' if e.measure.text == 'first' else e.measure.text + ' of '}"
                   f"{e.kind.text}`")
        return False
    unit, measure = e.unit.text, e.measure.text
    if measure == "streak":
        r.add(e.unit.span, "PR350", "a streak takes no window: it counts back from today",
              help=f"write `streak of {e.kind.text}`; to count events in a period, "
                   f"`count of {e.kind.text} this {unit}`")
        return False
    if e.window == "this" and unit not in THIS_UNITS:
        r.add(e.unit.span, "PR350", f"{q('this ' + unit)} is not a period history is kept for",
              help=f"use {one_of('this ' + p for p in THIS_UNITS)}")
        return False
    if e.window == "last":
        assert e.count is not None
        n = e.count.value
        if unit not in LAST_UNITS:
            r.add(e.unit.span, "PR350", f"a rolling window counts days or weeks, not {q(unit)}",
                  help=f"write `last {e.count.raw} days`, or the calendar period so far: "
                       f"`this {unit.rstrip('s')}`")
            return False
        if n != int(n) or n < 1 or int(n) * LAST_UNITS[unit] > MAX_DAYS:
            r.add(e.count.span, "PR350",
                  f"a rolling window of {q(e.count.raw + ' ' + unit)} is not a whole number of days "
                  f"from 1 to {MAX_DAYS}",
                  help="write a window like `last 30 days`; for longer, use `this year` or "
                       f"`count of {e.kind.text}` (ever)")
            return False
    return True
