"""A program as terms and conditions a member can read, in English or Chinese: `pointrules explain`."""

from __future__ import annotations

from decimal import Decimal

from . import model as m
from .diagnostics import safe, safe_lines
from .formatter import expr

_PERIOD_EN = {"event": "event", "day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
_PERIOD_ZH = {"event": "笔", "day": "天", "week": "周", "month": "月", "quarter": "季度", "year": "年"}
_UNIT_ZH = {"day": "天", "week": "周", "month": "个月", "quarter": "个季度", "year": "年"}
_WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_ZH = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def _n(x: Decimal | int) -> str:
    """2000 -> 2,000; 1.50 -> 1.5."""
    d = Decimal(x)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def _name(label: str | None, name: str) -> str:
    return safe(label) if label else name


def _points(n: Decimal) -> str:
    return f"{_n(n)} point" + ("" if n == 1 else "s")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("s" if n != 1 else "")


def terms(program: m.Program, lang: str = "en") -> str:
    """The whole program in sentences; lang is "en" or "zh"."""
    if lang not in ("en", "zh"):
        raise ValueError(f"unknown language {lang!r}: use 'en' or 'zh'")
    return safe_lines((_zh if lang == "zh" else _en)(program))  # every label and quoted text shown safely


# ---- English ------------------------------------------------------------------------------------
def _earn_en(p: m.Program, e: m.Earn) -> str:
    if e.spend is None:
        text = _points(e.points)
    else:
        sp = e.spend
        base = sp.field + (f".{sp.attr}" if sp.attr and sp.where is None else "")
        if sp.where is not None:
            base = f"the {sp.field} where {expr(sp.where)}"
        every = "every" if sp.prorated else "every full"
        text = f"{_points(e.points)} for {every} {_n(sp.block)} {p.currency} of {base}"
    if e.to != "member":
        text += f" to the {e.to}"
    if e.condition is not None:
        text += f" when {expr(e.condition)}"
    return text


def _schedule_en(c: m.Campaign) -> str:
    parts = []
    if c.window:
        parts.append(f"from {c.window[0]} to {c.window[1]}")
    if c.weekdays:
        parts.append("every " + ", ".join(_WEEKDAY_EN[d] for d in sorted(c.weekdays)))
    if c.month_days:
        parts.append("on day " + ", ".join(str(d) for d in sorted(c.month_days)) + " of each month")
    if c.year_days:
        parts.append("every year on " + ", ".join(f"{mo:02d}-{d:02d}" for mo, d in sorted(c.year_days)))
    if c.dates:
        parts.append("on " + ", ".join(str(d) for d in sorted(c.dates)))
    return ", ".join(parts) or "always"


def _expiry_en(x: m.Expiry) -> str:
    if x.kind == "never":
        return "Points never expire."
    assert x.kind != "end" or x.period
    if x.kind == "after":
        assert x.duration
        return f"Points expire {_plural(x.duration.count, x.duration.unit)} after they are earned."
    if x.kind == "inactive":
        assert x.duration
        return f"Points expire after {_plural(x.duration.count, x.duration.unit)} without activity."
    later = {0: f"the {x.period} they are earned in", 1: f"the {x.period} after the {x.period} they are earned in"}
    when = later.get(x.periods_after, f"the {x.period} {x.periods_after} {x.period}s after the one they are earned in")
    return f"Points expire at the end of {when}."


def _en(p: m.Program) -> str:
    out = [f"{safe(p.name)}: terms of the points programme", ""]
    out.append(f"Value: {_n(p.value_points)} points are worth {_n(p.value_money)} {p.currency}.")
    out.append("")
    out.append("How you earn points:")
    for r in p.rules:
        if r.campaign:
            continue
        out.extend(_rule_en(p, r))
    if len(p.tiers) > 1:
        out += ["", "Member tiers:"]
        q = p.tier_policy.qualification
        for t in p.tiers:
            line = f"- {_name(t.label, t.name)}"
            if q is not None and t.threshold is not None:
                metric = {"spend": f"{_n(t.threshold)} {p.currency} spent", "points": f"{_n(t.threshold)} points earned",
                          "purchases": _plural(int(t.threshold), "purchase")}[q.metric]
                window = (f"over the last {_plural(q.window.count, q.window.unit)}" if q.window_kind == "last"
                          else f"this {q.window.unit}")
                line += f": from {metric} {window}"
            if t.multiplier != 1:
                line += f"; points on spending ×{_n(t.multiplier)}" + (" (bonuses too)" if t.multiplier_includes_bonuses else "")
            if t.perks:
                line += "; perks: " + ", ".join(safe(x) for x in t.perks)
            out.append(line)
        if p.tier_policy.qualification is None:
            out.append("Your tier is set by us.")
        elif p.tier_policy.downgrade == "one level":
            out.append("If you no longer qualify, you move down one tier at a time.")
        if p.tier_policy.keep:
            k = p.tier_policy.keep
            out.append(f"A tier you reach is kept for at least {_plural(k.count, k.unit)}.")
    if p.campaigns:
        out += ["", "Campaigns:"]
        for c in p.campaigns.values():
            budget = f" (while its budget of {_n(c.budget)} points lasts)" if c.budget else ""
            out.append(f"- {_name(c.label, c.name)}, {_schedule_en(c)}{budget}:")
            for r in p.rules:
                if r.campaign == c.name:
                    out.extend("  " + line for line in _rule_en(p, r))
    out += ["", "Limits:"]
    for cap in p.caps:
        scope = f" from {', '.join(sorted(cap.kinds))}" if cap.kinds else ""
        out.append(f"- At most {_n(cap.points)} points per {_PERIOD_EN[cap.period]}{scope}.")
    if not p.caps:
        out.append("- No limit on the points you can earn.")
    out += ["", "Expiry and availability:", _expiry_en(p.expiry)]
    if p.pending:
        out.append(f"Points can be used {_plural(p.pending.count, p.pending.unit)} after they are earned.")
    if p.redeem:
        r = p.redeem
        out += ["", "Using points:"]
        parts = []
        if r.minimum:
            parts.append(f"at least {_n(r.minimum)} points at a time")
        if r.step > 1:
            parts.append(f"in steps of {_n(r.step)} points")
        if r.max_share is not None:
            parts.append(f"for at most {_n(r.max_share * 100)}% of an order")
        parts += [f"at most {_n(n)} points per {per}" for n, per in r.limits]
        out.append("Points pay for orders" + (": " + ", ".join(parts) if parts else "") + ".")
    if p.rewards:
        out += ["", "Rewards:"]
        for w in p.rewards.values():
            line = f"- {_name(w.label, w.name)}: {_n(w.cost)} points" + (f" + {_n(w.cash)} {p.currency}" if w.cash else "")
            line += "".join(f"; at most {_plural(n, 'time')} per {per}" if per else f"; at most {_plural(n, 'time')}"
                            for n, per in w.limits)
            if w.eligibility is not None:
                line += f"; for members with {expr(w.eligibility)}"
            if w.window:
                line += f"; from {w.window[0]} to {w.window[1]}"
            if w.stock is not None:
                line += f"; {_n(w.stock)} in stock"
            out.append(line)
    return "\n".join(out) + "\n"


def _rule_en(p: m.Program, r: m.Rule) -> list[str]:
    on = p.events[r.event].label if p.events[r.event].label else r.event
    head = f"- {_name(r.label, r.name)}: on each {safe(on)}" + (f" when {expr(r.condition)}" if r.condition else "")
    parts = [_earn_en(p, e) for e in r.earns]
    parts += [f"points on spending ×{_n(x.factor)}" + (" (bonuses too)" if x.including_bonuses else "")
              + (f" when {expr(x.condition)}" if x.condition else "") for x in r.multipliers]
    lines = [head + ", " + "; ".join(parts) + "."]
    for lim in r.limits:
        what = _plural(lim.amount, "time") if lim.kind == "times" else f"{_n(lim.amount)} points"
        lines.append(f"  At most {what}" + (f" per {lim.period}." if lim.period else " in all."))
    return lines


# ---- 中文 ----------------------------------------------------------------------------------------
def _zh(p: m.Program) -> str:
    out = [f"{safe(p.name)} 积分规则", ""]
    out.append(f"积分价值: {_n(p.value_points)} 积分 = {_n(p.value_money)} {p.currency}")
    out += ["", "积分获取:"]
    for r in p.rules:
        if not r.campaign:
            out.extend(_rule_zh(p, r))
    if len(p.tiers) > 1:
        out += ["", "会员等级:"]
        q = p.tier_policy.qualification
        for t in p.tiers:
            line = f"- {_name(t.label, t.name)}"
            if q is not None and t.threshold is not None:
                window = f"近 {q.window.count} {_UNIT_ZH[q.window.unit]}" if q.window_kind == "last" else f"本{_PERIOD_ZH[q.window.unit]}"
                metric = {"spend": f"累计消费满 {_n(t.threshold)} {p.currency}", "points": f"累计获得 {_n(t.threshold)} 积分",
                          "purchases": f"消费 {_n(t.threshold)} 次"}[q.metric]
                line += f": {window}{metric}"
            if t.multiplier != 1:
                line += f"; 消费积分 ×{_n(t.multiplier)}" + ("(含奖励积分)" if t.multiplier_includes_bonuses else "")
            if t.perks:
                line += "; 权益: " + "、".join(safe(x) for x in t.perks)
            out.append(line)
        if p.tier_policy.qualification is None:
            out.append("会员等级由商家设定。")
        elif p.tier_policy.downgrade == "one level":
            out.append("不再满足条件时, 每次降一级。")
        if p.tier_policy.keep:
            out.append(f"达到的等级至少保留 {p.tier_policy.keep.count} {_UNIT_ZH[p.tier_policy.keep.unit]}。")
    if p.campaigns:
        out += ["", "活动:"]
        for c in p.campaigns.values():
            budget = f" (总预算 {_n(c.budget)} 积分, 发完即止)" if c.budget else ""
            out.append(f"- {_name(c.label, c.name)}, {_schedule_zh(c)}{budget}:")
            for r in p.rules:
                if r.campaign == c.name:
                    out.extend("  " + line for line in _rule_zh(p, r))
    out += ["", "获取上限:"]
    for cap in p.caps:
        scope = f" ({', '.join(sorted(cap.kinds))})" if cap.kinds else ""
        out.append(f"- 每{_PERIOD_ZH[cap.period]}最多获得 {_n(cap.points)} 积分{scope}")
    if not p.caps:
        out.append("- 不设上限")
    out += ["", "有效期:", _expiry_zh(p.expiry)]
    if p.pending:
        out.append(f"积分在获得 {p.pending.count} {_UNIT_ZH[p.pending.unit]}后可用。")
    if p.redeem:
        r = p.redeem
        parts = []
        if r.minimum:
            parts.append(f"满 {_n(r.minimum)} 积分可用")
        if r.step > 1:
            parts.append(f"以 {_n(r.step)} 积分为单位")
        if r.max_share is not None:
            parts.append(f"最多抵扣订单金额的 {_n(r.max_share * 100)}%")
        parts += [f"每{_PERIOD_ZH[per]}最多使用 {_n(n)} 积分" for n, per in r.limits]
        out += ["", "积分抵扣:", "积分可抵扣订单金额" + (": " + ", ".join(parts) if parts else "") + "。"]
    if p.rewards:
        out += ["", "积分商城:"]
        for w in p.rewards.values():
            line = f"- {_name(w.label, w.name)}: {_n(w.cost)} 积分" + (f" + {_n(w.cash)} {p.currency}" if w.cash else "")
            line += "".join(f"; 每{_PERIOD_ZH[per]}限 {n} 次" if per else f"; 限 {n} 次" for n, per in w.limits)
            if w.eligibility is not None:
                line += f"; 限 {expr(w.eligibility)}"
            if w.window:
                line += f"; 兑换期 {w.window[0]} 至 {w.window[1]}"
            if w.stock is not None:
                line += f"; 库存 {_n(w.stock)}"
            out.append(line)
    return "\n".join(out) + "\n"


def _rule_zh(p: m.Program, r: m.Rule) -> list[str]:
    on = p.events[r.event].label or r.event
    head = f"- {_name(r.label, r.name)}: 每次{safe(on)}" + (f" (当 {expr(r.condition)} 时)" if r.condition else "")
    parts = []
    for e in r.earns:
        if e.spend is None:
            text = f"得 {_n(e.points)} 积分"
        else:
            sp = e.spend
            base = sp.field if sp.where is None else f"{sp.field} 中 {expr(sp.where)} 的部分"
            every = "每" if sp.prorated else "每满"
            text = f"{base}{every} {_n(sp.block)} {p.currency} 得 {_n(e.points)} 积分"
        if e.to != "member":
            text += f" (给 {e.to})"
        if e.condition is not None:
            text += f" (当 {expr(e.condition)} 时)"
        parts.append(text)
    parts += [f"消费积分 ×{_n(x.factor)}" + ("(含奖励积分)" if x.including_bonuses else "")
              + (f" (当 {expr(x.condition)} 时)" if x.condition else "") for x in r.multipliers]
    lines = [head + ", " + "; ".join(parts) + "。"]
    for lim in r.limits:
        what = f"{lim.amount} 次" if lim.kind == "times" else f"{_n(lim.amount)} 积分"
        lines.append(f"  每{_PERIOD_ZH[lim.period]}最多 {what}。" if lim.period else f"  最多 {what}。")
    return lines


def _schedule_zh(c: m.Campaign) -> str:
    parts = []
    if c.window:
        parts.append(f"{c.window[0]} 至 {c.window[1]}")
    if c.weekdays:
        parts.append("每" + "、".join(_WEEKDAY_ZH[d] for d in sorted(c.weekdays)))
    if c.month_days:
        parts.append("每月 " + "、".join(f"{d} 日" for d in sorted(c.month_days)))
    if c.year_days:
        parts.append("每年 " + "、".join(f"{mo} 月 {d} 日" for mo, d in sorted(c.year_days)))
    if c.dates:
        parts.append("、".join(str(d) for d in sorted(c.dates)))
    return ", ".join(parts) or "长期"


def _expiry_zh(x: m.Expiry) -> str:
    if x.kind == "never":
        return "积分永久有效。"
    if x.kind == "after":
        assert x.duration
        return f"积分自获得起 {x.duration.count} {_UNIT_ZH[x.duration.unit]}后过期。"
    if x.kind == "inactive":
        assert x.duration
        return f"连续 {x.duration.count} {_UNIT_ZH[x.duration.unit]}无活动, 积分过期。"
    assert x.period
    named = {
        (0, "year"): "当年年底", (1, "year"): "次年年底", (0, "month"): "当月月底", (1, "month"): "次月月底",
        (0, "quarter"): "当季度末", (1, "quarter"): "下季度末",
    }
    when = named.get((x.periods_after, x.period), f"后第 {x.periods_after} 个{_PERIOD_ZH[x.period]}末")
    return f"积分有效期至获得积分{when}。"
