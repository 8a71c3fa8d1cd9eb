"""The checker: ordered passes over the syntax tree that report diagnostics, then, when none is an
error, the lowering to a ``model.Program``."""

from __future__ import annotations

from pointrules import syntax as s
from pointrules.check.lower import lower
from pointrules.check.passes import GATES, PASSES
from pointrules.diagnostics import Diagnostic, Severity, sort_key
from pointrules.program import model as model
from pointrules.source import Source


def check_tree(tree: s.Program, source: Source) -> tuple[model.Program | None, list[Diagnostic]]:
    """Run every pass; lower to a Program when no diagnostic is an error."""
    diagnostics: list[Diagnostic] = []
    for gate in GATES:
        diagnostics.extend(gate(tree, source))
    if diagnostics:
        return None, sorted(diagnostics, key=sort_key)
    for run in PASSES:
        diagnostics.extend(run(tree, source))
    diagnostics.sort(key=sort_key)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return lower(tree, source), diagnostics
