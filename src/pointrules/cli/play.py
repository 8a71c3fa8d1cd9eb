"""`pointrules play [PROGRAM]`: a local page to edit a program, see its diagnostics as you type,
try events and read the award, the terms and the example cases (docs/playground.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pointrules import ProgramError, read_source
from pointrules.cases import cases_path
from pointrules.config import ConfigError, find_config
from pointrules.play import Playground, Workspace, asset

NAME = "play"
HELP = "open a playground page on this machine to edit a program and try events against it"
EXAMPLES = (
    "  pointrules play                              # the starter program\n"
    "  pointrules play examples/shop.points         # a program and the cases beside it\n"
    "  pointrules play examples/shop.points --port 0   # any free port\n"
    "the page is served on 127.0.0.1 only; it never writes the program (download it from the page)\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", nargs="?", metavar="PROGRAM", help="a program file (default: a starter program)")
    parser.add_argument("--port", type=int, default=8765, help="the port on 127.0.0.1 (default 8765; 0 picks a free one)")


def workspace(program: str | None) -> Workspace:
    """The program to start with and the cases beside it; OSError, ProgramError (not UTF-8) or ConfigError."""
    if program is None:
        return Workspace(None, asset("starter.points").decode(), asset("starter.cases.toml").decode())
    path = Path(program)
    text = read_source(path).text
    cases = cases_path(path)
    cases_text = read_source(cases).text if cases.is_file() else ""
    return Workspace(path, text, cases_text, find_config(path))


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port} is not a port (0 to 65535)", file=sys.stderr)
        return 2
    try:
        start = workspace(args.program)
    except OSError as error:
        print(f"error: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    except (ProgramError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        server = Playground(start, args.port)
    except OSError as error:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {error.strerror}; try another --port", file=sys.stderr)
        return 2
    print(f"pointrules playground for {start.filename}: open {server.url} (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
