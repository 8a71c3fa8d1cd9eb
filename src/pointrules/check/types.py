"""Names and types in conditions: every name resolves (the way ``resolve.py`` will at run time) and
every comparison, arithmetic and connective is between values it makes sense for.

Expressions are walked iteratively, children first, so no nesting depth can exhaust the stack.
A name that does not resolve is reported by the node that uses it, which knows what was expected
there (a tier, a weekday, a value of an enumeration), and then counts as ``error``: one mistake, one
diagnostic. The kinds of value, which kinds compare and how a message names them are in ``kinds.py``.
"""

from __future__ import annotations

from itertools import chain, islice

import attrs

from pointrules import syntax as s
from pointrules.check.currencies import MINOR_UNITS
from pointrules.check.history import history_type
from pointrules.check.kinds import (
    CONDITION,
    NOUNS,
    NUMERIC,
    ORDERED,
    Ty,
    compare_hint,
    compatible,
    describe,
    example,
    span_of,
    what,
)
from pointrules.check.quantities import POINTS_UNITS
from pointrules.check.report import Report, one_of, q
from pointrules.check.values import money_digits
from pointrules.diagnostics import safe
from pointrules.messages import Text, t
from pointrules.program import model as m
from pointrules.program.resolve import (
    BUILTINS,
    DATE_PARTS,
    WEEKDAYS,
    among,
    comparison_operands,
    date_part,
    resolve,
    tier_operands,
)
from pointrules.source import Span


@attrs.frozen
class Where:
    """What names mean in one condition: the event's fields (None: no event, as in a reward's
    ``for``), the record's inside a ``where``, the member's profile fields, and the program's tiers. ``quiet`` skips unknown
    names when the event itself is unknown (already reported)."""

    event: m.Schema | None
    record: m.Schema | None
    tiers: tuple[str, ...]
    context: str  # "rule", "where" or "reward"
    quiet: bool = False
    profile: m.Schema | None = None  # the fields of a member's profile (``profile { … }``)
    events: dict[str, m.Schema] | None = None  # the event kinds whose history a condition may read


def _children(e: object) -> tuple[object, ...]:
    if isinstance(e, s.Binary):
        return (e.left, e.right)
    if isinstance(e, (s.Not, s.Negate)):
        return (e.operand,)
    if isinstance(e, s.In):
        return (e.value, *e.options)
    if isinstance(e, s.Between):
        return (e.value, e.low, e.high)
    return ()


def check_condition(r: Report, expr: s.Expr, where: Where) -> None:
    """Report every name and type mistake in a condition; it must be a condition as a whole."""
    Checker(r, where).condition(expr)


class Checker:
    def __init__(self, r: Report, where: Where) -> None:
        self.r = r
        self.where = where

    def condition(self, root: s.Expr) -> None:
        ty = self.settle(self.infer(root))
        if ty.kind not in CONDITION and ty.kind != "error":
            self.r.add(span_of(root), "PR203", t("{described}, not a condition", described=describe(self.r, ty)),
                       help=compare_hint(self.r, ty))

    def infer(self, root: s.Expr) -> Ty:
        done: dict[int, Ty] = {}
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            kids = _children(node)
            if kids and not ready:
                stack.append((node, True))
                stack.extend((k, False) for k in kids)
                continue
            done[id(node)] = self.type_of(node, self.facing_tiers(node, [done.pop(id(k)) for k in kids]))
        return done[id(root)]

    def facing_tiers(self, node: object, kids: list[Ty]) -> list[Ty]:
        """A tier's name where it is compared with a tier means that tier (resolve.py)."""
        if not comparison_operands(node):  # type: ignore[arg-type]
            return kids
        w = self.where
        tiers = tier_operands(node, event=w.event, record=w.record, tiers=w.tiers,  # type: ignore[arg-type]
                              profile=w.profile)
        return [Ty("tier", k.node, name=k.node.name.text) if id(k.node) in tiers else k  # type: ignore[attr-defined]
                for k in kids]

    # ---- one node, its children's types known ------------------------------------------------
    def type_of(self, e: object, kids: list[Ty]) -> Ty:
        if isinstance(e, s.Ref):
            return self.ref(e)
        if isinstance(e, s.Text):
            return Ty("text", e)
        if isinstance(e, s.DateLit):
            return Ty("date", e)
        if isinstance(e, s.MonthDay):
            return Ty("monthday", e)
        if isinstance(e, s.NumberLit):
            return self.number(e)
        if isinstance(e, s.Not):
            return self.connective(e, kids)
        if isinstance(e, s.Negate):
            ty = self.settle(kids[0])
            if ty.kind in NUMERIC or ty.kind == "error":
                return Ty(ty.kind, e)
            return self.no_arithmetic(e, ty)
        if isinstance(e, s.Binary):
            if e.op in ("and", "or"):
                return self.connective(e, kids)
            if e.op in ("+", "-", "*", "/", "%"):
                return self.arithmetic(e, kids[0], kids[1])
            self.compare(e, e.op, kids[0], kids[1])
            return Ty("condition", e)
        if isinstance(e, s.In):
            hint = next((o for o in kids[1:] if o.kind != "unresolved"), None)
            value = self.settle(kids[0], hint)
            for option in kids[1:]:
                self.compare(option.node, "=", value, option)
            return Ty("condition", e)
        if isinstance(e, s.Between):
            self.between(e, kids)
            return Ty("condition", e)
        if isinstance(e, s.History):
            return history_type(self.r, e, self.where.events, self.where.context)
        return Ty("error", e)

    def ref(self, e: s.Ref) -> Ty:
        w = self.where
        if e.attr is not None:
            return self.part(e)
        meaning = resolve(e.name.text, event=w.event, record=w.record, tiers=w.tiers, profile=w.profile)
        if meaning is None:
            return Ty("unresolved", e, name=e.name.text)
        ft = meaning.type
        if ft.kind == "tier" and meaning.kind == "tier":
            return Ty("tier", e, name=e.name.text)
        if ft.kind in NOUNS and ft.kind != "condition":
            return Ty(ft.kind, e, values=ft.values, name=e.name.text)
        return Ty("error", e)  # a field of an unknown type: reported with the schema

    def part(self, e: s.Ref) -> Ty:
        """``birthday.month``: a part of a date field (a count); any other ``a.b`` is refused."""
        w = self.where
        assert e.attr is not None
        whole = f"{e.name.text}.{e.attr.text}"
        if date_part(e, event=w.event, record=w.record, tiers=w.tiers, profile=w.profile) is not None:
            return Ty("count", e, name=whole)
        meaning = resolve(e.name.text, event=w.event, record=w.record, tiers=w.tiers, profile=w.profile)
        if meaning is not None and meaning.type.kind == "date" and meaning.kind != "builtin":
            self.r.add(e.attr.span, "PR113", t("{part} is not a part of the date {date}", part=q(e.attr.text),
                                               date=q(e.name.text)),
                       help=t("did you mean {name}?", name=q(e.name.text + '.' + best))
                       if (best := self.r.close(e.attr.text, DATE_PARTS))
                       else t("a date's parts are {parts}", parts=one_of(f'{e.name.text}.{p}' for p in DATE_PARTS)))
            return Ty("error", e)
        if w.context == "where":
            help = t("inside `where`, name the record's field alone: {field}", field=q(e.attr.text))
        else:
            help = t("to count points over some records, write `per 1 CNY of {list} where {field} = …`",
                     list=e.name.text, field=e.attr.text)
        self.r.add(e.span, "PR109", t("{name} reads one field of a record, which a condition cannot", name=q(whole)),
                   help=help)
        return Ty("error", e)

    def number(self, e: s.NumberLit) -> Ty:
        if e.unit is None:
            return Ty("number", e)
        unit = e.unit.text
        if unit in POINTS_UNITS:
            return Ty("points", e)
        expected = self.r.currency
        if unit == expected or (expected is None and unit in MINOR_UNITS):
            money_digits(self.r, e.number, unit)
            return Ty("money", e)
        if expected is not None and (unit in MINOR_UNITS or unit.isupper() and len(unit) == 3):
            self.r.add(e.unit.span, "PR205", t("{amount} is not in {currency}, the program's currency",
                                               amount=q(e.number.raw + ' ' + unit), currency=q(expected or '?')),
                       help=t("write it like `{number} {currency}`", number=e.number.raw, currency=expected))
        else:
            self.r.add(e.unit.span, "PR206", t("a condition cannot use the unit {unit}", unit=q(unit)),
                       help=t("conditions compare plain numbers and money like `100 {currency}`",
                              currency=expected or 'CNY'))
        return Ty("error", e)

    # ---- names that did not resolve --------------------------------------------------------
    def settle(self, ty: Ty, expected: Ty | None = None) -> Ty:
        """Report an unresolved name (knowing what the other side of a comparison is) -> error."""
        if ty.kind != "unresolved":
            return ty
        if self.where.quiet:
            return Ty("error", ty.node)
        name, span = ty.name, span_of(ty.node)
        want = expected.kind if expected is not None else None
        if want == "tier":
            self.r.add(span, "PR103", t("unknown tier {name}", name=q(name)),
                       help=self.r.did_you_mean(name, self.where.tiers)
                       or t("the tiers are {tiers}", tiers=one_of(self.where.tiers))
                       if self.where.tiers else t("declare the program's tiers in `tiers {{ … }}`"))
        elif want == "weekday":
            self.r.add(span, "PR103", t("unknown weekday {day}", day=q(name)),
                       help=self.r.did_you_mean(name, WEEKDAYS) or t("use {options}", options=one_of(WEEKDAYS)))
        elif want == "enum" and expected is not None and among(name, expected.values):
            self.r.add(span, "PR103", t("unknown name {name}", name=q(name)),
                       help=t('{name} is one of the values of {field}: write it in quotes, `"{value}"`', name=q(name),
                              field=q(expected.name), value=name))
        elif name in ("yes", "no", "true", "false"):
            field = expected.name if expected is not None and want == "yesno" else "first_order"
            self.r.add(span, "PR103", t("unknown name {name}", name=q(name)),
                       help=t("use a yes/no field alone: `when {field}` or `when not {field}`", field=field))
        else:
            self.unknown(span, name)
        return Ty("error", ty.node)

    def unknown(self, span: Span, name: str) -> None:
        w = self.where
        # read only when "did you mean" has lookups left: a program may have thousands of fields
        names = chain(w.record.fields if w.record else (), w.event.fields if w.event else (),
                      w.profile.fields if w.profile else (), BUILTINS, w.tiers, WEEKDAYS)
        notes: list[Text] = []
        if w.context == "reward":
            notes.append(t("a reward's `for` condition is about the member, not an event: it may use `tier` and "
                           "the built-ins like `date`"))
            names = chain(BUILTINS, w.tiers, WEEKDAYS)
        hint = self.r.did_you_mean(name, names)
        if w.context == "reward":
            hint = self.r.did_you_mean(name, w.tiers) or t("use `tier` or a built-in like `date`: `for tier >= gold`")
        elif hint is None and w.event is not None:
            fields = list(islice(chain(w.record.fields if w.record else (), w.event.fields), 8))
            hint = (t("the fields of {event} are {fields}", event=q(w.event.name), fields=one_of(fields)) if fields
                    else t("{event} declares no fields", event=q(w.event.name)))
        self.r.add(span, "PR103", t("unknown name {name}", name=q(name)), help=hint, notes=notes)

    # ---- the operators -----------------------------------------------------------------------
    def connective(self, e: s.Not | s.Binary, kids: list[Ty]) -> Ty:
        word = "not" if isinstance(e, s.Not) else e.op
        for ty in kids:
            ty = self.settle(ty)
            if ty.kind not in CONDITION and ty.kind != "error":
                self.r.add(span_of(ty.node), "PR203",
                           t("{described}, not a condition: `{word}` joins conditions", described=describe(self.r, ty),
                             word=word),
                           help=compare_hint(self.r, ty))
        return Ty("condition", e)

    def arithmetic(self, e: s.Binary, left: Ty, right: Ty) -> Ty:
        a, b = self.settle(left), self.settle(right)
        for ty in (a, b):
            if ty.kind not in NUMERIC and ty.kind != "error":
                return self.no_arithmetic(e, ty)
        if "error" in (a.kind, b.kind):
            return Ty("error", e)
        op, kinds = e.op, {a.kind, b.kind}
        if op in "/%" and isinstance(e.right, s.NumberLit) and e.right.number.value == 0:
            self.r.add(span_of(e.right), "PR204", t("this divides by zero"),
                       help=t("divide by a number other than 0"))
            return Ty("error", e)
        if op == "%":
            if kinds <= {"number", "count"}:
                return Ty("number", e)
            bad = a if a.kind not in ("number", "count") else b
            self.r.add(span_of(bad.node), "PR204",
                       t("`%` works on counts and numbers, and {described}", described=describe(self.r, bad)),
                       help=t("use `%` like `streak % 7 = 0`"))
            return Ty("error", e)
        if kinds == {"money", "points"}:
            self.r.add(e.span, "PR204", t("points and money cannot be mixed in arithmetic"),
                       help=t("compare money with money like `amount >= 100 CNY`"))
            return Ty("error", e)
        if op in "+-":
            if "money" in kinds or "points" in kinds:
                return Ty("money" if "money" in kinds else "points", e)
            return Ty("count" if kinds == {"count"} else "number", e)
        unit = "money" if "money" in kinds else "points" if "points" in kinds else None
        if unit is None:
            return Ty("count" if op == "*" and kinds == {"count"} else "number", e)
        if op == "*" and a.kind == b.kind:
            self.r.add(e.span, "PR204", t("{unit} times {unit} means nothing", unit=NOUNS[unit]),
                       help=t("multiply {unit} by a number", unit=NOUNS[unit]))
            return Ty("error", e)
        if op == "/":
            if a.kind == b.kind:
                return Ty("number", e)  # a ratio
            if b.kind == unit:
                self.r.add(span_of(e.right), "PR204", t("a number cannot be divided by {unit}", unit=NOUNS[unit]),
                           help=t("divide {unit} by a number, like `amount / 2`", unit=NOUNS[unit]))
                return Ty("error", e)
        return Ty(unit, e)

    def no_arithmetic(self, e: object, ty: Ty) -> Ty:
        self.r.add(span_of(ty.node), "PR204", t("arithmetic needs numbers or money, and {described}",
                                                described=describe(self.r, ty)),
                   help=t("use `+ - * / %` on money, numbers and counts only"))
        return Ty("error", e)

    def compare(self, e: object, op: str, left: Ty, right: Ty) -> None:
        a = self.settle(left, right if right.kind != "unresolved" else None)
        b = self.settle(right, a)
        if "error" in (a.kind, b.kind):
            return
        if not compatible(a, b):
            if b.kind == "list" or (_is_literal(a.node) and not _is_literal(b.node)):
                a, b = b, a  # talk about the list or the field first, not the literal
            if a.kind == "list":
                self.r.add(span_of(e), "PR202", t("{described}: a condition cannot compare it", described=describe(self.r, a)),
                           help=t("to count points over some of its records, write `per 1 CNY of {list} where …`",
                                  list=a.name))
                return
            if b.kind == "text" and a.kind in ("tier", "weekday") and isinstance(b.node, s.Text):
                help = t("write the name without quotes: {name}", name=q(b.node.value))
            elif a.kind == "yesno":
                help = t("use the field alone: `when {field}` or `when not {field}`", field=a.name)
            else:
                help = t("compare {what} with {example}", what=what(self.r, a), example=example(a.kind))
            self.r.add(span_of(e), "PR202",
                       t("{a} and {b}: they cannot be compared", a=describe(self.r, a), b=describe(self.r, b)), help=help)
            return
        if op not in ("=", "!=") and not (a.kind in ORDERED and b.kind in ORDERED):
            bad = a if a.kind not in ORDERED else b
            self.r.add(span_of(e), "PR208", t("{op} needs values in an order, and {described}", op=q(op),
                                              described=describe(self.r, bad)),
                       help=t("use `=`, `!=` or `in (…)` with {what}", what=what(self.r, bad)) if bad.kind != "monthday"
                       else t("use `date = 11-11`, or a range `date from 11-01 to 11-11`"))
            return
        for x, y in ((a, b), (b, a)):
            if x.kind == "enum" and isinstance(y.node, s.Text) and not among(y.node.value, x.values):
                best = self.r.close(y.node.value, x.values)
                self.r.add(y.node.span, "PR207", t("{value} is not one of the values of {field}", value=q(y.node.raw),
                                                   field=q(x.name)),
                           help=t("did you mean {name}?", name=f'`"{safe(best)}"`') if best else
                           t("{field} is one of {values}", field=q(x.name),
                             values=one_of(chr(34) + v + chr(34) for v in x.values)))

    def between(self, e: s.Between, kids: list[Ty]) -> None:
        value, low, high = kids
        value = self.settle(value, low if low.kind != "unresolved" else None)
        for end in (low, high):
            if value.kind == "date" and end.kind == "monthday":
                continue
            self.compare(end.node, "<=", value, end)
        if isinstance(e.low, s.MonthDay) != isinstance(e.high, s.MonthDay):
            self.r.add(e.span, "PR202", t("a range mixes a date and a day of the year"),
                       help=t("use two dates, `from 2026-11-01 to 2026-11-11`, or two days, `from 11-01 to 11-11`"))
            return
        lo, hi = _ordinal(e.low), _ordinal(e.high)
        if lo is not None and hi is not None and type(e.low) is type(e.high) and hi < lo:
            self.r.add(span_of(e.high), "PR306", t("this range ends at {end}, before it starts at {start}",
                                                   end=self.r.snippet(span_of(e.high)), start=self.r.snippet(span_of(e.low))),
                       help=t("swap the two ends") if not isinstance(e.low, s.MonthDay)
                       else t("a range of days cannot cross the new year: join two ranges with `or`"))


def _is_literal(node: object) -> bool:
    return isinstance(node, (s.Text, s.NumberLit, s.DateLit, s.MonthDay, s.Negate))


def _ordinal(node: object) -> tuple[object, ...] | None:
    """Where a literal end of a range stands, to see a range that ends before it starts."""
    if isinstance(node, s.DateLit):
        return (node.year, node.month, node.day)
    if isinstance(node, s.MonthDay):
        return (node.month, node.day)
    if isinstance(node, s.NumberLit):
        return (node.number.value,)
    return None
