"""The language server is optional: `import pointrules` and the command line never import pygls, and
every part of the server but the protocol's own module works without it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pointrules_and_the_servers_logic_do_not_import_pygls() -> None:
    code = ("import sys, pointrules, pointrules.cli\n"
            "from pointrules.cli import build_parser; build_parser()\n"
            "import pointrules.lsp.analysis, pointrules.lsp.names, pointrules.lsp.hover, pointrules.lsp.complete\n"
            "import pointrules.lsp.fixes, pointrules.lsp.symbols, pointrules.lsp.text\n"
            "assert not [m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')], 'pygls imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert done.returncode == 0, done.stderr
