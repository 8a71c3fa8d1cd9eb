"""An Award as sentences a customer service agent can read to a member, in English or Chinese.

One paragraph per beneficiary: the total, then each line from base points through every multiplier
and trim to its final points, then when the points become usable and when they expire. Labels are
shown when the program gives them, names otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .award import Award, AwardLine, Trim
from .runtime import last_valid_second, local_time

LANGS = ("en", "zh")
_CURRENCY_ZH = {"CNY": "元", "RMB": "元", "HKD": "港元", "USD": "美元", "JPY": "日元", "EUR": "欧元"}
_PERIOD_EN = {"day": "a day", "week": "a week", "month": "a month", "quarter": "a quarter", "year": "a year",
              "event": "an event", None: "in all"}
_PERIOD_ZH = {"day": "每日", "week": "每周", "month": "每月", "quarter": "每季度", "year": "每年",
              "event": "每笔", None: "累计"}


def number(x: Decimal | int) -> str:
    """A number for people: thousands separated, no exponent, no trailing zeros."""
    if isinstance(x, int):
        return f"{x:,}"
    text = f"{x.normalize():,f}" if x == x.to_integral_value() else f"{x.normalize():f}"
    if "." in text:
        whole, frac = text.split(".")
        return f"{int(whole):,}.{frac}"
    return text


def _stamp(instant: dt.datetime, zone: str, seconds: bool = False) -> str:
    local = local_time(instant, zone)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def _trim_reason(trim: Trim, lang: str) -> str:
    if lang == "zh":
        per = _PERIOD_ZH.get(trim.period, trim.period or "")
        unit = "次" if trim.unit == "times" else "积分"
        if trim.kind == "limit":
            return f"「{trim.subject}」{per}最多 {number(trim.limit)} {unit}"
        if trim.kind == "cap":
            return f"{per}积分上限 {number(trim.limit)}"
        return f"活动「{trim.subject}」预算 {number(trim.limit)} 积分"
    per = _PERIOD_EN.get(trim.period, trim.period or "")
    if trim.kind == "limit":
        return f"{trim.subject} pays at most {number(trim.limit)} {trim.unit} {per}"
    if trim.kind == "cap":
        return f"cap of {number(trim.limit)} points {per}"
    return f"campaign {trim.subject} budget of {number(trim.limit)} points"


def _line(line: AwardLine, award: Award, lang: str) -> str:
    name = line.label or line.rule
    if line.flat and not line.multipliers:
        text = f"{name} {number(line.points if not line.trims else line.rounded)}"
    else:
        text = f"{name} {number(line.base)}"
        for f in line.multipliers:
            text += f" × {f.label or f.name} ×{number(f.factor)}"
        text += f" = {number(line.rounded)}"
    if line.amount is not None:
        currency = _CURRENCY_ZH.get(award.currency, award.currency) if lang == "zh" else award.currency
        amount = f"{line.amount:,f}"  # money as written: 999.99, 1,500.00
        text += f"（消费 {amount} {currency}）" if lang == "zh" else f" (on {amount} {currency})"
    for trim in line.trims:
        reason = _trim_reason(trim, lang)
        text += f" → {number(trim.after)}（{reason}）" if lang == "zh" else f" → {number(trim.after)} ({reason})"
    return text


def _validity(lines: tuple[AwardLine, ...], award: Award, lang: str) -> str:
    paying = [ln for ln in lines if ln.points > 0]
    if not paying:
        return ""
    available = max(ln.available_at for ln in paying)
    dated = [ln.expires_at for ln in paying if ln.expires_at is not None]
    usable = _stamp(available, award.zone)
    rolling = any(ln.rolling for ln in paying)
    if lang == "zh":
        text = f"{usable} 起可用"
        if dated:
            last = last_valid_second(min(dated), award.zone)
            assert last is not None
            text += f"，{_stamp(last, award.zone, True)} 到期" + ("（此后有新活动则顺延）" if rolling else "")
        else:
            text += "，永久有效"
        return text + "。"
    text = f"Usable from {usable}"
    if dated:
        last = last_valid_second(min(dated), award.zone)
        assert last is not None
        text += f"; valid until {_stamp(last, award.zone, True)}" + (" (pushed back by later activity)" if rolling else "")
    else:
        text += "; never expire"
    return text + f" ({award.zone})."


def explain(award: Award, lang: str = "en") -> str:
    """The award in sentences, one paragraph per beneficiary."""
    if lang not in LANGS:
        raise ValueError(f"unknown language `{lang}`; expected one of {', '.join(LANGS)}")
    paragraphs = []
    for who, total in award.totals.items():
        lines = award.lines_for(who)
        tier = award.tier_label or award.tier
        if lang == "zh":
            head = f"+{number(total)} 积分（{who}" + (f"，{tier}" if who == award.member else "") + "）"
            body = " + ".join(_line(ln, award, lang) for ln in lines) if lines else "本次活动没有适用的积分规则"
            text = f"{head}：{body}。" + _validity(lines, award, lang)
        else:
            head = f"+{number(total)} points for {who}" + (f" ({tier})" if who == award.member else "")
            body = " + ".join(_line(ln, award, lang) for ln in lines) if lines else "no rule of the program pays for this event"
            text = f"{head}: {body}. " + _validity(lines, award, lang)
        paragraphs.append(text.rstrip())
    return "\n".join(paragraphs)
