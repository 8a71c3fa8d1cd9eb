"""How serious a diagnostic is: an error keeps a program from loading, a warning or an info does not.
Each code's default is registered in ``codes.py``; ``diagnostics.py`` carries it on every finding."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]
