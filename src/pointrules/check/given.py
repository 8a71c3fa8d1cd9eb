"""Points the event carries: a field ``beans: points up to 500`` and ``earn beans``.

The type must say its maximum (PR330), a whole number above 0 (PR331; below 10^15 like every number,
PR326), so an event can never pay more than the program allows; ``earn FIELD`` pays only a field of
this type of the rule's event (PR213, PR103), never a count or money the host meant as something else.
"""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.report import Report, one_of, q
from pointrules.check.values import is_whole
from pointrules.messages import t
from pointrules.program import model as m


def check_points_type(r: Report, typ: s.PointsType) -> None:
    """``points up to N``: N given (PR330), whole and above 0 (PR331)."""
    n = typ.maximum
    if n is None:
        r.add(typ.span, "PR330", t("a points field needs the most points one event may carry"),
              help=t("add it, like `points up to 500`"))
    elif n.value <= 0 or not is_whole(n.value):
        r.add(n.span, "PR331", t("the most points a field may carry must be a whole number above 0, not {number}",
                                 number=q(n.raw)),
              help=t("write a whole number of points, like `points up to {n}`",
                     n=max(1, int(n.value)) if n.value > 0 else 500))


def check_given(r: Report, event: m.Schema | None, given: s.Name, fields_of: list[str]) -> None:
    """``earn FIELD``: FIELD is a field of the points type of the rule's event (PR103, PR213).
    ``fields_of`` lists the event's points fields, for the help line."""
    if event is None:
        return  # an unknown event kind: already reported
    name = given.text
    field = event.fields.get(name)
    offer = (t("the points fields of {event} are {fields}", event=q(event.name), fields=one_of(fields_of)) if fields_of
             else t("declare one in event {event}, like `{name}: points up to 500`", event=q(event.name), name=name))
    if field is None:
        close = r.did_you_mean(name, fields_of)
        r.add(given.span, "PR103", t("unknown name {name}", name=q(name)),
              help=close or t("`earn` pays a number of points (`earn 10 points`) or a points field; {offer}", offer=offer))
    elif field.kind != "points":
        r.add(given.span, "PR213", t("{name} is a {kind} field, not points the event carries", name=q(name),
                                     kind=field.kind),
              help=t("declare it `{name}: points up to 500` if it holds the points to pay, or earn a number of "
                     "points, like `earn 10 points`", name=name))
