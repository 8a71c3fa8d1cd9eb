"""PR501 by satisfiability (check/satisfy.py): conditions over numbers and money, enumerations and
texts, dates, weekdays and tiers that can never hold together, with the reason; and a property
test: a rule said never to fire does not fire on any event tried."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.check.lints import LintContext, lint
from pointrules.check.satisfy import never_holds
from pointrules.evaluate.choice import outcome_of
from pointrules.events import parse_event
from pointrules.state.memory import MemoryState

HEADER = ('program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\n'
          'tiers {\n  member "普通"\n  silver "银卡"\n  gold "金卡"\n}\n'
          'event purchase { amount: money, channel: "app" | "store", shop: text, cups: count, paid_on: date }\n'
          'redeem { at most 100% of order }\n')
TODAY = dt.date(2026, 11, 23)


def never(text: str) -> list[str]:
    return [d.message for d in lint(pointrules.loads(HEADER + text + "\n"), LintContext(TODAY)) if d.code == "PR501"]


@pytest.mark.parametrize(("rule", "reason"), [
    ('rule r "x" on purchase when amount >= 100 CNY and amount < 50 CNY { earn 5 points }',
     "`amount >= 100 CNY` and `amount < 50 CNY` cannot both hold"),
    ('rule r "x" on purchase when channel = "app" and channel = "store" { earn 5 points }',
     '`channel = "app"` and `channel = "store"` cannot both hold'),
    ('rule r "x" on purchase when weekday = saturday and weekday = monday { earn 5 points }',
     "`weekday = saturday` and `weekday = monday` cannot both hold"),
    ('rule r "x" on purchase when shop = "north" and amount > 0 CNY and shop = "south" { earn 5 points }',
     '`shop = "north"` and `shop = "south"` cannot both hold'),
    # 2 < cups < 3 has no whole number of cups; 2 CNY < amount < 2.01 CNY no amount in fen
    ('rule r "x" on purchase when cups > 2 and cups < 3 { earn 5 points }', "`cups > 2` and `cups < 3` cannot both hold"),
    ('rule r "x" on purchase when amount > 2 CNY and amount < 2.01 CNY { earn 5 points }',
     "`amount > 2 CNY` and `amount < 2.01 CNY` cannot both hold"),
    ('rule r "x" on purchase when not (channel = "app" or channel = "store") { earn 5 points }',
     '`not (channel = "app")` and `not (channel = "store")` cannot both hold'),
    ('rule r "x" on purchase when channel in ("app") and channel != "app" { earn 5 points }',
     '`channel in ("app")` and `channel != "app"` cannot both hold'),
    ('rule r "x" on purchase when amount from 10 CNY to 20 CNY and amount > 20 CNY { earn 5 points }',
     "`amount from 10 CNY to 20 CNY` and `amount > 20 CNY` cannot both hold"),
    ('rule r "x" on purchase when paid_on >= 2026-12-01 and paid_on < 2026-11-01 { earn 5 points }',
     "`paid_on >= 2026-12-01` and `paid_on < 2026-11-01` cannot both hold"),
    # 2026-11-11 is a Wednesday
    ('rule r "x" on purchase when date = 2026-11-11 and weekday = monday { earn 5 points }',
     "`date = 2026-11-11` and `weekday = monday` never fall on one day"),
    ('rule r "x" on purchase when month = 2 and day = 30 { earn 5 points }',
     "`month = 2` and `day = 30` never fall on one day"),
    ('rule r "x" on purchase when date = 12-25 and month = 11 { earn 5 points }',  # a day of any year
     "`date = 12-25` and `month = 11` never fall on one day"),
])
def test_a_rule_whose_conditions_cannot_hold_together_never_fires(rule: str, reason: str) -> None:
    assert never(rule) == [f"rule `r` can never fire: {reason}"]


def test_an_earn_line_for_a_tier_the_rule_excludes_never_applies() -> None:
    found = never('rule r "x" on purchase when tier >= gold {\n  earn 5 points when tier = silver\n}')
    assert found == ["this `earn` of rule `r` can never apply: `tier >= gold` and `tier = silver` cannot both hold"]


def test_a_campaign_whose_days_never_meet_the_rule_date() -> None:
    window = ('campaign c "双十一" from 2026-11-01 to 2026-11-30 budget 1,000 points {\n'
              '  rule r "x" on purchase when date >= 2026-12-01 { multiply 2 }\n}')
    assert never(window) == ["rule `r` can never fire: campaign `c` never runs on a day when `date >= 2026-12-01`"]
    mondays = 'campaign c "周一" every monday budget 1,000 points {\n  rule r "x" on purchase when weekday = saturday { multiply 2 }\n}'
    assert never(mondays) == ["rule `r` can never fire: campaign `c` never runs on a day when `weekday = saturday`"]
    yearly = ('campaign c "双十一" every year on 11-11 budget 1,000 points {\n'
              '  rule r "x" on purchase when date = 12-25 { multiply 2 }\n}')
    assert never(yearly) == ["rule `r` can never fire: campaign `c` never runs on a day when `date = 12-25`"]
    # 2026-11-11 is a Wednesday: a campaign on Mondays of November 2026 never meets it
    dated = ('campaign c "周一" from 2026-11-01 to 2026-11-30 every monday {\n'
             '  rule r "x" on purchase when date = 2026-11-11 { multiply 2 }\n}')
    assert never(dated) == ["rule `r` can never fire: campaign `c` never runs on a day when `date = 2026-11-11`"]


@pytest.mark.parametrize("rule", [
    'rule r "x" on purchase when amount >= 100 CNY or amount < 50 CNY { earn 5 points }',
    'rule r "x" on purchase when tier >= silver {\n  earn 5 points when tier = silver\n}',
    'rule r "x" on purchase when date = 2026-11-11 and weekday = wednesday { earn 5 points }',
    'rule r "x" on purchase when cups > 2 and cups < 4 { earn 5 points }',
    'rule r "x" on purchase when amount > 2 CNY and amount < 2.02 CNY { earn 5 points }',
    'rule r "x" on purchase when month = 2 and day = 29 { earn 5 points }',  # leap years have it
    'rule r "x" on purchase when date in (11-11, 06-18) and weekday = monday { earn 5 points }',  # 2024-11-11
    'rule r "x" on purchase when amount * 2 > 100 CNY and amount < 10 CNY { earn 5 points }',  # arithmetic: not judged
    'campaign c "周一" every monday budget 1,000 points {\n  rule r "x" on purchase when weekday in (monday, saturday) { multiply 2 }\n}',
])
def test_conditions_that_can_hold_are_not_reported(rule: str) -> None:
    assert never(rule) == []


# ---- property: what satisfiability calls never is never --------------------------------------
COMPARISONS = [
    "amount >= 100 CNY", "amount < 50 CNY", "amount > 99.99 CNY", "amount = 100 CNY", "amount != 100 CNY",
    'channel = "app"', 'channel != "store"', 'channel in ("app", "store")', "cups from 2 to 3",
    "cups > 2", "cups < 3", "tier >= silver", "tier = gold", "tier != member", "weekday = saturday",
    "weekday in (friday, saturday)", "day = 31", "month = 2", "month from 1 to 3", 'shop = "north"',
    "date = 2026-11-11", "date >= 2026-11-12", "date = 11-11", "date in (06-18, 12-25)",
]


def _condition() -> st.SearchStrategy[str]:
    leaf = st.sampled_from(COMPARISONS)
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda c: f"not ({c})")), max_leaves=5)


DAYS = [dt.date(2026, 11, 11) + dt.timedelta(n) for n in (-283, -250, 0, 1, 3, 20, 81)]  # Feb, Mar, Nov, Dec, 2027
EVENTS = [
    {"amount": a, "channel": ch, "shop": shop, "cups": cups, "paid_on": "2026-11-11", "tier": tier, "day": day}
    for a, ch, shop, cups, tier, day in itertools.product(
        ["0.00", "49.99", "99.99", "100.00", "100.01"], ["app", "store"], ["north", "south"], [2, 3],
        ["member", "silver", "gold"], DAYS)
]


@settings(max_examples=150, deadline=None)
@given(_condition())
def test_property_a_rule_said_never_to_fire_fires_on_no_event(condition: str) -> None:
    program = pointrules.loads(HEADER + f'rule r "x" on purchase when {condition} {{ earn 5 points }}\n')
    if never_holds(program, "purchase", [program.rules[0].condition]) is None:
        return
    evaluate = outcome_of(program)
    for n, e in enumerate(EVENTS):
        data = {"id": f"e{n}", "kind": "purchase", "member": "m1", "time": f"{e['day']}T12:00:00+08:00",
                **{k: v for k, v in e.items() if k not in ("tier", "day")}}
        outcome = evaluate(parse_event(program, data), MemoryState(zone=program.timezone),
                           profile={"id": "m1", "tier": e["tier"]})
        assert not any(line.rule == "r" for line in outcome.lines), (condition, data, e["tier"])
