"""Checks on numbers, units, durations, periods and dates, shared by every pass that reads them."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from pointrules import syntax as s
from pointrules.diagnostics import safe
from pointrules.source import Span
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.lower import POINTS_UNITS, TIMES_UNITS, UNITS
from pointrules.check.report import Report, one_of, q

PERIODS = ("day", "week", "month", "quarter", "half-year", "year")
DURATION_UNITS = tuple(UNITS)
_MONTHS = tuple(calendar.month_name)


def decimals(value: Decimal) -> int:
    """Digits after the point, trailing zeros ignored (``1.50`` has 1); exact for any size."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    i = len(digits)
    while exponent < 0 and i > 0 and digits[i - 1] == 0:
        exponent += 1
        i -= 1
    return -exponent


def is_whole(value: Decimal) -> bool:
    return decimals(value) == 0


def positive(r: Report, n: s.Number, what: str) -> bool:
    """``n`` is more than 0 (PR307)."""
    if n.value > 0:
        return True
    r.add(n.span, "PR307", f"{what} must be more than 0", help=f"{q(n.raw)} gives nothing; use a positive number")
    return False


def whole(r: Report, n: s.Number, what: str) -> bool:
    """``n`` has no fraction (PR308)."""
    if is_whole(n.value):
        return True
    r.add(n.span, "PR308", f"{what} must be a whole number, not {q(n.raw)}",
          help=f"write a whole number like {q(str(max(1, int(n.value))))}")
    return False


def count(r: Report, n: s.Number, what: str) -> bool:
    """A whole number more than 0: points, times, stock, durations."""
    return positive(r, n, what) and whole(r, n, what)


def factor(r: Report, n: s.Number, what: str) -> None:
    """Multipliers are more than 0 (PR307); below 1 they lower points (PR309, a warning)."""
    if positive(r, n, what) and n.value < 1:
        r.add(n.span, "PR309", f"{what} of {q(n.raw)} lowers the points it applies to",
              help="write a factor of 1 or more, like `1.5`; if fewer points are meant, keep it")


def unit_text(qty: s.Quantity) -> str | None:
    return qty.unit.text if qty.unit is not None else None


def points(r: Report, qty: s.Quantity, what: str, example: str) -> bool:
    """A quantity of points: unit ``points`` (PR206), whole and more than 0."""
    if unit_text(qty) not in POINTS_UNITS:
        found = q(unit_text(qty) or "") if qty.unit else "no unit"
        r.add(qty.unit.span if qty.unit else qty.span, "PR206", f"{what} is counted in points, found {found}",
              help=f"write it like {q(example)}")
        return False
    return count(r, qty.amount, what)


def times(r: Report, qty: s.Quantity, what: str, example: str, allow_points: bool = False) -> bool:
    """A number of times: unit ``time(s)`` or none (or ``points`` when allowed), whole, more than 0."""
    allowed = TIMES_UNITS | (POINTS_UNITS if allow_points else set())
    if qty.unit is not None and qty.unit.text not in allowed:
        hint = r.did_you_mean(qty.unit.text, sorted(allowed))
        words = "`times` or `points`" if allow_points else "`times`"
        r.add(qty.unit.span, "PR206", f"{what} is counted in {words}, not {q(qty.unit.text)}",
              help=hint or f"write it like {q(example)}")
        return False
    return count(r, qty.amount, what)


def money_unit(r: Report, unit: s.Name | None, at: Span, what: str, example: str) -> bool:
    """A currency code that is the program's (PR205); without a program currency any ISO code."""
    code = unit.text if unit is not None else None
    expected = r.currency
    if code is not None and (code == expected or (expected is None and code in MINOR_UNITS)):
        return True
    shown = q(code) if code is not None else "no currency"
    if code is None or not (code in MINOR_UNITS or (code.isupper() and len(code) == 3)):
        # not money at all (points, a count, nothing): a wrong unit rather than a wrong currency
        r.add(unit.span if unit is not None else at, "PR206",
              f"{what} is money{f' in {q(expected)}' if expected else ''}, found {shown if code else 'no unit'}",
              help=f"write it like {q(example)}")
        return False
    if expected is None:
        message = f"{what} needs a currency code, found {shown}"
    else:
        message = f"{what} must be in {q(expected)}, the program's currency, found {shown}"
    r.add(unit.span if unit is not None else at, "PR205", message, help=f"write it like {q(example)}")
    return False


def money_digits(r: Report, n: s.Number, code: str | None) -> bool:
    """No more decimals than the currency's minor unit (PR310)."""
    if code is None or code not in MINOR_UNITS:
        return True
    allowed = MINOR_UNITS[code]
    if decimals(n.value) <= allowed:
        return True
    cents = "no decimals" if allowed == 0 else f"{allowed} decimal{'s' if allowed > 1 else ''}"
    r.add(n.span, "PR310", f"{q(n.raw)} has more decimals than {q(code)} allows",
          help=f"{q(code)} amounts have {cents}")
    return False


def money(r: Report, qty: s.Quantity, what: str, example: str) -> bool:
    """An amount of the program's money: currency, more than 0, decimals."""
    if not money_unit(r, qty.unit, qty.span, what, example):
        return False
    return positive(r, qty.amount, what) and money_digits(r, qty.amount, unit_text(qty))


def period(r: Report, name: s.Name, allowed: tuple[str, ...], what: str) -> bool:
    """One of ``allowed`` period words, singular (PR311)."""
    if name.text in allowed:
        return True
    singular = UNITS.get(name.text)
    hint = f"write {q(singular)}" if singular in allowed else r.did_you_mean(name.text, allowed)
    r.add(name.span, "PR311", f"unknown period {q(name.text)} for {what}",
          help=hint or f"use {one_of(allowed)}")
    return False


def duration(r: Report, qty: s.Quantity, what: str, example: str) -> bool:
    """A whole, positive number of days, weeks, months, quarters or years (PR206, PR307, PR308)."""
    if qty.unit is None or qty.unit.text not in UNITS:
        if qty.unit is None:
            message, hint = f"{what} needs a unit: days, weeks, months, quarters or years", None
        else:
            message = f"unknown unit {q(qty.unit.text)} for {what}"
            hint = r.did_you_mean(qty.unit.text, DURATION_UNITS)
        r.add(qty.unit.span if qty.unit else qty.span, "PR206", message, help=hint or f"write it like {q(example)}")
        return False
    if not count(r, qty.amount, what):
        return False
    return at_most_100_years(r, qty.amount, qty.unit, qty.span, what)


def at_most_100_years(r: Report, amount: s.Number, unit: s.Name, span: Span, what: str,
                      help: str = "points programs count in days, months or a few years; "
                                  "`expire never` says forever") -> bool:
    """A span of time the evaluator can count from any date: at most 100 years (PR325)."""
    if amount.value > _LONGEST[UNITS[unit.text]]:
        r.add(span, "PR325", f"{what} of {q(amount.raw + ' ' + unit.text)} is longer than 100 years", help=help)
        return False
    return True


# The longest duration in each unit: 100 years, which keeps every date the evaluator computes real.
_LONGEST = {"day": 36_525, "week": 5_218, "month": 1_200, "quarter": 400, "half-year": 200, "year": 100}


def percent(r: Report, qty: s.Quantity, what: str, example: str) -> bool:
    """A percentage: unit ``%`` (PR206) and more than 0, at most 100 (PR322)."""
    if unit_text(qty) != "%":
        found = q(unit_text(qty) or "") if qty.unit else "no `%`"
        r.add(qty.unit.span if qty.unit else qty.span, "PR206", f"{what} is a percentage, found {found}",
              help=f"write it like {q(example)}")
        return False
    if not 0 < qty.amount.value <= 100:
        r.add(qty.amount.span, "PR322", f"{what} must be more than 0% and at most 100%, not {q(qty.amount.raw + '%')}",
              help=f"write it like {q(example)}")
        return False
    return True


def expiry(r: Report, node: s.Expiry) -> None:
    """The durations and period of an ``expire`` statement."""
    if isinstance(node, (s.ExpireAfter, s.ExpireInactive)):
        duration(r, node.duration, "an expiry", "expire after 12 months")
    elif isinstance(node, s.ExpireOn):
        for day in node.days:
            if (day.month, day.day) == (2, 29):
                r.add(day.span, "PR341", "points cannot expire on `02-29`: three years in four have none",
                      help="expire on `02-28` or on `03-01`, which every year has")
    elif isinstance(node, s.ExpireEnd):
        ok = period(r, node.unit, ("month", "quarter", "half-year", "year"), "an expiry")
        if node.after is None:
            return
        if node.next:
            r.add(node.after.span, "PR312", "`next` and `after` cannot be used together",
                  help=f"write `expire at end of next {safe_text(node.unit)}` (one period later) or "
                       f"`expire at end of {safe_text(node.unit)} after 2 {safe_text(node.unit)}s`")
            return
        unit = unit_text(node.after)
        if ok and (unit is None or UNITS.get(unit) != node.unit.text):
            found = q(unit) if unit else "no unit"
            r.add(node.after.unit.span if node.after.unit else node.after.span, "PR206",
                  f"the periods after the end of a {node.unit.text} are counted in {node.unit.text}s, found {found}",
                  help=f"write it like `expire at end of {node.unit.text} after 2 {node.unit.text}s`")
            return
        count(r, node.after.amount, "the number of periods")


def safe_text(n: s.Name) -> str:
    return safe(n.text)


def real_date(d: s.DateLit) -> dt.date | None:
    """The calendar date, or None when it does not exist."""
    try:
        return dt.date(d.year, d.month, d.day)
    except ValueError:
        return None


def date_problem(year: int | None, month: int, day: int) -> str:
    """Why a year-month-day (year None: any year) does not exist, as a help line."""
    if not 1 <= month <= 12:
        return "months go from 01 to 12"
    if year is not None and year < 1:
        return "years start at 0001"
    last = 29 if year is None and month == 2 else calendar.monthrange(year or 2000, month)[1]
    year_word = f" {year:04d}" if year is not None else ""
    return f"{_MONTHS[month]}{year_word} has {last} days"


def month_day_ok(md: s.MonthDay) -> bool:
    if not 1 <= md.month <= 12:
        return False
    return 1 <= md.day <= (29 if md.month == 2 else calendar.monthrange(2001, md.month)[1])


def window(r: Report, start: s.DateLit, end: s.DateLit | None, what: str) -> None:
    """``from A to B`` does not end before it starts (PR306); invalid dates are PR305's."""
    if end is None:
        return
    a, b = real_date(start), real_date(end)
    if a is not None and b is not None and b < a:
        r.add(end.span, "PR306", f"{what} ends on {q(end.raw)}, before it starts on {q(start.raw)}",
              help="swap the two dates")
