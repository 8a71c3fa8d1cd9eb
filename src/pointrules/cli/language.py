"""`--lang`: the language diagnostics are worded in, given on the command line or by the
configuration's `lang` (the nearest pointrules.toml or pyproject.toml to the file); English else."""

from __future__ import annotations

import argparse
from pathlib import Path

from pointrules.config import ConfigError, find_config
from pointrules.messages import LANGS


def add_lang(parser: argparse.ArgumentParser, what: str = "diagnostics") -> None:
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help=f"language of the {what}: en or zh (default: the configuration's `lang`, else en)")


def lang_for(args: argparse.Namespace, path: str | Path) -> str:
    """--lang when given, else the `lang` of the configuration nearest to ``path``, else English (a
    configuration that cannot be read leaves English: `lint` is where it is reported)."""
    return str(args.lang) if args.lang else config_lang(path)


def config_lang(path: str | Path) -> str:
    """The `lang` of the configuration nearest to ``path``; English when there is none or it
    cannot be read."""
    try:
        return find_config(Path(path)).lang
    except ConfigError:
        return "en"
