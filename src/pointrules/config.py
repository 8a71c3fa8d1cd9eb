"""Lint configuration: `[tool.pointrules.lint]` in pyproject.toml or `[lint]` in pointrules.toml,
found in the folder of the checked path or any folder above it; and inline ignores.

    [tool.pointrules.lint]
    fail-level = "warning"          # error (default) | warning | info
    [tool.pointrules.lint.severity]
    PR509 = "info"                  # error | warning | info | off
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs

from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.source import Source

LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
_IGNORE = re.compile(r"#\s*pointrules:\s*ignore\[([A-Z0-9,\s]+)\]")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says which file and key."""


@attrs.frozen
class LintConfig:
    fail_level: Severity = Severity.ERROR
    severity: dict[str, Severity | None] = attrs.Factory(dict)  # None: switched off
    path: Path | None = None  # the file it came from

    def adjust(self, d: Diagnostic) -> Diagnostic | None:
        """The diagnostic with its configured severity, or None when its code is switched off.
        Syntax and checker errors always stay errors: a broken program cannot be configured away."""
        if d.code not in self.severity or d.severity is Severity.ERROR and not d.code.startswith("PR5"):
            return d
        level = self.severity[d.code]
        return None if level is None else attrs.evolve(d, severity=level)

    def apply(self, diagnostics: list[Diagnostic], source: Source) -> list[Diagnostic]:
        """The diagnostics a run reports: configured severities, switched-off codes and the ones an
        inline `# pointrules: ignore[CODE]` silences left out."""
        adjusted = (self.adjust(d) for d in diagnostics)
        return [d for d in adjusted if d is not None and not ignored(d, source)]


def find_config(start: Path) -> LintConfig:
    """The nearest pointrules.toml or pyproject.toml with a pointrules section, walking up."""
    folder = start if start.is_dir() else start.parent
    for f in [folder.resolve(), *folder.resolve().parents]:
        for name in ("pointrules.toml", "pyproject.toml"):
            candidate = f / name
            if candidate.is_file():
                table = read_section(candidate)
                if table is not None:
                    return parse_section(table, candidate)
    return LintConfig()


def read_section(path: Path) -> dict[str, object] | None:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("pointrules")
        if section is None:
            return None
    else:
        section = data
    lint = section.get("lint", {}) if isinstance(section, dict) else None
    if not isinstance(lint, dict):
        raise ConfigError(f"{path}: `lint` must be a table")
    return lint


def parse_section(table: dict[str, object], path: Path) -> LintConfig:
    fail = table.get("fail-level", "error")
    if fail not in LEVELS:
        raise ConfigError(f"{path}: fail-level must be one of error, warning, info (found {fail!r})")
    severity: dict[str, Severity | None] = {}
    raw = table.get("severity", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: `severity` must be a table of CODE = level")
    for code, level in raw.items():
        if code not in CODES:
            raise ConfigError(f"{path}: unknown diagnostic code {code!r} in severity")
        if level != "off" and level not in LEVELS:
            raise ConfigError(f"{path}: severity of {code} must be error, warning, info or off (found {level!r})")
        severity[code] = None if level == "off" else LEVELS[str(level)]
    return LintConfig(LEVELS[str(fail)], severity, path)


def ignored(d: Diagnostic, source: Source) -> bool:
    """True when the diagnostic's line, or the line above it, says `# pointrules: ignore[CODE] reason`."""
    for line in (d.line, d.line - 1):
        if 1 <= line <= source.line_count:
            m = _IGNORE.search(source.line_text(line))
            if m and d.code in {c.strip() for c in m.group(1).split(",")}:
                return True
    return False
