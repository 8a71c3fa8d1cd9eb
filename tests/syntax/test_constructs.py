"""One test per construct of the grammar: a small snippet parses to the syntax tree docs/language.md
describes, with the key values and the spans that cover the right text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pointrules import syntax as s
from pointrules.syntax.parser import parse
from pointrules.source import Source


def program(text: str) -> s.Program:
    tree, diagnostics = parse(Source(text))
    assert diagnostics == [], [d.message for d in diagnostics]
    assert tree is not None
    return tree


def one(text: str) -> object:
    """The single declaration of a snippet."""
    (declaration,) = program(text).declarations
    return declaration


def statements(body: str) -> tuple[s.Statement, ...]:
    rule = one("rule r on purchase {\n" + body + "\n}")
    assert isinstance(rule, s.Rule)
    return rule.statements


def statement(body: str) -> s.Statement:
    (st,) = statements(body)
    return st


def condition(text: str) -> s.Expr:
    rule = one(f"rule r on purchase when {text} {{ earn 1 point }}")
    assert isinstance(rule, s.Rule) and rule.condition is not None
    return rule.condition


def snippet(text: str, node: object) -> str:
    span = node.span  # type: ignore[attr-defined]
    return text[span.start : span.end]


def fails(text: str) -> bool:
    tree, diagnostics = parse(Source(text))
    return tree is None and bool(diagnostics)


# ---- lexical structure ---------------------------------------------------------------------------
def test_comments_are_collected_beside_the_tree():
    text = 'program "A"   # the name\n# a whole line\nversion 2 # two'
    tree = program(text)
    assert [c.text for c in tree.comments] == ["# the name", "# a whole line", "# two"]
    assert snippet(text, tree.comments[1]) == "# a whole line"
    assert len(tree.declarations) == 2


def test_a_hash_inside_a_text_is_not_a_comment():
    text = 'program "Shop #1" # real comment'
    tree = program(text)
    assert tree.declarations[0].name.value == "Shop #1"
    assert [c.text for c in tree.comments] == ["# real comment"]


def test_text_escapes_are_unescaped_and_raw_is_kept():
    decl = one(r'program "say \"hi\" \\ tab\there\nnew \q"')
    assert decl.name.value == 'say "hi" \\ tab\there\nnew q'
    assert decl.name.raw == r'"say \"hi\" \\ tab\there\nnew \q"'


def test_labels_carry_any_language():
    decl = one('rule base "消费返积分" on purchase { earn 1 point }')
    assert decl.label.value == "消费返积分"


def test_numbers_with_thousands_separators_are_exact():
    cap = one("cap 2,000,000.5 points per day")
    assert cap.amount.amount.value == Decimal("2000000.5")
    assert cap.amount.amount.raw == "2,000,000.5"


def test_a_comma_and_a_space_separate_numbers():
    campaign = one("campaign c every month on day 1, 15 { rule r on purchase { multiply 2 } }")
    assert [n.value for n in campaign.schedules[0].days] == [1, 15]


def test_month_day_is_one_literal_and_spaced_is_subtraction():
    md = condition("date = 11-11").right
    assert isinstance(md, s.MonthDay) and (md.raw, md.month, md.day) == ("11-11", 11, 11)
    spaced = condition("day = 11 - 11")
    assert isinstance(spaced.right, s.Binary) and spaced.right.op == "-"


def test_dates_are_split_into_parts():
    eff = one("effective from 2026-02-01")
    assert (eff.start.year, eff.start.month, eff.start.day, eff.start.raw) == (2026, 2, 1, "2026-02-01")
    assert eff.end is None


def test_free_form_layout_and_unusual_spaces():
    # newlines are whitespace; so are the ideographic space and the no-break space
    tree = program('program\n"A"\u3000version\u00a03 currency CNY')
    assert [type(d) for d in tree.declarations] == [s.ProgramName, s.Version, s.Currency]


def test_names_are_case_sensitive_ascii():
    rule = one("rule Base_2 on Purchase { earn 1 point }")
    assert (rule.name.text, rule.event.text) == ("Base_2", "Purchase")
    assert fails("rule 基础 on purchase { earn 1 point }")


def test_keywords_are_reserved_only_where_they_can_appear():
    event = one("event e { list: text, day: count, order: money, value: number }")
    assert [f.name.text for f in event.fields] == ["list", "day", "order", "value"]
    assert one("rule when on e { earn 1 point }").name.text == "when"
    assert fails('tiers { keep "x" }')  # `keep` starts `keep tier for`


# ---- header (L1) ---------------------------------------------------------------------------------
def test_program_name():
    decl = one('program "Shop Rewards"')
    assert isinstance(decl, s.ProgramName) and decl.name.value == "Shop Rewards"


def test_version():
    assert one("version 3").number.value == 3


def test_currency():
    assert one("currency CNY").code.text == "CNY"


def test_timezone():
    assert one('timezone "Asia/Shanghai"').name.value == "Asia/Shanghai"


def test_value_of_points():
    text = "value 100 points = 1 CNY"
    decl = one(text)
    assert isinstance(decl, s.Value)
    assert decl.points.value == 100
    assert (decl.money.amount.value, decl.money.unit.text) == (1, "CNY")
    assert snippet(text, decl.money) == "1 CNY"


@pytest.mark.parametrize("mode", ["down", "up", "nearest", "half-even"])
def test_rounding_modes(mode):
    assert one(f"rounding {mode}").mode == mode


@pytest.mark.parametrize("mode", ["multiplying", "adding", "best"])
def test_stacking_modes(mode):
    decl = one(f"multipliers stack by {mode}")
    assert isinstance(decl, s.Stacking) and decl.mode == mode


def test_effective_window():
    decl = one("effective from 2026-01-01 to 2026-12-31")
    assert (decl.start.raw, decl.end.raw) == ("2026-01-01", "2026-12-31")


# ---- events and records (L2) ---------------------------------------------------------------------
def test_event_without_fields_or_label():
    decl = one("event signup")
    assert isinstance(decl, s.Event) and decl.label is None and decl.fields == ()


def test_event_with_label_and_fields_separated_by_commas_or_newlines():
    text = 'event purchase "消费" {\n  amount: money,\n  channel: "app" | "web"\n  items: list of item\n}'
    decl = one(text)
    assert decl.label.value == "消费"
    assert [f.name.text for f in decl.fields] == ["amount", "channel", "items"]
    amount, channel, items = (f.type for f in decl.fields)
    assert isinstance(amount, s.NamedType) and amount.name.text == "money"
    assert isinstance(channel, s.EnumType) and [v.value for v in channel.values] == ["app", "web"]
    assert isinstance(items, s.ListType) and items.of.text == "item"
    assert snippet(text, decl.fields[1]) == 'channel: "app" | "web"'


def test_record():
    decl = one("record item { sku: text, amount: money }")
    assert isinstance(decl, s.Record) and [f.name.text for f in decl.fields] == ["sku", "amount"]


def test_optional_and_list_of_text():
    decl = one("record r { note: optional text, tags: list of text, maybe: optional list of text }")
    note, tags, maybe = (f.type for f in decl.fields)
    assert isinstance(note, s.OptionalType) and note.inner.name.text == "text"
    assert isinstance(tags, s.ListType) and tags.of.text == "text"
    assert isinstance(maybe, s.OptionalType) and isinstance(maybe.inner, s.ListType)


@pytest.mark.parametrize("name", ["money", "number", "count", "text", "date", "time", "member", "yesno",
                                  "boolean", "bool", "datetime"])
def test_named_types_are_names_for_the_checker(name):
    (field,) = one(f"event e {{ f: {name} }}").fields
    assert field.type.name.text == name


# ---- tiers (L9) ----------------------------------------------------------------------------------
def test_tiers_assigned_by_the_host():
    decl = one('tiers { member "普通会员"  gold "金卡" multiplier 1.5 }')
    assert decl.qualification is None and decl.policies == ()
    member, gold = decl.tiers
    assert (member.name.text, member.label.value) == ("member", "普通会员")
    assert member.threshold is None and member.benefits == ()
    (mult,) = gold.benefits
    assert isinstance(mult, s.TierMultiplier) and mult.factor.value == Decimal("1.5")
    assert not mult.including_bonuses


def test_tiers_by_spend_over_last_months_with_thresholds_perks_and_policies():
    text = ('tiers by spend over last 12 months {\n'
            '  member from 0 CNY\n'
            '  vip "VIP" from 80,000 CNY multiplier 2 including bonuses perks "专属客服", "免费停车"\n'
            '  downgrade one level\n'
            '  keep tier for 6 months\n'
            '}')
    decl = one(text)
    q = decl.qualification
    assert (q.metric.text, q.window.kind) == ("spend", "last")
    assert (q.window.count.value, q.window.unit.text) == (12, "months")
    assert snippet(text, q) == "by spend over last 12 months"
    member, vip = decl.tiers
    assert (member.threshold.amount.value, member.threshold.unit.text) == (0, "CNY")
    assert vip.threshold.amount.value == 80000
    mult, perks = vip.benefits
    assert mult.including_bonuses and mult.factor.value == 2
    assert [p.value for p in perks.perks] == ["专属客服", "免费停车"]
    downgrade, keep = decl.policies
    assert downgrade.mode == "one level"
    assert (keep.duration.amount.value, keep.duration.unit.text) == (6, "months")
    assert snippet(text, vip).startswith("vip") and snippet(text, vip).endswith('"免费停车"')


def test_tiers_by_points_this_year_and_downgrade_to_qualified():
    decl = one("tiers by points over this year {\n a from 0 points b from 12 purchases\n"
               " downgrade to qualified tier }")
    assert (decl.qualification.metric.text, decl.qualification.window.kind) == ("points", "this")
    assert decl.qualification.window.count is None and decl.qualification.window.unit.text == "year"
    assert [t.threshold.unit.text for t in decl.tiers] == ["points", "purchases"]
    assert decl.policies[0].mode == "qualified"


def test_tiers_over_lifetime_have_no_count_and_no_unit():
    decl = one("tiers by spend over lifetime { member from 0 CNY  gold from 10,000 CNY }")
    w = decl.qualification.window
    assert (w.kind, w.count, w.unit) == ("lifetime", None, None)


def test_perks_before_multiplier():
    (tier,) = one('tiers { gold perks "a" multiplier 1.5 }').tiers
    assert [type(b) for b in tier.benefits] == [s.Perks, s.TierMultiplier]


# ---- expiry (L10) and pending (L11) --------------------------------------------------------------
def test_expire_never():
    assert isinstance(one("expire never"), s.ExpireNever)


def test_expire_after():
    decl = one("expire after 12 months")
    assert isinstance(decl, s.ExpireAfter) and decl.duration.amount.value == 12


def test_expire_after_inactivity():
    decl = one("expire after 18 months without activity")
    assert isinstance(decl, s.ExpireInactive) and decl.duration.unit.text == "months"


@pytest.mark.parametrize("text, unit, nxt, after", [
    ("expire at end of month", "month", False, None),
    ("expire at end of next year", "year", True, None),
    ("expire at end of quarter after 2 quarters", "quarter", False, 2),
])
def test_expire_at_end_of_period(text, unit, nxt, after):
    decl = one(text)
    assert isinstance(decl, s.ExpireEnd)
    assert (decl.unit.text, decl.next) == (unit, nxt)
    assert (decl.after.amount.value if decl.after else None) == after
    assert snippet(text, decl) == text


def test_pending():
    decl = one("pending 7 days")
    assert isinstance(decl, s.Pending)
    assert (decl.duration.amount.value, decl.duration.unit.text) == (7, "days")


# ---- rules (L3-L7) -------------------------------------------------------------------------------
def test_rule_header_with_label_and_condition():
    text = 'rule app "App下单奖励" on purchase when channel = "app" { earn 5 points }'
    rule = one(text)
    assert (rule.name.text, rule.label.value, rule.event.text) == ("app", "App下单奖励", "purchase")
    assert isinstance(rule.condition, s.Binary) and snippet(text, rule.condition) == 'channel = "app"'
    assert snippet(text, rule) == text


def test_earn_flat_bonus():
    text = "earn 10 points"
    earn = statement(text)
    assert isinstance(earn, s.Earn)
    assert earn.points.value == 10 and earn.per is None and earn.to is None and earn.condition is None


def test_earn_per_full_block():
    earn = statement("earn 10 points per 100 CNY of amount")
    per = earn.per
    assert per.block.value == 100 and per.currency.text == "CNY" and not per.prorated
    assert (per.spend.field.text, per.spend.attr, per.spend.where) == ("amount", None, None)


def test_earn_per_currency_without_block():
    per = statement("earn 1 point per CNY of amount").per
    assert per.block is None and per.currency.text == "CNY"


def test_earn_prorated():
    per = statement("earn 1 point per 100 CNY of amount prorated").per
    assert per.prorated


def test_earn_over_records_where():
    text = 'rule r on purchase { earn 1 point per 1 CNY of items.amount where category = "x" prorated }'
    per = one(text).statements[0].per
    assert (per.spend.field.text, per.spend.attr.text) == ("items", "amount")
    assert isinstance(per.spend.where, s.Binary) and per.spend.where.left.name.text == "category"
    assert per.prorated
    assert snippet(text, per) == 'per 1 CNY of items.amount where category = "x" prorated'
    assert snippet(text, per.spend) == 'items.amount where category = "x"'


def test_earn_per_unit_of_a_count():
    text = "rule r on purchase { earn 10 points per unit of cups }"
    per = one(text).statements[0].per
    assert per.currency is None and per.unit.text == "unit" and per.block is None and not per.prorated
    assert (per.spend.field.text, per.spend.attr, per.spend.where) == ("cups", None, None)
    assert snippet(text, per) == "per unit of cups"
    assert snippet(text, per.unit) == "unit"


def test_earn_per_units_singular_and_plural_both_read():
    for word in ("unit", "units"):
        per = statement(f"earn 5 points per 2 {word} of cups prorated").per
        assert (per.block.value, per.unit.text, per.currency, per.prorated) == (2, word, None, True)


def test_earn_per_unit_over_records_where():
    text = 'rule r on purchase { earn 1 point per unit of items.quantity where category = "coffee" }'
    per = one(text).statements[0].per
    assert (per.spend.field.text, per.spend.attr.text, per.unit.text) == ("items", "quantity", "unit")
    assert snippet(text, per.spend) == 'items.quantity where category = "coffee"'


def test_unit_is_a_keyword_only_after_per():
    # a field may be called `unit` or `units`, and counted: `per unit of unit`
    event = one("event purchase { unit: count, units: money }")
    assert [f.name.text for f in event.fields] == ["unit", "units"]
    per = statement("earn 1 point per unit of unit").per
    assert (per.unit.text, per.spend.field.text) == ("unit", "unit")
    assert statement("earn 1 point per 1 CNY of units").per.currency.text == "CNY"


def test_earn_to_beneficiary_with_condition():
    text = "rule r on referral { earn 500 points to referee when streak >= 2 }"
    earn = one(text).statements[0]
    assert earn.to.text == "referee"
    assert earn.condition.op == ">="
    assert snippet(text, earn) == "earn 500 points to referee when streak >= 2"


def test_earn_per_with_beneficiary_and_condition():
    earn = statement("earn 2 points per 10 CNY of amount to friend when amount > 5 CNY")
    assert earn.per.block.value == 10 and earn.to.text == "friend" and earn.condition.op == ">"


def test_multiply():
    mult = statement("multiply 2")
    assert isinstance(mult, s.Multiply)
    assert (mult.factor.value, mult.including_bonuses, mult.condition) == (2, False, None)


def test_multiply_by_including_bonuses_when():
    mult = statement('multiply by 1.5 including bonuses when tier >= gold')
    assert mult.factor.value == Decimal("1.5") and mult.including_bonuses
    assert mult.condition.right.name.text == "gold"


@pytest.mark.parametrize("text, amount, unit, period", [
    ("limit 3 times per day", 3, "times", "day"),
    ("limit 1,000 points per month", 1000, "points", "month"),
    ("limit 1 time", 1, "time", None),
    ("limit 2 per week", 2, None, "week"),
])
def test_limit(text, amount, unit, period):
    limit = statement(text)
    assert isinstance(limit, s.Limit)
    assert limit.amount.amount.value == amount
    assert (limit.amount.unit.text if limit.amount.unit else None) == unit
    assert (limit.period.text if limit.period else None) == period


def test_expiry_and_pending_inside_a_rule_keep_their_order():
    sts = statements("earn 5 points\nexpire at end of month\npending 3 days\nlimit 1 time\nexpire never")
    assert [type(x) for x in sts] == [s.Earn, s.ExpireEnd, s.Pending, s.Limit, s.ExpireNever]


def test_a_condition_ending_in_a_number_does_not_swallow_the_next_statement():
    sts = statements("earn 10 points when cups >= 2\nlimit 3 times per day")
    assert sts[0].condition.right.unit is None
    assert isinstance(sts[1], s.Limit)


# ---- campaigns (L8) ------------------------------------------------------------------------------
def test_campaign_with_window_budget_and_rules():
    text = ('campaign double11 "双十一" from 2026-11-01 to 2026-11-11 budget 2,000,000 points {\n'
            '  rule double on purchase { multiply 2 }\n'
            '  rule gift on purchase { earn 11 points }\n}')
    c = one(text)
    assert (c.name.text, c.label.value) == ("double11", "双十一")
    (window,) = c.schedules
    assert isinstance(window, s.DateWindow)
    assert (window.start.raw, window.end.raw) == ("2026-11-01", "2026-11-11")
    assert c.budget.amount.value == 2_000_000 and c.budget.unit.text == "points"
    assert [r.name.text for r in c.rules] == ["double", "gift"]
    assert snippet(text, window) == "from 2026-11-01 to 2026-11-11"


def test_campaign_every_weekday():
    (weekly,) = one("campaign c every saturday, sunday { rule r on p { multiply 2 } }").schedules
    assert isinstance(weekly, s.Weekly) and [d.text for d in weekly.days] == ["saturday", "sunday"]


def test_campaign_every_month_on_days():
    (monthly,) = one("campaign c every month on day 8, 18, 28 { rule r on p { multiply 2 } }").schedules
    assert isinstance(monthly, s.Monthly) and [d.value for d in monthly.days] == [8, 18, 28]


def test_campaign_every_year_on_month_days():
    (yearly,) = one("campaign c every year on 11-11, 06-18 { rule r on p { multiply 2 } }").schedules
    assert isinstance(yearly, s.Yearly) and [(d.month, d.day) for d in yearly.days] == [(11, 11), (6, 18)]


def test_campaign_on_dates():
    (dates,) = one("campaign c on 2026-10-01, 2026-10-02 { rule r on p { multiply 2 } }").schedules
    assert isinstance(dates, s.OnDates) and [d.raw for d in dates.dates] == ["2026-10-01", "2026-10-02"]


def test_campaign_window_and_weekdays_together_without_budget():
    c = one("campaign c from 2026-12-01 to 2027-02-28 every saturday, sunday { rule r on p { multiply 2 } }")
    assert [type(x) for x in c.schedules] == [s.DateWindow, s.Weekly]
    assert c.budget is None and c.label is None


# ---- caps (L7) -----------------------------------------------------------------------------------
def test_cap_over_all_kinds():
    text = "cap 5,000 points per day"
    cap = one(text)
    assert isinstance(cap, s.Cap) and cap.amount.amount.value == 5000 and cap.period.text == "day"
    assert cap.kinds == () and snippet(text, cap) == text


def test_cap_on_kinds():
    cap = one("cap 1,000 points per event on review, share")
    assert cap.period.text == "event" and [k.text for k in cap.kinds] == ["review", "share"]


# ---- redemption (L12) and rewards (L13) ----------------------------------------------------------
def test_redeem_items():
    decl = one("redeem {\n minimum 500 points\n step 100 points\n at most 50% of order\n"
               " at most 10,000 points per month\n}")
    minimum, step, share, limit = decl.items
    assert isinstance(minimum, s.RedeemMinimum) and minimum.amount.amount.value == 500
    assert isinstance(step, s.RedeemStep) and step.amount.amount.value == 100
    assert isinstance(share, s.RedeemShare) and (share.share.amount.value, share.share.unit.text) == (50, "%")
    assert isinstance(limit, s.RedeemLimit)
    assert (limit.amount.amount.value, limit.period.text) == (10000, "month")


def test_reward_points_plus_cash_with_every_item():
    text = ('reward upgrade "升舱" costs 20,000 points + 500 CNY {\n'
            '  limit 2 per month\n  for tier >= gold\n'
            '  available from 2026-01-01 to 2026-12-31\n  stock 1,000\n}')
    r = one(text)
    assert (r.name.text, r.label.value) == ("upgrade", "升舱")
    assert r.cost.amount.value == 20000 and (r.cash.amount.value, r.cash.unit.text) == (500, "CNY")
    limit, eligibility, window, stock = r.items
    assert isinstance(limit, s.RewardLimit) and limit.count.amount.value == 2 and limit.period.text == "month"
    assert isinstance(eligibility, s.RewardEligibility) and eligibility.condition.op == ">="
    assert isinstance(window, s.RewardWindow) and window.end.raw == "2026-12-31"
    assert isinstance(stock, s.RewardStock) and stock.count.value == 1000
    assert snippet(text, r.cash) == "500 CNY"


def test_reward_without_body_and_limit_without_period():
    plain = one("reward wrap costs 300 points")
    assert plain.items == () and plain.cash is None and plain.label is None
    (limit,) = one("reward r costs 1 point { limit 1 }").items
    assert limit.period is None and limit.count.unit is None


# ---- guards (L14) --------------------------------------------------------------------------------
def test_guard():
    text = "check return rate at most 8%"
    g = one(text)
    assert isinstance(g, s.Guard)
    assert [w.text for w in g.words] == ["return", "rate"]
    assert (g.bound.amount.value, g.bound.unit.text) == (8, "%")
    assert snippet(text, g) == text


# ---- conditions (L5) -----------------------------------------------------------------------------
def test_or_binds_looser_than_and_and_not():
    e = condition("a = 1 or not b = 2 and c = 3")
    assert e.op == "or"
    assert e.right.op == "and" and isinstance(e.right.left, s.Not)


def test_parentheses_group():
    e = condition("(a = 1 or b = 2) and c = 3")
    assert e.op == "and" and e.left.op == "or"


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">="])
def test_comparisons(op):
    e = condition(f"amount {op} 100 CNY")
    assert e.op == op
    assert isinstance(e.right, s.NumberLit) and e.right.number.value == 100 and e.right.unit.text == "CNY"


def test_comparisons_do_not_chain():
    assert fails("rule r on p when 1 < a < 3 { earn 1 point }")


def test_arithmetic_precedence_and_negation():
    e = condition("a + b * c % 7 - -d = 0")
    # ((a + ((b * c) % 7)) - (-d)) = 0
    left = e.left
    assert left.op == "-" and isinstance(left.right, s.Negate)
    assert left.left.op == "+" and left.left.right.op == "%" and left.left.right.left.op == "*"


def test_in_and_not_in():
    e = condition('category in ("a", "b")')
    assert isinstance(e, s.In) and not e.negated and [o.value for o in e.options] == ["a", "b"]
    n = condition("weekday not in (saturday, sunday)")
    assert n.negated and [o.name.text for o in n.options] == ["saturday", "sunday"]


def test_between_dates_includes_both_ends_in_meaning():
    text = "rule r on p when date from 2026-12-20 to 2027-01-05 { earn 1 point }"
    e = one(text).condition
    assert isinstance(e, s.Between)
    assert (e.value.name.text, e.low.raw, e.high.raw) == ("date", "2026-12-20", "2027-01-05")
    assert snippet(text, e) == "date from 2026-12-20 to 2027-01-05"


def test_literals():
    e = condition('t = "x" or d = 2026-11-11 or m = 11-11 or n = 1.5')
    values = []
    while isinstance(e, s.Binary) and e.op == "or":
        values.append(e.right.right)
        e = e.left
    values.append(e.right)
    kinds = {type(v) for v in values}
    assert kinds == {s.Text, s.DateLit, s.MonthDay, s.NumberLit}


def test_yesno_field_alone_is_a_condition():
    e = condition("has_photos and not first_order")
    assert isinstance(e.left, s.Ref) and isinstance(e.right, s.Not)


def test_record_dot_field_reference():
    e = condition("item.category = 1")
    assert (e.left.name.text, e.left.attr.text) == ("item", "category")
