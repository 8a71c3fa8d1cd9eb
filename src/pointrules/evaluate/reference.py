"""The reference evaluator: simple, obviously right, the oracle every faster backend must agree with.

Theory of operation, for one event (docs/semantics.md has the worked examples):
1. refuse an event id the state has already processed;
2. find the member's tier, the event's local date in the program's zone, and the active rules
   (kind, campaign schedule, ``when``; nothing is active outside the program's effective window);
3. make one line per (active rule, earn statement whose ``when`` holds, beneficiary) with its exact
   base points;
4. apply the event-wide multipliers once per line (spend-based lines: all; flat lines: only those
   ``including bonuses``) and round in ``rounding.round_points``;
5. trim: rule limits, then member caps, then campaign budgets, later lines first;
6. return the Outcome (outcome.py): the lines, and the counters from the final points, history
   and tier it moves; ``evaluate`` also gives its Award, for explanations.
Points a rule *caused* on a line are the line's points when it is the rule's own line, else what
the line has above what it would have had without that rule's multipliers.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import attrs

from pointrules.evaluate import history
from pointrules.evaluate.award import Award, AwardLine, Factor, Step, Trim, Units
from pointrules.evaluate.calendar import (
    add_duration,
    campaign_active,
    expiry_instant,
    local_time,
    period_key,
    program_effective,
    program_opens,
)
from pointrules.evaluate.campaigns import outdone
from pointrules.evaluate.conditions import Observer, Scope, event_builtins, holds, value
from pointrules.evaluate.ladders import step_of
from pointrules.evaluate.outcome import CounterChange, Outcome, award
from pointrules.evaluate.rounding import combine_factors, round_points
from pointrules.evaluate.tiers import history_entries, member_tier, spend_of
from pointrules.evaluate.trims import trim
from pointrules.events import Event, EventError
from pointrules.profiles import profile_fields
from pointrules.program import model as m
from pointrules.state.memory import HistoryEntry, StateView

LEVEL = 8  # the language level this evaluator implements (model.refuse_unimplemented)
_CHECKED: weakref.WeakSet[m.Program] = weakref.WeakSet()


@attrs.define
class _Line:
    """A line while it is being computed; frozen into an AwardLine at the end."""

    rule: m.Rule
    earn: int
    beneficiary: str
    base: Fraction
    amount: Decimal | int | None
    factors: list[Factor]
    factor: Decimal
    rounded: int
    points: int
    trims: list[Trim] = attrs.field(factory=list)
    units: Units | None = None
    step: Step | None = None
    given: str | None = None
    outdone: tuple[Factor, ...] = ()

    def without(self, rules: frozenset[str], stacking: str, rounding: str) -> int:
        """What the line would have rounded to without the multipliers of ``rules``."""
        kept = [f.factor for f in self.factors if f.rule not in rules]
        return round_points(self.base * Fraction(combine_factors(kept, stacking)), rounding)


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
    tier_points: dict[str, int] = {}
    tier_rules: list[str] = []
    lines = _lines(program, event, active, factors, scope, tier_points, tier_rules)
    for line in lines:
        line.outdone = tuple(f for f, including in beaten if including or line.amount is not None)

    counters: list[CounterChange] = []
    _rule_limits(program, event, active, lines, state, day, counters)
    _caps(program, event, lines, state, day)
    budgets = _budgets(program, active, lines, state)
    _count_final(program, event, active, lines, day, counters)
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


# ---- multipliers and lines --------------------------------------------------------------------
def _factors(program: m.Program, active: list[m.Rule], tier: m.Tier, scope: Scope) -> list[tuple[Factor, bool]]:
    """Every multiplier of the event with whether it reaches flat bonuses too."""
    out: list[tuple[Factor, bool]] = []
    for rule in active:
        for mult in rule.multipliers:
            if holds(mult.condition, scope):
                out.append((Factor(rule.name, rule.label, mult.factor, rule.name, rule.campaign), mult.including_bonuses))
    if tier.multiplier != 1:
        out.append((Factor(tier.name, tier.label, tier.multiplier, None, None), tier.multiplier_includes_bonuses))
    return out


def _beneficiary(earn: m.Earn, event: Event) -> str | None:
    """Who an earn line pays: the event's member, or the member an event or profile field names."""
    if earn.to == "member":
        return event.member
    who = event.fields.get(earn.to)
    return who if isinstance(who, str) and who else None


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


def _lines(program: m.Program, event: Event, active: list[m.Rule], factors: list[tuple[Factor, bool]], scope: Scope,
           tier_points: dict[str, int], tier_rules: list[str]) -> list[_Line]:
    """The lines of the active rules' earn statements; tier points go to ``tier_points`` instead
    (by beneficiary, unmultiplied, rounded once)."""
    lines: list[_Line] = []
    for rule in active:
        for index, earn in enumerate(rule.earns):
            if not holds(earn.condition, scope):
                continue
            who = _beneficiary(earn, event)
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
            lines.append(_Line(rule, index, who, base, amount, applied, factor, rounded, rounded, units=units,
                               step=step, given=earn.given))
    return lines


# ---- trimming ----------------------------------------------------------------------------------
def _caused(line: _Line, rules: frozenset[str], program: m.Program) -> int:
    if line.rule.name in rules:
        return line.points
    if not any(f.rule in rules for f in line.factors):
        return 0
    return max(0, line.points - line.without(rules, program.stacking, program.rounding))


def _trim(lines: Iterable[_Line], allowance: int, caused: Any, why: Trim) -> None:
    """Take off what ``caused`` counts above ``allowance``, later lines first (trims.py)."""
    trim(list(lines), allowance, caused, why)


def _firing_members(rule: m.Rule, event: Event) -> list[str]:
    """Whose counters a rule's firing counts on: each member its earn statements name (whatever
    their own conditions), or the event's member for a rule that only multiplies."""
    members: list[str] = []
    for earn in rule.earns:
        who = _beneficiary(earn, event)
        if who is not None and who not in members:
            members.append(who)
    return members or [event.member]


def _period_text(limit: m.Limit) -> str:
    return f"per {limit.period}" if limit.period else "in all"


def _rule_limits(program: m.Program, event: Event, active: list[m.Rule], lines: list[_Line], state: StateView,
                 day: dt.date, counters: list[CounterChange]) -> None:
    for rule in active:
        names = frozenset({rule.name})
        for limit in rule.limits:
            key = period_key(day, limit.period)
            scope = f"rule:{rule.name}:{limit.kind}:{limit.period or 'ever'}"
            for who in _firing_members(rule, event):
                mine = [ln for ln in lines if ln.beneficiary == who] if rule.earns else lines
                used = state.counter(who, scope, key)
                if limit.kind == "times":
                    counters.append(CounterChange(who, scope, key, 1))  # a firing counts even when trimmed
                    if used + 1 <= limit.amount:
                        continue
                    allowance = 0
                else:
                    allowance = max(0, limit.amount - used)
                subject = rule.label or rule.name
                reason = f"`{subject}` pays at most {limit.amount:,} {limit.kind} {_period_text(limit)}"
                why = Trim("limit", 0, 0, reason, subject, limit.amount, limit.kind, limit.period)
                _trim(mine, allowance, lambda ln: _caused(ln, names, program), why)  # noqa: B023 -- called at once


def _caps(program: m.Program, event: Event, lines: list[_Line], state: StateView, day: dt.date) -> None:
    for index, cap in enumerate(program.caps):
        if cap.kinds and event.kind not in cap.kinds:
            continue
        for who in dict.fromkeys(ln.beneficiary for ln in lines):
            mine = [ln for ln in lines if ln.beneficiary == who]
            used = 0 if cap.period == "event" else state.counter(who, f"cap{index}:{cap.period}", period_key(day, cap.period))
            reason = f"at most {cap.points:,} points per {cap.period}" + (
                f" on {', '.join(sorted(cap.kinds))}" if cap.kinds else "")
            why = Trim("cap", 0, 0, reason, None, cap.points, "points", cap.period)
            _trim(mine, cap.points - used, lambda ln: ln.points, why)


def _campaign_rules(program: m.Program, active: list[m.Rule], campaign: str) -> frozenset[str]:
    return frozenset(r.name for r in active if r.campaign == campaign)


def _budgets(program: m.Program, active: list[m.Rule], lines: list[_Line], state: StateView) -> list[tuple[str, int]]:
    for name, campaign in program.campaigns.items():
        rules = _campaign_rules(program, active, name)
        if campaign.budget is None or not rules:
            continue
        subject = campaign.label or name
        reason = f"campaign `{subject}` budget of {campaign.budget:,} points"
        why = Trim("budget", 0, 0, reason, subject, campaign.budget, "points", None)
        _trim(lines, campaign.budget - state.budget_used(name), lambda ln: _caused(ln, rules, program), why)  # noqa: B023 -- called at once
    used = []
    for name, campaign in program.campaigns.items():
        rules = _campaign_rules(program, active, name)
        if campaign.budget is not None and rules:
            caused = sum(_caused(ln, rules, program) for ln in lines)
            if caused:
                used.append((name, caused))
    return used


def _count_final(program: m.Program, event: Event, active: list[m.Rule], lines: list[_Line], day: dt.date,
                 counters: list[CounterChange]) -> None:
    """Point counters grow by the final points, after every trim."""
    for rule in active:
        names = frozenset({rule.name})
        for limit in rule.limits:
            if limit.kind != "points":
                continue
            scope = f"rule:{rule.name}:points:{limit.period or 'ever'}"
            for who in _firing_members(rule, event):
                mine = [ln for ln in lines if ln.beneficiary == who] if rule.earns else lines
                caused = sum(_caused(ln, names, program) for ln in mine)
                if caused:
                    counters.append(CounterChange(who, scope, period_key(day, limit.period), caused))
    for index, cap in enumerate(program.caps):
        if cap.period == "event" or (cap.kinds and event.kind not in cap.kinds):
            continue
        for who in dict.fromkeys(ln.beneficiary for ln in lines):
            points = sum(ln.points for ln in lines if ln.beneficiary == who)
            if points:
                counters.append(CounterChange(who, f"cap{index}:{cap.period}", period_key(day, cap.period), points))


# ---- results -----------------------------------------------------------------------------------
def _exact(x: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(x.numerator) / Decimal(x.denominator)


def _freeze(program: m.Program, event: Event, line: _Line) -> AwardLine:
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
