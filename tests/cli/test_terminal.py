"""Colour and progress appear only on a terminal; pipes and files stay plain."""

import io
import sys

from pointrules.cli.terminal import Progress, paint
from pointrules.diagnostics import Diagnostic, Severity, render


def test_progress_is_silent_and_free_when_not_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    items = [b"a", b"b"]
    progress = Progress()
    assert progress.count(items, "events") is items  # not even wrapped
    progress.show("1 event")
    assert sys.stderr.getvalue() == ""


def test_paint_is_plain_on_a_pipe() -> None:
    assert paint("error", "31", io.StringIO()) == "error"


def test_render_colours_only_when_asked() -> None:
    d = Diagnostic(code="PR102", severity=Severity.ERROR, message="unknown event kind `x`", filename="f",
                   line=1, column=1, end_line=1, end_column=2)
    assert "\x1b[" not in render(d)
    assert render(d, colour=True).startswith("\x1b[1;31merror[PR102]\x1b[0m")


def test_no_colour_in_captured_command_output(pointrules, tmp_path) -> None:
    f = tmp_path / "x.points"
    f.write_text("rule a on b { earn 10 }\n", encoding="utf-8")
    done = pointrules("check", str(f))
    assert "\x1b[" not in done.stderr and "error[PR001]" in done.stderr
