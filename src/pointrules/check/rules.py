"""The rules pass: rules (earn, multiply, limit, their own expiry and pending), campaigns and caps."""

from __future__ import annotations

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.given import check_given
from pointrules.check.kinds import field_of
from pointrules.check.ladders import check_ladder
from pointrules.check.report import Report, one_of, q
from pointrules.check.scope import Scope, build
from pointrules.check.types import Where, check_condition
from pointrules.diagnostics import Diagnostic
from pointrules.messages import Text, t
from pointrules.program import model as m
from pointrules.program.resolve import WEEKDAYS
from pointrules.source import Source


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
        r.add(name.span, "PR102", t("unknown event kind {kind}", kind=q(name.text)),
              help=r.did_you_mean(name.text, scope.events)
              or t("declare it: `event {kind} {{ amount: money }}`", kind=name.text))
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
            v.factor(r, st.factor, t("a multiplier"))
            if st.condition is not None:
                check_condition(r, st.condition, where)
        elif isinstance(st, s.Limit):
            v.times(r, st.amount, t("a limit"), "limit 3 times per day", allow_points=True)
            if st.period is not None:
                v.period(r, st.period, v.PERIODS, t("a limit"))
        else:
            word = "pending" if isinstance(st, s.Pending) else "expire"
            if word in once:
                r.add(r.keyword(st.span), "PR301", t("{what} is given more than once in {where}", what=q(word),
                                                     where=t("rule {name}", name=q(rule.name.text))),
                      help=t("keep one and remove the others"), notes=[r.first_at(q(word), once[word].span)])
            once.setdefault(word, st)
            if isinstance(st, s.Pending):
                v.duration(r, st.duration, t("a pending period"), "pending 7 days")
            else:
                v.expiry(r, st)
    if not awards:
        r.add(rule.name.span, "PR324", t("rule {name} awards no points", name=q(rule.name.text)),
              help=t("add `earn 10 points` or `multiply 2`, or remove the rule"))


def _earn(r: Report, scope: Scope, event: m.Schema | None, where: Where, st: s.Earn) -> None:
    for n in st.steps:  # one number, or a ladder's
        if v.positive(r, n, t("the points earned")) and st.per is None and not v.is_whole(n.value):
            r.add(n.span, "PR308", t("a flat bonus must be whole points, not {number}", number=q(n.raw)),
                  help=t("write a whole number like `earn {n} points`; fractions are allowed only with `per`",
                         n=max(1, int(n.value))))
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
            r.add(st.to.span, "PR103", t("unknown name {name}", name=q(st.to.text)),
                  help=r.did_you_mean(st.to.text, members) or t("points can go to {members}", members=one_of(members)))
        elif field.kind != "member":
            r.add(st.to.span, "PR111", t("points can only go to a member, and {name} is {kind}", name=q(st.to.text),
                                         kind=field_of(field.kind)),
                  help=t("declare it `{name}: member`, or give the points to {members}", name=st.to.text,
                         members=one_of(members)))
    if st.condition is not None:
        check_condition(r, st.condition, where)


def _earns(st: s.Earn, rest: str) -> str:
    """The earn statement ``st`` rewritten to end in ``rest``, for a help line (a statement with
    ``per``, so its points are written: ``earn FIELD`` takes no ``per``)."""
    return f"earn {st.points.raw} {'point' if st.points.value == 1 else 'points'} {rest}"  # type: ignore[union-attr]


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
        r.add(spend.field.span, "PR209", t("points per money need money, and {name} is {kind}", name=q(name),
                                           kind=field_of("count")),
              help=t("to earn for each unit it counts, write {earn}", earn=q(_earns(st, 'per unit of ' + name))))
        return
    example = f"earn 10 points per 100 {r.currency or 'CNY'} of amount"
    code = per.currency.text
    if field is not None and field.kind == "list" and not (code.isupper() and len(code) == 3):
        example = _earns(st, f"per unit of {name}")  # `per item of items`: units were meant
    if (v.money_unit(r, per.currency, per.span, t("points per money"), example) and per.block is not None
            and v.positive(r, per.block, t("the block of money"))):
        v.money_digits(r, per.block, per.currency.text)
    if event is None:
        return
    if field is None:
        _unknown_field(r, spend, event, scope.fields_of(event, "money", "list"), t("money field"))
        return
    if field.kind == "money":
        if spend.attr is not None:
            r.add(spend.attr.span, "PR209", t("{name} is money, not a list of records", name=q(name)),
                  help=t("write {word}", word=f"`of {name}`"))
        elif spend.where is not None:
            r.add(spend.where.span, "PR210", t("`where` picks records of a list, and {name} is {kind}", name=q(name),
                                               kind=t("money")),
                  help=t("to earn only sometimes, write `earn … per … of {name} when …`", name=name))
        return
    record = scope.records.get(field.record or "") if field.kind == "list" else None
    if record is None:
        kind = t("a list of texts") if field.kind == "list" else field_of(field.kind)
        if field.kind != "list" or field.record is None:  # an unknown record is reported with the schema
            r.add(spend.field.span, "PR209", t("points per money need money, and {name} is {kind}", name=q(name),
                                               kind=kind),
                  help=t("to earn for each text it holds, write {earn}", earn=q(_earns(st, 'per unit of ' + name)))
                  if field.kind == "list" else t("count over a money field or a list of records that have one"))
        return
    _per_record(r, scope, event, st, record)


def _unknown_field(r: Report, spend: s.Spend, event: m.Schema, candidates: list[str], noun: Text) -> None:
    """PR103 for the field a `per` counts over: did you mean, else what it could count over."""
    name = spend.field.text
    r.add(spend.field.span, "PR103", t("unknown name {name}", name=q(name)),
          help=r.did_you_mean(name, event.fields) or (t("count over {fields}", fields=one_of(candidates)) if candidates
                                                      else t("{event} has no {noun}", event=q(event.name), noun=noun)))


def _per_record(r: Report, scope: Scope, event: m.Schema, st: s.Earn, record: m.Schema) -> None:
    """``per N CUR of LIST[.attr] [where …]``: the money field of the list's records it counts."""
    spend = st.per.spend  # type: ignore[union-attr]
    name = spend.field.text
    money_fields = scope.fields_of(record, "money")
    if spend.attr is not None:
        attr = record.fields.get(spend.attr.text)
        if attr is None:
            r.add(spend.attr.span, "PR103", t("record {record} has no field {name}", record=q(record.name),
                                              name=q(spend.attr.text)),
                  help=r.did_you_mean(spend.attr.text, record.fields) or
                  (t("its money fields are {fields}", fields=one_of(money_fields)) if money_fields else None))
        elif attr.kind == "count":
            path = name + "." + spend.attr.text
            r.add(spend.attr.span, "PR209", t("points per money need money, and {name} is {kind}", name=q(path),
                                              kind=field_of("count")),
                  help=t("to earn for each unit it counts, write {earn}", earn=q(_earns(st, 'per unit of ' + path))))
        elif attr.kind != "money":
            r.add(spend.attr.span, "PR209", t("points per money need money, and {name} is {kind}",
                                              name=q(name + '.' + spend.attr.text), kind=field_of(attr.kind)),
                  help=t("name a money field of {record}: {fields}", record=q(record.name), fields=one_of(money_fields))
                  if money_fields else t("name a money field of {record}", record=q(record.name)))
    elif len(money_fields) != 1:
        if money_fields:
            r.add(spend.field.span, "PR209", t("record {record} has {n} money fields: which one counts?",
                                               record=q(record.name), n=len(money_fields)),
                  help=t("name it, like `of {name}.{field}`", name=name, field=money_fields[0]))
        else:
            r.add(spend.field.span, "PR209", t("record {record} has no money field to count", record=q(record.name)),
                  help=t("add one to the record, like `amount: money`, or count the records with `per unit of {name}`",
                         name=name))
    if spend.where is not None:
        check_condition(r, spend.where, Where(event, record, scope.tiers, "where", profile=scope.profile,
                                              events=scope.events))


def _per_unit(r: Report, scope: Scope, event: m.Schema | None, st: s.Earn) -> None:
    """``per [N] unit(s) of FIELD[.attr] [where …]``: units of a count field, the texts of a list of
    texts, or the records of a list (each its count ``attr`` when one is named); N whole, above 0."""
    per = st.per
    assert per is not None
    if per.block is not None and v.positive(r, per.block, t("the number of units")):
        v.whole(r, per.block, t("the number of units"))
    if event is None:
        return
    spend = per.spend
    name = spend.field.text
    field = event.fields.get(name)
    countable = scope.fields_of(event, "count", "list")
    if field is None:
        _unknown_field(r, spend, event, countable, t("count field or list"))
        return
    if field.kind == "money":
        money = f"per 1 {r.currency or 'CNY'} of {name}"
        r.add(spend.field.span, "PR211", t("points per unit need a count, and {name} is {kind}", name=q(name),
                                           kind=t("money")),
              help=t("to earn per money, write {earn}", earn=q(_earns(st, money))))
        return
    if field.kind not in ("count", "list"):
        r.add(spend.field.span, "PR211", t("points per unit need a count, and {name} is {kind}", name=q(name),
                                           kind=field_of(field.kind)),
              help=t("count over a count field or a list: {fields}", fields=one_of(countable)) if countable
              else t("declare the number to count as a count, like `cups: count`"))
        return
    record = scope.records.get(field.record or "") if field.kind == "list" else None
    if field.kind == "list" and field.record is not None and record is None:
        return  # an unknown record is reported with the schema
    if record is None:  # a count, or a list of texts: counted whole
        kind = t("a count") if field.kind == "count" else t("a list of texts")
        if spend.attr is not None:
            r.add(spend.attr.span, "PR211", t("{name} is {kind}, not a list of records: it has no fields", name=q(name),
                                              kind=kind),
                  help=t("write {word}", word=q(_earns(st, 'per unit of ' + name))))
        elif spend.where is not None:
            r.add(spend.where.span, "PR210", t("`where` picks records of a list, and {name} is {kind}", name=q(name),
                                               kind=kind),
                  help=t("to earn only sometimes, write `earn … per unit of {name} when …`", name=name))
        return
    if spend.attr is not None:
        _record_count_field(r, scope, spend, record)
    if spend.where is not None:
        check_condition(r, spend.where, Where(event, record, scope.tiers, "where", profile=scope.profile,
                                              events=scope.events))


def _record_count_field(r: Report, scope: Scope, spend: s.Spend, record: m.Schema) -> None:
    """``per unit of FIELD.attr``: ``attr`` must be a count field of the list's record."""
    assert spend.attr is not None
    name = spend.field.text
    counts = scope.fields_of(record, "count")
    attr = record.fields.get(spend.attr.text)
    path = name + "." + spend.attr.text
    if attr is None:
        r.add(spend.attr.span, "PR103", t("record {record} has no field {name}", record=q(record.name),
                                          name=q(spend.attr.text)),
              help=r.did_you_mean(spend.attr.text, record.fields) or
              (t("its count fields are {fields}", fields=one_of(counts)) if counts
               else t("count the records: `per unit of {name}`", name=name)))
    elif attr.kind != "count":
        what = t("money") if attr.kind == "money" else field_of(attr.kind)
        r.add(spend.attr.span, "PR211", t("points per unit need a count, and {name} is {kind}", name=q(path),
                                          kind=what),
              help=t("name a count field of {record}: {fields}, or count the records with `per unit of {name}`",
                     record=q(record.name), fields=one_of(counts), name=name) if counts
              else t("count the records with `per unit of {name}`", name=name))


def _campaign(r: Report, scope: Scope, c: s.Campaign) -> None:
    window: s.DateWindow | None = None
    for sch in c.schedules:
        if isinstance(sch, s.DateWindow):
            if window is not None:
                r.add(r.keyword(sch.span), "PR301", t("campaign {name} has more than one `from … to …`",
                                                      name=q(c.name.text)),
                      help=t("keep one window; for several periods use one campaign each"),
                      notes=[r.first_at(t("its window"), window.span)])
            window = window or sch
            v.window(r, sch.start, sch.end, t("campaign {name}", name=q(c.name.text)))
        elif isinstance(sch, s.Weekly):
            for day in sch.days:
                if day.text not in WEEKDAYS:
                    r.add(day.span, "PR110", t("unknown weekday {day}", day=q(day.text)),
                          help=r.did_you_mean(day.text, WEEKDAYS) or t("use {options}", options=one_of(WEEKDAYS)))
        elif isinstance(sch, s.Monthly):
            for n in sch.days:
                if not (v.is_whole(n.value) and 1 <= n.value <= 31):
                    r.add(n.span, "PR320", t("there is no day {day} in a month", day=q(n.raw)),
                          help=t("days of the month go from 1 to 31"))
    if c.budget is not None:
        v.points(r, c.budget, t("a campaign budget"), "budget 2,000,000 points")
    if not c.rules:
        r.add(c.name.span, "PR321", t("campaign {name} has no rules", name=q(c.name.text)),
              help=t("add a rule, like `rule double on purchase {{ multiply 2 }}`, or remove the campaign"))
    for rule in c.rules:
        _rule(r, scope, rule)


def _cap(r: Report, scope: Scope, cap: s.Cap) -> None:
    v.points(r, cap.amount, t("a cap"), "cap 5,000 points per day")
    v.period(r, cap.period, ("event", *v.PERIODS), t("a cap"))
    for kind in cap.kinds:
        _event(r, scope, kind)
