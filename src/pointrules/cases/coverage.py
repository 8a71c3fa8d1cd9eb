"""Coverage of a program by its example cases: which rules fired, and which conditions were seen
both true and false, by an observer the evaluator shows every condition it decides; and how often
(the events each rule fired in, each condition's decisions), for the lcov and JSON reports."""

from __future__ import annotations

from fractions import Fraction

import attrs

from pointrules import syntax as s
from pointrules.evaluate.award import Award
from pointrules.program import model as m


@attrs.frozen(eq=False)
class Condition:
    """A condition coverage tracks: where it stands (``rule `x` when``) and its expression."""

    rule: str
    place: str  # "when", "earn 2 when", "earn 1 where", "multiply 1 when"
    expr: s.Expr


@attrs.define
class Coverage:
    """Which rules of a program fired and which outcomes each condition was seen with."""

    program: m.Program
    conditions: list[Condition] = attrs.field(factory=list)
    fired: set[str] = attrs.field(factory=set)
    seen: dict[int, set[bool]] = attrs.field(factory=dict)
    # how often: the events each rule fired in; each condition's decisions, [false, true]
    fired_times: dict[str, int] = attrs.field(factory=dict)
    decided: dict[int, list[int]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        for rule in self.program.rules:
            places: list[tuple[str, s.Expr | None]] = [("when", rule.condition)]
            for i, earn in enumerate(rule.earns, 1):
                places.append((f"earn {i} when", earn.condition))
                places.append((f"earn {i} where", earn.spend.where if earn.spend else None))
            places += [(f"multiply {i} when", mult.condition) for i, mult in enumerate(rule.multipliers, 1)]
            self.conditions += [Condition(rule.name, place, expr) for place, expr in places if expr is not None]
        for c in self.conditions:
            self.seen[id(c.expr)] = set()
            self.decided[id(c.expr)] = [0, 0]

    def saw(self, expr: s.Expr, result: bool) -> None:
        """The hook: one condition was decided."""
        outcomes = self.seen.get(id(expr))
        if outcomes is not None:
            outcomes.add(result)
            self.decided[id(expr)][result] += 1

    def observe(self, award: Award) -> None:
        """A rule fired when it earned points (before any limit, cap or budget took them) or its
        multiplier reached a line: a spend rule whose items all failed `where` has not fired."""
        now: set[str] = set(award.tier_rules)  # tier points make no line
        for line in award.lines:
            if line.rounded > 0:
                now.add(line.rule)
            now.update(f.rule for f in line.multipliers if f.rule is not None)
        self.fired |= now
        for rule in now:
            self.fired_times[rule] = self.fired_times.get(rule, 0) + 1

    @property
    def total(self) -> int:
        return len(self.program.rules) + 2 * len(self.conditions)

    @property
    def covered(self) -> int:
        rules = sum(1 for r in self.program.rules if r.name in self.fired)
        return rules + sum(len(self.seen[id(c.expr)]) for c in self.conditions)

    def missing(self) -> list[str]:
        """What no case exercised, in program order, in words."""
        out = []
        source = self.program.source
        for rule in self.program.rules:
            if rule.name not in self.fired:
                out.append(f"rule `{rule.name}` (line {source.position(rule.span.start)[0]}) never fired")
        for c in self.conditions:
            outcomes = self.seen[id(c.expr)]
            if len(outcomes) < 2:
                text = " ".join(source.snippet(c.expr.span).split())
                line = source.position(c.expr.span.start)[0]
                never = "never true" if outcomes == {False} else "never false" if outcomes == {True} else "never decided"
                out.append(f"rule `{c.rule}` {c.place} `{text}` (line {line}) {never}")
        return out


def percent(covered: int, total: int) -> Fraction:
    """Coverage as an exact percentage (100 when there is nothing to cover)."""
    return Fraction(100) if total == 0 else Fraction(100 * covered, total)
