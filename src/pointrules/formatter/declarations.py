"""Declarations, rules and statements as printed lines, one ``Line`` per line of output, each
remembering the source it shows so that comments can be placed by it (layout.py).

Lines are not broken except in two places: a schema that was written over several lines or does not
fit in the width, one field a line; and a condition at the end of a line (a rule's `when`, a
statement's `when`, a reward's `for`) that was written over several lines or does not fit, broken
before each `and`/`or` of its outermost chain, one operand a line, two levels deeper. Both depend on
the tree and on whether the source had a line break there, so formatting twice changes nothing, and
a comment inside a multi-line condition stays on the line of the operand it followed."""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.formatter.expressions import chain, expr, operand
from pointrules.formatter.layout import INDENT, Line
from pointrules.source import Source, Span, display_width

WIDTH = 100  # the columns a line of code may take (its trailing comment aside): `fmt --width`


def _add(lines: list[Line], text: str, depth: int, span: Span) -> None:
    lines.append(Line(text, depth, span))


def _label(t: s.Text | None) -> str:
    return f" {t.raw}" if t is not None else ""


def add_declaration(d: s.Declaration, lines: list[Line], source: Source, width: int = WIDTH) -> None:
    """Append the printed lines of one declaration, lines of code within ``width`` columns where they
    can be broken."""
    if isinstance(d, s.Event):
        _schema(f"event {d.name.text}{_label(d.label)}", d.fields, d.span, lines, True, source, width)
    elif isinstance(d, s.Record):
        _schema(f"record {d.name.text}", d.fields, d.span, lines, False, source, width)
    elif isinstance(d, s.Profile):
        _schema("profile", d.fields, d.span, lines, False, source, width)
    elif isinstance(d, s.Tiers):
        _tiers(d, lines)
    elif isinstance(d, s.Rule):
        _rule(d, 0, lines, source, width)
    elif isinstance(d, s.Campaign):
        head = f"campaign {d.name.text}{_label(d.label)}"
        for sch in d.schedules:
            head += " " + _schedule(sch)
        if d.budget is not None:
            head += f" budget {_quantity(d.budget)}"
        _add(lines, head + " {", 0, Span(d.span.start, (d.rules[0].span.start if d.rules else d.span.end - 1)))
        for r in d.rules:
            _rule(r, 1, lines, source, width)
        _add(lines, "}", 0, Span(d.span.end - 1, d.span.end))
    elif isinstance(d, s.Redeem):
        _add(lines, "redeem {", 0, Span(d.span.start, d.items[0].span.start if d.items else d.span.end - 1))
        for item in d.items:
            _add(lines, _redeem_item(item), 1, item.span)
        _add(lines, "}", 0, Span(d.span.end - 1, d.span.end))
    elif isinstance(d, s.Reward):
        head = f"reward {d.name.text}{_label(d.label)} costs {_quantity(d.cost)}"
        if d.cash is not None:
            head += f" + {_quantity(d.cash)}"
        if not d.items:
            _add(lines, head, 0, d.span)
            return
        _add(lines, head + " {", 0, Span(d.span.start, d.items[0].span.start))
        for reward_item in d.items:
            _conditioned(lines, *_reward_item(reward_item), 1, reward_item.span, source, width)
        _add(lines, "}", 0, Span(d.span.end - 1, d.span.end))
    else:
        _add(lines, _simple(d), 0, d.span)


def _simple(d: s.Declaration) -> str:
    match d:
        case s.ProgramName():
            return f"program {d.name.raw}"
        case s.Version():
            return f"version {d.number.raw}"
        case s.Currency():
            return f"currency {d.code.text}"
        case s.TimeZone():
            return f"timezone {d.name.raw}"
        case s.Value():
            return f"value {d.points.raw} {_points_word(d.points)} = {_quantity(d.money)}"
        case s.Rounding():
            return f"rounding {d.mode}"
        case s.Effective():
            return (f"effective from {d.start.raw}" + (f" at {d.at.raw}" if d.at else "")
                    + (f" to {d.end.raw}" if d.end else ""))
        case s.Stacking():
            return f"multipliers stack by {d.mode}"
        case s.CampaignsCombine():
            return f"campaigns combine by {d.mode}"
        case s.PointsName():
            return f"points are called {d.zh.raw}" + (f" / {d.en.raw}" if d.en else "")
        case s.Pending():
            return f"pending {_quantity(d.duration)}"
        case s.Cap():
            text = f"cap {_quantity(d.amount)} per {d.period.text}"
            return text + (" on " + ", ".join(k.text for k in d.kinds) if d.kinds else "")
        case s.Guard():
            return "check " + " ".join(w.text for w in d.words) + f" at most {_quantity(d.bound)}"
        case s.ExpireNever() | s.ExpireAfter() | s.ExpireInactive() | s.ExpireEnd() | s.ExpireOn():
            return _expiry(d)
    raise TypeError(f"cannot format {type(d).__name__}")


def _schema(head: str, fields: tuple[s.Field, ...], span: Span, lines: list[Line], allow_empty: bool,
            source: Source, width: int) -> None:
    """A schema stays on one line when it was written on one line and fits in ``width`` columns."""
    if not fields and allow_empty:
        _add(lines, head, 0, span)
        return
    parts = [f"{f.name.text}{_label(f.label)}: {_type(f.type)}" for f in fields]
    one_line = f"{head} {{ {', '.join(parts)} }}" if parts else f"{head} {{ }}"
    written_on_one_line = "\n" not in source.text[span.start : span.end]
    if written_on_one_line and display_width(one_line) <= width:
        _add(lines, one_line, 0, span)
        return
    _add(lines, head + " {", 0, Span(span.start, fields[0].span.start))
    for f, text in zip(fields, parts):
        _add(lines, text, 1, f.span)
    _add(lines, "}", 0, Span(span.end - 1, span.end))


def _type(t: s.TypeExpr) -> str:
    match t:
        case s.NamedType():
            return t.name.text
        case s.EnumType():
            return " | ".join(v.raw for v in t.values)
        case s.ListType():
            return f"list of {t.of.text}"
        case s.OptionalType():
            return f"optional {_type(t.inner)}"
        case s.PointsType():  # `point up to 1` is printed `points up to 1`: one word for the type
            return "points" + (f" up to {t.maximum.raw}" if t.maximum is not None else "")


def _tiers(d: s.Tiers, lines: list[Line]) -> None:
    head = "tiers"
    if d.qualification is not None:
        q = d.qualification
        w = q.window
        if w.unit is None:
            window = "lifetime"
        elif w.kind == "last" and w.count:
            window = f"last {w.count.raw} {w.unit.text}"
        else:
            window = f"this {w.unit.text}"
        counted = ", ".join(c.kind.text + (f".{c.field.text}" if c.field else "") for c in q.counted)
        head += f" by {q.metric.text}" + (f" of {counted}" if counted else "") + f" over {window}"
    first = min([p.span.start for p in d.policies] + [t.span.start for t in d.tiers] + [d.span.end - 1])
    _add(lines, head + " {", 0, Span(d.span.start, first))
    for p in d.policies:
        if isinstance(p, s.Downgrade):
            text = "downgrade one level" if p.mode == "one level" else "downgrade to qualified tier"
        elif isinstance(p, s.Assess):
            text = {"anniversary": "assess on anniversary", "once": "assess at once"}.get(
                p.kind, f"assess at end of {p.period.text if p.period else ''}")
        else:
            text = f"keep tier for {_quantity(p.duration)}"
        _add(lines, text, 1, p.span)
    rows = []
    for t in d.tiers:
        threshold = f"from {_quantity(t.threshold)}" if t.threshold else ""
        threshold += "".join(f" or {_quantity(x.threshold)} over lifetime" for x in t.lifetime)
        benefits = []
        for b in t.benefits:
            if isinstance(b, s.TierMultiplier):
                benefits.append(f"multiplier {b.factor.raw}" + (" including bonuses" if b.including_bonuses else ""))
            else:
                benefits.append("perks " + ", ".join(p.raw for p in b.perks))
        rows.append([t.name.text, t.label.raw if t.label else "", threshold, " ".join(benefits)])
    widths = [max((display_width(r[k]) for r in rows), default=0) for k in range(4)]
    for t, row in zip(d.tiers, rows):
        cells = [cell + " " * (widths[k] - display_width(cell)) for k, cell in enumerate(row) if widths[k]]
        _add(lines, "  ".join(cells).rstrip(), 1, t.span)
    _add(lines, "}", 0, Span(d.span.end - 1, d.span.end))


def _expiry(d: s.Expiry) -> str:
    match d:
        case s.ExpireNever():
            return "expire never"
        case s.ExpireAfter():
            return f"expire after {_quantity(d.duration)}"
        case s.ExpireInactive():
            return f"expire after {_quantity(d.duration)} without activity"
        case s.ExpireEnd():
            text = "expire at end of " + ("next " if d.next else "") + d.unit.text
            return text + (f" after {_quantity(d.after)}" if d.after else "")
        case s.ExpireOn():
            return f"expire on {'second' if d.nth == 2 else 'next'} " + " or ".join(x.raw for x in d.days)


def _rule(r: s.Rule, depth: int, lines: list[Line], source: Source, width: int) -> None:
    head = f"rule {r.name.text}{_label(r.label)} on {r.event.text}"
    first = r.statements[0].span.start if r.statements else r.span.end - 1
    if r.condition is None:
        _add(lines, head + " {", depth, Span(r.span.start, first))
    else:
        _conditioned(lines, head + " when ", r.condition, f"{_label(r.condition_label)} {{", depth,
                     Span(r.span.start, first), source, width)
    for st in r.statements:
        _conditioned(lines, *_statement(st), depth + 1, st.span, source, width)
    _add(lines, "}", depth, Span(r.span.end - 1, r.span.end))


def _conditioned(lines: list[Line], before: str, condition: s.Expr | None, after: str, depth: int, span: Span,
                 source: Source, width: int) -> None:
    """``before condition after`` on one line when the condition was written on one line and the line
    fits in ``width``; else broken before each operator of the condition's outermost ``and``/``or``
    chain, each operand on a line two levels deeper (``after`` ends the last), each line remembering
    the source from its operand on, so a comment stays with the operand it followed."""
    parts = [] if condition is None else chain(condition)
    one = before + " ".join(f"{op} {text}" if op else text for op, _, text in parts) + after
    written_on_lines = condition is not None and "\n" in source.text[condition.span.start : condition.span.end]
    if len(parts) < 2 or not written_on_lines and display_width(INDENT * depth + one) <= width:
        _add(lines, one, depth, span)
        return
    starts = [e.span.start for _, e, _ in parts]
    _add(lines, before + parts[0][2], depth, Span(span.start, starts[1]))
    for k in range(1, len(parts)):
        op, _, text = parts[k]
        last = k == len(parts) - 1
        _add(lines, f"{op} {text}" + (after if last else ""), depth + 2,
             Span(starts[k], span.end if last else starts[k + 1]))


def _statement(st: s.Statement) -> tuple[str, s.Expr | None, str]:
    """A statement's line as (text before its condition, the condition, text after), the condition
    None when it has none."""
    match st:
        case s.Earn():
            if st.given is not None:  # `earn beans`: the points a field carries
                text = f"earn {st.given.text}"
            else:
                tier = "tier " if st.tier else ""
                text = f"earn {', '.join(n.raw for n in st.steps)} {tier}{_points_word(st.steps[-1])}"
            if st.per is not None:
                p = st.per
                word = p.unit if p.unit is not None else p.currency  # `unit(s)` as written, or the currency
                assert word is not None
                text += " per " + (f"{p.block.raw} " if p.block is not None else "") + word.text
                text += f" of {_spend(p.spend)}"
                if p.prorated:
                    text += " prorated"
            if st.ladder is not None:
                text += f" by {operand(st.ladder.value)}"
                if st.ladder.starts:
                    text += " from " + ", ".join(_quantity(q) for q in st.ladder.starts)
            if st.to is not None:
                text += f" to {st.to.text}"
            return _when(text, st.condition, st.condition_label)
        case s.Multiply():
            text = f"multiply {st.factor.raw}" + (" including bonuses" if st.including_bonuses else "")
            return _when(text, st.condition, st.condition_label)
        case s.Limit():
            return f"limit {_quantity(st.amount)}" + (f" per {st.period.text}" if st.period else ""), None, ""
        case s.Pending():
            return f"pending {_quantity(st.duration)}", None, ""
        case _:
            return _expiry(st), None, ""


def _when(text: str, condition: s.Expr | None, label: s.Text | None) -> tuple[str, s.Expr | None, str]:
    return (text, None, "") if condition is None else (f"{text} when ", condition, _label(label))


def _schedule(sch: s.Schedule) -> str:
    match sch:
        case s.DateWindow():
            return f"from {sch.start.raw} to {sch.end.raw}"
        case s.Weekly():
            return "every " + ", ".join(d.text for d in sch.days)
        case s.Monthly():
            return "every month on day " + ", ".join(d.raw for d in sch.days)
        case s.Yearly():
            return "every year on " + ", ".join(d.raw for d in sch.days)
        case s.YearlyRange():
            return f"every year from {sch.start.raw} to {sch.end.raw}"
        case s.OnDates():
            return "on " + ", ".join(d.raw for d in sch.dates)


def _redeem_item(item: s.RedeemItem) -> str:
    match item:
        case s.RedeemMinimum():
            return f"minimum {_quantity(item.amount)}"
        case s.RedeemMinimumOrder():
            return f"minimum order {_quantity(item.amount)}"
        case s.RedeemStep():
            return f"step {_quantity(item.amount)}"
        case s.RedeemShare():
            return f"at most {_quantity(item.share)} of order"
        case s.RedeemItemShare():
            return f"at most {_quantity(item.share)} of {_spend(item.spend)}"
        case s.RedeemLimit():
            return f"at most {_quantity(item.amount)} per {item.period.text}"


def _reward_item(item: s.RewardItem) -> tuple[str, s.Expr | None, str]:
    match item:
        case s.RewardLimit():
            return f"limit {_quantity(item.count)}" + (f" per {item.period.text}" if item.period else ""), None, ""
        case s.RewardEligibility():
            return "for ", item.condition, _label(item.label)
        case s.RewardWindow():
            return f"available from {item.start.raw} to {item.end.raw}", None, ""
        case s.RewardStock():
            return f"stock {item.count.raw}", None, ""


def _points_word(n: s.Number) -> str:
    return "point" if n.value == 1 else "points"


def _quantity(q: s.Quantity) -> str:
    if q.unit is None:
        return q.amount.raw
    if q.unit.text == "%":
        return f"{q.amount.raw}%"
    return f"{q.amount.raw} {q.unit.text}"



def _spend(sp: s.Spend) -> str:
    """``items.amount where …``: what points per money count, or what a redemption share covers."""
    where = f" where {expr(sp.where)}{_label(sp.where_label)}" if sp.where else ""
    return sp.field.text + (f".{sp.attr.text}" if sp.attr else "") + where
