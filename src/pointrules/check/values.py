"""Checks on numbers, units, durations, periods and dates, shared by every pass that reads them."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from pointrules import syntax as s
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.quantities import POINTS_UNITS, TIMES_UNITS, UNITS
from pointrules.check.report import Report, one_of, q
from pointrules.diagnostics import safe
from pointrules.messages import Text, Words, t
from pointrules.source import Span

PERIODS = ("day", "week", "month", "quarter", "half-year", "year")
PER_PERIOD = {"day": t("per day"), "week": t("per week"), "month": t("per month"), "quarter": t("per quarter"),
              "half-year": t("per half-year"), "year": t("per year"), "event": t("per event")}  # as messages say it
DURATION_UNITS = tuple(UNITS)
_MONTHS = ("", t("January"), t("February"), t("March"), t("April"), t("May"), t("June"), t("July"), t("August"),
           t("September"), t("October"), t("November"), t("December"))


_LIMITS_PER = {"day": t("a limit per day"), "week": t("a limit per week"), "month": t("a limit per month"),
               "quarter": t("a limit per quarter"), "half-year": t("a limit per half-year"),
               "year": t("a limit per year")}


def limit_per(period: str) -> Text:
    """"a limit per day" and the like, for a note or a message about a limit."""
    return _LIMITS_PER.get(period) or t("a limit per {period}", period=q(period))


def decimals(value: Decimal) -> int:
    """Digits after the point, trailing zeros ignored (``1.50`` has 1); exact for any size."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    i = len(digits)
    while exponent < 0 and i > 0 and digits[i - 1] == 0:
        exponent += 1
        i -= 1
    return -exponent


def is_whole(value: Decimal) -> bool:
    return decimals(value) == 0


def positive(r: Report, n: s.Number, what: Words) -> bool:
    """``n`` is more than 0 (PR307)."""
    if n.value > 0:
        return True
    r.add(n.span, "PR307", t("{what} must be more than 0", what=what),
          help=t("{number} gives nothing; use a positive number", number=q(n.raw)))
    return False


def whole(r: Report, n: s.Number, what: Words) -> bool:
    """``n`` has no fraction (PR308)."""
    if is_whole(n.value):
        return True
    r.add(n.span, "PR308", t("{what} must be a whole number, not {number}", what=what, number=q(n.raw)),
          help=t("write a whole number like {number}", number=q(str(max(1, int(n.value))))))
    return False


def count(r: Report, n: s.Number, what: Words) -> bool:
    """A whole number more than 0: points, times, stock, durations."""
    return positive(r, n, what) and whole(r, n, what)


def factor(r: Report, n: s.Number, what: Words) -> None:
    """Multipliers are more than 0 (PR307); below 1 they lower points (PR309, a warning)."""
    if positive(r, n, what) and n.value < 1:
        r.add(n.span, "PR309", t("{what} of {number} lowers the points it applies to", what=what, number=q(n.raw)),
              help=t("write a factor of 1 or more, like `1.5`; if fewer points are meant, keep it"))


def unit_text(qty: s.Quantity) -> str | None:
    return qty.unit.text if qty.unit is not None else None


def write_like(example: str) -> Text:
    """The help that shows the statement written right."""
    return t("write it like {example}", example=q(example))


def points(r: Report, qty: s.Quantity, what: Words, example: str) -> bool:
    """A quantity of points: unit ``points`` (PR206), whole and more than 0."""
    if unit_text(qty) not in POINTS_UNITS:
        found = q(unit_text(qty) or "") if qty.unit else t("no unit")
        r.add(qty.unit.span if qty.unit else qty.span, "PR206",
              t("{what} is counted in points, found {found}", what=what, found=found), help=write_like(example))
        return False
    return count(r, qty.amount, what)


def times(r: Report, qty: s.Quantity, what: Words, example: str, allow_points: bool = False) -> bool:
    """A number of times: unit ``time(s)`` or none (or ``points`` when allowed), whole, more than 0."""
    allowed = TIMES_UNITS | (POINTS_UNITS if allow_points else set())
    if qty.unit is not None and qty.unit.text not in allowed:
        hint = r.did_you_mean(qty.unit.text, sorted(allowed))
        message = (t("{what} is counted in `times` or `points`, not {unit}", what=what, unit=q(qty.unit.text))
                   if allow_points else t("{what} is counted in `times`, not {unit}", what=what, unit=q(qty.unit.text)))
        r.add(qty.unit.span, "PR206", message, help=hint or write_like(example))
        return False
    return count(r, qty.amount, what)


def money_unit(r: Report, unit: s.Name | None, at: Span, what: Words, example: str) -> bool:
    """A currency code that is the program's (PR205); without a program currency any ISO code."""
    code = unit.text if unit is not None else None
    expected = r.currency
    if code is not None and (code == expected or (expected is None and code in MINOR_UNITS)):
        return True
    if code is None or not (code in MINOR_UNITS or (code.isupper() and len(code) == 3)):
        # not money at all (points, a count, nothing): a wrong unit rather than a wrong currency
        found = q(code) if code else t("no unit")
        message = (t("{what} is money in {currency}, found {found}", what=what, currency=q(expected), found=found)
                   if expected else t("{what} is money, found {found}", what=what, found=found))
        r.add(unit.span if unit is not None else at, "PR206", message, help=write_like(example))
        return False
    if expected is None:
        message = t("{what} needs a currency code, found {found}", what=what, found=q(code))
    else:
        message = t("{what} must be in {currency}, the program's currency, found {found}",
                    what=what, currency=q(expected), found=q(code))
    r.add(unit.span if unit is not None else at, "PR205", message, help=write_like(example))
    return False


def money_digits(r: Report, n: s.Number, code: str | None) -> bool:
    """No more decimals than the currency's minor unit (PR310)."""
    if code is None or code not in MINOR_UNITS:
        return True
    allowed = MINOR_UNITS[code]
    if decimals(n.value) <= allowed:
        return True
    help = (t("{currency} amounts have no decimals", currency=q(code)) if allowed == 0 else
            t("{currency} amounts have 1 decimal", currency=q(code)) if allowed == 1 else
            t("{currency} amounts have {n} decimals", currency=q(code), n=allowed))
    r.add(n.span, "PR310", t("{number} has more decimals than {currency} allows", number=q(n.raw), currency=q(code)),
          help=help)
    return False


def money(r: Report, qty: s.Quantity, what: Words, example: str) -> bool:
    """An amount of the program's money: currency, more than 0, decimals."""
    if not money_unit(r, qty.unit, qty.span, what, example):
        return False
    return positive(r, qty.amount, what) and money_digits(r, qty.amount, unit_text(qty))


def period(r: Report, name: s.Name, allowed: tuple[str, ...], what: Words) -> bool:
    """One of ``allowed`` period words, singular (PR311)."""
    if name.text in allowed:
        return True
    singular = UNITS.get(name.text)
    hint = t("write {word}", word=q(singular)) if singular in allowed else r.did_you_mean(name.text, allowed)
    r.add(name.span, "PR311", t("unknown period {period} for {what}", period=q(name.text), what=what),
          help=hint or t("use {options}", options=one_of(allowed)))
    return False


def duration(r: Report, qty: s.Quantity, what: Words, example: str) -> bool:
    """A whole, positive number of days, weeks, months, quarters or years (PR206, PR307, PR308)."""
    if qty.unit is None or qty.unit.text not in UNITS:
        if qty.unit is None:
            message, hint = t("{what} needs a unit: days, weeks, months, quarters or years", what=what), None
        else:
            message = t("unknown unit {unit} for {what}", unit=q(qty.unit.text), what=what)
            hint = r.did_you_mean(qty.unit.text, DURATION_UNITS)
        r.add(qty.unit.span if qty.unit else qty.span, "PR206", message, help=hint or write_like(example))
        return False
    if not count(r, qty.amount, what):
        return False
    return at_most_100_years(r, qty.amount, qty.unit, qty.span, what)


def at_most_100_years(r: Report, amount: s.Number, unit: s.Name, span: Span, what: Words,
                      help: Words | None = None) -> bool:
    """A span of time the evaluator can count from any date: at most 100 years (PR325)."""
    if amount.value > _LONGEST[UNITS[unit.text]]:
        r.add(span, "PR325", t("{what} of {duration} is longer than 100 years", what=what,
                               duration=q(amount.raw + ' ' + unit.text)),
              help=help or t("points programs count in days, months or a few years; `expire never` says forever"))
        return False
    return True


# The longest duration in each unit: 100 years, which keeps every date the evaluator computes real.
_LONGEST = {"day": 36_525, "week": 5_218, "month": 1_200, "quarter": 400, "half-year": 200, "year": 100}


def percent(r: Report, qty: s.Quantity, what: Words, example: str) -> bool:
    """A percentage: unit ``%`` (PR206) and more than 0, at most 100 (PR322)."""
    if unit_text(qty) != "%":
        found = q(unit_text(qty) or "") if qty.unit else t("no `%`")
        r.add(qty.unit.span if qty.unit else qty.span, "PR206",
              t("{what} is a percentage, found {found}", what=what, found=found), help=write_like(example))
        return False
    if not 0 < qty.amount.value <= 100:
        r.add(qty.amount.span, "PR322", t("{what} must be more than 0% and at most 100%, not {number}",
                                          what=what, number=q(qty.amount.raw + '%')), help=write_like(example))
        return False
    return True


def expiry(r: Report, node: s.Expiry) -> None:
    """The durations and period of an ``expire`` statement."""
    if isinstance(node, (s.ExpireAfter, s.ExpireInactive)):
        duration(r, node.duration, t("an expiry"), "expire after 12 months")
    elif isinstance(node, s.ExpireOn):
        for day in node.days:
            if (day.month, day.day) == (2, 29):
                r.add(day.span, "PR341", t("points cannot expire on `02-29`: three years in four have none"),
                      help=t("expire on `02-28` or on `03-01`, which every year has"))
    elif isinstance(node, s.ExpireEnd):
        ok = period(r, node.unit, ("month", "quarter", "half-year", "year"), t("an expiry"))
        if node.after is None:
            return
        if node.next:
            r.add(node.after.span, "PR312", t("`next` and `after` cannot be used together"),
                  help=t("write `expire at end of next {unit}` (one period later) or "
                         "`expire at end of {unit} after 2 {unit}s`", unit=safe_text(node.unit)))
            return
        unit = unit_text(node.after)
        if ok and (unit is None or UNITS.get(unit) != node.unit.text):
            found = q(unit) if unit else t("no unit")
            r.add(node.after.unit.span if node.after.unit else node.after.span, "PR206",
                  t("the periods after the end of a {unit} are counted in {unit}s, found {found}",
                    unit=node.unit.text, found=found),
                  help=t("write it like `expire at end of {unit} after 2 {unit}s`", unit=node.unit.text))
            return
        count(r, node.after.amount, t("the number of periods"))


def safe_text(n: s.Name) -> str:
    return safe(n.text)


def real_date(d: s.DateLit) -> dt.date | None:
    """The calendar date, or None when it does not exist."""
    try:
        return dt.date(d.year, d.month, d.day)
    except ValueError:
        return None


def date_problem(year: int | None, month: int, day: int) -> Text:
    """Why a year-month-day (year None: any year) does not exist, as a help line."""
    if not 1 <= month <= 12:
        return t("months go from 01 to 12")
    if year is not None and year < 1:
        return t("years start at 0001")
    last = 29 if year is None and month == 2 else calendar.monthrange(year or 2000, month)[1]
    if year is None:
        return t("{month} has {days} days", month=_MONTHS[month], days=last)
    return t("{month} {year:04d} has {days} days", month=_MONTHS[month], year=year, days=last)


def month_day_ok(md: s.MonthDay) -> bool:
    if not 1 <= md.month <= 12:
        return False
    return 1 <= md.day <= (29 if md.month == 2 else calendar.monthrange(2001, md.month)[1])


def window(r: Report, start: s.DateLit, end: s.DateLit | None, what: Words) -> None:
    """``from A to B`` does not end before it starts (PR306); invalid dates are PR305's."""
    if end is None:
        return
    a, b = real_date(start), real_date(end)
    if a is not None and b is not None and b < a:
        r.add(end.span, "PR306", t("{what} ends on {end}, before it starts on {start}", what=what,
                                   end=q(end.raw), start=q(start.raw)),
              help=t("swap the two dates"))
