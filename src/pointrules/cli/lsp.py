"""`pointrules lsp`: the language server editors start, speaking the protocol over stdin and stdout."""

from __future__ import annotations

import argparse
import sys

NAME = "lsp"
HELP = "run the language server for editors (needs the extra: pip install 'pointrules[lsp]')"
EXAMPLES = (
    "  pointrules lsp        # started by an editor (editors/vscode); reads and writes the protocol on stdio\n"
    "exit status: 0 after the editor's exit request, 2 if the `lsp` extra is not installed\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    try:
        from pointrules.lsp.server import server
    except ModuleNotFoundError as error:
        if error.name not in ("pygls", "lsprotocol", "cattrs") and not (error.name or "").startswith("pygls."):
            raise
        print("error: the language server needs pygls, which is not installed;\n"
              "install it with: pip install 'pointrules[lsp]' (in a checkout: pip install -e '.[lsp]')",
              file=sys.stderr)
        return 2
    server.start_io()
    return 0
