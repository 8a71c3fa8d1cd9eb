"""A program as terms and conditions a member can read, in any of LANGS: `pointrules explain`.

One walk over the program, section by section: value, earning rules, tiers, campaigns, caps, expiry,
redeeming, rewards. Conditions are worded by conditions.py, never shown as code; fields, event kinds
and tiers are named by their labels.
"""

from __future__ import annotations

from decimal import Decimal

from pointrules.diagnostics import safe, safe_lines
from pointrules.program import model as m
from pointrules.program.schedule import first_clash
from pointrules.program.wordable import Place, subject
from pointrules.syntax.expressions import Expr
from pointrules.wording import vocabulary
from pointrules.wording.catalogue import TermsPhrases, number, plural
from pointrules.wording.conditions import condition, money, subject_words


def _say(program: m.Program, lang: str) -> TermsPhrases:
    """The terms' phrases in ``lang``, the points called as the program calls them."""
    return vocabulary(lang, program.points_names.get(lang)).terms


def terms(program: m.Program, lang: str = "en") -> str:
    """The whole program in sentences."""
    say = _say(program, lang)
    p = program
    out = [say["title"].format(program=safe(p.name)), ""]
    value = say["value"].format(points=number(p.value_points), money=number(p.value_money),
                                currency=_currency(p, say))
    out += [value, ""]
    if p.profile is not None:  # what the program reads of a member's profile, so a member knows
        named = [safe(x) for x in p.profile.labels.values()]
        out += [say["profile"].format(fields=say["list_separator"].join(named)) if named
                else say["profile_unnamed"], ""]
    out.append(say["earning"])
    for r in p.rules:
        if not r.campaign:
            out.extend(_rule(p, r, say))
    if len(p.tiers) > 1:
        out += ["", say["tiers"], *_tiers(p, say)]
    if p.campaigns:
        out += ["", say["campaigns"], *_campaigns(p, say)]
    out += ["", say["caps"], *_caps(p, say)]
    out += ["", say["expiry"], _expiry(p.expiry, say)]
    if p.pending:
        out.append(say["pending"].format(duration=_duration(p.pending, say)))
    out += ["", say["redeeming"], _redeem(p, p.redeem, say) if p.redeem else say["redeem_none"]]
    if p.rewards:
        out += ["", say["rewards"], *_rewards(p, say)]
    return safe_lines("\n".join(out) + "\n")  # every label and quoted text shown safely


def _name(label: str | None, name: str) -> str:
    return safe(label) if label else name


def _duration(d: m.Duration, say: TermsPhrases) -> str:
    return say["duration"].format(count=d.count, unit=plural(say["units"][d.unit], d.count))


def _currency(p: m.Program, say: TermsPhrases) -> str:
    return say["currencies"].get(p.currency, p.currency)


def _when(e: Expr | None, label: str | None, at: Place, say: TermsPhrases) -> str:
    return say["when"].format(condition=condition(e, label, at, say)) if e is not None else ""


def _multiplier(factor: Decimal, bonuses: bool, say: TermsPhrases) -> str:
    return say["spending_multiplier"].format(factor=number(factor), bonuses=say["bonuses_too"] if bonuses else "")


def _rule(p: m.Program, r: m.Rule, say: TermsPhrases) -> list[str]:
    on = p.events[r.event].label or r.event
    at = Place(p, p.events[r.event])
    parts = [_earn(at, e, say) for e in r.earns]
    parts += [_multiplier(x.factor, x.including_bonuses, say) + _when(x.condition, x.condition_label, at, say)
              for x in r.multipliers]
    lines = [say["rule"].format(name=_name(r.label, r.name), event=safe(on),
                                condition=_when(r.condition, r.condition_label, at, say),
                                parts=say["semicolon"].join(parts))]
    for lim in r.limits:
        if lim.kind == "times":
            what = plural(say["limit_times"], lim.amount).format(count=lim.amount)
        else:
            what = say["limit_points"].format(points=number(lim.amount))
        if lim.period:
            lines.append(say["limit_per"].format(what=what, period=say["periods"][lim.period]))
        else:
            lines.append(say["limit_ever"].format(what=what))
    return lines


def _earn(at: Place, e: m.Earn, say: TermsPhrases) -> str:
    p = at.program
    points = plural(say["earn_tier_points" if e.tier else "earn_points"], e.points).format(points=number(e.points))
    if e.given is not None:  # the points an event field carries, up to its maximum
        assert at.event is not None
        points = say["earn_given"].format(maximum=number(at.event.fields[e.given].maximum or 0))
    if e.ladder is not None:
        points = _ladder(at, e.ladder, say)
    text = points if e.spend is None else _spend(at, e.spend, points, say)
    if e.to != "member":
        from_profile = p.profile is not None and e.to in p.profile.fields
        schema = p.profile if from_profile else at.event
        label = schema.labels.get(e.to) if schema is not None else None
        if label is None:
            text += say["earn_to_other"]
        else:
            text += say["earn_to_profile" if from_profile else "earn_to"].format(to=safe(label))
    return text + _when(e.condition, e.condition_label, at, say)


def _ladder(at: Place, ladder: m.Ladder, say: TermsPhrases) -> str:
    """Every step from its start (5 from 1, 10 from 2 …); a ladder by money says the amount the
    member paid, by its field's label or as the order amount, and each start in money."""
    stepped, spend = subject(ladder.value, at), ladder.money  # money: the checker says (check/lower.py)
    if stepped is None:
        what = say["ladder_any"]
    elif stepped.kind == "money" and stepped.label is None:
        what = say["ladder_spend"]  # the event's amount: 消费金额, the order amount
    else:
        what = subject_words(stepped, at, say)
    currency = at.program.currency
    steps = say["list_separator"].join(
        say["ladder_step_money" if spend else "ladder_step"].format(
            points=number(p), start=money(s, currency, say) if spend else number(s))
        for s, p in zip(ladder.starts, ladder.points))
    return say["earn_ladder"].format(what=what, steps=steps)


def _spend(at: Place, sp: m.SpendBase, points: str, say: TermsPhrases) -> str:
    """Points per money or per unit: the part of the order counted by its `where`'s label or its
    field's, never by name."""
    record = None
    if at.event is not None and sp.field in at.event.fields:
        record = at.program.records.get(at.event.fields[sp.field].record or "")
    where = None
    if sp.where is not None:
        inner = Place(at.program, at.event, record)
        worded = condition(sp.where, sp.where_label, inner, say)
        where = say["spend_any"] if worded == say["conditions"]["unworded"] else worded
    every = say["every"] if sp.prorated else say["every_full"]
    if sp.counts:
        schema = record if sp.attr is not None else at.event
        label = schema.labels.get(sp.attr or sp.field) if schema is not None else None
        what = where or (say["units_of"].format(what=safe(label)) if label else say["units_any"])
        return plural(say["earn_units"], sp.block).format(points=points, every=every, block=number(sp.block),
                                                          spend=what)
    on = say["spend_on"].format(where=where) if where else ""
    return say["earn_spend"].format(points=points, every=every, money=money(sp.block, at.program.currency, say),
                                    on=on)


def _tiers(p: m.Program, say: TermsPhrases) -> list[str]:
    out = [f"- {_tier(p, t, say)}" for t in p.tiers]
    q = p.tier_policy.qualification
    if q is not None and q.counts:
        kinds = [_name(p.events[kind].label, kind) for kind, _ in q.counts]
        out.append(say["tier_counted"].format(kinds=say["list_separator"].join(kinds)))
    if q is None:
        out.append(say["tier_set_by_us"])
    elif p.tier_policy.downgrade == "one level":
        out.append(say["tier_down_one"])
    if p.tier_policy.keep:
        out.append(say["tier_kept"].format(duration=_duration(p.tier_policy.keep, say)))
    assess = p.tier_policy.assess
    if assess == "anniversary":
        out.append(say["tier_assessed_anniversary"])
    elif assess is not None:
        out.append(say["tier_assessed"].format(period=say["periods"][assess]))
    return out


def _tier(p: m.Program, t: m.Tier, say: TermsPhrases) -> str:
    parts = []
    q = p.tier_policy.qualification
    if q is not None and t.threshold is not None:
        window = say["tier_windows"][q.window_kind]
        if q.window is not None:
            window = window.format(duration=_duration(q.window, say), period=say["periods"][q.window.unit])
        threshold = say["tier_threshold"].format(metric=_tier_metric(p, q.metric, t.threshold, say), window=window)
        if t.lifetime_threshold is not None:  # lifetime status: `or 1,000,000 points over lifetime`
            threshold += say["tier_lifetime"].format(metric=_tier_metric(p, q.metric, t.lifetime_threshold, say))
        parts.append(threshold)
    if t.multiplier != 1:
        parts.append(_multiplier(t.multiplier, t.multiplier_includes_bonuses, say))
    if t.perks:
        parts.append(say["tier_perks"].format(perks=say["list_separator"].join(safe(x) for x in t.perks)))
    name = _name(t.label, t.name)
    return name + say["colon"] + say["semicolon"].join(parts) if parts else name


def _tier_metric(p: m.Program, metric: str, threshold: Decimal, say: TermsPhrases) -> str:
    return plural(say["tier_metrics"][metric], int(threshold)).format(
        threshold=number(threshold), count=int(threshold), currency=_currency(p, say))


def _campaigns(p: m.Program, say: TermsPhrases) -> list[str]:
    out = [line for c in p.campaigns.values() for line in _campaign(p, c, say)]
    multiplying = [c for c in p.campaigns.values() if any(r.campaign == c.name and r.multipliers for r in p.rules)]
    if first_clash(multiplying, p.effective[0] if p.effective else None) is not None:  # they can meet
        highest = p.best_campaign_only or p.stacking == "best"
        out.append(say["campaigns_highest" if highest else "campaigns_stacking"])
    return out


def _campaign(p: m.Program, c: m.Campaign, say: TermsPhrases) -> list[str]:
    budget = say["campaign_budget"].format(budget=number(c.budget)) if c.budget else ""
    out = [say["campaign"].format(name=_name(c.label, c.name), schedule=_schedule(c, say), budget=budget)]
    for r in p.rules:
        if r.campaign == c.name:
            out.extend("  " + line for line in _rule(p, r, say))
    return out


# ---- one part of the terms: what an editor shows over a name (the language server's hover) -----------
def rule_terms(program: m.Program, name: str, lang: str = "en") -> str:
    """One rule's terms, worded as `pointrules explain` words it."""
    rule = next(r for r in program.rules if r.name == name)
    return safe_lines("\n".join(_rule(program, rule, _say(program, lang))))


def tier_terms(program: m.Program, name: str, lang: str = "en") -> str:
    """One tier's line of the terms: its label, threshold, multiplier and perks."""
    return safe_lines(_tier(program, program.tier(name), _say(program, lang)))


def campaign_terms(program: m.Program, name: str, lang: str = "en") -> str:
    """One campaign's terms: when it runs, its budget, and its rules."""
    return safe_lines("\n".join(_campaign(program, program.campaigns[name], _say(program, lang))))


def _schedule(c: m.Campaign, say: TermsPhrases) -> str:
    items = say["list_separator"].join
    parts = []
    if c.window:
        parts.append(say["window"].format(start=c.window[0], end=c.window[1]))
    if c.weekdays:
        parts.append(say["weekdays"].format(days=items(say["weekday_names"][d] for d in sorted(c.weekdays))))
    if c.month_days:
        days = items(say["month_day"].format(day=d) for d in sorted(c.month_days))
        parts.append(say["month_days"].format(days=days))
    if c.year_days:
        days = items(say["year_day"].format(month=mo, day=d) for mo, d in sorted(c.year_days))
        parts.append(say["year_days"].format(days=days))
    for start, end in sorted(c.year_ranges):
        day = say["year_day"].format
        parts.append(say["year_range"].format(start=day(month=start[0], day=start[1]), end=day(month=end[0], day=end[1])))
    if c.dates:
        parts.append(say["dates"].format(dates=items(str(d) for d in sorted(c.dates))))
    return say["comma"].join(parts) or say["always"]


def _caps(p: m.Program, say: TermsPhrases) -> list[str]:
    out = []
    for cap in p.caps:
        kinds = sorted(safe(p.events[k].label or k) for k in cap.kinds)
        scope = say["cap_scope"].format(kinds=say["list_separator"].join(kinds)) if cap.kinds else ""
        out.append(say["cap"].format(points=number(cap.points), period=say["periods"][cap.period], scope=scope))
    return out or [say["no_cap"]]


def _expiry(x: m.Expiry, say: TermsPhrases) -> str:
    if x.kind == "never":
        return say["expiry_never"]
    if x.kind == "after":
        assert x.duration
        return say["expiry_after"].format(duration=_duration(x.duration, say))
    if x.kind == "inactive":
        assert x.duration
        return say["expiry_inactive"].format(duration=_duration(x.duration, say))
    if x.kind == "on":  # fixed days of the year: the next or the second after the day of earning
        days = say["day_or"].join(say["year_day"].format(month=mo, day=d) for mo, d in x.days)
        return say["expiry_on"][x.periods_after - 1].format(days=days)
    assert x.period
    period = say["periods"][x.period]
    when = say["end_of"].get((x.periods_after, x.period), say["end_of_later"])
    return say["expiry_end"].format(when=when.format(period=period, after=x.periods_after))


def _redeem(p: m.Program, r: m.RedeemPolicy, say: TermsPhrases) -> str:
    currency = _currency(p, say)
    parts = []
    if r.minimum:
        parts.append(say["redeem_minimum"].format(points=number(r.minimum)))
    if r.minimum_order is not None:
        parts.append(say["redeem_minimum_order"].format(amount=f"{r.minimum_order:,f}", currency=currency))
    if r.step > 1:
        parts.append(say["redeem_step"].format(points=number(r.step)))
    if r.max_share is not None:
        parts.append(say["redeem_share"].format(percent=number(r.max_share * 100)))
    for x in r.item_shares:
        at = Place(p, None, p.records[x.record])
        where = condition(x.where, x.where_label, at, say) if x.where is not None else None
        where = say["spend_any"] if where in (None, say["conditions"]["unworded"]) else where
        parts.append(say["redeem_item_share"].format(percent=number(x.share * 100), where=where))
    parts += [say["redeem_limit"].format(points=number(n), period=say["periods"][per]) for n, per in r.limits]
    return say["redeem"].format(parts=say["colon"] + say["comma"].join(parts) if parts else "")


def _rewards(p: m.Program, say: TermsPhrases) -> list[str]:
    out = []
    for w in p.rewards.values():
        cash = say["reward_cash"].format(cash=f"{w.cash:,f}", currency=_currency(p, say)) if w.cash else ""
        line = say["reward"].format(name=_name(w.label, w.name), cost=number(w.cost), cash=cash)
        for n, per in w.limits:
            times = plural(say["limit_times"], n).format(count=n)
            if per:
                line += say["reward_limit_per"].format(times=times, period=say["periods"][per])
            else:
                line += say["reward_limit_ever"].format(times=times)
        if w.eligibility is not None:
            at = Place(p, None)
            line += say["reward_eligibility"].format(condition=condition(w.eligibility, w.eligibility_label, at, say))
        if w.window:
            line += say["reward_window"].format(start=w.window[0], end=w.window[1])
        if w.stock is not None:
            line += say["reward_stock"].format(stock=number(w.stock))
        out.append(line)
    return out
