"""One document as `pointrules lint` sees it: parsed, checked, linted, with the configuration found
beside its file (severities, switched-off codes, inline ignores). Every request reads this."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from pointrules import analyse
from pointrules import syntax as s
from pointrules.check import check_tree
from pointrules.check.lints import LintContext, lint
from pointrules.config import ConfigError, LintConfig, find_config
from pointrules.diagnostics import Diagnostic, sort_key
from pointrules.guards import prove
from pointrules.program.model import Program
from pointrules.source import Source
from pointrules.syntax.parser import parse


@attrs.frozen
class Analysis:
    """``tree`` is None while the text does not parse; ``program`` None while it has an error."""

    source: Source
    tree: s.Program | None
    program: Program | None
    diagnostics: tuple[Diagnostic, ...]
    config_error: str | None = None  # a configuration file that could not be read, said once
    config: LintConfig = attrs.Factory(LintConfig)  # the one found beside the file (its `lang` too)


def config_for(path: Path | None) -> tuple[LintConfig, str | None]:
    """The configuration `pointrules lint FILE` would use, or the default and why it is not read."""
    if path is None:
        return LintConfig(), None
    try:
        return find_config(path), None
    except ConfigError as error:
        return LintConfig(), str(error)


def analyse_text(text: str, path: Path | None, today: dt.date | None = None, lints: bool = True) -> Analysis:
    """Parse, check and lint ``text`` (the file at ``path``, or an unsaved one when None). Without
    ``lints``, the lint rules are left out: what hover and navigation read costs a few milliseconds,
    where proving a program's guards may take a few hundred."""
    source = Source(text, str(path) if path is not None else "<unsaved>")
    try:
        tree, found = parse(source)
        program, found = check_tree(tree, source) if tree is not None else (None, found)
    except RecursionError:  # the one place a program can be too deep to check: analyse says so
        tree, (program, found) = None, analyse(source)
    if program is not None and lints:
        found = sorted([*found, *lint(program, LintContext(today, path)), *prove(program, path, today)], key=sort_key)
    config, problem = config_for(path)
    return Analysis(source, tree, program, tuple(config.apply(found, source)), problem, config)
