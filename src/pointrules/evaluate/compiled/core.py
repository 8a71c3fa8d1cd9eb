"""One event through a compiled program: the interpreter's steps on precomputed structures.

``run`` returns the ``Outcome`` (outcome.py) the interpreter returns for the same event, field for
field: its lines with their validity, the counters and budgets it moves, history and tier. The
steps, their order and the trimming rules are those of ``reference.outcome``; only the
arithmetic is done differently where the result is provably the same (see ``arith.py``): a line's
base points are kept as the exact ratio bn/bd in the line's ``work`` while trims are computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from math import floor
from types import MappingProxyType
from typing import Any

from pointrules.evaluate.award import AwardLine, Units
from pointrules.evaluate.calendar import (
    add_duration,
    local_expiry_end,
    program_opens,
    zone,
)
from pointrules.evaluate.campaigns import outdone
from pointrules.evaluate.compiled.arith import Combiner, round_ratio
from pointrules.evaluate.compiled.caches import Day, FactorSet
from pointrules.evaluate.compiled.plan import KindPlan, MultiplierPlan, Plan, RulePlan, SpendPlan
from pointrules.evaluate.compiled.spend import money_amount, points_of, spend_base, units_of
from pointrules.evaluate.compiled.trimming import Trimming
from pointrules.evaluate.history import moves as history_moves
from pointrules.evaluate.history import values as history_values
from pointrules.evaluate.outcome import Outcome
from pointrules.evaluate.tiers import history_entries, member_tier, profile_tier
from pointrules.evaluate.view import HistoryEntry, StateView, TierRecord
from pointrules.events import EventError
from pointrules.profiles import profile_fields
from pointrules.program import model as m
from pointrules.state.memory import MemoryState

_ZERO = Decimal(0)
_ASK: Any = object()  # a profile that is not a plain dict: EventEvaluator.tier decides, as the reference does


class EventEvaluator(Trimming):
    """Evaluation of single events against a Plan; caches per local date and per factor set."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        program = plan.program
        self.program = program
        self.zone_name = program.timezone
        self.zone = zone(program.timezone)
        self.opens = program_opens(program)  # starts earning at a time of day: before it, nothing
        self.rounding = program.rounding
        self.down = program.rounding == "down"  # rounded by integer division
        self.kinds = plan.kinds
        self.combiner = Combiner(program.stacking)
        self.days: dict[dt.date, Day] = {}
        self.host_tiers = program.tier_policy.qualification is None
        self.lowest = program.tiers[0] if program.tiers else None
        self.factor_sets: dict[tuple[int, ...], FactorSet] = {}
        self.tier_sets: dict[str, FactorSet] = {}  # tier name -> the factor set of its multiplier alone
        self.profiled = program.profile is not None  # the program declares member profile fields
        self.reads_history = bool(program.history)  # conditions read the member's history
        self.qualifying = program.tier_policy.qualification is not None
        # two campaigns or more multiply, and only the best one applies (evaluate/campaigns.py)
        self.rivals = program.best_campaign_only and len(
            {r.campaign for r in program.rules if r.campaign is not None and r.multipliers}) > 1

    def day(self, date: dt.date) -> Day:
        day = self.days.get(date)
        if day is None:
            if len(self.days) > 50_000:
                self.days.clear()
            day = self.days[date] = Day(self.program, date)
        return day

    def tier(self, member: str, time: dt.datetime, state: StateView, profile: Any,
             event_id: str) -> tuple[m.Tier, TierRecord | None]:
        if not self.host_tiers:
            return member_tier(self.program, member, time, state, profile, event_id)
        given = profile if profile is not None else state.profile(member)
        if given is not None and not isinstance(given, Mapping):  # not an object: the reference's EventError
            return profile_tier(self.program, member, given, event_id), None
        name = given.get("tier") if given else None
        if name is None:
            return self.program.tiers[0], None
        try:
            tier = self.plan.tiers.get(name)
        except TypeError:  # an unhashable tier value: let the reference lookup word the error
            tier = None
        if tier is None:
            return profile_tier(self.program, member, given, event_id), None
        return tier, None

    def run(self, event_id: str, kind: str, member: str, time: dt.datetime, fields: Any, state: StateView,
            profile: Any = None) -> Outcome:
        """The outcome of one valid event; EventError for a processed id or an unknown tier."""
        # A MemoryState is read through its dicts: the same answers without a method call each.
        memory = state.__class__ is MemoryState
        if (event_id in state.processed) if memory else state.is_processed(event_id):  # type: ignore[attr-defined]
            raise EventError(event_id, "id", f"event `{event_id}` was already processed; it is never paid twice")
        local = time.astimezone(self.zone)
        date = local.date()
        day = self.days.get(date) or self.day(date)
        if self.host_tiers:  # the common case of self.tier, inline
            given = profile if profile is not None else (
                state.profiles.get(member) if memory else state.profile(member))  # type: ignore[attr-defined]
            name = given.get("tier") if given.__class__ is dict else None if given is None else _ASK
            tier = self.lowest if name is None else self.plan.tiers.get(name) if name.__class__ is str else None
            tier_record = None
            if tier is None:
                tier, tier_record = self.tier(member, time, state, profile, event_id)
        else:
            tier, tier_record = self.tier(member, time, state, profile, event_id)
        if self.profiled or self.reads_history:
            fields = self._with_member(event_id, kind, member, date, fields, state, profile)
        kind_plan: KindPlan = self.kinds[kind]
        b = _builtins(event_id, member, time, date, local, tier) if kind_plan.uses_builtins else None
        active: list[RulePlan] = []
        if day.effective and (self.opens is None or time >= self.opens):
            campaigns = day.campaigns
            for rule_plan in kind_plan.rules if kind_plan.index is None else self._candidates(kind_plan, fields):
                if rule_plan.campaign is not None and not campaigns[rule_plan.campaign]:
                    continue
                if rule_plan.cond is None or rule_plan.cond(fields, b, None):
                    active.append(rule_plan)
        tier_change = (member, tier_record) if tier_record is not None else None
        if not active:
            return self._without_lines(kind_plan, event_id, kind, member, time, local, fields, state, tier, tier_change)
        losers = _NOBODY
        if self.rivals and kind_plan.multiplied:  # only the best campaign's multipliers apply
            active, found, losers = self._outdo(active, fields, b)
        tier_points: Any = {} if kind_plan.tiered else _NO_TIER_POINTS  # per beneficiary, for a kind that earns any
        tier_rules: list[str] = [] if kind_plan.tiered else _NO_TIER_RULES  # the rules that earned them
        lines = self._lines(kind_plan, active, tier, member, fields, b, time, local, day, tier_points, tier_rules, losers)
        if losers:
            _mark_outdone(lines, found, losers)
        # the trims in the interpreter's order, inline: as a call, 1% more an event (docs/performance.md)
        counters: list[tuple[str, str, str, int]] = []
        single = member if kind_plan.members_only or _pays_only(lines, member) else None  # the caps see one group
        if kind_plan.has_limits:
            self._rule_limits(active, member, fields, lines, state, day, counters, memory, single)
        if lines and kind_plan.caps:  # and when they are the last trim, their counters (KindPlan.caps_last)
            self._caps(kind_plan, lines, state, day, single, memory, counters if kind_plan.caps_last else None)
        budgets = self._budgets(active, lines, state) if kind_plan.budgeted else ()
        if kind_plan.has_limits:
            self._count_limits(active, member, fields, lines, day, counters)
        if lines and kind_plan.caps and not kind_plan.caps_last:
            self._count_caps(kind_plan, lines, day, counters, single)
        if self.reads_history:
            counters.extend(history_moves(self.program, event_id, kind, member, date, fields, state))
        history = self._history(kind_plan, member, time, fields, lines, tier_points) if self.qualifying else ()
        return _event_outcome(event_id, member, time, counters, budgets, lines, history, tier_change,
                              self.zone_name, kind, local, tier, tuple(tier_rules) if tier_rules else ())

    def _with_member(self, event_id: str, kind: str, member: str, date: dt.date, fields: Any, state: StateView,
                     profile: Any) -> Any:
        """The event's fields and the member's: profile fields, read like the event's own (PR112: no
        clash), and history values, under names no field can have (``count of purchase``)."""
        if self.profiled:
            given = profile if profile is not None else state.profile(member)
            fields = {**profile_fields(self.program, member, given, event_id), **fields}
        if self.reads_history:
            kept = history_values(self.program, kind, member, date, state)
            if kept:
                fields = {**fields, **kept}
        return fields

    def _without_lines(self, kind_plan: KindPlan, event_id: str, kind: str, member: str, time: dt.datetime,
                       local: dt.datetime, fields: Any, state: StateView, tier: m.Tier,
                       tier_change: tuple[str, TierRecord] | None) -> Outcome:
        """The outcome of an event no rule fires on: its history and tier, nothing earned."""
        history = self._history(kind_plan, member, time, fields, (), {}) if self.qualifying else ()
        counters: list[tuple[str, str, str, int]] = []
        if self.reads_history:
            counters.extend(history_moves(self.program, event_id, kind, member, local.date(), fields, state))
        return _event_outcome(event_id, member, time, counters, (), (), history, tier_change, self.zone_name,
                              kind, local, tier, ())

    def _outdo(self, active: list[RulePlan], fields: Any, b: Any,
               ) -> tuple[list[RulePlan], list[tuple[str, MultiplierPlan]], frozenset[str]]:
        """The campaigns outdone by another's multipliers (evaluate/campaigns.py), the multipliers
        found, and the active rules without the outdone ones that only multiply (they do not fire)."""
        found = self._campaign_mults(active, fields, b)
        losers = outdone(self.program, ((campaign, mult.value) for campaign, mult in found))
        if losers:
            active = [rule_plan for rule_plan in active if rule_plan.campaign not in losers or rule_plan.earns]
        return active, found, losers

    def _history(self, kind_plan: KindPlan, member: str, time: dt.datetime, fields: Any, lines: Any,
                 tier_points: dict[str, int]) -> list[tuple[str, HistoryEntry]]:
        """Tier qualification history, as the interpreter's ``_history``: the points of each
        beneficiary of the event's lines, the event's member first, and the tier points."""
        totals = {member: 0}
        for ln in lines:
            totals[ln.beneficiary] = totals.get(ln.beneficiary, 0) + ln.points
        spend = None
        if kind_plan.counted:
            value = fields.get(kind_plan.spend_field) if kind_plan.spend_field is not None else None
            spend = value if isinstance(value, Decimal) else _ZERO
        return history_entries(time, member, spend, totals, tier_points)

    def validity(self, index: int, time: dt.datetime, local: dt.datetime, day: Day,
                 memo: dict[int, Any]) -> tuple[dt.datetime, dt.datetime | None, m.Duration | None]:
        """(usable from, expires at, rolling span) of the lines of one validity class, once per event;
        the end of a period is kept per local date."""
        pending, expiry = self.plan.validities[index]
        zone_name = self.zone_name
        available = add_duration(time, pending, zone_name) if pending else local
        if expiry.kind == "never":
            expires = None
        elif expiry.kind in ("after", "inactive"):
            assert expiry.duration is not None
            expires = add_duration(time, expiry.duration, zone_name)
        else:
            expires = day.ends.get(index)
            if expires is None:
                expires = day.ends[index] = local_expiry_end(expiry, day.date, zone_name)
        if not pending and expiry.kind not in ("after", "inactive"):
            day.dated[index] = expires
        hit = memo[index] = (available, expires, expiry.duration if expiry.kind == "inactive" else None)
        return hit

    @staticmethod
    def _candidates(kind_plan: KindPlan, fields: Any) -> list[RulePlan]:
        """The kind's rules that may be active, in program order: the unindexed ones and those whose
        leading `FIELD = "text"` test the event's value meets (it is false for any non-text value)."""
        found = list(kind_plan.plain)
        for field, table in kind_plan.index.items():  # type: ignore[union-attr]
            v = fields.get(field)
            if v.__class__ is str:
                hit = table.get(v)
                if hit:
                    found.extend(hit)
        found.sort(key=_position)
        return [rule_plan for _, rule_plan in found]

    # ---- lines ---------------------------------------------------------------------------------
    def factor_set(self, ids: tuple[int, ...]) -> FactorSet:
        """What a set of multipliers gives spend-based and flat lines, built once per set."""
        fs = self.factor_sets.get(ids)
        if fs is None:
            fs = self.factor_sets[ids] = FactorSet([self.plan.mults[i] for i in ids], self.combiner)
        return fs

    def _lines(self, kind_plan: KindPlan, active: list[RulePlan], tier: m.Tier, member: str, fields: Any, b: Any,
               time: dt.datetime, local: dt.datetime, day: Day, tier_points: dict[str, int],
               tier_rules: list[str], losers: frozenset[str] = frozenset()) -> list[AwardLine]:
        """The event's award lines, before any trim. Longer than the project's 60 lines on purpose: its
        loop runs once per line, and a step moved into a function costs a call per line, about 1,000
        instructions (the trims as one call cost 1,010 an event, 0.9%; docs/performance.md)."""
        fs = self._factors(active, tier, fields, b, losers) if kind_plan.multiplied else (
            self.tier_sets.get(tier.name) or self._factors((), tier, fields, b))
        down = self.down
        rounding = self.rounding
        lines: list[AwardLine] = []
        computed = _new_line
        memo: dict[int, Any] | None = None  # validity class -> (usable from, expires at, rolling span)
        for rule_plan in active:
            for earn_plan in rule_plan.earns:
                if earn_plan.cond is not None and not earn_plan.cond(fields, b, None):
                    continue
                if earn_plan.to is None:
                    who = member
                else:
                    who = fields.get(earn_plan.to)
                    if not isinstance(who, str) or not who:
                        continue
                if earn_plan.fixed:
                    pn, pd, step = earn_plan.pn, earn_plan.pd, None
                else:  # a ladder's step or the event's own points
                    varied = points_of(earn_plan, fields, b)
                    if varied is None:
                        continue
                    pn, pd, step = varied
                spend = earn_plan.spend
                if spend is None:
                    bn, bd, amount, units = pn, pd, None, None
                    factors, fids, values, combo = fs.flat_factors, fs.flat_ids, fs.flat_values, fs.flat_combo
                else:  # per money or per unit: spend-based, so every multiplier applies
                    amount = fields.get(spend.field)  # the money itself, unless `where`, a list or units decide
                    if amount.__class__ is Decimal and spend.where is None and spend.units is None:
                        units = None
                        if spend.whole and amount.is_finite():
                            bn, bd = floor(amount) * pn, pd  # per full 1 CNY: floor(amount) blocks, exactly
                        else:
                            bn, bd = spend_base(spend, amount, pn, pd)
                    else:
                        counted = _counted_base(spend, fields, b, pn, pd, step)
                        if counted is None:
                            continue
                        bn, bd, amount, units = counted
                    factors, fids, values, combo = fs.factors, fs.ids, fs.values, fs.combo
                if earn_plan.tier:  # tier points: unmultiplied, rounded once, never a line
                    _count_tier_points(rule_plan.name, who, round_ratio(bn, bd, rounding), tier_points, tier_rules)
                    continue
                if not fids:
                    factor = _ONE
                    rounded = (bn // bd if bn > 0 else 0) if down else round_ratio(bn, bd, rounding)
                else:
                    factor, fn, fd = combo or self.combiner.combine(fids, values)
                    n, d = bn * fn, bd * fd
                    rounded = (n // d if n > 0 else 0) if down else round_ratio(n, d, rounding)
                expires = day.dated.get(rule_plan.validity, _UNDATED)
                if expires is _UNDATED:
                    if memo is None:
                        memo = {}
                    available, expires, rolling = memo.get(rule_plan.validity) or self.validity(
                        rule_plan.validity, time, local, day, memo)
                else:
                    available, rolling = local, None
                lines.append(computed(rule_plan.name, rule_plan.label, earn_plan.index, who, amount, factors, factor, rounded, available,
                                      expires, rolling, (bn, bd, fids, values), units, step, earn_plan.given,
                                      earn_plan.condition_label))
        return lines

    @staticmethod
    def _campaign_mults(active: list[RulePlan], fields: Any, b: Any) -> list[tuple[str, MultiplierPlan]]:
        """(campaign, multiplier) of every campaign multiplier that holds for the event."""
        return [(rule_plan.campaign, mult) for rule_plan in active if rule_plan.campaign is not None for mult in rule_plan.mults
                if mult.cond is None or mult.cond(fields, b, None)]

    def _factors(self, active: Sequence[RulePlan], tier: m.Tier, fields: Any, b: Any,
                 losers: frozenset[str] = frozenset()) -> Any:
        """The factor set of the multipliers that apply: the active rules' whose condition holds (but
        outdone campaigns'), and the tier's."""
        chosen: list[int] = []
        for rule_plan in active:
            if losers and rule_plan.campaign in losers:
                continue
            for mult in rule_plan.mults:
                if mult.cond is None or mult.cond(fields, b, None):
                    chosen.append(mult.fid)
        tier_mult = self.plan.tier_mults.get(tier.name)  # only tiers whose multiplier is not 1
        if tier_mult is not None:
            chosen.append(tier_mult.fid)
        ids = tuple(chosen)
        found = self.factor_sets.get(ids) or self.factor_set(ids)
        if not active:  # the tier's alone: what every event of a kind without rule multipliers gets
            self.tier_sets[tier.name] = found
        return found


def _builtins(event_id: str, member: str, time: dt.datetime, date: dt.date, local: dt.datetime,
              tier: m.Tier) -> dict[str, Any]:
    """The builtin names a condition reads (``weekday``, ``hour``, ``tier`` …), for a kind whose conditions read any."""
    return {"id": event_id, "member": member, "time": time, "date": date, "weekday": local.weekday(),
            "day": local.day, "month": local.month, "year": local.year, "hour": local.hour, "tier": tier.rank}


def _mark_outdone(lines: list[AwardLine], found: list[tuple[str, MultiplierPlan]], losers: frozenset[str]) -> None:
    """Each line names the factors of the outdone campaigns it would have had."""
    beaten = [mult for campaign, mult in found if campaign in losers]
    for line in lines:
        line.outdone = tuple(mult.factor for mult in beaten if mult.including or line.amount is not None)


def _counted_base(spend: SpendPlan, fields: Any, b: Any, pn: int, pd: int, step: Any,
                  ) -> tuple[int, int, Any, Units | None] | None:
    """(base points bn/bd, amount, units counted) of a spend-based line that `where`, a list or units
    count, or whose money field is not a plain amount; None when there is nothing to count."""
    units = spend.units
    amount = money_amount(spend, fields, b) if units is None else units_of(spend, fields, b)
    if amount is None:
        return None
    if units is not None and step is not None:
        units = Units(units.counted, step.points, units.block, units.label)
    if spend.whole and amount.__class__ is Decimal and amount.is_finite():
        return floor(amount) * pn, pd, amount, units  # per full 1 CNY: floor(amount) blocks, exactly
    bn, bd = spend_base(spend, amount, pn, pd)
    return bn, bd, amount, units


def _count_tier_points(rule: str, who: str, earned: int, tier_points: dict[str, int], tier_rules: list[str]) -> None:
    """A line of tier points counts for ``who``'s tier, never paid; its rule is named once."""
    tier_points[who] = tier_points.get(who, 0) + earned
    if earned and rule not in tier_rules:
        tier_rules.append(rule)


def _pays_only(lines: list[AwardLine], member: str) -> bool:
    """Whether every line pays ``member``."""
    for ln in lines:
        if ln.beneficiary != member:
            return False
    return True


def _position(pair: tuple[int, RulePlan]) -> int:
    return pair[0]


_ONE = Decimal(1)
_new_line = AwardLine.computed  # bound once: the class's method is not looked up and bound per line
_event_outcome = Outcome.of_event
_NOBODY: frozenset[str] = frozenset()  # no campaign outdone
_NO_TIER_POINTS: Any = MappingProxyType({})  # a kind without tier points: never written, read empty
_NO_TIER_RULES: Any = ()
_UNDATED: Any = object()  # Day.dated has no expiry for the class: EventEvaluator.validity works it out
