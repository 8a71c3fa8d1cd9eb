"""Lint rules: what is legal but likely wrong. They run on a program the checker accepted.

Each rule has a stable code (PR5xx), a default severity, and a rationale and fix in
docs/diagnostics.md. Severities can be changed or rules switched off in configuration
(`[tool.pointrules.lint]`), and single findings silenced with `# pointrules: ignore[PR5xx] reason`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from pointrules import syntax as s
from pointrules.check.satisfy import never_holds, never_together
from pointrules.check.values import PER_PERIOD
from pointrules.diagnostics import Diagnostic, make
from pointrules.formatter import expr, shape
from pointrules.messages import Text, Words, t
from pointrules.program import model as m
from pointrules.program.wordable import Place, labelled, unlabelled_fields, unworded
from pointrules.source import Source, Span

MULTIPLIER_SANE_BOUND = Decimal(10)
CASES_SUFFIX = ".cases.toml"

Lint = Callable[[m.Program, "LintContext"], Iterator[Diagnostic]]


class LintContext:
    """What a lint may know beyond the program: the day it runs and the program's file."""

    def __init__(self, today: dt.date | None = None, path: Path | None = None) -> None:
        self.today = today or dt.date.today()
        self.path = path


def _d(p: m.Program, span: Span, code: str, message: Text, help: Text, notes: tuple[Text, ...] = ()) -> Diagnostic:
    from pointrules.codes import CODES

    return make(p.source, span, code, message, help=help, notes=notes, severity=CODES[code].severity)


# a cap's period as PR505 says it: "per day", "per event"

def never_fires(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR501: a rule whose campaign has ended, or whose conditions can never hold (check/satisfy.py:
    over the values they compare and the days its campaign runs); a line of a rule that never pays."""
    for r in p.rules:
        c = p.campaigns.get(r.campaign) if r.campaign else None
        last = _last_day(c) if c is not None else None
        if c is not None and last is not None and last < ctx.today:
            yield _d(p, r.span, "PR501", t("rule `{rule}` can never fire: campaign `{campaign}` ended on {day}", rule=r.name,
                                           campaign=c.name, day=last),
                     t("remove the campaign or give it new dates"))
            continue
        why = never_holds(p, r.event, [r.condition], c)
        if why is not None:
            yield _d(p, r.span, "PR501", t("rule `{rule}` can never fire: {why}", rule=r.name, why=why), _never_help(why))
            continue
        for line, what in [(e, "earn") for e in r.earns] + [(x, "multiply") for x in r.multipliers]:
            why = never_holds(p, r.event, [r.condition, line.condition], c) if line.condition is not None else None
            if why is not None:
                yield _d(p, line.span, "PR501", t("this `{what}` of rule `{rule}` can never apply: {why}", what=what,
                                                  rule=r.name, why=why),
                         _never_help(why))


def _never_help(why: Words | str) -> Text:
    if str(why).startswith("campaign "):
        return t("change the rule's date condition or the days the campaign runs")
    return t("one of the comparisons is probably a typo (did you mean `or`?), or the rule is not needed")


def outdone_multiplier(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR516: with `multipliers stack by best` only the largest factor applies, so a multiplier is
    shadowed where another at least as large applies whenever it does (every condition of its own
    implies the other's, check/satisfy.py); the other's rule must have no limit and no campaign of
    its own, which could take its factor away."""
    if p.stacking != "best":
        return
    every = [(r, x) for r in p.rules for x in r.multipliers]
    for i, (r, x) in enumerate(every):
        c = p.campaigns.get(r.campaign) if r.campaign else None
        for j, (other, y) in enumerate(every):
            if (y is x or other.event != r.event or y.factor < x.factor or other.limits
                    or (other.campaign is not None and other.campaign != r.campaign)
                    or (x.including_bonuses and not y.including_bonuses)):
                continue
            if never_together(p, r.event, [r.condition, x.condition], _both(other.condition, y.condition), c):
                if j > i and y.factor == x.factor and not r.limits and x.including_bonuses == y.including_bonuses \
                        and r.campaign == other.campaign \
                        and never_together(p, r.event, [other.condition, y.condition], _both(r.condition, x.condition), c):
                    continue  # the same factor whenever the other applies: the later one is named, once
                yield _d(p, x.span, "PR516",
                         t("`multiply {factor}` of rule `{rule}` never changes an award: `multiply {other_factor}` "
                           "of rule `{other}` applies whenever it does, and only the largest factor counts",
                           factor=x.factor, rule=r.name, other_factor=y.factor, other=other.name),
                         t("remove it, raise its factor above the other, or give it a condition of its own"),
                         (t("rule `{rule}` is at line {line}", rule=other.name,
                            line=p.source.position(other.span.start)[0]),))
                break


def _both(a: s.Expr | None, b: s.Expr | None) -> s.Expr | None:
    if a is None or b is None:
        return a or b
    return s.Binary(op="and", left=a, right=b, span=a.span)


def _last_day(c: m.Campaign) -> dt.date | None:
    """The campaign's last possible day, or None when it recurs without end."""
    if c.window is not None:
        return c.window[1]
    if c.dates and not (c.weekdays or c.month_days or c.year_days or c.year_ranges):
        return max(c.dates)
    return None


def same_award_twice(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR502: two rules on the same event, under the same conditions, earning the same way."""
    seen: dict[object, m.Rule] = {}
    for r in p.rules:
        if not r.earns:
            continue
        key = (r.event, r.campaign, shape(r.condition), tuple((e.points, shape(e.spend), e.to, shape(e.condition)) for e in r.earns))
        if key in seen:
            first = seen[key]
            yield _d(p, r.span, "PR502", t("rules `{first}` and `{rule}` award the same points for the same thing",
                                           first=first.name, rule=r.name),
                     t("remove one of them, or give `{rule}` its own condition", rule=r.name),
                     (t("`{rule}` is at line {line}", rule=first.name, line=p.source.position(first.span.start)[0]),))
        else:
            seen[key] = r


def unbounded_campaign(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR503: a campaign with neither an end date nor a budget costs without limit."""
    for c in p.campaigns.values():
        if _last_day(c) is None and c.budget is None:
            yield _d(p, c.span, "PR503", t("campaign `{campaign}` has neither an end date nor a budget", campaign=c.name),
                     t("add `from DATE to DATE` or `budget N points`, or silence this with a comment "
                       "`# pointrules: ignore[PR503] why it may run forever`"))


def wild_multiplier(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR504: a multiplier above 10 is almost always a typo (15 for 1.5)."""
    for r in p.rules:
        for mult in r.multipliers:
            if mult.factor > MULTIPLIER_SANE_BOUND:
                yield _d(p, mult.span, "PR504", t("multiplier ×{factor} in rule `{rule}` is above ×{bound}",
                                                  factor=mult.factor, rule=r.name, bound=MULTIPLIER_SANE_BOUND),
                         t("check the number: did you mean a smaller factor, like 1.5?"))
    for tier in p.tiers:
        if tier.multiplier > MULTIPLIER_SANE_BOUND:
            yield _d(p, tier.span, "PR504", t("tier `{tier}` multiplies by ×{factor}, above ×{bound}", tier=tier.name,
                                              factor=tier.multiplier, bound=MULTIPLIER_SANE_BOUND),
                     t("check the number: did you mean a smaller factor, like 1.5?"))


def cap_below_award(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR505: a cap lower than one flat award of a rule it covers cuts every such award."""
    for cap in p.caps:
        for r in p.rules:
            if cap.kinds and r.event not in cap.kinds:
                continue
            for e in r.earns:
                if e.spend is None and e.condition is None and e.points > cap.points:
                    yield _d(p, cap.span, "PR505",
                             t("this cap of {cap:,} points {per} is lower than the {points:,} points rule `{rule}` "
                               "always awards", cap=cap.points, per=PER_PERIOD[cap.period],
                               points=e.points, rule=r.name),
                             t("raise the cap or lower the award"),
                             (t("rule `{rule}` is at line {line}", rule=r.name, line=p.source.position(r.span.start)[0]),))


def tier_multipliers_fall(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR506: a higher tier that multiplies less than the tier below it."""
    for lower, higher in zip(p.tiers, p.tiers[1:]):
        if higher.multiplier < lower.multiplier:
            yield _d(p, higher.span, "PR506",
                     t("tier `{higher}` multiplies by ×{factor}, less than `{lower}` below it (×{lower_factor})",
                       higher=higher.name, factor=higher.multiplier, lower=lower.name, lower_factor=lower.multiplier),
                     t("order tiers from the lowest to the highest, with rising multipliers"))


def expiry_missing(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR507: no expiry declared; points would live forever by accident."""
    declared = any(isinstance(d, s.EXPIRIES)
                   for d in p.syntax.declarations)
    if not declared:
        first = p.syntax.declarations[0].span if p.syntax.declarations else Span(0, 0)
        yield _d(p, first, "PR507", t("the program does not say when points expire"),
                 t("add `expire at end of next year` (or any expiry), or `expire never` if points should last forever"))


def redeem_missing(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR520: without a `redeem` block points pay for no order (they paid up to 100% of one before
    issue 13): the marketer says which."""
    if p.redeem is None:
        first = p.syntax.declarations[0].span if p.syntax.declarations else Span(0, 0)
        yield _d(p, first, "PR520", t("points pay for no order: the program has no `redeem` block"),
                 t("add `redeem {{ at most 100% of order }}` (or a smaller share) to let points pay for orders, or "
                   "`# pointrules: ignore[PR520] why` when the rewards are the only way to use them"),
                 (t("before issue 13 a program without `redeem` let points pay an order in full"),))


def cases_missing(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR508: a program without example cases beside it is untested."""
    if ctx.path is None:
        return
    cases = ctx.path.with_suffix(CASES_SUFFIX)
    if not cases.exists():
        first = p.syntax.declarations[0].span if p.syntax.declarations else Span(0, 0)
        yield _d(p, first, "PR508", t("no example cases for this program (looked for `{file}`)", file=cases.name),
                 t("write example cases in `{file}` and run `pointrules test`", file=cases.name))


def label_missing(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR509: members read labels in explanations, statements and the points mall."""
    for r in p.rules:
        if r.label is None and r.earns:
            yield _d(p, r.span, "PR509", t("rule `{name}` has no label for members to read", name=r.name),
                     t("add one after the name: {example}", example=f'`rule {r.name} "…" on {r.event}`'))
    for tier in p.tiers:
        if tier.label is None and len(p.tiers) > 1:
            yield _d(p, tier.span, "PR509", t("tier `{name}` has no label for members to read", name=tier.name),
                     t("add one after the name: {example}", example=f'`{tier.name} "…"`'))
    for c in p.campaigns.values():
        if c.label is None:
            yield _d(p, c.span, "PR509", t("campaign `{name}` has no label for members to read", name=c.name),
                     t("add one after the name: {example}", example=f'`campaign {c.name} "…"`'))
    for w in p.rewards.values():
        if w.label is None:
            yield _d(p, w.span, "PR509", t("reward `{name}` has no label for members to read", name=w.name),
                     t("add one after the name: {example}", example=f'`reward {w.name} "…" costs …`'))


def condition_unworded(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR514: members read every condition in the terms (`pointrules explain`); one that cannot be
    worded without code (arithmetic, a text, an unlabelled field) needs a label."""
    for r in p.rules:
        at = Place(p, p.events.get(r.event))
        found = [(r.condition, r.condition_label, "when")]
        found += [(e.condition, e.condition_label, "when") for e in r.earns]
        found += [(x.condition, x.condition_label, "when") for x in r.multipliers]
        for e in r.earns:
            if e.spend is not None and e.spend.where is not None:
                record = p.records.get(at.event.fields[e.spend.field].record or "") if at.event else None
                yield from _unworded(p, e.spend.where, e.spend.where_label, Place(p, at.event, record), "where")
        for cond, label, word in found:
            yield from _unworded(p, cond, label, at, word)
    for w in p.rewards.values():
        yield from _unworded(p, w.eligibility, w.eligibility_label, Place(p, None), "for")
    if p.redeem is not None:
        for x in p.redeem.item_shares:
            yield from _unworded(p, x.where, x.where_label, Place(p, None, p.records[x.record]), "where")


def field_unnamed(p: m.Program, ctx: LintContext) -> Iterator[Diagnostic]:
    """PR514 too: a field the terms name (what points per unit count, what a ladder steps by, who
    else earns) is named by its label; without one the terms can only say units, value, another
    member."""
    for r in p.rules:
        event = p.events.get(r.event)
        for e in r.earns:
            named = []
            if e.spend is not None and e.spend.counts and e.spend.attr is None and e.spend.where is None:
                named.append(e.spend.field)
            if e.ladder is not None and isinstance(e.ladder.value, s.Ref) and e.ladder.value.attr is None:
                named.append(e.ladder.value.name.text)
            if e.to != "member":
                named.append(e.to)
            for name in named:
                schema = event if event is not None and name in event.fields else p.profile
                if schema is not None and name in schema.fields and name not in schema.labels:
                    yield _d(p, e.span, "PR514", t("the terms cannot name `{name}` without its label", name=name),
                             t('label the field where it is declared: `{name} "…": …`, in the words members read',
                               name=name))


def _unworded(p: m.Program, cond: s.Expr | None, label: str | None, at: Place, word: str) -> Iterator[Diagnostic]:
    part = None if cond is None or label else unworded(cond, at)
    if cond is None or part is None:
        return
    whole = expr(cond)
    fields = unlabelled_fields(part, at)
    if fields and unworded(part, labelled(at)) is not None:
        fields = []  # labelling the fields would not word it either (arithmetic, a text)
    notes = (t('or label the field where it is declared: `{field} "…": …`', field=fields[0]),) if fields else ()
    yield _d(p, part.span, "PR514", t("the terms cannot word `{part}` without code", part=expr(part)),
             t('label the condition: `{word} {whole} "…"`, in the words members read', word=word, whole=whole), notes)


LINTS: list[Lint] = [
    never_fires, same_award_twice, unbounded_campaign, wild_multiplier, cap_below_award,
    tier_multipliers_fall, expiry_missing, cases_missing, label_missing, redeem_missing, condition_unworded,
    field_unnamed, outdone_multiplier,
]


def lint(program: m.Program, ctx: LintContext | None = None) -> list[Diagnostic]:
    """Every lint finding for a checked program, in source order."""
    ctx = ctx or LintContext()
    found = [d for rule in LINTS for d in rule(program, ctx)]
    return sorted(found, key=lambda d: (d.line, d.column, d.code))


def lint_source(source: Source, path: Path | None = None, today: dt.date | None = None,
                provers: Sequence[Callable[[m.Program], list[Diagnostic]]] = ()) -> list[Diagnostic]:
    """Checker diagnostics and, when the program has no error, the lint findings too, and those of
    each of ``provers`` (``pointrules.guards.prove``: a later stage, passed in by the caller)."""
    from pointrules import analyse

    program, diagnostics = analyse(source)
    if program is not None:
        diagnostics = diagnostics + lint(program, LintContext(today, path))
        for prover in provers:
            diagnostics = diagnostics + prover(program)
    return sorted(diagnostics, key=lambda d: (d.line, d.column, d.code))
