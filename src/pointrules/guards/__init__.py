"""Guards proved or refuted: ``check return rate at most 8%``, ``check points per member per day at
most 20,000 points`` and ``check review costs at most 0.50 CNY`` (docs/language.md, "Guards").

Theory of operation. A guard is **proved** when the static bound (bounds.py), sound over every
event the schema allows, every tier, day and multiplier combination, is within it: no finding.
It is **refuted** (PR510, an error at the guard) when a concrete event the search finds
(witness.py), evaluated by the real evaluator, goes beyond it; the finding prints that event and
the member so that ``pointrules eval`` reproduces the figure. Otherwise it is **not proved**
(PR511, a warning): the bound is above the guard but no event found reaches past it, and the
finding says both figures. Guards come after evaluation in the pipeline: they read the checked
program and run the evaluator, and nothing before them imports them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, make
from pointrules.evaluate.choice import outcome_of
from pointrules.guards import bounds
from pointrules.guards.overlap import overlapping_campaigns
from pointrules.guards.returns import minting_returns
from pointrules.guards.split import split_orders
from pointrules.guards.witness import MEMBER, Witness, best_event, replay
from pointrules.messages import Text, Words, joined, t
from pointrules.program import model as m

__all__ = ["prove"]

RETURN_RATE = ("return", "rate")
DAILY_POINTS = ("points", "per", "member", "per", "day")
REPEATS = 400  # events of one day the daily witness sends at most


def prove(program: m.Program, path: Path | None = None, today: dt.date | None = None) -> list[Diagnostic]:
    """A finding for every guard of the program that is refuted (PR510) or not proved (PR511), and
    for every kind whose orders earn more split than whole (PR512), and campaigns that multiply one
    event together (PR513), and purchases that keep more points returned in part than the amount kept
    earns (PR515)."""
    shown = str(path) if path is not None else "PROGRAM.points"
    start = today or dt.date.today()
    out: list[Diagnostic] = []
    for guard in program.guards:
        if guard.words == RETURN_RATE:
            out.extend(_return_rate(program, guard, shown, start))
        elif guard.words == DAILY_POINTS:
            out.extend(_daily(program, guard, shown, start))
        elif len(guard.words) == 2 and guard.words[1] == "costs":
            out.extend(_costs(program, guard, guard.words[0], shown, start))
    return out + split_orders(program, start) + overlapping_campaigns(program, start) + minting_returns(program, start)


def _return_rate(program: m.Program, guard: m.Guard, shown: str, start: dt.date) -> list[Diagnostic]:
    limit = Fraction(guard.bound) / 100
    value = bounds.point_value(program)
    found: list[Diagnostic] = []
    for kind, schema in program.events.items():
        paid = bounds.paid_field(schema)
        if paid is None:
            continue  # nothing paid: a return rate has no meaning (the costs guard bounds such kinds)
        bound = bounds.rate_bound(program, kind)
        if bound.rate is not None and bound.rate <= limit:
            continue
        amounts = ([bound.amount] if bound.amount else []) + [t.opens for t in bounds.terms(program, kind)]

        def rate(fields: Any, outcome: Any, paid: str = paid) -> Fraction | None:
            money = fields.get(paid)
            if not isinstance(money, Decimal) or money <= 0:
                return None
            return sum((ln.points for ln in outcome.lines), 0) * value / Fraction(money)

        witness = best_event(program, kind, rate, amounts, start)
        if witness is not None and witness.figure > limit:
            paid_money = witness.event[paid]
            found.append(_refuted(
                program, guard,
                t("the return rate of `{kind}` can reach {rate}, above the {limit} checked", kind=kind,
                  rate=_percent(witness.figure), limit=_percent(limit)),
                t("a `{kind}` of {money} {currency} earns {earned}", kind=kind, money=paid_money,
                  currency=program.currency, earned=_earned(witness)), witness, shown))
        else:
            reached = t("the worst event found returns {rate}", rate=_percent(witness.figure)) if witness else None
            found.append(_unproved(
                program, guard, t("the return rate of `{kind}` is not proved to stay within {limit}", kind=kind,
                                  limit=_percent(limit)),
                joined(t("it can be up to {rate}", rate=_percent(bound.rate)) if bound.rate is not None
                       else t("it has no bound: {why}", why=bound.why), reached)))
    return found


def _costs(program: m.Program, guard: m.Guard, kind: str, shown: str, start: dt.date) -> list[Diagnostic]:
    value = bounds.point_value(program)
    limit = Fraction(guard.bound)
    most, why = bounds.event_bound(program, kind)
    if most is not None and most * value <= limit:
        return []

    def cost(fields: Any, outcome: Any) -> Fraction:
        return sum((ln.points for ln in outcome.lines), 0) * value

    amounts = [t.opens for t in bounds.terms(program, kind)] + [Decimal(10) ** 9]
    witness = best_event(program, kind, cost, amounts, start)
    money = f"{guard.bound:f}"
    if witness is not None and witness.figure > limit:
        return [_refuted(program, guard,
                         t("one `{kind}` can cost {cost}, above the {money} {currency} checked", kind=kind,
                           cost=_money(witness.figure, program), money=money, currency=program.currency),
                         _earned(witness), witness, shown)]
    bound = (t("it can cost up to {cost}", cost=_money(most * value, program)) if most is not None
             else t("it has no bound: {why}", why=why))
    reached = t("the costliest event found costs {cost}", cost=_money(witness.figure, program)) if witness else None
    return [_unproved(program, guard, t("what one `{kind}` costs is not proved to stay within {money} {currency}",
                                        kind=kind, money=money, currency=program.currency),
                      joined(bound, reached))]


def _daily(program: m.Program, guard: m.Guard, shown: str, start: dt.date) -> list[Diagnostic]:
    limit = int(guard.bound)
    most, why = bounds.day_bound(program)
    if most is not None and most <= limit:
        return []
    best: tuple[int, Witness, int] | None = None  # (points in the day, event, how many times)
    for kind in program.events:
        def mine(fields: Any, outcome: Any) -> Fraction:
            return Fraction(sum((ln.points for ln in outcome.lines if ln.beneficiary == MEMBER), 0))

        witness = best_event(program, kind, mine, [t.opens for t in bounds.terms(program, kind)] + [Decimal(10) ** 9],
                             start)
        if witness is None or not witness.figure:
            continue
        total, times = _repeat(program, witness, limit)
        if best is None or total > best[0]:
            best = (total, witness, times)
    if best is not None and best[0] > limit:
        total, witness, times = best
        how = (t("the event below, sent once (each with its own id), earns {total:,} points", total=total) if times == 1
               else t("the event below, sent {times} times in one day (each with its own id), earns {total:,} points",
                      times=times, total=total))
        return [_refuted(program, guard, t("a member can earn {total:,} points in a day, above the {limit:,} checked",
                                           total=total, limit=limit),
                         how, witness, shown, repeated=times > 1)]
    bound = (t("it can be up to {most:,} points", most=int(most)) if most is not None
             else t("it has no bound: {why}", why=why))
    reached = t("the most a day of events found earns is {points:,} points", points=best[0]) if best else None
    return [_unproved(program, guard, t("the points a member earns in a day are not proved to stay within {limit:,}",
                                        limit=limit),
                      joined(bound, reached))]


def _repeat(program: m.Program, witness: Witness, limit: int) -> tuple[int, int]:
    """The member's points when the witness's event is sent again and again on its day, each with a
    new id, until the day passes the limit or stops paying."""
    events = ({**witness.event, "id": f"day{n}"} for n in range(1, REPEATS + 1))
    total = 0
    for n, (_, outcome) in enumerate(replay(program, outcome_of(program), events, witness.member), 1):
        earned = sum(ln.points for ln in outcome.lines if ln.beneficiary == MEMBER)
        total += earned
        if total > limit or not earned:
            return total, n
    return total, REPEATS


def _refuted(program: m.Program, guard: m.Guard, message: Text, how: Text, witness: Witness, shown: str,
             repeated: bool = False) -> Diagnostic:
    command = f"pointrules eval {shown} --event '{witness.event_json()}' --member '{witness.member_json()}'"
    again = (t("reproduce one of them: {command}", command=command) if repeated
             else t("reproduce it: {command}", command=command))
    return make(program.source, guard.span, "PR510", message,
                help=t("change the rules until the guard holds, or raise the guard if the figure is intended"),
                notes=(t("counterexample: {how}", how=how), again), severity=CODES["PR510"].severity)


def _unproved(program: m.Program, guard: m.Guard, message: Text, detail: Words) -> Diagnostic:
    return make(program.source, guard.span, "PR511", message,
                help=t("add a cap, a minimum spend or a limit that bounds it, or raise the guard"),
                notes=(detail,), severity=CODES["PR511"].severity)


def _earned(witness: Witness) -> Text:
    points = sum(ln.points for ln in witness.outcome.lines)
    tier = witness.member.get("tier")
    return t("{points:,} points on {day} for a member of tier `{tier}`", points=points,
             day=witness.event['time'][:10], tier=tier)


def _percent(rate: Fraction) -> str:
    """A rate as a percentage to two places, exactly, without trailing zeros: 0.4%, 133.33%."""
    text = f"{Decimal(round(rate * 10_000)).scaleb(-2):f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _money(amount: Fraction, program: m.Program) -> str:
    return f"{bounds.money(amount, program):,f} {program.currency}"
