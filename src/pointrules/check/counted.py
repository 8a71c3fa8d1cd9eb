"""Which events count toward tiers by spend or purchases, and which money field of each: the kinds
a program names after ``of`` (``tiers by spend of purchase, order.paid over …``), or by default
the kinds it pays points per money on (docs/semantics.md §8, "What counts").

``counted`` is the one place the default is decided; the checker warns (PR363) where it leaves out
an event that carries money, and ``lower`` puts its answer in the model.
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.report import Report, q
from pointrules.messages import listing, t

COUNTED_METRICS = ("spend", "purchases")


def money_fields(event: s.Event) -> list[str]:
    """The event's own money fields (optional ones too), in declaration order."""
    out = []
    for f in event.fields:
        t = f.type.inner if isinstance(f.type, s.OptionalType) else f.type
        if isinstance(t, s.NamedType) and t.name.text == "money":
            out.append(f.name.text)
    return out


def _paid_per_money(tree: s.Program) -> set[str]:
    """The kinds a rule (a campaign's too) earns points per money on."""
    rules = [d for d in tree.declarations if isinstance(d, s.Rule)]
    rules += [r for d in tree.declarations if isinstance(d, s.Campaign) for r in d.rules]
    return {r.event.text for r in rules for st in r.statements
            if isinstance(st, s.Earn) and st.per is not None and st.per.currency is not None}


def default_counted(tree: s.Program) -> tuple[tuple[str, str], ...]:
    """Without ``of``: the kinds carrying money that a rule pays points per money on, each with its
    first money field; when no rule pays per money, every kind carrying money."""
    events = [d for d in tree.declarations if isinstance(d, s.Event)]
    carrying = [(e.name.text, money_fields(e)[0]) for e in events if money_fields(e)]
    paid = _paid_per_money(tree)
    chosen = tuple((kind, field) for kind, field in carrying if kind in paid)
    return chosen or tuple(carrying)


def counted(tree: s.Program, qual: s.Qualification) -> tuple[tuple[str, str | None], ...]:
    """The (kind, money field) pairs a checked qualification counts; the field is None for a kind
    counted by purchases that carries no money."""
    if qual.metric.text not in COUNTED_METRICS:
        return ()
    if not qual.counted:
        return default_counted(tree)
    events = {d.name.text: d for d in tree.declarations if isinstance(d, s.Event)}
    out: dict[str, str | None] = {}
    for c in qual.counted:
        fields = money_fields(events[c.kind.text])
        out.setdefault(c.kind.text, c.field.text if c.field is not None else (fields[0] if fields else None))
    return tuple(out.items())


def check_counted(r: Report, tree: s.Program, qual: s.Qualification) -> None:
    """PR102, PR103, PR301 and PR360-PR363 on what a qualification counts."""
    events = {d.name.text: d for d in tree.declarations if isinstance(d, s.Event)}
    metric = qual.metric.text
    if qual.counted and metric not in COUNTED_METRICS:
        r.add(qual.counted[0].span, "PR362", t("tiers by {metric} count every event; `of` names none", metric=q(metric)),
              help=t("remove `of …`, or qualify by `spend` or `purchases`, which count only the events named"),
              notes=[t("points toward a tier are counted from every event the member earns them on")])
        return
    if not qual.counted:
        if metric in COUNTED_METRICS:
            _left_out(r, tree, qual)
        return
    seen: dict[str, s.Counted] = {}
    for c in qual.counted:
        if c.kind.text in seen:
            r.add(c.span, "PR301", t("event {kind} is counted more than once", kind=q(c.kind.text)),
                  help=t("name each event once"), notes=[r.first_at(q(c.kind.text), seen[c.kind.text].span)])
            continue
        seen[c.kind.text] = c
        event = events.get(c.kind.text)
        if event is None:
            r.add(c.kind.span, "PR102", t("unknown event kind {kind}", kind=q(c.kind.text)),
                  help=r.did_you_mean(c.kind.text, events) or t("name an event the program declares"))
            continue
        _field(r, metric, event, c)


def _field(r: Report, metric: str, event: s.Event, c: s.Counted) -> None:
    fields = money_fields(event)
    kind = c.kind.text
    if c.field is not None:
        names = [f.name.text for f in event.fields]
        if c.field.text not in names:
            r.add(c.field.span, "PR103", t("unknown name {name}: not a field of event {kind}", name=q(c.field.text),
                                           kind=q(kind)),
                  help=r.did_you_mean(c.field.text, names) or t("name a money field of {kind}", kind=q(kind)))
        elif c.field.text not in fields:
            r.add(c.field.span, "PR360", t("{field} is not money; tiers by {metric} count money",
                                           field=q(kind + '.' + c.field.text), metric=metric),
                  help=t("count a money field, like `{kind}.{field}`", kind=kind, field=fields[0]) if fields
                  else t("{kind} has no money field to count", kind=q(kind)))
    elif len(fields) > 1 and metric == "spend":
        r.add(c.kind.span, "PR361", t("event {kind} carries money in {fields}: say which counts", kind=q(kind),
                                      fields=listing((q(f) for f in fields), "and")),
              help=t("write `{kind}.{field}` for the field that counts toward the tier", kind=kind, field=fields[0]))
    elif not fields and metric == "spend":
        r.add(c.kind.span, "PR360", t("event {kind} carries no money to count toward tiers by spend", kind=q(kind)),
              help=t("name an event with a money field, or qualify by `purchases` to count events"))


def _left_out(r: Report, tree: s.Program, qual: s.Qualification) -> None:
    """PR363: an event carrying money that the default leaves out (it counted before issue 13)."""
    chosen = {kind for kind, _ in default_counted(tree)}
    for d in tree.declarations:
        if isinstance(d, s.Event) and money_fields(d) and d.name.text not in chosen:
            kinds = ", ".join(sorted(chosen))
            r.add(qual.metric.span, "PR363",
                  t("event {kind} carries money but does not count toward tiers by {metric}", kind=q(d.name.text),
                    metric=qual.metric.text),
                  help=t("say which events count: `tiers by {metric} of {kinds} over …` (add `{kind}` there if it "
                         "should count)", metric=qual.metric.text, kinds=kinds, kind=d.name.text),
                  notes=[t("without `of`, only the events a rule pays points per money on count"),
                         t("event {kind} is declared on line {line}", kind=q(d.name.text), line=r.line(d.span))])
