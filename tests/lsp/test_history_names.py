"""The language server's name index (no server needed): a kind named in the member's history
(`count of purchase`, `first purchase`) is a use of that event kind, so go to definition and find
references reach it."""

from __future__ import annotations

from pointrules.lsp.names import index
from pointrules.source import Source
from pointrules.syntax.parser import parse

TEXT = '''program "x"
currency CNY
timezone "Asia/Shanghai"
event purchase { amount: money }
event checkin
rule a on checkin when count of purchase this month >= 2 { earn 5 points when first purchase }
'''


def test_a_kind_read_in_history_is_a_use_of_the_kind() -> None:
    tree, problems = parse(Source(TEXT, "x.points"))
    assert tree is not None and not problems
    found = index(tree)
    uses = [TEXT[o.span.start:o.span.end] for o in found.uses(("kind", "purchase"), with_definition=False)]
    assert uses == ["purchase", "purchase"]  # `count of purchase this month`, `first purchase`
    at = TEXT.index("first purchase") + len("first p")
    assert found.at(at) is not None and found.at(at).target == ("kind", "purchase")
    assert found.definition(("kind", "purchase")).span.start == TEXT.index("purchase {")
