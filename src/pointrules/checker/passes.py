"""The checker's passes, in the order they run. Each takes the tree and its source and returns
diagnostics; none of them changes the tree."""

from __future__ import annotations

from collections.abc import Callable

from .. import syntax as s
from ..diagnostics import Diagnostic
from ..source import Source

Pass = Callable[[s.Program, Source], list[Diagnostic]]

PASSES: list[Pass] = []
