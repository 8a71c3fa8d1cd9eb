"""A redemption share of some items (``at most 20% of items where category = "gold_jewelry"``): the
list it reads (a list of records some event declares) and the records' money field, checked here
(PR366) and resolved the same way for ``lower``."""

from __future__ import annotations

import pointrules.check.values as v
from pointrules import syntax as s
from pointrules.check.report import Report, q
from pointrules.check.scope import Scope
from pointrules.check.types import Where, check_condition
from pointrules.messages import t
from pointrules.program import model as m


def item_list(scope: Scope, spend: s.Spend) -> tuple[m.Schema, str | None] | None:
    """The record of the first event's list named ``spend.field`` and the money field it counts
    (``spend.attr``, else the record's only money field; None when it has none or several)."""
    for event in scope.events.values():
        field = event.fields.get(spend.field.text)
        if field is not None and field.kind == "list" and field.record in scope.records:
            record = scope.records[field.record]
            if spend.attr is not None:
                return record, spend.attr.text
            money = scope.fields_of(record, "money")
            return record, money[0] if len(money) == 1 else None
    return None


def check_item_share(r: Report, scope: Scope, item: s.RedeemItemShare, first: s.RedeemItemShare) -> None:
    """PR322 on the share, PR366 on what it covers (one list for every share), and the `where`
    against the record."""
    v.percent(r, item.share, t("the share of some items"), 'at most 20% of items where category = "gold_jewelry"')
    spend = item.spend
    if item is not first and (_path(spend) != _path(first.spend)):
        r.add(spend.field.span, "PR366", t("every share of items reads one list, here {list}", list=q(_path(first.spend))),
              help=t("write `at most … of {list} where …`", list=_path(first.spend)),
              notes=[r.first_at(t("a share of items"), first.span)])
        return
    found = item_list(scope, spend)
    if found is None:
        r.add(spend.field.span, "PR366", t("{field} is not a list of records that an event declares", field=q(spend.field.text)),
              help=t("name a list field of the orders' events, like `items` in "
                     "`event purchase {{ items: list of item }}`"))
        return
    record, attr = found
    money = scope.fields_of(record, "money")
    if attr is None or attr not in money:
        where = (t("{field} is not money", field=q(spend.field.text + '.' + attr)) if attr else
                 t("record {record} has no money field", record=q(record.name)) if not money else
                 t("record {record} has several money fields", record=q(record.name)))
        r.add((spend.attr or spend.field).span, "PR366", t("a share of items needs their money: {why}", why=where),
              help=t("name the money field, like `{field}.{money}`", field=spend.field.text, money=money[0]) if money
              else t("give record {record} a money field", record=q(record.name)))
        return
    if spend.where is not None:
        check_condition(r, spend.where, Where(None, record, scope.tiers, "where"))


def _path(spend: s.Spend) -> str:
    return spend.field.text + (f".{spend.attr.text}" if spend.attr else "")
