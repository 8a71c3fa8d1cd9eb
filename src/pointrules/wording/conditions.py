"""A condition in the marketer's words, in any of LANGS: its label when it has one, else worded from
what it compares (program/wordable.py says what can be), else a neutral phrase; never code.

Hours, weekdays, days of the month and months are worded as the set of values the condition lets
through, in runs: ``hour from 7 to 9`` is 7:00–9:59, ``weekday not in (saturday, sunday)`` is
周一至周五 (Monday to Friday).
"""

from __future__ import annotations

from decimal import Decimal

from pointrules import syntax as s
from pointrules.diagnostics import safe
from pointrules.program.resolve import WEEKDAYS
from pointrules.program.wordable import Comparison, Place, Subject, comparison, subject, unworded
from pointrules.wording.catalogue import TermsPhrases, number

_DOMAINS = {"hour": range(24), "weekday": range(7), "day": range(1, 32), "month": range(1, 13)}


def condition(e: s.Expr, label: str | None, at: Place, say: TermsPhrases) -> str:
    """The condition as the terms say it."""
    if label:
        return safe(label)
    if unworded(e, at) is not None:
        return say["conditions"]["unworded"]
    return _expr(e, at, say)


def _expr(e: s.Expr, at: Place, say: TermsPhrases, inner: bool = False) -> str:
    """``inner``: said inside a group, where an ``and`` is said more tightly (Chinese 且, not ，)."""
    words = say["conditions"]
    if _joins(e, "and"):
        parts = _parts(e, "and")
        text = words["and within" if inner else "and"].join(
            _expr(p, at, say, inner) for p in parts if not _joins(p, "or"))
        for group in (p for p in parts if _joins(p, "or")):  # after the plain parts: `… and either X or Y`
            either = words["any"].format(alternatives=_alternatives(group, at, say))
            text = text + words["and then"] + either if text else either
        return text
    if _joins(e, "or"):
        alternatives = _alternatives(e, at, say)
        grouped = any(_joins(p, "and") for p in _parts(e, "or"))
        return words["any"].format(alternatives=alternatives) if grouped else alternatives
    if isinstance(e, s.Not):  # of a flag or a first: `not (a or b)` is unworded (program/wordable.py)
        return words["not"].format(what=_expr(e.operand, at, say, inner))
    found = comparison(e, at)
    if found is None:  # a flag (`finished`) or `first order`: unworded() let nothing else through
        bare = subject(e, at)
        assert bare is not None
        return subject_words(bare, at, say)
    return _comparison(found, at, say)


def _joins(e: s.Expr, op: str) -> bool:
    return isinstance(e, s.Binary) and e.op == op


def _parts(e: s.Expr, op: str) -> list[s.Expr]:
    """The operands of ``a OP b OP c``, however the parser nested them, left to right."""
    if _joins(e, op):
        assert isinstance(e, s.Binary)
        return [*_parts(e.left, op), *_parts(e.right, op)]
    return [e]


def _alternatives(e: s.Expr, at: Place, say: TermsPhrases) -> str:
    """The operands of an ``or``, said apart more clearly when one of them is an ``and``."""
    parts = _parts(e, "or")
    words = say["conditions"]
    joiner = words["or group"] if any(_joins(p, "and") for p in parts) else words["or"]
    return joiner.join(_expr(p, at, say, True) for p in parts)


def _comparison(c: Comparison, at: Place, say: TermsPhrases) -> str:
    words = say["conditions"]
    kind = c.subject.kind
    if kind in _DOMAINS:
        return _runs(kind, _allowed(c, _DOMAINS[kind]), say)
    if kind == "tier":
        values = [_tier(v, at) for v in c.values]
    elif kind == "date":
        values = [_date(v, say) for v in c.values]
    else:
        values = [_number(v, c.subject, at, say) for v in c.values]
    template = words.get(f"{kind} {c.op}") or words[f"number {c.op}"]
    joined = words["or"].join(values)
    return template.format(subject=subject_words(c.subject, at, say), value=values[0], values=joined,
                           low=values[0], high=values[-1])


def _allowed(c: Comparison, domain: range) -> list[int]:
    """The values of ``domain`` the comparison lets through."""
    def value(x: s.Expr) -> int:
        if isinstance(x, s.Ref):
            return WEEKDAYS[x.name.text]
        assert isinstance(x, s.NumberLit)
        return int(x.number.value)

    vs = [value(x) for x in c.values]
    tests = {"=": lambda n: n == vs[0], "!=": lambda n: n != vs[0], "<": lambda n: n < vs[0],
             "<=": lambda n: n <= vs[0], ">": lambda n: n > vs[0], ">=": lambda n: n >= vs[0],
             "in": lambda n: n in vs, "not in": lambda n: n not in vs, "from": lambda n: vs[0] <= n <= vs[-1]}
    return [n for n in domain if tests[c.op](n)]


def _runs(kind: str, allowed: list[int], say: TermsPhrases) -> str:
    """The allowed values in runs: 7:00–9:59; 周一至周五; 1 日、2 日; none at all when nothing is allowed."""
    words = say["conditions"]
    runs: list[tuple[int, int]] = []
    for n in allowed:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    if not runs:
        return words["never"]
    parts = []
    for low, high in runs:
        if kind == "hour":
            parts.append(_hours(low, high, len(runs) == 1, words))
        elif high - low >= 2 or (kind != "weekday" and high > low):
            parts.append(words["run"].format(low=_one(kind, low, say), high=_one(kind, high, say)))
        else:
            parts.extend(_one(kind, n, say) for n in range(low, high + 1))
    return words[kind].format(values=say["list_separator"].join(parts))


def _hours(low: int, high: int, alone: bool, words: dict[str, str]) -> str:
    """7:00–9:59; alone, a run from midnight is "before 12:00" and one to midnight "from 18:00"."""
    if alone and low == 0:
        return words["hours before"].format(next=high + 1)
    if alone and high == 23:
        return words["hours from"].format(low=low)
    return words["hours"].format(low=low, high=high)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _one(kind: str, n: int, say: TermsPhrases) -> str:
    if kind == "weekday":
        return say["weekday_names"][n]
    return say["conditions"][f"{kind} one"].format(n=n, name=_MONTHS[n - 1] if kind == "month" else n)


def subject_words(found: Subject, at: Place, say: TermsPhrases) -> str:
    """What a condition or a ladder reads, in words: its label, the amount, or the member's history."""
    words = say["conditions"]
    h = found.history
    if h is None:
        return safe(found.label) if found.label else words["amount"]
    measure = h.measure.text
    if measure == "streak" and h.adverb is not None:
        measure = "weekly streak"
    if h.window is None:
        window = words["window ever"]
    elif h.window == "last":
        days = int(h.count.value if h.count else 1) * (7 if h.unit and h.unit.text.startswith("week") else 1)
        window = words["window last"].format(days=days)
    else:
        unit = h.unit.text if h.unit else ""
        window = words.get(f"window this {unit}") or words["window this"].format(period=say["periods"].get(unit, unit))
    kind = at.program.events.get(h.kind.text)
    label = kind.label if kind is not None and kind.label else h.kind.text
    return words[f"history {measure}"].format(kind=safe(label), window=window)


def _tier(v: s.Expr, at: Place) -> str:
    assert isinstance(v, s.Ref)
    tier = at.program.tier(v.name.text)
    return safe(tier.label) if tier.label else tier.name


def _date(v: s.Expr, say: TermsPhrases) -> str:
    if isinstance(v, s.MonthDay):
        return say["year_day"].format(month=v.month, day=v.day)
    assert isinstance(v, s.DateLit)
    return v.raw


def _number(v: s.Expr, found: Subject, at: Place, say: TermsPhrases) -> str:
    assert isinstance(v, s.NumberLit)
    if found.kind != "money" and not (found.history and found.history.measure.text == "spend"):
        return number(v.number.value)
    return money(v.number.value, at.program.currency, say)


def money(amount: Decimal, currency: str, say: TermsPhrases) -> str:
    """An amount of money as the terms say it: 15 元, 15 CNY."""
    return say["money"].format(amount=f"{amount:,f}", currency=say["currencies"].get(currency, currency))
