"""The playground behind `pointrules play`: a local page where a program is edited and checked as
it is typed, an event is tried against it, and its terms and example cases are shown.

- ``session.py``: what the page is told about the texts it holds (pure; docs/playground.md);
- ``server.py``: the HTTP server on loopback, and what it refuses;
- ``assets/``: the page (HTML, JavaScript, CSS) and the starter program with its cases.
"""

from __future__ import annotations

from pointrules.play.server import MAX_BODY, Playground, asset
from pointrules.play.session import Workspace, answer

__all__ = ["MAX_BODY", "Playground", "Workspace", "answer", "asset"]
