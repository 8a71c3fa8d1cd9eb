"""Returns that mint points (PR515): a purchase returned in part keeps more points than a purchase
of the amount kept would have earned, found by evaluating both and clawing back as the ledger does.

The ledger claws back a partial return in proportion: ``points × returned so far / amount``,
rounded per the program (evaluate/rounding.py ``returned_points``; docs/ledger.md). Where points
do not grow in proportion to the money (a flat bonus from a minimum spend, a ladder's higher step,
points that start at a full block), a return that takes the order below where a line starts to pay
claws back only its share, and the member keeps the rest of that line. For each kind with money,
each amount where a line starts to pay (the minimum of a bonus, a ladder's step on that money) is
bought, the purchase that earns most there found by the witness search (witness.py), then returned
down to one minor unit below it, and compared with a purchase of that kept amount, both evaluated
from an empty state. It is a finding when the difference is worth 1% of the money kept or more (as
for split orders, PR512): a point gained by rounding is not.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pointrules import syntax as s
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, make
from pointrules.evaluate.choice import outcome_of
from pointrules.evaluate.rounding import returned_points
from pointrules.evaluate.tiers import return_field
from pointrules.events import EventError
from pointrules.guards import bounds
from pointrules.guards.split import MATERIAL
from pointrules.guards.witness import best_event, replay, with_amount
from pointrules.messages import t
from pointrules.program import model as m

__all__ = ["minting_returns"]


def minting_returns(program: m.Program, today: dt.date | None = None) -> list[Diagnostic]:
    """PR515 for each kind where a purchase returned down to some amount keeps more points than a
    purchase of that amount earns."""
    found: list[Diagnostic] = []
    for kind in program.events:
        field = return_field(program, kind)
        if field is None:
            continue
        for place in _places(program, kind, field):
            finding = _returned(program, kind, field, place, today or dt.date.today())
            if finding is not None:
                found.append(finding)
                break
    return found


def _places(program: m.Program, kind: str, field: str) -> list[Decimal]:
    """Where a line of the kind starts to pay: the least amount of ``field`` at which its conditions
    can hold (a bonus's minimum spend), and each step of a ladder on that money. Where rounding or a
    full block first gives a point is left out: a point or two there is not worth a return."""
    minor = Decimal(1).scaleb(-program.minor_unit)
    positive = frozenset(n for n, t in program.events[kind].fields.items() if t.kind in ("money", "count"))
    places: set[Decimal] = set()
    for r in program.rules:
        for e in r.earns if r.event == kind else ():
            places.add(max(bounds.least_amount(r.condition, field, minor, positive),
                           bounds.least_amount(e.condition, field, minor, positive)))
            if e.ladder is not None and isinstance(e.ladder.value, s.Ref) and e.ladder.value.name.text == field:
                places.update(e.ladder.starts)
    return sorted(p for p in places if p > 0)


def _following(program: m.Program, kind: str) -> frozenset[str]:
    """The rules of the kind whose points follow the money (as the return rate counts them): not
    those with points per unit of a count or on money the paid amount does not bound."""
    unbounded = {t.rule for t in bounds.terms(program, kind) if t.unbounded is not None or
                 (t.slope == 0 and t.lump == 0)}
    return frozenset(r.name for r in program.rules if r.event == kind and r.name not in unbounded)


def _returned(program: m.Program, kind: str, field: str, place: Decimal, today: dt.date) -> Diagnostic | None:
    minor = Decimal(1).scaleb(-program.minor_unit)
    kept = place - minor
    if kept <= 0:
        return None

    follow = _following(program, kind)

    def points(fields: Any, outcome: Any) -> Fraction | None:  # the purchase at this amount that earns most
        return Fraction(sum((ln.points for ln in outcome.lines if ln.rule in follow), 0)) \
            if fields.get(field) == place else None

    witness = best_event(program, kind, points, [place], today)
    if witness is None or Decimal(witness.event[field]) != place:
        return None
    evaluate = outcome_of(program)
    bought = _points(program, evaluate, witness.event, witness.member, follow)
    kept_event = {**with_amount(witness.event, field, kept), "id": "kept"}
    fresh_points = _points(program, evaluate, kept_event, witness.member, follow)
    if bought is None or fresh_points is None:
        return None
    (earned, paid_by_rule), (fresh, fresh_by_rule) = bought, fresh_points
    left = {who: n - returned_points(n, minor, place, program.rounding) for who, n in earned.items()}
    minted = sum(left.values()) - sum(fresh.values())
    if minted * bounds.point_value(program) < MATERIAL * Fraction(kept):
        return None
    loss = {rule: n - fresh_by_rule.get(rule, 0) for rule, n in paid_by_rule.items()}
    rule = max(loss, key=lambda r: loss[r])
    at = next(r for r in program.rules if r.name == rule)
    total, kept_points, fresh_total = sum(earned.values()), sum(left.values()), sum(fresh.values())
    x, y, k = (f"{a.quantize(minor):,} {program.currency}" for a in (place, minor, kept))
    return make(program.source, at.span, "PR515",
                t("a `{kind}` of {whole} with {returned} returned keeps {left:,} points, where a `{kind}` of the "
                  "{kept} kept earns {fresh:,}", kind=kind, whole=x, returned=y, left=kept_points, kept=k,
                  fresh=fresh_total),
                help=t("pay the bonus in proportion to the amount (`earn 20 points per 50 CNY of amount`), or claw "
                       "it back by hand (`pointrules ledger adjust`) when a return takes an order below its minimum"),
                notes=(t("the return claws back points × returned / amount: {total:,} × {returned} / {whole}, rounded "
                         "{rounding}, is {back:,} points; rule `{rule}` pays {gain:+,} points more on the purchase "
                         "than on one of the amount kept", total=total, returned=y, whole=x,
                         rounding=program.rounding, back=total - kept_points, rule=rule, gain=loss[rule]),
                       t("the purchase (for a member of tier `{tier}`): {event}", tier=witness.member.get('tier'),
                         event=json.dumps(witness.event, ensure_ascii=False)),
                       t("the purchase of the amount kept: {event}", event=json.dumps(kept_event, ensure_ascii=False))),
                severity=CODES["PR515"].severity)


def _points(program: m.Program, evaluate: Any, event: dict[str, Any], member: dict[str, Any],
            follow: frozenset[str]) -> tuple[dict[str, int], dict[str, int]] | None:
    """The points the rules in ``follow`` give one event from an empty state, by beneficiary (what
    the ledger claws back from) and by rule; None when the event is refused."""
    by_rule: dict[str, int] = {}
    try:
        [(_, outcome)] = replay(program, evaluate, [event], member)
    except EventError:
        return None
    by_member: dict[str, int] = {}
    for ln in outcome.lines:
        if ln.rule in follow:
            by_rule[ln.rule] = by_rule.get(ln.rule, 0) + ln.points
            by_member[ln.beneficiary] = by_member.get(ln.beneficiary, 0) + ln.points
    return by_member, by_rule
