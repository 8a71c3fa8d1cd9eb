"""The reference evaluator's lines while they are computed (``Line``) and step 5 of its theory of
operation (reference.py): trim them by rule limits, then member caps, then campaign budgets, later
lines first, and count the final points on the counters that limits and caps read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pointrules.evaluate.award import Factor, Step, Trim, Units
from pointrules.evaluate.calendar import period_key
from pointrules.evaluate.caps import cap_scope, cap_why
from pointrules.evaluate.outcome import CounterChange
from pointrules.evaluate.rounding import combine_factors, round_points
from pointrules.evaluate.trims import trim
from pointrules.evaluate.view import StateView
from pointrules.events import Event
from pointrules.program import model as m


@attrs.define
class Line:
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


def beneficiary(earn: m.Earn, event: Event) -> str | None:
    """Who an earn line pays: the event's member, or the member an event or profile field names."""
    if earn.to == "member":
        return event.member
    who = event.fields.get(earn.to)
    return who if isinstance(who, str) and who else None


def _caused(line: Line, rules: frozenset[str], program: m.Program) -> int:
    if line.rule.name in rules:
        return line.points
    if not any(f.rule in rules for f in line.factors):
        return 0
    return max(0, line.points - line.without(rules, program.stacking, program.rounding))


def _trim(lines: Iterable[Line], allowance: int, caused: Any, why: Trim) -> None:
    """Take off what ``caused`` counts above ``allowance``, later lines first (trims.py)."""
    trim(list(lines), allowance, caused, why)


def _firing_members(rule: m.Rule, event: Event) -> list[str]:
    """Whose counters a rule's firing counts on: each member its earn statements name (whatever
    their own conditions), or the event's member for a rule that only multiplies."""
    members: list[str] = []
    for earn in rule.earns:
        who = beneficiary(earn, event)
        if who is not None and who not in members:
            members.append(who)
    return members or [event.member]


def _period_text(limit: m.Limit) -> str:
    return f"per {limit.period}" if limit.period else "in all"


def trim_rule_limits(program: m.Program, event: Event, active: list[m.Rule], lines: list[Line], state: StateView,
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


def trim_caps(program: m.Program, event: Event, lines: list[Line], state: StateView, day: dt.date) -> None:
    for cap in program.caps:
        if cap.kinds and event.kind not in cap.kinds:
            continue
        for who in dict.fromkeys(ln.beneficiary for ln in lines):
            mine = [ln for ln in lines if ln.beneficiary == who]
            used = 0 if cap.period == "event" else state.counter(who, cap_scope(cap), period_key(day, cap.period))
            _trim(mine, cap.points - used, lambda ln: ln.points, cap_why(cap))


def _campaign_rules(program: m.Program, active: list[m.Rule], campaign: str) -> frozenset[str]:
    return frozenset(r.name for r in active if r.campaign == campaign)


def trim_budgets(program: m.Program, active: list[m.Rule], lines: list[Line], state: StateView) -> list[tuple[str, int]]:
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


def count_final(program: m.Program, event: Event, active: list[m.Rule], lines: list[Line], day: dt.date,
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
    for cap in program.caps:
        if cap.period == "event" or (cap.kinds and event.kind not in cap.kinds):
            continue
        for who in dict.fromkeys(ln.beneficiary for ln in lines):
            points = sum(ln.points for ln in lines if ln.beneficiary == who)
            if points:
                counters.append(CounterChange(who, cap_scope(cap), period_key(day, cap.period), points))
