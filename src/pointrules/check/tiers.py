"""The tiers pass: tier names, qualification, thresholds in order and in the metric's unit,
multipliers and the downgrade and keep policies."""

from __future__ import annotations

from decimal import Decimal

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.counted import check_counted
from pointrules.check.lifetime import check_lifetime
from pointrules.check.report import Report, one_of, q
from pointrules.check.scope import currency_of
from pointrules.diagnostics import Diagnostic
from pointrules.messages import t
from pointrules.source import Source

METRICS = ("spend", "points", "purchases", "tier points")
ASSESSED = ("month", "quarter", "half-year", "year")  # `assess at end of PERIOD`
_PURCHASES = {"purchase", "purchases"}


def check_tiers(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Every ``tiers`` declaration (a second one is PR301's, from the header pass)."""
    r = Report(source, currency_of(tree))
    for d in tree.declarations:
        if isinstance(d, s.Tiers):
            _tiers(r, d)
            if d.qualification is not None:
                check_counted(r, tree, d.qualification)
    _tier_points(r, tree)
    return r.diagnostics


def _tiers(r: Report, d: s.Tiers) -> None:
    if not d.tiers:
        r.add(r.keyword(d.span), "PR313", t("`tiers` lists no tier"),
              help=t("list the tiers lowest first, like `tiers {{ member  silver multiplier 1.2 }}`"))
    metric = _qualification(r, d.qualification) if d.qualification is not None else None
    previous: tuple[s.Tier, Decimal] | None = None
    own: dict[int, Decimal] = {}
    for i, tier in enumerate(d.tiers):
        mults = [b for b in tier.benefits if isinstance(b, s.TierMultiplier)]
        for extra in mults[1:]:
            r.add(r.keyword(extra.span), "PR301", t("tier {tier} has more than one multiplier", tier=q(tier.name.text)),
                  help=t("keep one multiplier per tier"), notes=[r.first_at(t("its multiplier"), mults[0].span)])
        for mult in mults:
            v.factor(r, mult.factor, t("a tier multiplier"))
        value = _threshold(r, d, tier, metric)
        if value is None:
            continue
        own[i] = value
        if i == 0 and value != 0:
            r.add(tier.threshold.span if tier.threshold else tier.span, "PR318",
                  t("the lowest tier {tier} starts at {threshold}, not 0", tier=q(tier.name.text), threshold=q(_raw(tier))),
                  help=t("members below it would have no tier; start the lowest tier at 0"),
                  notes=[t("tiers are listed lowest first")])
        if previous is not None and value <= previous[1]:
            before = previous[0]
            r.add(tier.threshold.span if tier.threshold else tier.span, "PR317",
                  t("tier {tier} starts at {threshold}, not above {before} at {before_threshold}", tier=q(tier.name.text),
                    threshold=q(_raw(tier)), before=q(before.name.text), before_threshold=q(_raw(before))),
                  help=t("list the tiers lowest first, each threshold higher than the one before"),
                  notes=[t("tier {tier} is on line {line}", tier=q(before.name.text), line=r.line(before.span))])
        previous = (tier, value)
    check_lifetime(r, d, lambda th, tier: _amount(r, th, tier, metric) if metric is not None else None, own)
    _policies(r, d)


def _raw(tier: s.Tier) -> str:
    th = tier.threshold
    assert th is not None
    return f"{th.amount.raw} {th.unit.text}" if th.unit else th.amount.raw


def _qualification(r: Report, qual: s.Qualification) -> str | None:
    """The metric when it is known (PR314 otherwise); checks the window."""
    w = qual.window
    if w.kind == "last" and w.unit is not None:
        counted = w.count is None or v.count(r, w.count, t("a qualification window"))
        if w.unit.text not in v.UNITS:
            r.add(w.unit.span, "PR311", t("unknown period {period} for {what}", period=q(w.unit.text),
                                          what=t("a qualification window")),
                  help=r.did_you_mean(w.unit.text, v.DURATION_UNITS) or v.write_like("over last 12 months"))
        elif counted and w.count is not None:
            v.at_most_100_years(r, w.count, w.unit, w.span, t("a qualification window"),
                                help=t("qualify over a window of a few years at most, like `over last 12 months`, "
                                       "or over the member's whole history: `over lifetime`"))
    elif w.unit is not None:
        v.period(r, w.unit, ("week", "month", "quarter", "half-year", "year"), t("a qualification window"))
    if qual.metric.text in METRICS:
        return qual.metric.text
    r.add(qual.metric.span, "PR314", t("tiers cannot be qualified by {metric}", metric=q(qual.metric.text)),
          help=r.did_you_mean(qual.metric.text, METRICS) or t("qualify by {options}", options=one_of(METRICS)))
    return None


def _threshold(r: Report, d: s.Tiers, tier: s.Tier, metric: str | None) -> Decimal | None:
    """The tier's threshold when it is valid for the metric, else None (reported)."""
    th = tier.threshold
    if d.qualification is None:
        if th is not None:
            r.add(th.span, "PR316", t("tier {tier} has a threshold but the tiers have no qualification",
                                      tier=q(tier.name.text)),
                  help=t("add one, like `tiers by spend over last 12 months {{ … }}`, or remove the threshold"),
                  notes=[t("without a qualification the host application assigns tiers and thresholds are ignored")])
        return None
    if th is None:
        r.add(tier.name.span, "PR315", t("tier {tier} has no threshold", tier=q(tier.name.text)),
              help=t("say where it starts, like {example}", example=q(f"{tier.name.text} from {_example(r, metric)}")))
        return None
    if metric is None:
        return None
    return _amount(r, th, tier, metric)


def _amount(r: Report, th: s.Quantity, tier: s.Tier, metric: str) -> Decimal | None:
    """A threshold's amount when its unit and digits fit the metric, else None (reported)."""
    unit = v.unit_text(th)
    if metric == "spend":
        if not v.money_unit(r, th.unit, th.span, t("a spend threshold"), f"{tier.name.text} from {_example(r, metric)}"):
            return None
        if not v.money_digits(r, th.amount, unit):
            return None
    else:
        allowed = v.POINTS_UNITS if metric in ("points", "tier points") else _PURCHASES
        if unit not in allowed:  # a bare number would take the next tier's name as its unit
            found = q(unit or "") if unit else t("no unit")
            r.add(th.unit.span if th.unit else th.span, "PR206",
                  t("tiers by {metric} start at a number of {metric}, found {found}", metric=metric, found=found),
                  help=v.write_like(f"{tier.name.text} from {_example(r, metric)}"))
            return None
        if not v.whole(r, th.amount, t("a threshold")):
            return None
    return th.amount.value


def _example(r: Report, metric: str | None) -> str:
    return {"points": "5,000 points", "tier points": "20,000 points", "purchases": "12 purchases"}.get(
        metric or "", f"2,000 {r.currency or 'CNY'}")


def _policies(r: Report, d: s.Tiers) -> None:
    first: dict[type, s.Downgrade | s.KeepTier | s.Assess] = {}
    for p in d.policies:
        word = "downgrade" if isinstance(p, s.Downgrade) else "assess" if isinstance(p, s.Assess) else "keep tier"
        if type(p) in first:
            r.add(r.keyword(p.span), "PR301", t("{what} is given more than once", what=f"`{word}`"),
                  help=t("keep one and remove the others"), notes=[r.first_at(f"`{word}`", first[type(p)].span)])
        first.setdefault(type(p), p)
        if isinstance(p, s.KeepTier):
            v.duration(r, p.duration, t("keeping a tier"), "keep tier for 12 months")
        if isinstance(p, s.Assess) and p.period is not None:
            v.period(r, p.period, ASSESSED, t("assessing tiers"))
        if d.qualification is None:
            r.add(r.keyword(p.span), "PR319", t("`{word}` has no effect: the tiers have no qualification", word=word),
                  help=t("add one, like `tiers by spend over last 12 months {{ … }}`, or remove this line"),
                  notes=[t("without a qualification the host application assigns tiers")])


def _tier_earns(tree: s.Program) -> list[s.Earn]:
    rules = [d for d in tree.declarations if isinstance(d, s.Rule)]
    rules += [x for d in tree.declarations if isinstance(d, s.Campaign) for x in d.rules]
    return [st for x in rules for st in x.statements if isinstance(st, s.Earn) and st.tier]


def _tier_points(r: Report, tree: s.Program) -> None:
    """PR364: tier points no tier counts; PR365: tiers by tier points that no rule earns."""
    tiers = next((d for d in tree.declarations if isinstance(d, s.Tiers)), None)
    qual = tiers.qualification if tiers is not None else None
    by_tier_points = qual is not None and qual.metric.text == "tier points"
    earns = _tier_earns(tree)
    if not by_tier_points:
        for earn in earns:
            r.add(r.keyword(earn.span), "PR364", t("tier points that no tier counts"),
                  help=t("qualify tiers by them, like `tiers by tier points over last 12 months {{ … }}`, "
                         "or earn ordinary points"),
                  notes=[t("tier points are never spent: only `tiers by tier points` reads them")])
    elif not earns:
        assert qual is not None
        r.add(qual.metric.span, "PR365", t("tiers by tier points, but no rule earns tier points"),
              help=t("earn them in a rule, like `earn 1 tier point per 1 CNY of amount`"),
              notes=[t("without them every member stays in the lowest tier")])
