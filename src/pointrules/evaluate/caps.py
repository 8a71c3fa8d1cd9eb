"""What both evaluators say of a member cap (``cap 5,000 points per day on purchase``): the name of
the counter that keeps its running count, and the record of its cuts.

A cap's counter is named by what the cap *is*, its period and the kinds it covers, never by its
place in the file: ``cap:day:*`` (every kind), ``cap:day:purchase,review`` (the kinds in sorted
order). So in a program's versions over time (program/versions.py), a cap that is the same in two
versions keeps its count across the switch, and a cap a version adds starts at zero, wherever
either stands among the caps. The checker refuses two caps with one name (PR332): they would
count on one counter twice.
"""

from __future__ import annotations

import re

from pointrules.evaluate.award import Trim
from pointrules.program import model as m

POSITIONAL = re.compile(r"cap(\d+):([a-z-]+)")  # what a cap's counter was called before (``cap0:day``)


def cap_scope(cap: m.Cap) -> str:
    """The counter of a cap: its period and its kinds (``*`` for every kind), sorted."""
    return f"cap:{cap.period}:{','.join(sorted(cap.kinds)) if cap.kinds else '*'}"


def cap_why(cap: m.Cap) -> Trim:
    """The record of a cut this cap makes (its points before and after are the cut's own)."""
    reason = f"at most {cap.points:,} points per {cap.period}" + (
        f" on {', '.join(sorted(cap.kinds))}" if cap.kinds else "")
    return Trim("cap", 0, 0, reason, None, cap.points, "points", cap.period)
