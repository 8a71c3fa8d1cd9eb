"""An Award as sentences a customer service agent can read to a member, in any of LANGS.

One paragraph per beneficiary: the total, then each line from base points through every multiplier
and trim to its final points, then when the points become usable and when they expire. Labels are
shown when the program gives them, names otherwise; a line whose earn has a labelled condition is
named by it too, as the step that paid. The arithmetic (``999 × 金卡 ×1.5 = 1,498``) is
written the same in every language; the words around it come from the vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re

from pointrules.evaluate.award import Award, AwardLine, Step, Trim
from pointrules.evaluate.calendar import last_valid_second, local_time
from pointrules.wording import vocabulary
from pointrules.wording.catalogue import AwardPhrases, number, plural


def explain(award: Award, lang: str = "en") -> str:
    """The award in sentences, one paragraph per beneficiary."""
    say = vocabulary(lang, award.points_names.get(lang)).award
    paragraphs = []
    for who in dict.fromkeys([*award.totals, *award.tier_points]):
        total, lines = award.totals.get(who, 0), award.lines_for(who)
        tier = say["tier"].format(tier=award.tier_label or award.tier) if who == award.member else ""
        head = say["head"].format(total=number(total), who=who, tier=tier)
        if award.tier_points.get(who):
            head += say["tier_points"].format(points=number(award.tier_points[who]))
        body = " + ".join(_line(ln, award, say) for ln in lines) if lines else say["nothing_paid"]
        text = say["paragraph"].format(head=head, body=body, validity=_validity(lines, award, say))
        paragraphs.append(text.rstrip())
    return "\n".join(paragraphs)


def _stamp(instant: dt.datetime, zone: str, seconds: bool = False) -> str:
    local = local_time(instant, zone)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


_WINDOW = r"this \w+|last \d+ \w+"
_HISTORY = re.compile(rf"(?:(?P<adverb>daily|weekly) )?(?P<measure>count|spend|streak) of (?P<kind>\w+)"
                      rf"(?: (?P<window>{_WINDOW}))?|first (?P<first>\w+)(?: (?P<fwindow>{_WINDOW}))?")


def _history(what: str, say: AwardPhrases, label: str | None) -> str:
    """A ladder's value in words when it is the member's history (``streak of checkin``: 连续 签到
    天数, named by the kind's label when it has one), else as the program writes it."""
    found = _HISTORY.fullmatch(" ".join(what.split()))
    if found is None:
        return label or say["step_value"]  # `by streak`: the field's label; never its name
    measure = "first" if found["first"] else found["measure"]
    if measure == "streak" and found["adverb"] == "weekly":
        measure = "weekly streak"
    window = found["fwindow"] if found["first"] else found["window"]
    if window is None:
        phrase = say["history_windows"]["ever"]
    elif window.startswith("last"):
        n, unit = window.split()[1:]
        phrase = say["history_windows"]["last"].format(days=int(n) * (7 if unit.startswith("week") else 1))
    else:
        phrase = say["history_windows"].get(window, window)
    return say["history"][measure].format(kind=label or found["first"] or found["kind"], window=phrase)


def _line(line: AwardLine, award: Award, say: AwardPhrases) -> str:
    name = line.label or line.rule
    if line.condition:  # the condition that paid names the line: 每日签到（连续签到满 7 天）50
        name += say["condition"].format(condition=line.condition)
    if line.flat and not line.multipliers:
        text = f"{name} {number(line.points if not line.trims else line.rounded)}"
    else:
        text = f"{name} {number(line.base)}"
        for f in line.multipliers:
            text += f" × {f.label or f.name} ×{number(f.factor)}"
        text += f" = {number(line.rounded)}"
    if line.outdone:  # campaigns of the same day: the best one applied, these did not
        winners = [f"{f.label or f.name} ×{number(f.factor)}" for f in line.multipliers if f.campaign is not None]
        text += say["outdone"][1 if winners else 0].format(
            outdone=say["separator"].join(f"{f.label or f.name} ×{number(f.factor)}" for f in line.outdone),
            winner=say["separator"].join(winners))
    if line.step is not None:  # the ladder's step, not a sum: (step 7 of 7: streak 9)
        text += _step(line.step, award.currency, say)
    if line.given is not None:  # where the number came from: (beans 120 from the event)
        text += say["given"].format(field=line.given, value=number(line.base))
    if line.units is not None:  # what was counted and at how many points: (10 per unit × 3 cups)
        u = line.units
        text += plural(say["per_unit"], u.block).format(points=number(u.points), block=number(u.block),
                                                        count=number(line.amount or 0), counted=u.label or say["counted_any"])
    elif line.amount is not None:
        currency = say["currencies"].get(award.currency, award.currency)
        text += say["amount"].format(amount=f"{line.amount:,f}", currency=currency)  # money as written: 1,500.00
    for trim in line.trims:
        text += say["trimmed"].format(after=number(trim.after), reason=_reason(trim, say))
    return text


def _step(st: Step, currency: str, say: AwardPhrases) -> str:
    """(step 2 of 3: streak of 签到 9); by money the amount paid, in money: (step 2 of 3: spend
    1,200.00 CNY), by the field's label when it has one, else as spend / 消费金额."""
    if not st.money:
        return say["step"].format(number=st.number, of=st.of, what=_history(st.what, say, st.label),
                                  value=number(st.value))
    history = _HISTORY.fullmatch(" ".join(st.what.split())) is not None
    what = _history(st.what, say, st.label) if history else st.label or say["step_spend"]
    paid = say["step_money"].format(amount=f"{st.value:,f}", currency=say["currencies"].get(currency, currency))
    return say["step"].format(number=st.number, of=st.of, what=what, value=paid)


def _reason(trim: Trim, say: AwardPhrases) -> str:
    per = say["periods"].get(trim.period, trim.period or "")
    return say["reasons"][trim.kind].format(subject=trim.subject, limit=number(trim.limit),
                                            unit=say["units"][trim.unit], per=per)


def _validity(lines: tuple[AwardLine, ...], award: Award, say: AwardPhrases) -> str:
    paying = [ln for ln in lines if ln.points > 0]
    if not paying:
        return ""
    available = max(ln.available_at for ln in paying)
    dated = [ln.expires_at for ln in paying if ln.expires_at is not None]
    if dated:
        last = last_valid_second(min(dated), award.zone)
        assert last is not None
        rolling = say["rolling"] if any(ln.rolling for ln in paying) else ""
        expiry = say["valid_until"].format(until=_stamp(last, award.zone, True), rolling=rolling)
    else:
        expiry = say["never_expire"]
    return say["validity"].format(usable=_stamp(available, award.zone), expiry=expiry, zone=award.zone)
