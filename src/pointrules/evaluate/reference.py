"""The reference evaluator: simple, obviously right, the oracle every faster backend must agree with.

Theory of operation, for one event (docs/semantics.md has the worked examples):
1. refuse an event id the state has already processed;
2. find the member's tier, the event's local date in the program's zone, and the active rules
   (kind, campaign schedule, ``when``; nothing is active outside the program's effective window);
3. make one line per (active rule, earn statement whose ``when`` holds, beneficiary) with its exact
   base points;
4. apply the event-wide multipliers once per line (spend-based lines: all; flat lines: only those
   ``including bonuses``) and round in ``rounding.round_points``;
5. trim: rule limits, then member caps, then campaign budgets, later lines first
   (reference_trims.py, which also counts the final points on the limits' and caps' counters);
6. return the Outcome (outcome.py): the lines, and the counters from the final points, history
   and tier it moves; ``evaluate`` also gives its Award, for explanations.
Points a rule *caused* on a line are the line's points when it is the rule's own line, else what
the line has above what it would have had without that rule's multipliers.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import attrs

from pointrules.evaluate import history
from pointrules.evaluate.award import Award, AwardLine, Factor, Units
from pointrules.evaluate.calendar import (
    add_duration,
    campaign_active,
    expiry_instant,
    local_time,
    program_effective,
    program_opens,
)
from pointrules.evaluate.campaigns import outdone
from pointrules.evaluate.conditions import Observer, Scope, event_builtins, holds, value
from pointrules.evaluate.ladders import step_of
from pointrules.evaluate.outcome import CounterChange, Outcome, award
from pointrules.evaluate.reference_trims import (
    Line,
    beneficiary,
    count_final,
    trim_budgets,
    trim_caps,
    trim_rule_limits,
)
from pointrules.evaluate.rounding import combine_factors, round_points
from pointrules.evaluate.tiers import history_entries, member_tier, spend_of
from pointrules.evaluate.view import HistoryEntry, StateView
from pointrules.events import Event, EventError
from pointrules.profiles import profile_fields
from pointrules.program import model as m

LEVEL = 8  # the language level this evaluator implements (model.refuse_unimplemented)
_CHECKED: weakref.WeakSet[m.Program] = weakref.WeakSet()


def evaluate(
    program: m.Program, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
    observe: Observer | None = None,
) -> tuple[Award, Outcome]:
    """The award an event earns and its outcome (the state change it makes); pure."""
    result = outcome(program, event, state, profile=profile, observe=observe)
    return award(result, program.currency, program.points_names), result


def outcome(
    program: m.Program, event: Event, state: StateView, *, profile: Mapping[str, Any] | None = None,
    observe: Observer | None = None,
) -> Outcome:
    """What an event means: its lines and what it moves in the state; pure (the state is only read).
    ``observe`` sees every whole condition decided, with its answer."""
    if program not in _CHECKED:
        m.refuse_unimplemented(program, "reference", LEVEL)
        _CHECKED.add(program)
    if state.is_processed(event.id):
        raise EventError(event.id, "id", f"event `{event.id}` was already processed; it is never paid twice")
    zone_name = program.timezone
    local = local_time(event.time, zone_name)
    day = local.date()
    tier, tier_record = member_tier(program, event.member, event.time, state, profile, event.id)
    schema = program.events[event.kind]
    if program.profile is not None:  # the member's profile fields, read like the event's own (PR112: no clash)
        given = profile if profile is not None else state.profile(event.member)
        event = attrs.evolve(event, fields={**profile_fields(program, event.member, given, event.id), **event.fields})
    if program.history:  # the member's history, under names no field can have (``count of purchase``)
        kept = history.values(program, event.kind, event.member, day, state)
        event = attrs.evolve(event, fields={**event.fields, **kept})
    scope = Scope(program, schema, event.fields, event_builtins(event.id, event.member, event.time, zone_name, tier.rank),
                  observe=observe)

    active, factors, beaten = _active(program, event, day, tier, scope)
    tier_points: dict[str, int] = {}
    tier_rules: list[str] = []
    lines = _lines(program, event, active, factors, scope, tier_points, tier_rules)
    for line in lines:
        line.outdone = tuple(f for f, including in beaten if including or line.amount is not None)

    counters: list[CounterChange] = []
    trim_rule_limits(program, event, active, lines, state, day, counters)
    trim_caps(program, event, lines, state, day)
    budgets = trim_budgets(program, active, lines, state)
    count_final(program, event, active, lines, day, counters)
    counters.extend(history.moves(program, event.id, event.kind, event.member, day, event.fields, state))

    award_lines = tuple(_freeze(program, event, line) for line in lines)
    totals: dict[str, int] = {event.member: 0}
    for award_line in award_lines:
        totals[award_line.beneficiary] = totals.get(award_line.beneficiary, 0) + award_line.points
    return Outcome(
        event.id, event.member, event.time, tuple(counters), tuple(budgets), award_lines,
        tuple(_history(program, event, totals, tier_points)), (event.member, tier_record) if tier_record is not None else None,
        zone=zone_name, kind=event.kind, local=local, member_tier=tier, tier_rules=tier_rules,
    )


# ---- active rules, multipliers and lines -------------------------------------------------------
_Factors = list[tuple[Factor, bool]]


def _active(program: m.Program, event: Event, day: dt.date, tier: m.Tier,
            scope: Scope) -> tuple[list[m.Rule], _Factors, _Factors]:
    """The rules an event fires, their multipliers and the tier's, and the multipliers of the
    campaigns another campaign outdoes (which do not apply)."""
    opens = program_opens(program)  # `effective from DATE at TIME`: that day earns from then on
    effective = program_effective(program, day) and (opens is None or event.time >= opens)
    active = [r for r in program.rules if r.event == event.kind] if effective else []
    active = [
        r for r in active
        if (r.campaign is None or campaign_active(program.campaigns[r.campaign], day)) and holds(r.condition, scope)
    ]
    factors = _factors(program, active, tier, scope)
    losers = outdone(program, ((f.campaign, f.factor) for f, _ in factors if f.campaign is not None))
    beaten = [(f, including) for f, including in factors if f.campaign in losers]
    if losers:  # only the best campaign's multipliers apply; an outdone rule that only multiplies does not fire
        factors = [(f, including) for f, including in factors if f.campaign not in losers]
        active = [r for r in active if r.campaign not in losers or r.earns]
    return active, factors, beaten


def _factors(program: m.Program, active: list[m.Rule], tier: m.Tier, scope: Scope) -> _Factors:
    """Every multiplier of the event with whether it reaches flat bonuses too."""
    out: list[tuple[Factor, bool]] = []
    for rule in active:
        for mult in rule.multipliers:
            if holds(mult.condition, scope):
                out.append((Factor(rule.name, rule.label, mult.factor, rule.name, rule.campaign), mult.including_bonuses))
    if tier.multiplier != 1:
        out.append((Factor(tier.name, tier.label, tier.multiplier, None, None), tier.multiplier_includes_bonuses))
    return out


def _spend_amount(program: m.Program, spend: m.SpendBase, event: Event, scope: Scope) -> Decimal | None:
    raw = event.fields.get(spend.field)
    if raw is None:
        return None  # an absent optional money field or list: nothing to count
    if not isinstance(raw, tuple):
        return raw if holds(spend.where, scope) else Decimal(0)
    schema_type = program.events[event.kind].fields[spend.field]
    record_schema = program.records.get(schema_type.record or "")
    total = Decimal(0)
    for record in raw:
        if spend.attr is not None and holds(spend.where, scope.with_record(record_schema, record)):
            money = record.get(spend.attr)
            if isinstance(money, Decimal):
                total += money
    return total


def _units(program: m.Program, spend: m.SpendBase, event: Event, scope: Scope) -> int | None:
    """The units a per-unit line counts: a count field's value, a list of texts' length, or over the
    records of a list whose ``where`` holds, each record's count ``attr`` (absent: 0), or 1 without one."""
    raw = event.fields.get(spend.field)
    if raw is None:
        return None  # an absent optional count or list: nothing to count
    if not isinstance(raw, tuple):
        return raw if holds(spend.where, scope) else 0
    schema_type = program.events[event.kind].fields[spend.field]
    if schema_type.record is None:
        return len(raw)  # a list of texts
    record_schema = program.records[schema_type.record]
    total = 0
    for record in raw:
        if holds(spend.where, scope.with_record(record_schema, record)):
            units = 1 if spend.attr is None else record.get(spend.attr)
            if isinstance(units, int):
                total += units
    return total


def _what(spend: m.SpendBase, points: Decimal) -> Units:
    return Units(spend.field + (f".{spend.attr}" if spend.attr else ""), points, spend.block, spend.counted_label)


def _lines(program: m.Program, event: Event, active: list[m.Rule], factors: _Factors, scope: Scope,
           tier_points: dict[str, int], tier_rules: list[str]) -> list[Line]:
    """The lines of the active rules' earn statements; tier points go to ``tier_points`` instead
    (by beneficiary, unmultiplied, rounded once)."""
    lines: list[Line] = []
    for rule in active:
        for index, earn in enumerate(rule.earns):
            if not holds(earn.condition, scope):
                continue
            who = beneficiary(earn, event)
            if who is None:
                continue
            points, step = earn.points, None
            if earn.ladder is not None:  # the step the value reaches picks the points
                step = step_of(earn.ladder, value(earn.ladder.value, scope))
                if step is None:
                    continue
                points = step.points
            if earn.given is not None:  # the points the event carries: a flat bonus of that size
                given = event.fields.get(earn.given)
                if given is None:
                    continue  # an absent optional field pays nothing
                points = given
            amount: Decimal | int | None = None
            units = None
            if earn.spend is None:
                base = Fraction(points)
                applied = [f for f, including_bonuses in factors if including_bonuses]
            else:  # per money or per unit: spend-based, so every multiplier applies
                if earn.spend.counts:
                    amount, units = _units(program, earn.spend, event, scope), _what(earn.spend, points)
                else:
                    amount = _spend_amount(program, earn.spend, event, scope)
                if amount is None:
                    continue
                blocks = Fraction(amount) / Fraction(earn.spend.block)
                base = (blocks if earn.spend.prorated else Fraction(math.floor(blocks))) * Fraction(points)
                applied = [f for f, _ in factors]
            if earn.tier:
                earned = round_points(base, program.rounding)
                tier_points[who] = tier_points.get(who, 0) + earned
                if earned and rule.name not in tier_rules:
                    tier_rules.append(rule.name)
                continue
            factor = combine_factors([f.factor for f in applied], program.stacking)
            rounded = round_points(base * Fraction(factor), program.rounding)
            lines.append(Line(rule, index, who, base, amount, applied, factor, rounded, rounded, units=units,
                               step=step, given=earn.given))
    return lines


# ---- results -----------------------------------------------------------------------------------
def _exact(x: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(x.numerator) / Decimal(x.denominator)


def _freeze(program: m.Program, event: Event, line: Line) -> AwardLine:
    expiry = line.rule.expiry or program.expiry
    pending = line.rule.pending or program.pending
    available = add_duration(event.time, pending, program.timezone) if pending else local_time(event.time, program.timezone)
    return AwardLine(
        rule=line.rule.name, label=line.rule.label, earn=line.earn, beneficiary=line.beneficiary,
        base=_exact(line.base), amount=line.amount, multipliers=tuple(line.factors), factor=line.factor,
        rounded=line.rounded, trims=tuple(line.trims), points=line.points, available_at=available,
        expires_at=expiry_instant(expiry, event.time, program.timezone),
        rolling=expiry.duration if expiry.kind == "inactive" else None, units=line.units, step=line.step,
        given=line.given, outdone=line.outdone, condition=line.rule.earns[line.earn].condition_label,
    )


def _history(program: m.Program, event: Event, totals: dict[str, int],
             tier_points: dict[str, int]) -> list[tuple[str, HistoryEntry]]:
    if program.tier_policy.qualification is None:
        return []
    return history_entries(event.time, event.member, spend_of(program, event), totals, tier_points)
