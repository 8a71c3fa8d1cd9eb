"""Upper bounds of what events can earn, found from the program alone (no event is evaluated).

Theory of operation. Every bound here is sound: no event the schema allows, of any tier, on any
day, with any multipliers the stacking mode combines, earns more. Caps, limits and budgets only
lower points, so they are left out, except where they are the only bound (a daily cap bounds a
day). Each earn line of a kind is a ``Term``:
- a spend-based line on the money the member paid earns at most ``slope`` points per unit of money
  (its points per block times the largest combined multiplier, over the block), from the least
  paid amount at which its conditions can hold;
- a flat line earns at most ``lump`` points per event (its points times the largest multiplier that
  reaches bonuses), from the least paid amount at which it can pay; rounding adds at most one point
  (``up``) or half a point (``nearest``, ``half-even``) to any line;
- a line whose points do not follow the money paid (points per unit of a count, spend counted on
  another field or on a list's records) has no bound: ``unbounded`` says why.
The return rate at a paid amount A is value x (the slopes of the terms open at A + their lumps / A);
it is largest at one of the amounts where a term opens, or as A grows without end.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from pointrules import syntax as s
from pointrules.evaluate.rounding import combine_factors
from pointrules.guards.records import max_together
from pointrules.guards.terms import Term
from pointrules.program import model as m

__all__ = ["RateBound", "Term", "day_bound", "event_bound", "least_amount", "paid_field", "rate_bound", "terms"]

_ROUNDING_EXTRA = {"down": Fraction(0), "up": Fraction(1), "nearest": Fraction(1, 2), "half-even": Fraction(1, 2)}
_MIRROR = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "=": "="}


@attrs.frozen
class RateBound:
    """The most the return rate of a kind can be, as a fraction of the money paid (0.08 for 8%),
    and the paid amount at which it is reached; ``percent`` None: no bound (``why`` says why)."""

    kind: str
    rate: Fraction | None
    amount: Decimal | None  # None: the rate is approached as the amount grows
    why: str | None = None

    @property
    def percent(self) -> Fraction | None:
        return None if self.rate is None else self.rate * 100


def paid_field(schema: m.Schema) -> str | None:
    """The money the member paid in an event of this kind: its first money field (None: no money)."""
    return next((name for name, t in schema.fields.items() if t.kind == "money"), None)


def point_value(program: m.Program) -> Fraction:
    """What one point is worth in the program's currency (``value 100 points = 1 CNY``: 1/100)."""
    return Fraction(program.value_money) / program.value_points


def money(amount: Fraction, program: m.Program) -> Decimal:
    """An exact amount in the program's currency, to its minor unit (a half to the even one)."""
    places = program.minor_unit
    return Decimal(round(amount * 10**places)).scaleb(-places)


def least_amount(cond: s.Expr | None, field: str, minor: Decimal, never_negative: frozenset[str] = frozenset()) -> Decimal:
    """The least value of money ``field`` for which ``cond`` can hold, from its comparisons of the
    field with amounts (``amount >= 50 CNY``, ``amount - shipping_fee >= 299 CNY`` when the fee is one
    of ``never_negative``); 0 where the condition says nothing of it."""
    if cond is None:
        return Decimal(0)
    if isinstance(cond, s.Binary) and cond.op in ("and", "or"):
        left = least_amount(cond.left, field, minor, never_negative)
        right = least_amount(cond.right, field, minor, never_negative)
        return max(left, right) if cond.op == "and" else min(left, right)
    if isinstance(cond, s.Between) and _is_field(cond.value, field):
        low = _amount(cond.low)
        return low if low is not None else Decimal(0)
    if isinstance(cond, s.Binary) and cond.op in _MIRROR:
        op, amount = cond.op, None
        if _is_field(_minuend(cond.left, never_negative), field):
            amount = _amount(cond.right)
        elif _is_field(_minuend(cond.right, never_negative), field):
            op, amount = _MIRROR[op], _amount(cond.left)
        if amount is not None and op in (">=", "="):
            return amount
        if amount is not None and op == ">":
            return amount + minor
    return Decimal(0)


def most_units(cond: s.Expr | None, field: str, paid: str | None) -> tuple[Decimal | None, Decimal | None]:
    """What ``cond`` says of the largest value of count ``field``: (at most N, at most one per X of
    the paid money), from ``cups <= 4`` and ``amount >= cups * 10 CNY``; None where it says nothing."""
    most: Decimal | None = None
    per: Decimal | None = None
    for c in s.conjuncts(cond):
        if not (isinstance(c, s.Binary) and c.op in _MIRROR):
            continue
        op, left, right = c.op, c.left, c.right
        if _is_field(right, field) or (paid is not None and _is_field(right, paid)):
            op, left, right = _MIRROR[op], right, left
        if _is_field(left, field) and op in ("<=", "<", "=") and (n := _amount(right)) is not None:
            n = n - 1 if op == "<" and n == int(n) else n
            most = n if most is None else min(most, n)
        elif paid is not None and _is_field(left, paid) and op in (">=", ">", "="):
            price = _price_of(right, field)
            if price is not None and price > 0:
                per = price if per is None else max(per, price)
    return most, per


def _price_of(e: s.Expr, field: str) -> Decimal | None:
    """X in ``field * X`` or ``X * field`` (X an amount)."""
    if isinstance(e, s.Binary) and e.op == "*":
        if _is_field(e.left, field):
            return _amount(e.right)
        if _is_field(e.right, field):
            return _amount(e.left)
    return None


def _minuend(e: s.Expr, never_negative: frozenset[str]) -> s.Expr:
    """``amount`` of ``amount - shipping_fee``: less a field that is never negative (money, a count),
    it is never more than itself; anything else is itself."""
    while (isinstance(e, s.Binary) and e.op == "-" and isinstance(e.right, s.Ref) and e.right.attr is None
           and e.right.name.text in never_negative):
        e = e.left
    return e


def _is_field(e: s.Expr, field: str) -> bool:
    return isinstance(e, s.Ref) and e.attr is None and e.name.text == field


def _amount(e: s.Expr) -> Decimal | None:
    return e.number.value if isinstance(e, s.NumberLit) else None


SCAN_DAYS = 11 * 366  # every date meets every weekday within eleven years


@functools.lru_cache(maxsize=16)  # per program (compared by identity): eleven years of days each time otherwise
def campaign_sets(program: m.Program) -> list[frozenset[str]]:
    """The sets of campaigns that run together on some day, none a subset of another: campaigns
    that never share a day never multiply one event together."""
    together = {running for _, running in campaign_days(program)}
    return [a for a in together if not any(a < b for b in together)]


def campaign_days(program: m.Program) -> Iterator[tuple[dt.date, frozenset[str]]]:
    """Each day from the first any campaign (or the program) can run, for eleven years, with the
    campaigns that run on it."""
    from pointrules.evaluate.calendar import campaign_active  # the evaluators' own calendar

    starts = [c.window[0] for c in program.campaigns.values() if c.window is not None]
    starts += [d for c in program.campaigns.values() for d in c.dates]
    first = min(starts + [dt.date(2026, 1, 1)] + ([program.effective[0]] if program.effective else []))
    for n in range(SCAN_DAYS):
        day = first + dt.timedelta(n)
        yield day, frozenset(name for name, c in program.campaigns.items() if campaign_active(c, day))


def _rules(program: m.Program, kind: str, running: frozenset[str]) -> list[m.Rule]:
    return [r for r in program.rules if r.event == kind and (r.campaign is None or r.campaign in running)]


def _largest_factors(program: m.Program, kind: str, running: frozenset[str]) -> tuple[Fraction, Fraction]:
    """The largest combined factor of spend-based lines and of flat ones, over every tier and every
    set of the kind's multipliers with the ``running`` campaigns: all of them, or one at a time when
    campaigns combine by the highest (factors below 1 only lower points and are left out)."""
    rules = _rules(program, kind, running)
    choices: list[frozenset[str]] = [frozenset()] + [frozenset({c}) for c in running] if program.best_campaign_only else [running]
    best_spend = best_flat = Fraction(1)
    for choice in choices:
        chosen = [r for r in rules if r.campaign is None or r.campaign in choice]
        spend = [x.factor for r in chosen for x in r.multipliers if x.factor > 1]
        flat = [x.factor for r in chosen for x in r.multipliers if x.factor > 1 and x.including_bonuses]
        for tier in program.tiers:
            extra = [tier.multiplier] if tier.multiplier > 1 else []
            best_spend = max(best_spend, Fraction(combine_factors(spend + extra, program.stacking)))
            reaches = extra if tier.multiplier_includes_bonuses else []
            best_flat = max(best_flat, Fraction(combine_factors(flat + reaches, program.stacking)))
    return best_spend, best_flat


def _most_points(program: m.Program, schema: m.Schema, earn: m.Earn) -> Fraction:
    """The most points one block (or one flat award) of an earn can be before multipliers."""
    if earn.given is not None:
        return Fraction(schema.fields[earn.given].maximum or 0)
    if earn.ladder is not None:
        return Fraction(max(earn.ladder.points))
    return Fraction(earn.points)


def terms(program: m.Program, kind: str, running: frozenset[str] | None = None) -> Iterator[Term]:
    """A term per earn line of every rule of ``kind``: of the ``running`` campaigns' rules, and of
    every campaign's when None."""
    running = frozenset(program.campaigns) if running is None else running
    schema = program.events[kind]
    paid = paid_field(schema)
    minor = Decimal(1).scaleb(-program.minor_unit)
    spend_factor, flat_factor = _largest_factors(program, kind, running)
    extra = _ROUNDING_EXTRA.get(program.rounding, Fraction(1))
    never_negative = frozenset(n for n, t in schema.fields.items() if t.kind in ("money", "count"))
    for rule in _rules(program, kind, running):
        for earn in rule.earns:
            if earn.tier:  # tier points are never in a lot: they have no value and no day's total counts them
                continue
            opens = Decimal(0) if paid is None else max(least_amount(rule.condition, paid, minor, never_negative),
                                                        least_amount(earn.condition, paid, minor, never_negative))
            most = _most_points(program, schema, earn)
            spend = earn.spend
            if spend is None:
                yield Term(rule.name, Fraction(0), most * flat_factor + extra, opens, None, earn.to)
                continue
            per_block = most * spend_factor / Fraction(spend.block)
            if spend.counts and spend.attr is None and schema.fields[spend.field].kind == "count":
                at_most, price = most_units(_both(rule.condition, earn.condition), spend.field, paid)
                if price is not None:  # a unit costs at least ``price``: points per money
                    yield Term(rule.name, per_block / Fraction(price), Fraction(0), opens, None, earn.to)
                elif at_most is not None:
                    yield Term(rule.name, Fraction(0), per_block * Fraction(at_most), opens, None, earn.to)
                else:
                    yield Term(rule.name, Fraction(0), Fraction(0), opens,
                               f"rule `{rule.name}` counts points per unit of `{spend.field}`, and neither a most"
                               f" nor a price per unit (`{paid or 'amount'} >= {spend.field} * 10 {program.currency}`)"
                               f" bounds it", earn.to)
                    continue
            elif spend.counts:
                yield Term(rule.name, Fraction(0), Fraction(0), opens,
                           f"rule `{rule.name}` counts points per unit of `{spend.field}`, which nothing bounds", earn.to)
                continue
            elif spend.field == paid or spend.attr is not None:
                # money of the paid field, or of the records of a list: an order's lines are parts of
                # what was paid (docs/semantics.md, "Guards")
                yield Term(rule.name, per_block, Fraction(0), opens, None, earn.to,
                           records=spend.field if spend.attr is not None else None, where=spend.where)
            else:
                yield Term(rule.name, Fraction(0), Fraction(0), opens,
                           f"rule `{rule.name}` counts points on `{spend.field}`, which the money paid"
                           f" (`{paid}`) does not bound" if paid else
                           f"rule `{rule.name}` counts points on `{spend.field}`, which nothing bounds", earn.to)
                continue
            if extra:  # rounding adds to a line once it has points: from one block, or any amount if prorated
                start = max(opens, minor if spend.prorated else spend.block)
                if program.rounding != "up":  # to the nearest: only once the exact points reach a half
                    start = max(start, _up_to(Fraction(1, 2) / per_block, minor))
                yield Term(rule.name, Fraction(0), extra, start, None, earn.to)


def _up_to(x: Fraction, minor: Decimal) -> Decimal:
    """``x`` rounded up to a whole number of minor units (an amount an event can carry)."""
    units = -(-x // Fraction(minor))
    return Decimal(units) * minor


def _both(a: s.Expr | None, b: s.Expr | None) -> s.Expr | None:
    if a is None or b is None:
        return a or b
    return s.Binary(op="and", left=a, right=b, span=a.span)


def event_cap(program: m.Program, kind: str) -> Fraction | None:
    """The most points any cap lets one beneficiary take from one event of ``kind`` (None: no cap)."""
    caps = [Fraction(c.points) for c in program.caps if not c.kinds or kind in c.kinds]
    return min(caps) if caps else None


def rate_bound(program: m.Program, kind: str) -> RateBound:
    """The most the return rate of one event of ``kind`` can be (its points' value over its money),
    over every set of campaigns that run together."""
    found = [_rate_bound(program, kind, running) for running in campaign_sets(program)]
    unbounded = next((b for b in found if b.rate is None), None)
    return unbounded or max(found, key=lambda b: b.rate or 0)


def _rate_bound(program: m.Program, kind: str, running: frozenset[str]) -> RateBound:
    """The bound with the ``running`` campaigns. Each beneficiary's points are at most the smallest
    cap on the kind, which bounds lines that nothing else does."""
    value = point_value(program)
    cap = event_cap(program, kind)
    groups: dict[str, list[Term]] = {}
    for t in terms(program, kind, running):
        groups.setdefault(t.beneficiary, []).append(t)
    for group in groups.values():
        for t in group:
            if t.unbounded is not None and cap is None:
                return RateBound(kind, None, None, t.unbounded)
            if (t.lump or t.unbounded) and not t.opens:
                return RateBound(kind, None, None, f"rule `{t.rule}` pays {_points(t.lump) if t.lump else 'points'}"
                                 f" on an event of any amount, 0 {program.currency} included")

    def rate(amount: Fraction | None) -> Fraction:  # None: as the amount grows without end
        total = Fraction(0)
        for group in groups.values():
            live = [t for t in group if amount is None or t.opens <= amount]
            if any(t.unbounded for t in live):
                points = None
            else:
                slope = _slope(program, kind, live)
                points = slope if amount is None else slope * amount + sum(
                    (t.at(amount) - t.slope * amount for t in live), Fraction(0))
            if amount is None:
                total += 0 if cap is not None or points is None else points
            else:
                # points is None only with a cap: an unbounded term without one returned above
                total += (points if cap is None else cap if points is None else min(points, cap)) / amount  # type: ignore[operator]
        return total * value

    best, at = rate(None), None
    # Between two amounts where lines open the rate only falls, so its highest is where one opens,
    # or at the smallest amount an event can carry: there a cap does not bind yet
    smallest = Decimal(1).scaleb(-program.minor_unit)
    for amount in sorted({t.opens for ts in groups.values() for t in ts if t.opens > 0} | {smallest}):
        here = rate(Fraction(amount))
        if here > best:
            best, at = here, amount
    return RateBound(kind, best, at)


def _slope(program: m.Program, kind: str, live: list[Term]) -> Fraction:
    """The points per unit of paid money of the lines together: lines on one list's records add up
    only as far as one record can meet their ``where``s at once (a gold item is not a cosmetic)."""
    plain = sum((t.slope for t in live if t.records is None), Fraction(0))
    lists: dict[str, list[Term]] = {}
    for t in live:
        if t.records is not None and t.slope:
            lists.setdefault(t.records, []).append(t)
    for name, listed in lists.items():
        record = program.records.get(program.events[kind].fields[name].record or "")
        plain += max_together(listed, record)
    return plain


def event_bound(program: m.Program, kind: str) -> tuple[Fraction | None, str | None]:
    """The most points one event of ``kind`` can award, all beneficiaries together; a cap on the
    kind bounds each beneficiary's share. (None, why) when nothing bounds it."""
    limit = event_cap(program, kind)
    groups: dict[str, list[Term]] = {}
    for t in terms(program, kind):
        groups.setdefault(t.beneficiary, []).append(t)
    total = Fraction(0)
    for group in groups.values():
        unbounded = next((t for t in group if t.unbounded or t.slope), None)
        own = None if unbounded else sum((t.lump for t in group), Fraction(0))
        if own is None and limit is None:
            assert unbounded is not None
            return None, unbounded.unbounded or f"rule `{unbounded.rule}` earns points per money spent, with no cap"
        total += min(x for x in (own, limit) if x is not None)
    return total, None


def day_bound(program: m.Program) -> tuple[Fraction | None, str | None]:
    """The most points a member can earn in one day: a cap over every kind for a day or longer
    bounds it; else (None, why)."""
    daily = [Fraction(c.points) for c in program.caps if not c.kinds and c.period != "event"]
    if daily:
        return min(daily), None
    return None, "no cap covers every event kind for a day or longer"


def _points(n: Fraction) -> str:
    whole = int(n) if n.denominator == 1 else float(n)
    return f"{whole:,} point{'s' if whole != 1 else ''}"

