"""What one earn line of a rule can add to one event of its kind (``Term``): what the guard
prover (bounds.py) sums and what the records of a list are bounded by (records.py).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from pointrules import syntax as s

__all__ = ["Term"]


@attrs.frozen
class Term:
    """What one earn line of a rule can add to one event of its kind."""

    rule: str
    slope: Fraction  # points per unit of the paid money, at most
    lump: Fraction  # points per event, at most
    opens: Decimal  # the least paid amount at which the line can pay (0: any amount)
    unbounded: str | None = None  # why the line's points do not follow the money paid
    beneficiary: str = "member"  # who the line pays: "member" or the field naming another member
    # A line on the records of a list: the list and the ``where`` a record must meet (records that
    # no single record meets together are never counted together: see ``_record_slopes``).
    records: str | None = None
    where: s.Expr | None = None

    def at(self, amount: Fraction) -> Fraction:
        """The most points of the line at a paid amount it is open at."""
        return self.slope * amount + self.lump
