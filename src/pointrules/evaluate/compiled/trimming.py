"""Trimming in the compiled evaluator: rule limits, member caps and campaign budgets cut points from
an event's lines, later lines first, and the counters they keep grow by the final points. The
steps and their order are ``interpreter._rule_limits``, ``_caps``, ``_budgets`` and
``_count_final``; only the arithmetic differs (``without`` re-rounds a line from its exact ratio).
"""

from __future__ import annotations

from typing import Any

from pointrules.evaluate.award import AwardLine, Trim
from pointrules.evaluate.compiled.arith import Combiner, round_ratio
from pointrules.evaluate.compiled.caches import Day
from pointrules.evaluate.compiled.plan import KindPlan, Plan, RulePlan
from pointrules.evaluate.trims import trim
from pointrules.evaluate.view import StateView


class Trimming:
    """The trimming steps of ``EventEvaluator`` (core.py), which provides ``plan``, ``combiner`` and
    ``rounding``."""

    plan: Plan
    combiner: Combiner
    rounding: str

    # ---- trimming ------------------------------------------------------------------------------
    def without(self, line: AwardLine, rules: frozenset[str]) -> int:
        """What the line would have rounded to without the multipliers of ``rules``."""
        bn, bd, ids, _ = line.work
        kept = [(i, f.factor) for i, f in zip(ids, line.multipliers) if f.rule not in rules]
        if kept:
            _, fn, fd = self.combiner.combine(tuple(i for i, _ in kept), [v for _, v in kept])
        else:
            fn, fd = 1, 1
        return round_ratio(bn * fn, bd * fd, self.rounding)

    def caused(self, line: AwardLine, rules: frozenset[str]) -> int:
        if line.rule in rules:
            return line.points
        for f in line.multipliers:
            if f.rule in rules:
                return max(0, line.points - self.without(line, rules))
        return 0

    _trim = staticmethod(trim)  # trims.py: later lines first, each cut recorded

    @staticmethod
    def firing_members(rule_plan: RulePlan, member: str, fields: Any) -> list[str]:
        members: list[str] = []
        for to in rule_plan.payees:
            if to is None:
                who = member
            else:
                who = fields.get(to)
                if not isinstance(who, str) or not who:
                    continue
            if who not in members:
                members.append(who)
        return members or [member]

    def _rule_limits(self, active: list[RulePlan], member: str, fields: Any, lines: list[AwardLine], state: StateView,
                     day: Day, counters: list[tuple[str, str, str, int]], memory: bool = False,
                     single: str | None = None) -> None:
        """Trim the lines of each rule with limits to them; ``memory``: the state is a MemoryState,
        whose counters are read as a dict; ``single``: the one beneficiary of every line."""
        for rule_plan in active:
            names = rule_plan.names
            for limit_plan in rule_plan.limits:
                key = day.keys.get(limit_plan.period) or day.key(limit_plan.period)
                for who in (member,) if rule_plan.members_only else self.firing_members(rule_plan, member, fields):
                    mine = lines if who == single or not rule_plan.earns else [ln for ln in lines if ln.beneficiary == who]
                    used = (state.counters.get((who, limit_plan.scope, key), 0) if memory  # type: ignore[attr-defined]
                            else state.counter(who, limit_plan.scope, key))
                    if limit_plan.kind == "times":
                        counters.append((who, limit_plan.scope, key, 1))  # a firing counts even when trimmed
                        if used + 1 <= limit_plan.amount:
                            continue
                        allowance = 0
                    else:
                        allowance = max(0, limit_plan.amount - used)
                    self._trim(mine, allowance, lambda ln: self.caused(ln, names), limit_plan.why, limit_plan.cuts)  # noqa: B023 -- called at once

    def _caps(self, kind_plan: KindPlan, lines: list[AwardLine], state: StateView, day: Day, single: str | None,
              memory: bool, counters: list[tuple[str, str, str, int]] | None = None) -> None:
        """Trim each beneficiary's lines to the caps; ``single``: the one beneficiary of every line.
        With ``counters`` (a kind whose one cap is its last trim, ``KindPlan.caps_last``), the cap's
        counter grows here by each beneficiary's final points, as ``_count_caps`` would count them."""
        if single is not None:
            groups: Any = ((single, lines),)
        elif len(lines) == 1:
            groups = ((lines[0].beneficiary, lines),)
        else:
            by_who: dict[str, list[AwardLine]] = {}
            for ln in lines:
                by_who.setdefault(ln.beneficiary, []).append(ln)
            groups = by_who.items()
        for cap_plan in kind_plan.caps:
            for who, mine in groups:
                if cap_plan.per_event:
                    used = 0
                else:
                    key = day.keys.get(cap_plan.period) or day.key(cap_plan.period)
                    used = (state.counters.get((who, cap_plan.scope, key), 0) if memory  # type: ignore[attr-defined]
                            else state.counter(who, cap_plan.scope, key))
                allowance = cap_plan.points - used
                total = 0
                for ln in mine:
                    total += ln.points
                if total > max(0, allowance):
                    self._trim(mine, allowance, _points, cap_plan.why, cap_plan.cuts)
                    total = sum([ln.points for ln in mine])
                if counters is not None and total and not cap_plan.per_event:
                    counters.append((who, cap_plan.scope, key, total))  # key: set above, the cap is per period

    def _budgets(self, active: list[RulePlan], lines: list[AwardLine], state: StateView) -> list[tuple[str, int]]:
        running = []
        for name, budget, reason, subject in self.plan.budgets:
            rules = frozenset(rule_plan.name for rule_plan in active if rule_plan.campaign == name)
            if rules:
                running.append((name, rules))
                why = Trim("budget", 0, 0, reason, subject, budget, "points", None)
                self._trim(lines, budget - state.budget_used(name), lambda ln: self.caused(ln, rules), why)  # noqa: B023 -- called at once
        used = []
        for name, rules in running:
            caused = sum(self.caused(ln, rules) for ln in lines)
            if caused:
                used.append((name, caused))
        return used

    def _count_limits(self, active: list[RulePlan], member: str, fields: Any, lines: list[AwardLine], day: Day,
                      counters: list[tuple[str, str, str, int]]) -> None:
        """Point counters grow by the final points, after every trim."""
        for rule_plan in active:
            for limit_plan in rule_plan.limits:
                if limit_plan.kind != "points":
                    continue
                for who in (member,) if rule_plan.members_only else self.firing_members(rule_plan, member, fields):
                    mine = [ln for ln in lines if ln.beneficiary == who] if rule_plan.earns else lines
                    caused = sum(self.caused(ln, rule_plan.names) for ln in mine)
                    if caused:
                        counters.append((who, limit_plan.scope, day.key(limit_plan.period), caused))

    def _count_caps(self, kind_plan: KindPlan, lines: list[AwardLine], day: Day, counters: list[tuple[str, str, str, int]],
                    single: str | None) -> None:
        for cap_plan in kind_plan.caps:
            if cap_plan.per_event:
                continue
            key = day.keys.get(cap_plan.period) or day.key(cap_plan.period)
            if single is not None:
                total = 0
                for ln in lines:
                    total += ln.points
                if total:
                    counters.append((single, cap_plan.scope, key, total))
                continue
            totals: dict[str, int] = {}
            for ln in lines:
                totals[ln.beneficiary] = totals.get(ln.beneficiary, 0) + ln.points
            for who, points in totals.items():
                if points:
                    counters.append((who, cap_plan.scope, key, points))


def _points(line: AwardLine) -> int:
    return line.points
