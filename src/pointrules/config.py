"""Configuration: `[tool.pointrules]` in pyproject.toml or the top level of pointrules.toml, the
nearest one to each checked file (its folder or any folder above it).

    [tool.pointrules]
    lang = "zh"                     # the language of diagnostics and reports: en (default) | zh
    [tool.pointrules.lint]
    fail-level = "warning"          # error (default) | warning | info
    exclude = ["drafts/", "*.old.points"]
    [tool.pointrules.lint.severity]
    PR509 = "info"                  # error | warning | info | off
    [tool.pointrules.fmt]
    width = 100                     # the columns `fmt` fits lines of code in (default 100)

The configuration is strict: a key it does not know is an error naming the key, never ignored.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from pathlib import Path

import attrs

from pointrules.check.ignores import apply_ignores
from pointrules.codes import CODES
from pointrules.diagnostics import Diagnostic, Severity
from pointrules.errors import Error
from pointrules.messages import LANGS
from pointrules.source import Source

LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
_SECTION_KEYS = ("lint", "lang", "fmt")
_LINT_KEYS = ("fail-level", "severity", "exclude")
_FMT_KEYS = ("width",)
WIDTHS = range(20, 1001)  # the widths `fmt` takes, in columns


class ConfigError(Error):
    """A configuration file that cannot be used; the message says which file and key."""


@attrs.frozen
class LintConfig:
    fail_level: Severity = Severity.ERROR
    severity: dict[str, Severity | None] = attrs.Factory(dict)  # None: switched off
    path: Path | None = None  # the file it came from
    exclude: tuple[str, ...] = ()  # patterns, relative to the folder of `path`
    lang: str = "en"  # the language diagnostics are worded in (messages.LANGS)
    width: int | None = None  # `fmt`'s width in columns; None: the formatter's default

    def adjust(self, d: Diagnostic) -> Diagnostic | None:
        """The diagnostic with its configured severity, or None when its code is switched off.
        Syntax and checker errors always stay errors: a broken program cannot be configured away."""
        if d.code not in self.severity or d.severity is Severity.ERROR and not d.code.startswith("PR5"):
            return d
        level = self.severity[d.code]
        return None if level is None else attrs.evolve(d, severity=level)

    def apply(self, diagnostics: list[Diagnostic], source: Source) -> list[Diagnostic]:
        """The diagnostics a run reports: configured severities, switched-off codes left out, inline
        ignores applied (never to an error) and checked; the findings about the ignores themselves
        (PR590-PR592) are configured like any other."""
        adjusted = [a for d in diagnostics if (a := self.adjust(d)) is not None]
        return [a for d in apply_ignores(adjusted, source) if (a := self.adjust(d)) is not None]
    def excludes(self, file: Path) -> bool:
        """True when an `exclude` pattern matches the file's path from the configuration's folder."""
        if not self.exclude or self.path is None:
            return False
        try:
            relative = file.resolve().relative_to(self.path.resolve().parent).as_posix()
        except ValueError:
            return False
        return any(_pattern(p).search(relative) for p in self.exclude)


@functools.lru_cache(maxsize=256)
def _pattern(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regex over a relative path: `*` and `?` stay within one folder, `**`
    crosses folders; a pattern with no `/` inside matches a name at any depth, one with a `/` inside
    matches from the configuration's folder; a folder that matches takes everything in it along."""
    anchored = "/" in glob.rstrip("/")
    body = re.escape(glob.strip("/")).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
    body = body.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    start = "^" if anchored else "(?:^|/)"
    return re.compile(f"{start}{body}(?:/|$)")


def _nearest(folder: Path) -> LintConfig:
    for f in [folder, *folder.parents]:
        for name in ("pointrules.toml", "pyproject.toml"):
            candidate = f / name
            if candidate.is_file():
                config = read_config(candidate)
                if config is not None:
                    return config
    return LintConfig()


def find_config(start: Path, cache: dict[Path, LintConfig] | None = None) -> LintConfig:
    """The nearest pointrules.toml, or pyproject.toml with a pointrules section, walking up from
    ``start`` (a file or a folder); ``cache`` keeps what was found per folder within one run."""
    folder = (start if start.is_dir() else start.parent).resolve()
    if cache is None:
        return _nearest(folder)
    if folder not in cache:
        cache[folder] = _nearest(folder)
    return cache[folder]


def read_config(path: Path) -> LintConfig | None:
    """The configuration in a file, or None for a pyproject.toml without a `[tool.pointrules]`
    section; ConfigError naming the first key that cannot be used."""
    section = _read_section(path)
    if section is None:
        return None
    lint = section.get("lint", {})
    if not isinstance(lint, dict):
        raise ConfigError(f"{path}: `lint` must be a table")
    lang = section.get("lang", "en")
    if lang not in LANGS:
        raise ConfigError(f"{path}: lang must be one of {', '.join(LANGS)} (found {lang!r})")
    return attrs.evolve(parse_section(lint, path), lang=str(lang), width=_fmt_width(section.get("fmt", {}), path))


def _fmt_width(table: object, path: Path) -> int | None:
    """The `width` of the fmt table, or None when it is not given; ConfigError for a bad one."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: `fmt` must be a table")
    _known_keys(path, table, _FMT_KEYS, _table_name(path, "fmt"))
    width = table.get("width")
    if width is not None and (type(width) is not int or width not in WIDTHS):
        raise ConfigError(f"{path}: fmt width must be a whole number of columns from {WIDTHS.start} to"
                          f" {WIDTHS.stop - 1} (found {width!r})")
    return width


def _read_section(path: Path) -> dict[str, object] | None:
    """The `[tool.pointrules]` table of a configuration file (a pointrules.toml's top level), or
    None for a pyproject.toml without one."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    where = "[tool.pointrules]" if path.name == "pyproject.toml" else "the top level"
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("pointrules") if isinstance(tool, dict) else None
        if section is None:
            return None
    else:
        section = data
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    _known_keys(path, section, _SECTION_KEYS, where)
    return section


def _table_name(path: Path, key: str) -> str:
    return f"[tool.pointrules.{key}]" if path.name == "pyproject.toml" else f"[{key}]"


def _known_keys(path: Path, table: dict[str, object], known: tuple[str, ...], where: str) -> None:
    for key in table:
        if key in known:
            continue
        if key in CODES:
            hint = f"a code's level goes in {_table_name(path, 'lint.severity')}"
        else:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(f"`{k}`" for k in known)
        raise ConfigError(f"{path}: unknown key `{key}` in {where}; {hint}")


def parse_section(table: dict[str, object], path: Path) -> LintConfig:
    """The lint table as a configuration; ConfigError naming the first key that cannot be used."""
    _known_keys(path, table, _LINT_KEYS, _table_name(path, "lint"))
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
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(p, str) and p.strip("/") for p in exclude):
        raise ConfigError(f"{path}: `exclude` must be a list of path patterns, like [\"drafts/\"]")
    return LintConfig(LEVELS[str(fail)], severity, path, tuple(exclude))
