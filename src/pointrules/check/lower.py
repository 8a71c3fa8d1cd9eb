"""Checked syntax tree -> ``model.Program``. Runs only on a tree the passes found no error in, so
it may assume every name resolves and every unit is known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pointrules import syntax as s
from pointrules.check.counted import counted
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.fields import profile_schema, schema
from pointrules.check.quantities import POINTS_UNITS, UNITS, date, duration, expiry, period_unit
from pointrules.check.scope import build as build_scope
from pointrules.check.shares import item_list
from pointrules.program import history
from pointrules.program import model as m
from pointrules.source import Source


def _points_names(d: s.PointsName | None) -> dict[str, str]:
    """The points' name by language: one name serves both."""
    if d is None:
        return {}
    return {"zh": d.zh.value, "en": (d.en or d.zh).value}


def _label(t: s.Text | None) -> str | None:
    return t.value if t is not None else None


def lower(tree: s.Program, source: Source) -> m.Program:
    d = tree.declarations
    first = lambda cls: next((x for x in d if isinstance(x, cls)), None)

    name = first(s.ProgramName)
    version = first(s.Version)
    currency = first(s.Currency)
    tz = first(s.TimeZone)
    value = first(s.Value)
    rounding = first(s.Rounding)
    stacking = first(s.Stacking)
    effective = first(s.Effective)
    pending = first(s.Pending)
    expire = next((x for x in d if isinstance(x, s.EXPIRIES)), None)
    code = currency.code.text if currency else "CNY"

    records = {r.name.text: schema(r.name, None, r.fields, r.span) for r in d if isinstance(r, s.Record)}
    events = {e.name.text: schema(e.name, e.label, e.fields, e.span) for e in d if isinstance(e, s.Event)}

    tiers_decl = first(s.Tiers)
    tiers, policy = _tiers(tree, tiers_decl)

    rules, campaigns = _rules_and_campaigns(d, records, events, source)
    redeem = first(s.Redeem)
    rewards = {r.name.text: _reward(r) for r in d if isinstance(r, s.Reward)}
    return m.Program(
        name=name.name.value if name else "",
        version=int(version.number.value) if version else None,
        currency=code,
        minor_unit=MINOR_UNITS.get(code, 2),
        timezone=tz.name.value if tz else "UTC",
        value_points=int(value.points.value) if value else 100,
        value_money=value.money.amount.value if value else Decimal(1),
        rounding=rounding.mode if rounding else "down",
        stacking=stacking.mode if stacking else "multiplying",
        effective=(date(effective.start), date(effective.end) if effective.end else None) if effective else None,
        effective_at=dt.time(effective.at.hour, effective.at.minute) if effective and effective.at else None,
        events=events,
        records=records,
        tiers=tiers,
        tier_names=tuple(t.name for t in tiers) if tiers_decl is not None and tiers_decl.tiers else (),
        tier_policy=policy,
        expiry=expiry(expire) if expire else m.Expiry("never"),
        pending=duration(pending.duration) if pending else None,
        rules=tuple(rules),
        campaigns=campaigns,
        caps=_caps(d),
        redeem=_redeem(redeem, tree, source) if redeem else None,
        rewards=rewards,
        guards=_guards(d),
        source=source,
        syntax=tree,
        profile=profile_schema(d),
        campaigns_combine=combine.mode if (combine := first(s.CampaignsCombine)) else None,
        points_names=_points_names(first(s.PointsName)),
        history=history.reads([n for r in rules for n in history.rule_nodes(r)]),
    )


def _rules_and_campaigns(d: tuple[s.Declaration, ...], records: dict[str, m.Schema],
                         events: dict[str, m.Schema], source: Source) -> tuple[list[m.Rule], dict[str, m.Campaign]]:
    """Every rule in program order (a campaign's rules where the campaign stands), and the campaigns."""
    rules: list[m.Rule] = []
    campaigns: dict[str, m.Campaign] = {}
    for x in d:
        if isinstance(x, s.Rule):
            rules.append(_rule(x, None, records, events, source))
        elif isinstance(x, s.Campaign):
            campaigns[x.name.text] = campaign(x)
            rules.extend(_rule(r, x.name.text, records, events, source) for r in x.rules)
    return rules, campaigns


def _caps(d: tuple[s.Declaration, ...]) -> tuple[m.Cap, ...]:
    return tuple(
        m.Cap(int(c.amount.amount.value), period_unit(c.period) or "day", frozenset(k.text for k in c.kinds), c.span)
        for c in d if isinstance(c, s.Cap)
    )


def _guards(d: tuple[s.Declaration, ...]) -> tuple[m.Guard, ...]:
    return tuple(
        m.Guard(tuple(w.text for w in g.words), g.bound.amount.value, g.span) for g in d if isinstance(g, s.Guard)
    )


def _tiers(tree: s.Program, decl: s.Tiers | None) -> tuple[tuple[m.Tier, ...], m.TierPolicy]:
    if decl is None or not decl.tiers:
        from pointrules.source import Span

        return (m.Tier("member", None, 0, None, Decimal(1), False, (), Span(0, 0)),), m.TierPolicy(None, "qualified", None)
    tiers = []
    for rank, t in enumerate(decl.tiers):
        mult = next((b for b in t.benefits if isinstance(b, s.TierMultiplier)), None)
        perks = tuple(p.value for b in t.benefits if isinstance(b, s.Perks) for p in b.perks)
        tiers.append(m.Tier(
            name=t.name.text, label=_label(t.label), rank=rank,
            threshold=t.threshold.amount.value if t.threshold else None,
            multiplier=mult.factor.value if mult else Decimal(1),
            multiplier_includes_bonuses=bool(mult and mult.including_bonuses),
            perks=perks, span=t.span,
            lifetime_threshold=t.lifetime[0].threshold.amount.value if t.lifetime else None,
        ))
    q = decl.qualification
    qualification = None
    if q is not None:
        count = int(q.window.count.value) if q.window.count is not None else 1
        unit = q.window.unit
        window = m.Duration(count, UNITS[unit.text]) if unit is not None else None
        qualification = m.Qualification(q.metric.text, q.window.kind, window, counts=counted(tree, q))
    downgrade = next((p.mode for p in decl.policies if isinstance(p, s.Downgrade)), "qualified")
    keep = next((duration(p.duration) for p in decl.policies if isinstance(p, s.KeepTier)), None)
    found = next((p for p in decl.policies if isinstance(p, s.Assess)), None)
    assess = None if found is None or found.kind == "once" else (
        "anniversary" if found.kind == "anniversary" else found.period.text if found.period else None)
    return tuple(tiers), m.TierPolicy(qualification, downgrade, keep, assess)


def _rule(r: s.Rule, campaign: str | None, records: dict[str, m.Schema], events: dict[str, m.Schema],
          source: Source) -> m.Rule:
    earns, mults, limits = [], [], []
    rule_expiry = rule_pending = None
    event = events.get(r.event.text)
    for st in r.statements:
        if isinstance(st, s.Earn):
            earns.append(m.Earn(
                points=st.points.value if st.points is not None else Decimal(0),
                spend=_spend(st.per, event, records) if st.per else None,
                to=st.to.text if st.to else "member",
                condition=st.condition,
                span=st.span,
                ladder=_ladder(st, source, events, event) if st.ladder is not None else None,
                given=st.given.text if st.given is not None else None,
                tier=st.tier,
                condition_label=_label(st.condition_label) or _flag_label(st.condition, event),
            ))
        elif isinstance(st, s.Multiply):
            mults.append(m.Multiply(st.factor.value, st.including_bonuses, st.condition, st.span,
                                    _label(st.condition_label)))
        elif isinstance(st, s.Limit):
            unit = st.amount.unit.text if st.amount.unit else "times"
            kind = "points" if unit in POINTS_UNITS else "times"
            limits.append(m.Limit(kind, int(st.amount.amount.value), period_unit(st.period), st.span))
        elif isinstance(st, s.Pending):
            rule_pending = duration(st.duration)
        else:
            rule_expiry = expiry(st)
    return m.Rule(
        name=r.name.text, label=_label(r.label), event=r.event.text, condition=r.condition,
        earns=tuple(earns), multipliers=tuple(mults), limits=tuple(limits),
        expiry=rule_expiry, pending=rule_pending, campaign=campaign, span=r.span,
        condition_label=_label(r.condition_label),
    )


def _flag_label(condition: s.Expr | None, event: m.Schema | None) -> str | None:
    """``when has_video`` with ``has_video "视频评价": yesno``: the field's label words the condition
    in every language, so it names the earn's line as a condition's own label would."""
    if isinstance(condition, s.Ref) and condition.attr is None and event is not None:
        name = condition.name.text
        if name in event.fields and event.fields[name].kind == "yesno":
            return event.labels.get(name)
    return None


def _ladder(st: s.Earn, source: Source, events: dict[str, m.Schema], event: m.Schema | None) -> m.Ladder:
    ladder = st.ladder
    assert ladder is not None
    starts = tuple(q.amount.value for q in ladder.starts) or tuple(Decimal(i) for i in range(1, len(st.steps) + 1))
    span = ladder.value.span
    kind = events.get(ladder.value.kind.text) if isinstance(ladder.value, s.History) else None
    label = kind.label if kind is not None else None
    money = isinstance(ladder.value, s.History) and ladder.value.measure.text == "spend"
    if isinstance(ladder.value, s.Ref) and ladder.value.attr is None and event is not None:
        label = event.labels.get(ladder.value.name.text)  # `by streak`: the field's label
        field = event.fields.get(ladder.value.name.text)
        money = field is not None and field.kind == "money"
    return m.Ladder(ladder.value, source.text[span.start:span.end], starts, tuple(n.value for n in st.steps),
                    label, money)


def _spend(per: s.Per, event: m.Schema | None, records: dict[str, m.Schema]) -> m.SpendBase:
    field = per.spend.field.text
    attr = per.spend.attr.text if per.spend.attr else None
    block = per.block.value if per.block is not None else Decimal(1)
    if per.unit is not None:  # units of a count; a list without `.attr` counts its records
        where_label = _label(per.spend.where_label)
        schema = records.get(event.fields[field].record or "") if event and attr and field in event.fields else event
        counted = where_label or (schema.labels.get(attr or field) if schema is not None else None)
        return m.SpendBase(field=field, attr=attr, where=per.spend.where, block=block, prorated=per.prorated,
                           counts=True, where_label=where_label, counted_label=counted)
    if attr is None and event is not None and field in event.fields and event.fields[field].kind == "list":
        record = records.get(event.fields[field].record or "")
        if record is not None:
            attr = next((n for n, t in record.fields.items() if t.kind == "money"), None)
    return m.SpendBase(field=field, attr=attr, where=per.spend.where, block=block, prorated=per.prorated,
                       where_label=_label(per.spend.where_label))


def campaign(c: s.Campaign) -> m.Campaign:
    """A campaign and the days it runs; the checker reads it too, to name a day two share."""
    from pointrules.program.resolve import WEEKDAYS

    window = None
    weekdays: set[int] = set()
    month_days: set[int] = set()
    year_days: set[tuple[int, int]] = set()
    year_ranges: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    dates: set[dt.date] = set()
    for sch in c.schedules:
        if isinstance(sch, s.DateWindow):
            window = (date(sch.start), date(sch.end))
        elif isinstance(sch, s.Weekly):
            weekdays.update(WEEKDAYS[n.text] for n in sch.days)
        elif isinstance(sch, s.Monthly):
            month_days.update(int(n.value) for n in sch.days)
        elif isinstance(sch, s.Yearly):
            year_days.update((md.month, md.day) for md in sch.days)
        elif isinstance(sch, s.YearlyRange):
            year_ranges.add(((sch.start.month, sch.start.day), (sch.end.month, sch.end.day)))
        else:
            dates.update(date(x) for x in sch.dates)
    return m.Campaign(
        name=c.name.text, label=_label(c.label), window=window, weekdays=frozenset(weekdays),
        month_days=frozenset(month_days), year_days=frozenset(year_days), dates=frozenset(dates),
        budget=int(c.budget.amount.value) if c.budget else None, span=c.span,
        year_ranges=frozenset(year_ranges),
    )


def _redeem(r: s.Redeem, tree: s.Program, source: Source) -> m.RedeemPolicy:
    minimum, step, share, least = 0, 1, None, None
    limits, shares = [], []
    for item in r.items:
        if isinstance(item, s.RedeemMinimum):
            minimum = int(item.amount.amount.value)
        elif isinstance(item, s.RedeemMinimumOrder):
            least = item.amount.amount.value
        elif isinstance(item, s.RedeemItemShare):
            shares.append(_item_share(item, tree, source))
        elif isinstance(item, s.RedeemStep):
            step = int(item.amount.amount.value)
        elif isinstance(item, s.RedeemShare):
            share = item.share.amount.value / 100
        else:
            limits.append((int(item.amount.amount.value), period_unit(item.period) or "day"))
    return m.RedeemPolicy(minimum, step, share, tuple(limits), least, tuple(shares))


def _item_share(item: s.RedeemItemShare, tree: s.Program, source: Source) -> m.ItemShare:
    found = item_list(build_scope(tree), item.spend)
    assert found is not None and found[1] is not None  # check_item_share (PR366)
    record, attr = found
    sp = item.spend
    text = f"{item.share.amount.raw}% of " + source.text[sp.span.start:sp.span.end]
    return m.ItemShare(item.share.amount.value / 100, sp.field.text, record.name, attr,  # type: ignore[arg-type]
                       sp.where, text, _label(sp.where_label))


def _reward(r: s.Reward) -> m.Reward:
    limits = []
    eligibility = window = stock = eligibility_label = None
    for item in r.items:
        if isinstance(item, s.RewardLimit):
            limits.append((int(item.count.amount.value), period_unit(item.period)))
        elif isinstance(item, s.RewardEligibility):
            eligibility, eligibility_label = item.condition, _label(item.label)
        elif isinstance(item, s.RewardWindow):
            window = (date(item.start), date(item.end))
        else:
            stock = int(item.count.value)
    return m.Reward(
        name=r.name.text, label=_label(r.label), cost=int(r.cost.amount.value),
        cash=r.cash.amount.value if r.cash else None, limits=tuple(limits),
        eligibility=eligibility, window=window, stock=stock, span=r.span, eligibility_label=eligibility_label,
    )
