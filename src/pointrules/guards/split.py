"""Split-order arbitrage (PR512): a member who splits one order into several earns more than the
whole would, found by evaluating both.

For each kind that carries money, the amounts where a line starts to pay (a flat bonus's minimum
spend, the first full block, where rounding up first gives a point, where a per-event cap binds)
are the likely places: an order of k times such an amount is evaluated whole, then as k orders of
that amount one after another on the same day, by the same member with the same other fields, in
one state, so limits and caps of the day count as they would. When the parts earn more, worth 1% of
the order or more (a return rate one point higher), it is a finding, with the amounts that show it
and the rule that gains; a point gained by rounding on a large order is not.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, make
from pointrules.evaluate.choice import outcome_of
from pointrules.events import EventError
from pointrules.guards import bounds
from pointrules.guards.witness import best_event, replay, with_amount
from pointrules.messages import Text, t
from pointrules.program import model as m

__all__ = ["split_orders"]

PARTS = (2, 3)
ANY_ORDER = Decimal(100)  # the order split where a bonus needs no minimum spend
MATERIAL = Fraction(1, 100)  # a split is reported when it adds points worth 1% of the order or more


def split_orders(program: m.Program, today: dt.date | None = None) -> list[Diagnostic]:
    """PR512 for each kind where some order earns less whole than split."""
    found: list[Diagnostic] = []
    for kind, schema in program.events.items():
        paid = bounds.paid_field(schema)
        if paid is not None:
            finding = _kind(program, kind, paid, today or dt.date.today())
            if finding is not None:
                found.append(finding)
    return found


def _places(program: m.Program, kind: str) -> list[Decimal]:
    """Amounts where a line of the kind starts to pay, or a per-event cap starts to bind."""
    terms = list(bounds.terms(program, kind))
    places = {t.opens for t in terms if t.opens > 0}
    if any(t.lump and not t.opens for t in terms):  # paid on an order of any amount: any split gains
        places.add(ANY_ORDER)
    slope = sum((t.slope for t in terms), Fraction(0))
    for cap in program.caps:
        if cap.period == "event" and (not cap.kinds or kind in cap.kinds) and slope:
            places.add(Decimal(-(-Fraction(cap.points) // slope)))
    return sorted(places)


def _kind(program: m.Program, kind: str, paid: str, today: dt.date) -> Diagnostic | None:
    evaluate = outcome_of(program)
    for place in _places(program, kind):
        def rate(fields: Any, outcome: Any, place: Decimal = place) -> Fraction | None:
            money = fields.get(paid)  # the order at this amount that earns the most
            return Fraction(sum((ln.points for ln in outcome.lines), 0)) if money == place else None

        witness = best_event(program, kind, rate, [place], today)
        if witness is None or Decimal(witness.event[paid]) != place:
            continue
        for k in PARTS:
            whole = _points(program, evaluate, [with_amount(witness.event, paid, place * k)], witness.member)
            parts = _points(program, evaluate, [{**witness.event, "id": f"s{i}"} for i in range(k)], witness.member)
            if whole is None or parts is None:
                continue
            extra = Fraction(sum(parts.values()) - sum(whole.values())) * bounds.point_value(program)
            if extra < MATERIAL * Fraction(place * k):
                continue  # a point here and there: not worth an order's trouble, nor a finding
            gains = {rule: parts.get(rule, 0) - whole.get(rule, 0) for rule in parts}
            rule = max(gains, key=lambda r: gains[r])
            at = next(r for r in program.rules if r.name == rule)
            currency = program.currency
            return make(program.source, at.span, "PR512",
                        t("splitting {article} `{kind}` of {whole} {currency} into {k} of {part} {currency} earns "
                          "{parts:,} points instead of {points:,}", article=_a(kind), kind=kind, whole=place * k,
                          currency=currency, k=k, part=place, parts=sum(parts.values()), points=sum(whole.values())),
                        help=t("pay the bonus once a day (`limit 1 time per day`), or in proportion to the amount "
                               "(`earn 20 points per 50 CNY of amount`)"),
                        notes=(t("rule `{rule}` pays {gain:+,} points more on the {k} orders (on {day}, for a member "
                                 "of tier `{tier}`)", rule=rule, gain=gains[rule], k=k, day=witness.event['time'][:10],
                                 tier=witness.member.get('tier')),
                               t("one of the orders: {event}", event=json.dumps(witness.event, ensure_ascii=False))),
                        severity=CODES["PR512"].severity)
    return None


def _points(program: m.Program, evaluate: Any, events: list[dict[str, Any]],
            member: dict[str, Any]) -> dict[str, int] | None:
    """Points by rule of the events one after another in one state (None: one is refused)."""
    total: dict[str, int] = {}
    try:
        for _, outcome in replay(program, evaluate, events, member):
            for ln in outcome.lines:
                total[ln.rule] = total.get(ln.rule, 0) + ln.points
    except EventError:
        return None
    return total


def _a(word: str) -> Text:
    """The English article before ``word``, which a Chinese wording leaves out."""
    return t("an") if word[:1].lower() in "aeiou" else t("a")
