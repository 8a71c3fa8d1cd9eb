"""The `pointrules` command: one subcommand per module in this package.

Each command module has ``NAME``, ``HELP``, ``EXAMPLES`` (shown under --help),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit status). Exit status: 0 success,
1 findings or rejected input, 2 usage errors (argparse's own).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from pointrules import __version__
from pointrules.evaluate.choice import VARIABLE, choose

COMMANDS = ["init", "check", "lint", "fmt", "test", "simulate", "diff", "eval", "explain", "ledger", "play", "lsp"]


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"{__name__}.{name}":
            return None
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pointrules",
        description="Check, run and explain customer points programs (会员积分).",
        epilog="Run `pointrules COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"pointrules {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        if module is None:
            continue
        p = sub.add_parser(
            module.NAME, help=module.HELP, description=module.HELP,
            epilog="examples:\n" + module.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        choose()  # POINTRULES_EVALUATOR, when set, names an evaluator
    except ValueError as error:
        print(f"error: {VARIABLE}: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
