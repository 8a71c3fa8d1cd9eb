"""The example programs and the language reference: every examples/*.points parses and loads
without an error, together they use every construct of the grammar, and every ```points block of
docs/language.md parses (the whole programs among them also check without an error)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import pointrules
import pointrules.program.model
from pointrules import syntax as s
from pointrules.check.report import nodes
from pointrules.diagnostics import Severity
from pointrules.syntax.parser import parse
from pointrules.source import Source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
LANGUAGE = ROOT / "docs" / "language.md"
_FENCE = re.compile(r"^```points[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def _tree(text: str, name: str) -> s.Program:
    tree, diagnostics = parse(Source(text, name))
    assert diagnostics == [], [f"{d.line}:{d.column} {d.message}" for d in diagnostics]
    assert tree is not None
    return tree


def _errors(text: str, name: str) -> list[str]:
    return [f"{d.filename}:{d.line}:{d.column}: {d.code} {d.message}"
            for d in pointrules.check(text, name) if d.severity is Severity.ERROR]


def _shape(node: object) -> object:
    """A node without its spans, to compare two trees of the same text laid out differently."""
    if isinstance(node, tuple):
        return tuple(_shape(n) for n in node)
    if attrs.has(type(node)):
        return (type(node).__name__,) + tuple(
            _shape(getattr(node, f.name)) for f in attrs.fields(type(node)) if f.name not in ("span", "raw"))
    return node


# ---- the example programs ------------------------------------------------------------------------
def test_the_examples_are_all_there():
    expected = {"shop", "ecommerce", "coffee", "department_store", "travel", "distributor"}
    assert {p.stem for p in EXAMPLES} >= expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_parses(path: Path):
    _tree(path.read_text("utf-8"), str(path))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_without_errors(path: Path):
    assert _errors(path.read_text("utf-8"), str(path)) == []
    program = pointrules.load(path)
    assert program.name and program.currency == "CNY" and program.timezone == "Asia/Shanghai"
    assert program.events and program.rules


def _load(stem: str) -> pointrules.Program:
    return pointrules.load(ROOT / "examples" / f"{stem}.points")


def test_ecommerce_says_what_its_brief_asks():
    p = _load("ecommerce")
    assert (p.value_points, p.value_money) == (100, 1)  # 100积分 = 1元
    assert (p.redeem.minimum, p.redeem.step, p.redeem.max_share) == (1000, 100, Decimal("0.5"))
    assert (p.expiry.kind, p.expiry.period, p.expiry.periods_after) == ("end", "year", 1)
    review = next(r for r in p.rules if r.name == "review")
    assert [e.points for e in review.earns] == [10, 20, 20]
    limits = {(lim.kind, lim.amount, lim.period) for lim in review.limits}
    assert limits == {("times", 5, "day"), ("points", 1000, "month")}
    digital = next(r for r in p.rules if r.name == "digital")
    assert digital.earns[0].spend.field == "items" and digital.earns[0].spend.attr == "amount"
    assert p.campaigns["double11"].budget == 50_000_000
    assert any(c.points == 20_000 and c.period == "day" and not c.kinds for c in p.caps)
    assert p.rewards["luggage"].eligibility is not None and p.rewards["coupon_5"].limits == ((10, "month"),)


def test_coffee_says_what_its_brief_asks():
    p = _load("coffee")
    checkin = next(r for r in p.rules if r.name == "checkin")
    assert [e.points for e in checkin.earns] == [5, 50]
    (per_cup,) = next(r for r in p.rules if r.name == "cups").earns  # one line per cup, not one per band
    assert per_cup.spend is not None and per_cup.spend.counts and per_cup.spend.field == "cups"
    assert p.campaigns["member_day"].weekdays == frozenset({2})  # Wednesday
    member_day = next(r for r in p.rules if r.name == "member_day")
    assert member_day.multipliers[0].including_bonuses
    assert (p.expiry.kind, p.expiry.duration) == ("after", pointrules.program.model.Duration(6, "month"))
    assert p.rewards["free_coffee"].limits == ((2, "month"),)
    assert p.stacking == "adding" and p.tier_policy.keep == pointrules.program.model.Duration(12, "month")


def test_department_store_says_what_its_brief_asks():
    p = _load("department_store")
    q = p.tier_policy.qualification
    assert (q.metric, q.window_kind, q.window) == ("spend", "last", pointrules.program.model.Duration(12, "month"))
    assert p.tier_policy.downgrade == "one level"
    assert [t.name for t in p.tiers] == ["member", "silver", "gold", "vip"]
    assert [t.threshold for t in p.tiers] == [0, 5000, 20000, 80000]
    assert "专属客服" in p.tier("vip").perks and p.tier("vip").multiplier_includes_bonuses
    assert p.pending == pointrules.program.model.Duration(7, "day")
    assert p.stacking == "best" and p.redeem.max_share == Decimal("0.3")


def test_travel_says_what_its_brief_asks():
    p = _load("travel")
    referral = next(r for r in p.rules if r.name == "referral")
    assert [(e.points, e.to) for e in referral.earns] == [(500, "member"), (500, "referee")]
    upgrade = p.rewards["upgrade"]
    assert (upgrade.cost, upgrade.cash) == (20_000, 500)
    assert p.tier_policy.qualification.metric == "purchases"
    assert (p.expiry.kind, p.expiry.duration) == ("inactive", pointrules.program.model.Duration(18, "month"))
    assert p.campaigns["summer"].window is not None


def test_distributor_says_what_its_brief_asks():
    p = _load("distributor")
    assert any(c.points == 100_000 and c.period == "quarter" for c in p.caps)
    per_category = [r for r in p.rules if r.earns and r.earns[0].spend and r.earns[0].spend.where is not None]
    assert len(per_category) >= 3
    assert p.tier_policy.qualification.metric == "purchases"
    assert p.redeem is not None and p.effective is not None


# Everything the grammar can say, named the way _features() names what the examples say.
CONSTRUCTS = {
    # header
    "ProgramName", "Version", "Currency", "TimeZone", "Value", "effective:to", "effective:open",
    "rounding:down", "rounding:up", "rounding:nearest", "rounding:half-even",
    "stack:multiplying", "stack:adding", "stack:best",
    # schemas
    "Event", "event:no-fields", "Record", "type:money", "type:number", "type:count", "type:text",
    "type:date", "type:time", "type:member", "type:yesno", "type:boolean", "type:bool", "type:datetime",
    "EnumType", "list:record", "list:text", "OptionalType",
    # tiers
    "Tiers", "tiers:host", "metric:spend", "metric:points", "metric:purchases", "window:last", "window:this",
    "TierMultiplier", "tier:including-bonuses", "Perks", "downgrade:one level", "downgrade:qualified",
    "KeepTier",
    # expiry and pending
    "ExpireNever", "ExpireAfter", "ExpireInactive", "expire-end:plain", "expire-end:next", "expire-end:after",
    "Pending", "rule:expiry", "rule:pending",
    # rules
    "Rule", "rule:when", "earn:flat", "earn:per", "per:prorated", "per:where", "per:attr", "per:unit", "earn:to",
    "earn:when",
    "Multiply", "multiply:including-bonuses", "multiply:when",
    "limit:times:day", "limit:points:month", "limit:times:ever",
    # campaigns
    "Campaign", "DateWindow", "Weekly", "Monthly", "Yearly", "OnDates", "campaign:budget",
    "campaign:several-schedules",
    # caps, redemption, rewards, guards
    "Cap", "cap:on-kinds", "cap:quarter", "cap:event",
    "RedeemMinimum", "RedeemStep", "RedeemShare", "RedeemLimit",
    "Reward", "reward:cash", "RewardLimit", "reward:limit-ever", "RewardEligibility", "RewardWindow",
    "RewardStock",
    "Guard",
    # conditions
    "op:or", "op:and", "Not", "op:=", "op:!=", "op:<", "op:<=", "op:>", "op:>=",
    "op:+", "op:-", "op:*", "op:%",
    "in", "not in", "between:dates", "between:numbers", "MonthDay", "money-literal",
}


def _features(tree: s.Program) -> set[str]:
    found: set[str] = set()
    for n in nodes(tree):
        found.add(type(n).__name__)
        if isinstance(n, s.Effective):
            found.add("effective:to" if n.end else "effective:open")
        elif isinstance(n, s.Rounding):
            found.add(f"rounding:{n.mode}")
        elif isinstance(n, s.Stacking):
            found.add(f"stack:{n.mode}")
        elif isinstance(n, s.Event) and not n.fields:
            found.add("event:no-fields")
        elif isinstance(n, s.NamedType):
            found.add(f"type:{n.name.text}")
        elif isinstance(n, s.ListType):
            found.add("list:text" if n.of.text == "text" else "list:record")
        elif isinstance(n, s.Tiers):
            if n.qualification is None:
                found.add("tiers:host")
            else:
                q = n.qualification
                found.update({f"metric:{q.metric.text}", f"window:{q.window.kind}"})
        elif isinstance(n, s.TierMultiplier) and n.including_bonuses:
            found.add("tier:including-bonuses")
        elif isinstance(n, s.Downgrade):
            found.add(f"downgrade:{n.mode}")
        elif isinstance(n, s.ExpireEnd):
            found.add("expire-end:next" if n.next else "expire-end:after" if n.after else "expire-end:plain")
        elif isinstance(n, s.Rule):
            if n.condition is not None:
                found.add("rule:when")
            kinds = {type(st) for st in n.statements}
            if kinds & {s.ExpireNever, s.ExpireAfter, s.ExpireInactive, s.ExpireEnd}:
                found.add("rule:expiry")
            if s.Pending in kinds:
                found.add("rule:pending")
        elif isinstance(n, s.Earn):
            found.add("earn:per" if n.per else "earn:flat")
            if n.to is not None:
                found.add("earn:to")
            if n.condition is not None:
                found.add("earn:when")
        elif isinstance(n, s.Per):
            if n.prorated:
                found.add("per:prorated")
            if n.spend.where is not None:
                found.add("per:where")
            if n.spend.attr is not None:
                found.add("per:attr")
            if n.unit is not None:
                found.add("per:unit")
        elif isinstance(n, s.Multiply):
            if n.including_bonuses:
                found.add("multiply:including-bonuses")
            if n.condition is not None:
                found.add("multiply:when")
        elif isinstance(n, s.Limit):
            unit = n.amount.unit.text if n.amount.unit else "times"
            kind = "points" if unit in ("point", "points") else "times"
            found.add(f"limit:{kind}:{n.period.text if n.period else 'ever'}")
        elif isinstance(n, s.Campaign):
            if n.budget is not None:
                found.add("campaign:budget")
            if len(n.schedules) > 1:
                found.add("campaign:several-schedules")
        elif isinstance(n, s.Cap):
            found.add(f"cap:{n.period.text}")
            if n.kinds:
                found.add("cap:on-kinds")
        elif isinstance(n, s.Reward) and n.cash is not None:
            found.add("reward:cash")
        elif isinstance(n, s.RewardLimit) and n.period is None:
            found.add("reward:limit-ever")
        elif isinstance(n, s.Binary):
            found.add(f"op:{n.op}")
        elif isinstance(n, s.In):
            found.add("not in" if n.negated else "in")
        elif isinstance(n, s.Between):
            found.add("between:dates" if isinstance(n.low, s.DateLit) else "between:numbers")
        elif isinstance(n, s.NumberLit) and n.unit is not None:
            found.add("money-literal")
    return found


def test_the_examples_together_use_every_construct():
    found: set[str] = set()
    for path in EXAMPLES:
        found |= _features(_tree(path.read_text("utf-8"), str(path)))
    assert CONSTRUCTS - found == set()


def test_the_examples_label_in_chinese_and_name_in_ascii():
    for path in EXAMPLES:
        tree = _tree(path.read_text("utf-8"), str(path))
        rules = [n for n in nodes(tree) if isinstance(n, s.Rule)]
        assert rules and all(r.name.text.isascii() for r in rules)
        assert any(r.label is not None and not r.label.value.isascii() for r in rules), path.stem


# ---- the language reference ----------------------------------------------------------------------
def _blocks() -> list[str]:
    return _FENCE.findall(LANGUAGE.read_text("utf-8"))


def test_the_reference_has_examples():
    assert len(_blocks()) >= 15


@pytest.mark.parametrize("index", range(len(_blocks())))
def test_every_points_block_of_the_reference_parses(index: int):
    _tree(_blocks()[index], f"docs/language.md block {index + 1}")


@pytest.mark.parametrize("index", [i for i, b in enumerate(_blocks()) if re.search(r"^program ", b, re.M)])
def test_whole_programs_of_the_reference_check_without_errors(index: int):
    assert _errors(_blocks()[index], f"docs/language.md block {index + 1}") == []


def test_the_tour_is_the_shop_program():
    tour = _tree(_blocks()[0], "tour")
    shop = _tree((ROOT / "examples" / "shop.points").read_text("utf-8"), "shop")
    assert _shape(tour.declarations) == _shape(shop.declarations)


def test_the_reserved_words_of_the_reference_are_the_grammars_keywords():
    grammar = re.sub(r"//[^\n]*", "", (ROOT / "grammar" / "pointrules.lark").read_text("utf-8"))
    keywords = set(re.findall(r'"([a-z][a-z-]*)"', grammar))
    section = LANGUAGE.read_text("utf-8").split("## Reserved words")[1].split("A keyword is reserved")[0]
    listed = set(re.findall(r"`([^`]+)`", section)[0].split())
    modes = set(" ".join(re.findall(r"`([^`]+)`", section)[1:]).split())
    assert listed | modes == keywords
