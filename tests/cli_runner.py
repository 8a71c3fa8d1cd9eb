"""Running the command line in tests: `pointrules ARGS…` with a folder and standard input, giving
what a subprocess gives (``returncode``, ``stdout``, ``stderr`` as text).

Under ``CI=true`` (and ``POINTRULES_SLOW=1`` or ``POINTRULES_SUBPROCESS=1``) every call is a real
``python -m pointrules.cli`` process, as a user runs it. In the quick suite (`make test`) the same
call runs ``pointrules.cli.main`` in this process, with the same arguments, folder and standard input
and its standard streams captured as a pipe would capture them (UTF-8; no terminal, so no colour and
no progress line): about half a second less per call (no interpreter to start, no package to import,
no grammar to build), which is most of what the command-line tests cost. The tests are the same in
both modes; what only a real process shows (the interpreter's own start, `python -m`) is run by CI.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

SUBPROCESS = any(os.environ.get(name) == value for name, value in
                 (("CI", "true"), ("POINTRULES_SLOW", "1"), ("POINTRULES_SUBPROCESS", "1")))


def run_cli(args: Sequence[str], cwd: Path | str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """`pointrules ARGS…` run in ``cwd`` with ``input`` on standard input."""
    argv = [str(a) for a in args]
    if SUBPROCESS:
        return subprocess.run([sys.executable, "-m", "pointrules.cli", *argv], capture_output=True, text=True,
                              cwd=cwd, input=input)
    return _in_process(argv, Path(cwd), input)


def _in_process(argv: list[str], cwd: Path, input: str | None) -> subprocess.CompletedProcess[str]:
    from pointrules.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    before, saved_stdin, thresholds = Path.cwd(), sys.stdin, gc.get_threshold()
    os.chdir(cwd)
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(argv)
            except SystemExit as done:  # argparse's usage errors and --help
                status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            except Exception:  # as the interpreter would: the traceback on standard error, status 1
                traceback.print_exc()
                status = 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(before)
        gc.set_threshold(*thresholds)  # simulate tunes the collector for its own process
        gc.unfreeze()
    stdout.flush()
    stderr.flush()
    text = [_universal(stream.getvalue()) for stream in (out, err)]
    return subprocess.CompletedProcess(["pointrules", *argv], status, text[0], text[1])


def _universal(data: bytes) -> str:
    # what subprocess.run(text=True) reads: the bytes decoded, \r\n and \r read as \n
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
