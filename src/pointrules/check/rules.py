"""The rules pass: rules (earn, multiply, limit, their own expiry and pending), campaigns and caps."""

from __future__ import annotations

from pointrules.program import model as m
from pointrules import syntax as s
from pointrules.diagnostics import Diagnostic
from pointrules.program.resolve import WEEKDAYS
from pointrules.source import Source
import pointrules.check.values as v
from pointrules.check.report import Report, one_of, q
from pointrules.check.scope import Scope, build
from pointrules.check.types import Where, check_condition
from pointrules.check.ladders import check_ladder
from pointrules.check.given import check_given


def check_rules(tree: s.Program, source: Source) -> list[Diagnostic]:
    """Every rule, campaign and cap."""
    scope = build(tree)
    r = Report(source, scope.currency)
    for d in tree.declarations:
        if isinstance(d, s.Rule):
            _rule(r, scope, d)
        elif isinstance(d, s.Campaign):
            _campaign(r, scope, d)
        elif isinstance(d, s.Cap):
            _cap(r, scope, d)
    return r.diagnostics


def _event(r: Report, scope: Scope, name: s.Name) -> m.Schema | None:
    """The declared event kind ``name`` (PR102 when there is none)."""
    event = scope.events.get(name.text)
    if event is None:
        r.add(name.span, "PR102", f"unknown event kind {q(name.text)}",
              help=r.did_you_mean(name.text, scope.events)
              or f"declare it: `event {name.text} {{ amount: money }}`")
    return event


def _rule(r: Report, scope: Scope, rule: s.Rule) -> None:
    event = _event(r, scope, rule.event)
    where = Where(event, None, scope.tiers, "rule", quiet=event is None, profile=scope.profile,
                  events=scope.events)
    if rule.condition is not None:
        check_condition(r, rule.condition, where)
    once: dict[str, s.Statement] = {}
    awards = False
    for st in rule.statements:
        if isinstance(st, s.Earn):
            awards = True
            _earn(r, scope, event, where, st)
        elif isinstance(st, s.Multiply):
            awards = True
            v.factor(r, st.factor, "a multiplier")
            if st.condition is not None:
                check_condition(r, st.condition, where)
        elif isinstance(st, s.Limit):
            v.times(r, st.amount, "a limit", "limit 3 times per day", allow_points=True)
            if st.period is not None:
                v.period(r, st.period, v.PERIODS, "a limit")
        else:
            word = "pending" if isinstance(st, s.Pending) else "expire"
            if word in once:
                r.add(r.keyword(st.span), "PR301", f"{q(word)} is given more than once in rule {q(rule.name.text)}",
                      help="keep one and remove the others", notes=[r.first_at(q(word), once[word].span)])
            once.setdefault(word, st)
            if isinstance(st, s.Pending):
                v.duration(r, st.duration, "a pending period", "pending 7 days")
            else:
                v.expiry(r, st)
    if not awards:
        r.add(rule.name.span, "PR324", f"rule {q(rule.name.text)} awards no points",
              help="add `earn 10 points` or `multiply 2`, or remove the rule")


def _earn(r: Report, scope: Scope, event: m.Schema | None, where: Where, st: s.Earn) -> None:
    for n in st.steps:  # one number, or a ladder's
        if v.positive(r, n, "the points earned") and st.per is None and not v.is_whole(n.value):
            r.add(n.span, "PR308", f"a flat bonus must be whole points, not {q(n.raw)}",
                  help=f"write a whole number like `earn {max(1, int(n.value))} points`; fractions "
                       "are allowed only with `per`")
    check_ladder(r, where, st)
    if st.given is not None:
        check_given(r, event, st.given, scope.fields_of(event, "points") if event is not None else [])
    if st.per is not None and st.per.unit is not None:
        _per_unit(r, scope, event, st)
    elif st.per is not None:
        _per(r, scope, event, st)
    if st.to is not None and st.to.text != "member" and event is not None:
        field = event.fields.get(st.to.text)
        if field is None and scope.profile is not None:
            field = scope.profile.fields.get(st.to.text)  # a profile field: `to referred_by`
        if field is None or field.kind != "member":
            members = ["member", *scope.fields_of(event, "member"),  # worked out for a mistake only
                       *(scope.fields_of(scope.profile, "member") if scope.profile is not None else ())]
        if field is None:
            r.add(st.to.span, "PR103", f"unknown name {q(st.to.text)}",
                  help=r.did_you_mean(st.to.text, members) or f"points can go to {one_of(members)}")
        elif field.kind != "member":
            r.add(st.to.span, "PR111", f"points can only go to a member, and {q(st.to.text)} is a {field.kind} field",
                  help=f"declare it `{st.to.text}: member`, or give the points to {one_of(members)}")
    if st.condition is not None:
        check_condition(r, st.condition, where)


def _earns(st: s.Earn, rest: str) -> str:
    """The earn statement ``st`` rewritten to end in ``rest``, for a help line."""
    return f"earn {st.points.raw} {'point' if st.points.value == 1 else 'points'} {rest}"


def _per(r: Report, scope: Scope, event: m.Schema | None, st: s.Earn) -> None:
    """``per [N] CUR of FIELD[.attr] [where …]``: money of the program's currency, over a money field
    or a list of records with one money field."""
    per = st.per
    assert per is not None and per.currency is not None
    spend = per.spend
    name = spend.field.text
    field = event.fields.get(name) if event is not None else None
    if field is not None and field.kind == "count" and spend.attr is None:
        # money counted over a count: the fix is `per unit of`, whatever word stands for the money
        r.add(spend.field.span, "PR209", f"points per money need money, and {q(name)} is a count field",
              help=f"to earn for each unit it counts, write `{_earns(st, 'per unit of ' + name)}`")
        return
    example = f"earn 10 points per 100 {r.currency or 'CNY'} of amount"
    code = per.currency.text
    if field is not None and field.kind == "list" and not (code.isupper() and len(code) == 3):
        example = _earns(st, f"per unit of {name}")  # `per item of items`: units were meant
    if v.money_unit(r, per.currency, per.span, "points per money", example) and per.block is not None:
        if v.positive(r, per.block, "the block of money"):
            v.money_digits(r, per.block, per.currency.text)
    if event is None:
        return
    if field is None:
        _unknown_field(r, spend, event, scope.fields_of(event, "money", "list"), "money field")
        return
    if field.kind == "money":
        if spend.attr is not None:
            r.add(spend.attr.span, "PR209", f"{q(name)} is money, not a list of records",
                  help=f"write `of {name}`")
        elif spend.where is not None:
            r.add(spend.where.span, "PR210", f"`where` picks records of a list, and {q(name)} is money",
                  help=f"to earn only sometimes, write `earn … per … of {name} when …`")
        return
    record = scope.records.get(field.record or "") if field.kind == "list" else None
    if record is None:
        kind = "a list of texts" if field.kind == "list" else f"a {field.kind} field"
        if field.kind != "list" or field.record is None:  # an unknown record is reported with the schema
            r.add(spend.field.span, "PR209", f"points per money need money, and {q(name)} is {kind}",
                  help=f"to earn for each text it holds, write `{_earns(st, 'per unit of ' + name)}`"
                  if field.kind == "list" else "count over a money field or a list of records that have one")
        return
    _per_record(r, scope, event, st, record)


def _unknown_field(r: Report, spend: s.Spend, event: m.Schema, candidates: list[str], noun: str) -> None:
    """PR103 for the field a `per` counts over: did you mean, else what it could count over."""
    name = spend.field.text
    r.add(spend.field.span, "PR103", f"unknown name {q(name)}",
          help=r.did_you_mean(name, event.fields) or (f"count over {one_of(candidates)}" if candidates
                                                      else f"{q(event.name)} has no {noun}"))


def _per_record(r: Report, scope: Scope, event: m.Schema, st: s.Earn, record: m.Schema) -> None:
    """``per N CUR of LIST[.attr] [where …]``: the money field of the list's records it counts."""
    spend = st.per.spend  # type: ignore[union-attr]
    name = spend.field.text
    money_fields = scope.fields_of(record, "money")
    if spend.attr is not None:
        attr = record.fields.get(spend.attr.text)
        if attr is None:
            r.add(spend.attr.span, "PR103", f"record {q(record.name)} has no field {q(spend.attr.text)}",
                  help=r.did_you_mean(spend.attr.text, record.fields) or
                  (f"its money fields are {one_of(money_fields)}" if money_fields else None))
        elif attr.kind == "count":
            path = name + "." + spend.attr.text
            r.add(spend.attr.span, "PR209", f"points per money need money, and {q(path)} is a count field",
                  help=f"to earn for each unit it counts, write `{_earns(st, 'per unit of ' + path)}`")
        elif attr.kind != "money":
            r.add(spend.attr.span, "PR209", f"points per money need money, and {q(name + '.' + spend.attr.text)} "
                  f"is a {attr.kind} field", help=f"name a money field of {q(record.name)}"
                  + (f": {one_of(money_fields)}" if money_fields else ""))
    elif len(money_fields) != 1:
        if money_fields:
            r.add(spend.field.span, "PR209", f"record {q(record.name)} has {len(money_fields)} money fields: "
                  "which one counts?", help=f"name it, like `of {name}.{money_fields[0]}`")
        else:
            r.add(spend.field.span, "PR209", f"record {q(record.name)} has no money field to count",
                  help=f"add one to the record, like `amount: money`, or count the records with `per unit of {name}`")
    if spend.where is not None:
        check_condition(r, spend.where, Where(event, record, scope.tiers, "where", profile=scope.profile,
                                              events=scope.events))


def _per_unit(r: Report, scope: Scope, event: m.Schema | None, st: s.Earn) -> None:
    """``per [N] unit(s) of FIELD[.attr] [where …]``: units of a count field, the texts of a list of
    texts, or the records of a list (each its count ``attr`` when one is named); N whole, above 0."""
    per = st.per
    assert per is not None
    if per.block is not None and v.positive(r, per.block, "the number of units"):
        v.whole(r, per.block, "the number of units")
    if event is None:
        return
    spend = per.spend
    name = spend.field.text
    field = event.fields.get(name)
    countable = scope.fields_of(event, "count", "list")
    if field is None:
        _unknown_field(r, spend, event, countable, "count field or list")
        return
    if field.kind == "money":
        money = f"per 1 {r.currency or 'CNY'} of {name}"
        r.add(spend.field.span, "PR211", f"points per unit need a count, and {q(name)} is money",
              help=f"to earn per money, write `{_earns(st, money)}`")
        return
    if field.kind not in ("count", "list"):
        r.add(spend.field.span, "PR211", f"points per unit need a count, and {q(name)} is a {field.kind} field",
              help=f"count over a count field or a list: {one_of(countable)}" if countable
              else "declare the number to count as a count, like `cups: count`")
        return
    record = scope.records.get(field.record or "") if field.kind == "list" else None
    if field.kind == "list" and field.record is not None and record is None:
        return  # an unknown record is reported with the schema
    if record is None:  # a count, or a list of texts: counted whole
        kind = "a count" if field.kind == "count" else "a list of texts"
        if spend.attr is not None:
            r.add(spend.attr.span, "PR211", f"{q(name)} is {kind}, not a list of records: it has no fields",
                  help=f"write `{_earns(st, 'per unit of ' + name)}`")
        elif spend.where is not None:
            r.add(spend.where.span, "PR210", f"`where` picks records of a list, and {q(name)} is {kind}",
                  help=f"to earn only sometimes, write `earn … per unit of {name} when …`")
        return
    if spend.attr is not None:
        counts = scope.fields_of(record, "count")
        attr = record.fields.get(spend.attr.text)
        path = name + "." + spend.attr.text
        if attr is None:
            r.add(spend.attr.span, "PR103", f"record {q(record.name)} has no field {q(spend.attr.text)}",
                  help=r.did_you_mean(spend.attr.text, record.fields) or
                  (f"its count fields are {one_of(counts)}" if counts else f"count the records: `per unit of {name}`"))
        elif attr.kind != "count":
            what = "money" if attr.kind == "money" else f"a {attr.kind} field"
            r.add(spend.attr.span, "PR211", f"points per unit need a count, and {q(path)} is {what}",
                  help=(f"name a count field of {q(record.name)}: {one_of(counts)}, or " if counts else "")
                  + f"count the records with `per unit of {name}`")
    if spend.where is not None:
        check_condition(r, spend.where, Where(event, record, scope.tiers, "where", profile=scope.profile,
                                              events=scope.events))


def _campaign(r: Report, scope: Scope, c: s.Campaign) -> None:
    window: s.DateWindow | None = None
    for sch in c.schedules:
        if isinstance(sch, s.DateWindow):
            if window is not None:
                r.add(r.keyword(sch.span), "PR301", f"campaign {q(c.name.text)} has more than one `from … to …`",
                      help="keep one window; for several periods use one campaign each",
                      notes=[r.first_at("its window", window.span)])
            window = window or sch
            v.window(r, sch.start, sch.end, f"campaign {q(c.name.text)}")
        elif isinstance(sch, s.Weekly):
            for day in sch.days:
                if day.text not in WEEKDAYS:
                    r.add(day.span, "PR110", f"unknown weekday {q(day.text)}",
                          help=r.did_you_mean(day.text, WEEKDAYS) or f"use {one_of(WEEKDAYS)}")
        elif isinstance(sch, s.Monthly):
            for n in sch.days:
                if not (v.is_whole(n.value) and 1 <= n.value <= 31):
                    r.add(n.span, "PR320", f"there is no day {q(n.raw)} in a month",
                          help="days of the month go from 1 to 31")
    if c.budget is not None:
        v.points(r, c.budget, "a campaign budget", "budget 2,000,000 points")
    if not c.rules:
        r.add(c.name.span, "PR321", f"campaign {q(c.name.text)} has no rules",
              help="add a rule, like `rule double on purchase { multiply 2 }`, or remove the campaign")
    for rule in c.rules:
        _rule(r, scope, rule)


def _cap(r: Report, scope: Scope, cap: s.Cap) -> None:
    v.points(r, cap.amount, "a cap", "cap 5,000 points per day")
    v.period(r, cap.period, ("event", *v.PERIODS), "a cap")
    for kind in cap.kinds:
        _event(r, scope, kind)
