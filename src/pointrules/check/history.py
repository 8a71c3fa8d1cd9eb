"""The member's history in a condition (program/history.py): ``count of purchase this month``,
``spend of purchase last 30 days``, ``streak of checkin``, ``first purchase``. Each must name a
measure the language knows (PR120), an event kind of the program (PR102), money for ``spend``
(PR220) and a window the measure takes (PR350); a reward's ``for`` has no event to read it on (PR121).
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.kinds import Ty
from pointrules.check.report import Report, one_of, q
from pointrules.messages import t
from pointrules.program import model as m
from pointrules.program.history import ADVERBS, LAST_UNITS, MAX_DAYS, MEASURES, THIS_UNITS

_TYPES = {"count": "count", "spend": "money", "streak": "count", "first": "yesno"}
_SPELLINGS = ("count of KIND", "spend of KIND", "streak of KIND", "weekly streak of KIND", "first KIND")


def history_type(r: Report, e: s.History, events: dict[str, m.Schema] | None, context: str) -> Ty:
    """The type of a history value (a count, money or a yes/no), or ``error`` once reported."""
    if context == "reward" or events is None:
        r.add(e.span, "PR121",
              t("{what} reads a member's history, which only an event's conditions can", what=r.snippet(e.span)),
              help=t("a reward's `for` is about the member: use `tier` or a built-in like `date`"))
        return Ty("error", e)
    if not _measure(r, e):
        return Ty("error", e)
    kind = events.get(e.kind.text)
    if kind is None:
        r.add(e.kind.span, "PR102", t("unknown event kind {kind}", kind=q(e.kind.text)),
              help=r.did_you_mean(e.kind.text, events) or t("the event kinds are {kinds}", kinds=one_of(events))
              if events else "declare the event kind: `event purchase { amount: money }`")
        return Ty("error", e)
    measure = e.measure.text
    if measure == "spend" and not any(t.kind == "money" for t in kind.fields.values()):
        r.add(e.span, "PR220",
              t("{kind} carries no money, so {what} has nothing to add up", kind=q(e.kind.text), what=r.snippet(e.span)),
              help=t("count the events instead: `count of {kind}`, or declare a money field in `event {kind}`",
                     kind=e.kind.text))
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
              t("{measure} is not something pointrules keeps of a member's history", measure=q(measure)),
              help=t("did you mean {name}?", name=f"`{best} of {kind}`") if best and best != "first" else
              t("write one of {options}", options=one_of(w.replace('KIND', kind) for w in _SPELLINGS)))
        return False
    if measure == "first" and e.of:
        r.add(e.span, "PR120", t("{what}: `first` is written without `of`", what=written),
              help=t("write {word}", word=f"`first {kind}`"))
        return False
    if measure != "first" and not e.of:
        r.add(e.span, "PR120", t("{what}: `{measure}` is followed by `of`", what=written, measure=measure),
              help=t("write {word}", word=f"`{measure} of {kind}`"))
        return False
    if e.adverb is not None and (measure != "streak" or e.adverb.text not in ADVERBS):
        r.add(e.adverb.span, "PR120", t("{adverb} does not go before {measure}", adverb=q(e.adverb.text),
                                        measure=q(measure)),
              help=t("a streak counts days (`streak of {kind}`) or weeks (`weekly streak of {kind}`)", kind=kind))
        return False
    return True


def _window(r: Report, e: s.History) -> bool:
    """A window the measure takes: none for a streak, else `this PERIOD` or `last N days|weeks` (PR350)."""
    if e.window is None:
        return True
    if e.window == "lifetime" or e.unit is None:  # `lifetime` is a tier window's word
        r.add(e.span, "PR340", t("{what}: history without a window is counted ever", what=r.snippet(e.span)),
              help=t("leave the window out: `{history}`",
                     history=('first ' if e.measure.text == 'first' else e.measure.text + ' of ') + e.kind.text))
        return False
    unit, measure = e.unit.text, e.measure.text
    if measure == "streak":
        r.add(e.unit.span, "PR350", t("a streak takes no window: it counts back from today"),
              help=t("write `streak of {kind}`; to count events in a period, `count of {kind} this {unit}`",
                     kind=e.kind.text, unit=unit))
        return False
    if e.window == "this" and unit not in THIS_UNITS:
        r.add(e.unit.span, "PR350", t("{window} is not a period history is kept for", window=q('this ' + unit)),
              help=t("use {options}", options=one_of('this ' + p for p in THIS_UNITS)))
        return False
    if e.window == "last":
        assert e.count is not None
        n = e.count.value
        if unit not in LAST_UNITS:
            r.add(e.unit.span, "PR350", t("a rolling window counts days or weeks, not {unit}", unit=q(unit)),
                  help=t("write `last {count} days`, or the calendar period so far: `this {unit}`",
                         count=e.count.raw, unit=unit.rstrip('s')))
            return False
        if n != int(n) or n < 1 or int(n) * LAST_UNITS[unit] > MAX_DAYS:
            r.add(e.count.span, "PR350",
                  t("a rolling window of {window} is not a whole number of days from 1 to {most}",
                    window=q(e.count.raw + ' ' + unit), most=MAX_DAYS),
                  help=t("write a window like `last 30 days`; for longer, use `this year` or `count of {kind}` (ever)",
                         kind=e.kind.text))
            return False
    return True
