"""The compiled form of a program: rules grouped by event kind, conditions as closures, every
constant (factors, ratios, counter scopes, trim reasons, lot expiry) computed once.

Nothing here runs per event; ``core.py`` walks these structures.
"""

from __future__ import annotations

from decimal import Decimal

from pointrules import syntax as s
from pointrules.evaluate.award import Factor, Trim, Units
from pointrules.evaluate.caps import cap_scope, cap_why
from pointrules.evaluate.compiled.arith import ratio
from pointrules.evaluate.compiled.conditions import Compiler, Cond
from pointrules.evaluate.conditions import Observer
from pointrules.evaluate.trims import Cuts
from pointrules.program import model as m
from pointrules.program.resolve import resolve

LEVEL = 8  # the language level this evaluator implements (model.refuse_unimplemented)


class MultiplierPlan:
    """A multiplier: from a rule's ``multiply`` or a tier; ``fid`` keys the combined-factor cache."""

    __slots__ = ("cond", "factor", "fid", "including", "value")

    def __init__(self, factor: Factor, including: bool, cond: Cond | None, fid: int) -> None:
        self.factor = factor
        self.including = including
        self.cond = cond
        self.fid = fid
        self.value = factor.factor


class SpendPlan:
    """What a spend-based line counts: money, or with ``units`` set (``per unit of``) units of a count."""

    __slots__ = (
        "attr",
        "bd",
        "bn",
        "field",
        "is_list",
        "prorated",
        "record",
        "record_where",
        "units",
        "where",
        "whole",
    )

    def __init__(self, spend: m.SpendBase, points: Decimal, schema: m.Schema, program: m.Program,
                 compiler: Compiler) -> None:
        self.field = spend.field
        self.attr = spend.attr
        ftype = schema.fields.get(spend.field)
        record = program.records.get((ftype.record if ftype else None) or "")
        self.record = record
        self.is_list = ftype is not None and ftype.kind == "list"
        # `where` on a money field sees no record; on a list, each record in turn.
        self.where = compiler.optional(spend.where, schema, None)
        self.record_where = compiler.optional(spend.where, schema, record)
        self.bn, self.bd = ratio(spend.block)
        self.prorated = spend.prorated
        self.whole = not spend.prorated and self.bn == 1 and self.bd == 1  # per full 1 CNY: floor(amount)
        self.units: Units | None = None  # set: per unit of a count, not per money
        if spend.counts:
            self.units = Units(spend.field + (f".{spend.attr}" if spend.attr else ""), points, spend.block,
                               spend.counted_label)


class LadderPlan:
    """A ladder: its value as a closure, and each step's points as a ratio."""

    __slots__ = ("model", "ratios", "value")

    def __init__(self, ladder: m.Ladder, schema: m.Schema, compiler: Compiler) -> None:
        self.model = ladder
        self.value = compiler.value(ladder.value, schema, None)
        self.ratios = tuple(ratio(p) for p in ladder.points)


class EarnPlan:
    __slots__ = ("cond", "condition_label", "fixed", "given", "index", "ladder", "pd", "pn", "spend", "tier", "to")

    def __init__(self, index: int, earn: m.Earn, schema: m.Schema, program: m.Program, compiler: Compiler) -> None:
        self.index = index
        self.to = None if earn.to == "member" else earn.to
        self.cond = compiler.optional(earn.condition, schema)
        self.spend = SpendPlan(earn.spend, earn.points, schema, program, compiler) if earn.spend is not None else None
        self.pn, self.pd = ratio(earn.points)
        self.ladder = LadderPlan(earn.ladder, schema, compiler) if earn.ladder is not None else None
        self.given = earn.given  # the points field whose value the line pays (``earn beans``)
        self.fixed = self.ladder is None and self.given is None  # its points are pn/pd as written
        self.tier = earn.tier  # tier points: counted toward the tier, never a line
        self.condition_label = earn.condition_label  # what the line's explanation names it by


class LimitPlan:
    __slots__ = ("amount", "cuts", "kind", "limit", "period", "scope", "why")

    def __init__(self, rule: m.Rule, limit: m.Limit) -> None:
        self.limit = limit
        self.kind = limit.kind
        self.amount = limit.amount
        self.period = limit.period
        self.scope = f"rule:{rule.name}:{limit.kind}:{limit.period or 'ever'}"
        subject = rule.label or rule.name
        per = f"per {limit.period}" if limit.period else "in all"
        reason = f"`{subject}` pays at most {limit.amount:,} {limit.kind} {per}"
        self.why = Trim("limit", 0, 0, reason, subject, limit.amount, limit.kind, limit.period)
        self.cuts: Cuts = {}  # the records of its cuts, shared by the lines cut alike (trims.py)


class RulePlan:
    __slots__ = (
        "campaign",
        "cond",
        "earns",
        "label",
        "limits",
        "members_only",
        "mults",
        "name",
        "names",
        "payees",
        "rule",
        "validity",
    )

    def __init__(self, rule: m.Rule, validity: int) -> None:
        self.rule = rule
        self.name = rule.name
        self.label = rule.label
        self.names = frozenset({rule.name})
        self.campaign = rule.campaign
        self.validity = validity
        self.cond: Cond | None = None
        self.earns: tuple[EarnPlan, ...] = ()
        self.mults: tuple[MultiplierPlan, ...] = ()
        self.limits = tuple(LimitPlan(rule, limit) for limit in rule.limits)
        self.payees: tuple[str | None, ...] = ()  # each earn's `to` (None: the event's member), deduplicated
        self.members_only = True  # every earn pays the event's member (or the rule has none): it fires for them alone


class CapPlan:
    __slots__ = ("cuts", "per_event", "period", "points", "scope", "why")

    def __init__(self, cap: m.Cap) -> None:
        self.points = cap.points
        self.period = cap.period
        self.per_event = cap.period == "event"
        self.scope = cap_scope(cap)  # by what the cap is, not where it stands (evaluate/caps.py)
        self.why = cap_why(cap)
        self.cuts: Cuts = {}  # the records of its cuts, shared by the lines cut alike (trims.py)


class KindPlan:
    """Everything one event kind needs: its rules in program order and the caps that count it."""

    __slots__ = (
        "budgeted",
        "caps",
        "caps_last",
        "counted",
        "has_limits",
        "index",
        "members_only",
        "multiplied",
        "name",
        "plain",
        "rules",
        "spend_field",
        "tiered",
        "uses_builtins",
    )

    def __init__(self, name: str) -> None:
        self.name = name
        self.rules: tuple[RulePlan, ...] = ()
        # Rules whose `when` starts with `FIELD = "text"` (its leftmost `and` operand, which the
        # interpreter tests first) can only be active when the event's FIELD is that very text:
        # ``index`` finds them by the field's value; ``plain`` holds the others. None: no index.
        self.plain: tuple[tuple[int, RulePlan], ...] = ()
        self.index: dict[str, dict[str, list[tuple[int, RulePlan]]]] | None = None
        self.caps: tuple[CapPlan, ...] = ()
        # One cap, and no trim or point counter after it (no campaign budget, no limit of points):
        # its counter is counted as it trims, from the points that are then final.
        self.caps_last = False
        self.uses_builtins = False
        self.has_limits = False
        self.budgeted = False  # a rule of a campaign with a budget may be active
        self.counted = False  # whether tier qualification counts this kind's spend and purchases
        self.spend_field: str | None = None  # what tier qualification counts as spend
        self.members_only = True  # every earn of every rule pays the event's member
        self.multiplied = False  # a rule of the kind has a `multiply` of its own
        self.tiered = False  # a rule of the kind earns tier points


class Plan:
    """A program compiled for evaluation."""

    def __init__(self, program: m.Program, observe: Observer | None = None) -> None:
        m.refuse_unimplemented(program, "compiled", LEVEL)
        self.program = program
        compiler = Compiler(program, observe)
        self.validities: list[tuple[m.Duration | None, m.Expiry]] = []
        self.tier_mults = {t.name: MultiplierPlan(Factor(t.name, t.label, t.multiplier, None, None),
                                         t.multiplier_includes_bonuses, None, -1 - t.rank)
                           for t in program.tiers if t.multiplier != 1}
        self.tiers = {t.name: t for t in program.tiers}
        self.tier_names = program.tier_names  # what a condition may name (resolve.py)
        self.kinds: dict[str, KindPlan] = {}
        self.mults: dict[int, MultiplierPlan] = {mult.fid: mult for mult in self.tier_mults.values()}
        fid = 0
        rules_of: dict[str, list[RulePlan]] = {kind: [] for kind in program.events}
        flags: dict[str, bool] = {kind: False for kind in program.events}
        for rule in program.rules:
            schema = program.events.get(rule.event)
            if schema is None:
                continue  # a checked program names only declared kinds; nothing can match otherwise
            rule_plan = RulePlan(rule, self._validity(rule))
            compiler.uses_builtins = False
            rule_plan.cond = compiler.optional(rule.condition, schema)
            rule_plan.earns = tuple(EarnPlan(i, e, schema, program, compiler) for i, e in enumerate(rule.earns))
            mults = []
            for mult in rule.multipliers:
                factor = Factor(rule.name, rule.label, mult.factor, rule.name, rule.campaign)
                mults.append(MultiplierPlan(factor, mult.including_bonuses, compiler.optional(mult.condition, schema), fid))
                self.mults[fid] = mults[-1]
                fid += 1
            rule_plan.mults = tuple(mults)
            rule_plan.payees = tuple(dict.fromkeys(e.to for e in rule_plan.earns))
            rule_plan.members_only = rule_plan.payees in ((), (None,))
            flags[rule.event] = flags[rule.event] or compiler.uses_builtins
            rules_of[rule.event].append(rule_plan)
        for kind, schema in program.events.items():
            self.kinds[kind] = self._kind(kind, schema, rules_of[kind], flags[kind], indexed=observe is None)
        self.budgets = [(name, c.budget, f"campaign `{c.label or name}` budget of {c.budget:,} points", c.label or name)
                        for name, c in program.campaigns.items() if c.budget is not None]
        # A lot's rolling expiry comes from the first rule of its name, as the interpreter finds it.
        self.rolling: dict[str, m.Duration | None] = {}
        for rule in program.rules:
            if rule.name not in self.rolling:
                expiry = rule.expiry or program.expiry
                self.rolling[rule.name] = expiry.duration if expiry.kind == "inactive" else None
        self.campaign_names = tuple(program.campaigns)

    def _kind(self, kind: str, schema: m.Schema, rules: list[RulePlan], uses_builtins: bool, *, indexed: bool) -> KindPlan:
        """One event kind's rules, in program order, with the caps that count it."""
        program = self.program
        kind_plan = KindPlan(kind)
        kind_plan.rules = tuple(rules)
        if indexed:  # an observer sees every rule's condition decided, as the interpreter's does: no index
            _index(kind_plan, schema, self.tier_names)
        kind_plan.caps = tuple(CapPlan(cap) for cap in program.caps if not cap.kinds or kind in cap.kinds)
        kind_plan.uses_builtins = uses_builtins
        kind_plan.has_limits = any(rule_plan.limits for rule_plan in kind_plan.rules)
        kind_plan.members_only = all(rule_plan.members_only for rule_plan in kind_plan.rules)
        kind_plan.multiplied = any(rule_plan.mults for rule_plan in kind_plan.rules)
        budgeted = {name for name, c in program.campaigns.items() if c.budget is not None}
        kind_plan.budgeted = any(rule_plan.campaign in budgeted for rule_plan in kind_plan.rules)
        kind_plan.tiered = any(earn_plan.tier for rule_plan in kind_plan.rules for earn_plan in rule_plan.earns)
        kind_plan.caps_last = len(kind_plan.caps) == 1 and not kind_plan.budgeted and not any(
            limit_plan.kind == "points" for rule_plan in kind_plan.rules for limit_plan in rule_plan.limits)
        if program.tier_policy.qualification is not None:
            kind_plan.counted, kind_plan.spend_field = program.tier_policy.qualification.counted_field(kind)
        return kind_plan

    def _validity(self, rule: m.Rule) -> int:
        key = (rule.pending or self.program.pending, rule.expiry or self.program.expiry)
        if key not in self.validities:
            self.validities.append(key)
        return self.validities.index(key)



def _key(expr: s.Expr | None, schema: m.Schema, tiers: tuple[str, ...]) -> tuple[str, str] | None:
    """(field, text) when the condition's leftmost ``and`` operand is ``FIELD = "text"``."""
    while isinstance(expr, s.Binary) and expr.op == "and":
        expr = expr.left
    if not (isinstance(expr, s.Binary) and expr.op == "=" and isinstance(expr.left, s.Ref)
            and expr.left.attr is None and isinstance(expr.right, s.Text)):
        return None
    meaning = resolve(expr.left.name.text, event=schema, record=None, tiers=tiers)
    if meaning is None or meaning.kind != "field":
        return None
    return expr.left.name.text, expr.right.value


def _index(kind_plan: KindPlan, schema: m.Schema, tiers: tuple[str, ...]) -> None:
    """Index a kind's rules by their leading `FIELD = "text"` test when that spares real work."""
    keys = [_key(rule_plan.rule.condition, schema, tiers) for rule_plan in kind_plan.rules]
    if sum(k is not None for k in keys) < _INDEX_FROM:
        return
    plain = []
    index: dict[str, dict[str, list[tuple[int, RulePlan]]]] = {}
    for position, (rule_plan, key) in enumerate(zip(kind_plan.rules, keys)):
        if key is None:
            plain.append((position, rule_plan))
        else:
            index.setdefault(key[0], {}).setdefault(key[1], []).append((position, rule_plan))
    kind_plan.plain, kind_plan.index = tuple(plain), index


_INDEX_FROM = 8  # rules with a leading text test; below this, testing them all is as cheap
