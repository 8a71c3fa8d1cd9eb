"""What evaluation may read of a member's state (``StateView``), and the records it reads and
returns: a member's history entry and recorded tier. The in-memory state (state/memory.py) and
every ledger store answer ``StateView``; evaluation never writes (evaluate/outcome.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import attrs

__all__ = ["HistoryEntry", "StateView", "TierRecord"]


@attrs.frozen
class HistoryEntry:
    """What tier qualification counts: spend and purchases of the member's own events of the
    counted kinds, points the member earned (from any event) and the tier points earned (``earn 1
    tier point …``, kept apart from spendable points: no lot holds them)."""

    time: dt.datetime
    spend: Decimal
    purchases: int
    points: int
    tier_points: int = 0


@attrs.frozen
class TierRecord:
    tier: str
    since: dt.datetime


class StateView(Protocol):
    """What evaluation may read of the state."""

    def is_processed(self, event_id: str) -> bool: ...
    def counter(self, member: str, scope: str, period: str) -> int: ...
    def budget_used(self, campaign: str) -> int: ...
    def profile(self, member: str) -> Mapping[str, Any] | None: ...
    def tier_record(self, member: str) -> TierRecord | None: ...
    def history(self, member: str) -> Sequence[HistoryEntry]: ...
    def stock_used(self, reward: str) -> int: ...
