"""The registry of diagnostic codes: each stable code with its default severity and a one-line
summary. docs/diagnostics.md has an entry (bad and fixed example) for every code here.

Ranges: PR0xx syntax and limits, PR1xx names, PR2xx types and units, PR3xx values, PR5xx lints.
"""

from __future__ import annotations

import attrs

from .diagnostics import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@attrs.frozen
class Code:
    code: str
    severity: Severity
    summary: str


_TABLE: list[tuple[str, Severity, str]] = [
    # syntax and limits
    ("PR001", E, "unexpected word or symbol"),
    ("PR002", E, "the file ends in the middle of a declaration"),
    ("PR003", E, "a character that has no meaning in the language"),
    ("PR004", E, "a text is missing its closing quote"),
    ("PR005", E, "the program is too large or too deeply nested to check"),
    ("PR006", E, "the file is not readable text"),
]

CODES: dict[str, Code] = {c: Code(c, s, m) for c, s, m in _TABLE}

