"""What a member's history means in a condition (``count of purchase this month``, ``first purchase``,
``streak of checkin``): the measures and windows the language knows, the name each value is read by,
and the counters that keep it. Shared by the checker (check/history.py), ``lower`` and both
evaluators (evaluate/history.py).

Theory of operation: history is kept in the state's additive counters, keyed (member, scope, period
key) like rule limits, so every store persists, replays and resumes it with no schema of its own.
Every accepted event of a kind a condition reads adds to the kind's counters, whether or not it
earned points; a rejected or duplicate event adds nothing. The scopes:

- ``history:KIND:count:PERIOD`` and ``history:KIND:spend:PERIOD`` (money in minor units), PERIOD
  ``day`` … ``year`` or ``ever``, keyed like limits (calendar.period_key). A rolling window of N days
  sums N day counters; the day scope then reads ``day+L`` (L = the longest window's N - 1), which
  tells a pruning store (MemoryState with a ``window``) to keep a day's counter L days longer.
- ``history:KIND:streak:day+1`` and ``…:week+1``: the streak length on a local day (week), written
  once by the day's first event of the kind as yesterday's (last week's) length + 1. Kept one
  period longer than its own, since the next day reads it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pointrules import syntax as s
from pointrules.program import model as m

MEASURES = ("count", "spend", "streak", "first")
ADVERBS = {"daily": "day", "weekly": "week"}  # before `streak`: `weekly streak of checkin`
THIS_UNITS = ("day", "week", "month", "quarter", "half-year", "year")
LAST_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}  # a rolling window counts local days
MAX_DAYS = 366  # the longest rolling window: a year of day counters read per event


def key(node: s.History) -> str:
    """The name a history value is read by, the same for every spelling of one meaning
    (``daily streak of checkin`` is ``streak of checkin``, ``last 2 weeks`` is ``last 14 days``)."""
    measure, kind = node.measure.text, node.kind.text
    if measure == "streak":
        unit = ADVERBS.get(node.adverb.text, "day") if node.adverb is not None else "day"
        return f"{'weekly ' if unit == 'week' else ''}streak of {kind}"
    head = f"first {kind}" if measure == "first" else f"{measure} of {kind}"
    return head + _window(node)


def _window(node: s.History) -> str:
    if node.window == "this" and node.unit is not None:
        return f" this {node.unit.text}"
    if node.window == "last" and node.unit is not None and node.count is not None:
        return f" last {days(node)} days"
    return ""


def days(node: s.History) -> int:
    """The days of a checked rolling window (``last 2 weeks``: 14)."""
    assert node.count is not None and node.unit is not None
    return int(node.count.value) * LAST_UNITS[node.unit.text]


def nodes(expr: s.Expr | None) -> Iterator[s.History]:
    """The history values an expression reads, left to right (iteratively: no depth limit)."""
    stack: list[object] = [expr] if expr is not None else []
    while stack:
        e = stack.pop()
        if isinstance(e, s.History):
            yield e
        elif isinstance(e, s.Binary):
            stack.extend((e.right, e.left))
        elif isinstance(e, (s.Not, s.Negate)):
            stack.append(e.operand)
        elif isinstance(e, s.In):
            stack.extend(reversed((e.value, *e.options)))
        elif isinstance(e, s.Between):
            stack.extend((e.high, e.low, e.value))


def rule_nodes(rule: m.Rule) -> Iterator[s.History]:
    """The history values a rule reads: in its conditions, its statements' and its ladders' values."""
    out = [rule.condition, *(x.condition for x in rule.multipliers)]
    for e in rule.earns:
        out += [e.condition, e.ladder.value if e.ladder else None, e.spend.where if e.spend else None]
    for expr in out:
        yield from nodes(expr)


def reads(found: list[s.History]) -> tuple[m.HistoryRead, ...]:
    """The checked program's history reads, one per meaning, each with the counter scope it reads."""
    specs: dict[str, tuple[str, str, str | None, int | None]] = {}
    for node in found:
        measure, kind = node.measure.text, node.kind.text
        unit: str | None
        if measure == "streak":
            unit = ADVERBS.get(node.adverb.text, "day") if node.adverb is not None else "day"
            specs.setdefault(key(node), (measure, kind, unit, None))
        elif node.window == "last":
            specs.setdefault(key(node), (measure, kind, None, days(node)))
        else:
            unit = node.unit.text if node.window == "this" and node.unit is not None else None
            specs.setdefault(key(node), (measure, kind, unit, None))
    lookback: dict[tuple[str, str], int] = {}  # (kind, counted) -> days a day counter is kept longer
    for measure, kind, _, n in specs.values():
        if n is not None:
            at = (kind, _counted(measure))
            lookback[at] = max(lookback.get(at, 0), n - 1)
    out = []
    for name, (measure, kind, unit, n) in specs.items():
        out.append(m.HistoryRead(name, measure, kind, unit, n, _scope(measure, kind, unit, n, lookback)))
    return tuple(out)


def _counted(measure: str) -> str:
    """What counter a measure reads: ``first`` reads the count."""
    return "count" if measure == "first" else measure


def _scope(measure: str, kind: str, unit: str | None, n: int | None,
           lookback: dict[tuple[str, str], int]) -> str:
    counted = _counted(measure)
    if measure == "streak":
        return f"history:{kind}:streak:{unit}+1"
    if n is not None or unit == "day":
        more = lookback.get((kind, counted), 0)
        return f"history:{kind}:{counted}:day" + (f"+{more}" if more else "")
    return f"history:{kind}:{counted}:{unit or 'ever'}"


def scope_unit(scope: str) -> tuple[str, int]:
    """The period unit of a history scope's keys and how many periods longer than its own a key must
    be kept: ``history:purchase:count:day+29`` -> (``day``, 29); ``…:month`` -> (``month``, 0)."""
    last = scope.rsplit(":", 1)[-1]
    unit, _, more = last.partition("+")
    return unit, int(more) if more.isdigit() else 0
