"""The checker's passes, in the order they run. Each takes the tree and its source and returns
diagnostics; none of them changes the tree.

Together they guarantee what ``lower()`` assumes: every name resolves, every unit and period is
known, every number that must be whole, positive or a real date is.
"""

from __future__ import annotations

from collections.abc import Callable

from pointrules import syntax as s
from pointrules.check.campaigns import check_campaigns
from pointrules.check.caps import check_caps
from pointrules.check.catalog import check_catalog
from pointrules.check.header import check_dates, check_header
from pointrules.check.names import check_names, check_schemas
from pointrules.check.numbers import check_numbers
from pointrules.check.rules import check_rules
from pointrules.check.texts import check_texts
from pointrules.check.tiers import check_tiers
from pointrules.diagnostics import Diagnostic
from pointrules.source import Source

Pass = Callable[[s.Program, Source], list[Diagnostic]]

# Checked first: a program that fails them is checked no further, since every later pass computes
# with its numbers (a 5,000-digit integer cannot even be printed in a message).
GATES: list[Pass] = [
    check_numbers,  # every number within the language's range
]

PASSES: list[Pass] = [
    check_texts,  # no control or bidirectional characters in quoted texts
    check_header,  # program, currency, time zone, value; what is given only once
    check_dates,  # every date exists
    check_names,  # unique names
    check_schemas,  # event and record fields
    check_tiers,  # tiers, thresholds, policies
    check_rules,  # rules, campaigns, caps, conditions
    check_caps,  # no two caps of one period over the same kinds
    check_campaigns,  # two multiplying campaigns on one day, when the program does not say how they combine
    check_catalog,  # redemption, rewards, guards
]
