"""Completion in the contexts the protocol test does not reach, without the protocol."""

from pointrules.lsp.analysis import analyse_text
from pointrules.lsp.complete import completions
from pointrules.lsp.names import index

PROGRAM = """program "Shop"
currency CNY
timezone "Asia/Shanghai"
event purchase "消费" { amount: money, referee: member, items: list of item }
record item { sku: text, price: money }
profile { referred_by: optional member }
tiers { member "普通会员"  gold "金卡" multiplier 2 }
"""
NAMES = index(analyse_text(PROGRAM, None).tree)


def _labels(typed: str) -> list[str]:
    text = PROGRAM + typed
    return [c.label for c in completions(text, len(text), NAMES)]


def test_the_codes_an_inline_ignore_may_name() -> None:
    labels = _labels("# pointrules: ignore[PR50")
    assert {"PR503", "PR507", "PR509", "PR107"} <= set(labels)
    assert "PR102" not in labels  # an error cannot be ignored into a working program


def test_whom_points_go_to_and_what_they_are_counted_over() -> None:
    # `to`: the event's member, a member field of the event, a member field of the profile
    assert _labels("rule r on purchase {\n  earn 5 points to ") == ["member", "referee"]
    assert _labels("rule r on purchase {\n  earn 1 point per 1 CNY of ")[:3] == ["amount", "referee", "items"]
    # inside `where`, the record's fields first
    assert _labels("rule r on purchase {\n  earn 1 point per 1 CNY of items where ")[:2] == ["sku", "price"]


def test_a_cap_a_field_type_and_nothing_inside_a_text() -> None:
    assert _labels("cap 500 points per day on purchase, ") == ["purchase"]
    assert {"day", "week", "month", "quarter", "year"} <= set(_labels("cap 500 points per "))
    assert _labels("event review { stars: ")[-1] == "item"  # the records, after the types
    assert _labels('rule r "a label with on ') == []
    assert _labels('rule r "a label with \\" on ') == []  # an escaped quote does not close it
    assert "on" in _labels('rule r "a closed label"')  # just after a text, the keywords again
