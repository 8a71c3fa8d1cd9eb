"""Member state: ``memory`` (``MemoryState``: what evaluation reads, and ``apply``, the one place an
outcome changes it) and ``lots`` (the lot model and lot policy shared with every ledger store)."""

from pointrules.evaluate.view import HistoryEntry, StateView, TierRecord
from pointrules.state.memory import Lot, MemoryState

__all__ = ["HistoryEntry", "Lot", "MemoryState", "StateView", "TierRecord"]
