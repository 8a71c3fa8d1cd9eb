"""Member state: ``memory`` (``MemoryState``: what evaluation reads, and ``apply``, the one place an
outcome changes it) and ``lots`` (the lot model and lot policy shared with every ledger store)."""

from pointrules.state.memory import HistoryEntry, Lot, MemoryState, StateView, TierRecord

__all__ = ["HistoryEntry", "Lot", "MemoryState", "StateView", "TierRecord"]
