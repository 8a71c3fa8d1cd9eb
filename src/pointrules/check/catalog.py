"""The catalog pass: redemption, rewards and static guards."""

from __future__ import annotations

from typing import Any

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.report import Report, did_you_mean, q
from pointrules.check.scope import build
from pointrules.check.shares import check_item_share
from pointrules.check.types import Where, check_condition
from pointrules.diagnostics import Diagnostic
from pointrules.messages import Words, joined, listing, t
from pointrules.source import Source

# The guards a program may declare (docs/language.md, "Guards"): the return rate of an event, the
# points a member can earn in a day, and what one event of a kind can cost (``check KIND costs``).
RETURN_RATE = ("return", "rate")
DAILY_POINTS = ("points", "per", "member", "per", "day")
COSTS = "costs"
GUARD_EXAMPLES = ("check return rate at most 8%", "check points per member per day at most 20,000 points",
                  "check review costs at most 0.50 CNY")


def check_catalog(tree: s.Program, source: Source) -> list[Diagnostic]:
    """``redeem``, every ``reward`` and every ``check``."""
    scope = build(tree)
    r = Report(source, scope.currency)
    for d in tree.declarations:
        if isinstance(d, s.Redeem):
            _redeem(r, d)
            shares = [item for item in d.items if isinstance(item, s.RedeemItemShare)]
            for item in shares:
                check_item_share(r, scope, item, shares[0])
        elif isinstance(d, s.Reward):
            _reward(r, d, Where(None, None, scope.tiers, "reward"))
        elif isinstance(d, s.Guard):
            _guard(r, d, scope.events)
    return r.diagnostics


def _once(r: Report, seen: dict[object, Any], key: object, item: Any, what: Words | str, where: Words | str) -> None:
    if key in seen:
        r.add(r.keyword(item.span), "PR301", t("{what} is given more than once in {where}", what=what, where=where),
              help=t("keep one and remove the others"), notes=[r.first_at(what, seen[key].span)])
    else:
        seen[key] = item


def _redeem(r: Report, d: s.Redeem) -> None:
    seen: dict[object, Any] = {}
    for item in d.items:
        if isinstance(item, s.RedeemMinimum):
            _once(r, seen, "minimum", item, "`minimum`", "`redeem`")
            v.points(r, item.amount, t("a minimum"), "minimum 500 points")
        elif isinstance(item, s.RedeemMinimumOrder):
            _once(r, seen, "minimum order", item, "`minimum order`", "`redeem`")
            v.money(r, item.amount, t("a minimum order"), f"minimum order 100 {r.currency or 'CNY'}")
        elif isinstance(item, s.RedeemStep):
            _once(r, seen, "step", item, "`step`", "`redeem`")
            v.points(r, item.amount, t("a step"), "step 100 points")
        elif isinstance(item, s.RedeemShare):
            _once(r, seen, "share", item, "`at most … of order`", "`redeem`")
            v.percent(r, item.share, t("the share of an order"), "at most 50% of order")
        elif isinstance(item, s.RedeemItemShare):
            pass  # check_item_share, with the scope
        else:
            if v.period(r, item.period, v.PERIODS, t("a redemption limit")):
                _once(r, seen, item.period.text, item, v.limit_per(item.period.text), "`redeem`")
            v.points(r, item.amount, t("a redemption limit"), "at most 10,000 points per month")


def _reward(r: Report, d: s.Reward, where: Where) -> None:
    v.points(r, d.cost, t("a reward's cost"), f"reward {d.name.text} costs 500 points")
    if d.cash is not None:
        v.money(r, d.cash, t("the cash part of a reward"), f"costs 500 points + 9.90 {r.currency or 'CNY'}")
    seen: dict[object, Any] = {}
    here = t("reward {name}", name=q(d.name.text))
    for item in d.items:
        if isinstance(item, s.RewardLimit):
            v.times(r, item.count, t("a reward limit"), "limit 2 per month")
            if item.period is None:
                _once(r, seen, None, item, t("a limit for ever"), here)
            elif v.period(r, item.period, v.PERIODS, t("a reward limit")):
                _once(r, seen, item.period.text, item, v.limit_per(item.period.text), here)
        elif isinstance(item, s.RewardEligibility):
            _once(r, seen, "for", item, "`for`", here)
            check_condition(r, item.condition, where)
        elif isinstance(item, s.RewardWindow):
            _once(r, seen, "window", item, "`available from … to …`", here)
            v.window(r, item.start, item.end, here)
        else:
            _once(r, seen, "stock", item, "`stock`", here)
            v.count(r, item.count, t("a stock"))


def _guard(r: Report, d: s.Guard, kinds: Any) -> None:
    words = tuple(w.text for w in d.words)
    if words == RETURN_RATE:
        v.percent(r, d.bound, t("a return rate"), GUARD_EXAMPLES[0])
    elif words == DAILY_POINTS:
        v.points(r, d.bound, t("the points a member may earn in a day"), GUARD_EXAMPLES[1])
    elif len(words) == 2 and words[1] == COSTS and words[0] in kinds:
        example = f"check {words[0]} costs at most 0.50 {r.currency or 'CNY'}"
        if (v.money_unit(r, d.bound.unit, d.bound.span, t("what an event may cost"), example)
                and v.positive(r, d.bound.amount, t("what an event may cost"))):
            v.money_digits(r, d.bound.amount, d.bound.unit.text if d.bound.unit else None)
    else:
        span = d.words[0].span.cover(d.words[-1].span)
        known = listing((q(g) for g in GUARD_EXAMPLES), "")
        if len(words) == 2 and words[1] == COSTS:
            hint: Words = joined(t("{kind} is not an event kind of this program", kind=f"`{words[0]}`"),
                                 did_you_mean(words[0], kinds))
        else:
            hint = t("the checks known today are {checks}", checks=known)
        r.add(span, "PR323", t("unknown check {check}", check=q(' '.join(words))), help=hint)
