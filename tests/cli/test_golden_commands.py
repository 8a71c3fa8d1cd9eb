"""Golden files of what the commands print for every example program, in English and Chinese:
`pointrules explain` (tests/golden/explain/NAME.LANG.expected), `pointrules eval` on the events of
tests/golden/eval/NAME.jsonl with either evaluator (NAME.LANG.expected, a transcript of every run)
and `pointrules fmt`
(tests/golden/fmt/NAME.expected, the formatted program, also from a copy whose layout was spoiled).

The .expected files are the spec, reviewed by eye; POINTRULES_UPDATE_GOLDEN=1 writes a missing one
and never touches an existing one (tests/golden_support.py). The commands run in this process
(``pointrules.cli.main``), from the repository's root, so the files name paths as a user types them.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from golden_support import assert_matches_golden

from pointrules.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.points"))
LANGS = ["en", "zh"]


@pytest.fixture
def command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``pointrules ARGS...`` in this process from the repository's root: (status, out, err)."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_explain(command, example: Path, lang: str) -> None:
    status, out, err = command("explain", "--lang", lang, f"examples/{example.name}")
    assert (status, err) == (0, "")
    assert_matches_golden(GOLDEN / "explain" / f"{example.stem}.{lang}.expected", out)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["nesting", "ladders"])
def test_explain_beyond_the_examples(command, name: str, lang: str) -> None:
    """tests/golden/terms/NAME.points: terms no example shows (an `or` nested in an `and` without a
    label; ladders by money) have programs of their own."""
    status, out, err = command("explain", "--lang", lang, f"tests/golden/terms/{name}.points")
    assert (status, err) == (0, "")
    assert_matches_golden(GOLDEN / "terms" / f"{name}.{lang}.expected", out)


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_eval(command, monkeypatch: pytest.MonkeyPatch, example: Path, lang: str, evaluator: str) -> None:
    """Each line of NAME.jsonl is one run: {"event": {…}, "member": {…} (optional)}. Either
    evaluator (POINTRULES_EVALUATOR) prints the same, byte for byte."""
    monkeypatch.setenv("POINTRULES_EVALUATOR", evaluator)
    transcript = _eval_transcript(command, f"examples/{example.name}", GOLDEN / "eval" / f"{example.stem}.jsonl", lang)
    assert_matches_golden(GOLDEN / "eval" / f"{example.stem}.{lang}.expected", transcript)


@pytest.mark.parametrize("evaluator", ["compiled", "reference"])
@pytest.mark.parametrize("lang", LANGS)
def test_eval_of_ladders_by_money(command, monkeypatch: pytest.MonkeyPatch, lang: str, evaluator: str) -> None:
    """tests/golden/terms/ladders.points (no example has a ladder by money): each step explained in
    money (spend 1,200.00 CNY / 消费金额 1,200.00 元), by a labelled money field, and a count as before
    (a history spend needs history: tests/evaluate/test_ladders.py); events in
    tests/golden/terms/ladders.jsonl, as test_eval."""
    monkeypatch.setenv("POINTRULES_EVALUATOR", evaluator)
    terms = GOLDEN / "terms"
    transcript = _eval_transcript(command, "tests/golden/terms/ladders.points", terms / "ladders.jsonl", lang)
    assert_matches_golden(terms / f"ladders.eval.{lang}.expected", transcript)


def _eval_transcript(command, program: str, inputs: Path, lang: str) -> str:
    """`pointrules eval PROGRAM` once for each line of ``inputs``: what it printed and its status."""
    transcript = []
    for line in inputs.read_text("utf-8").splitlines():
        given = json.loads(line)
        args = ["eval", program, "--lang", lang]
        if "member" in given:
            args += ["--member", json.dumps(given["member"], ensure_ascii=False)]
        args += ["--event", json.dumps(given["event"], ensure_ascii=False)]
        status, out, err = command(*args)
        transcript.append(f"$ pointrules {shlex.join(args)}\n{out}"
                          + "".join(f"stderr: {text}\n" for text in err.splitlines())
                          + f"exit status {status}\n")
    return "\n".join(transcript)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_fmt(command, example: Path, tmp_path: Path) -> None:
    copy = tmp_path / example.name
    shutil.copyfile(example, copy)
    status, out, err = command("fmt", str(copy))
    assert status == 0 and out == ""
    expected = GOLDEN / "fmt" / f"{example.stem}.expected"
    assert_matches_golden(expected, copy.read_text("utf-8"))
    # The same layout from a copy whose indentation, alignment and blank lines were spoiled.
    copy.write_text(_spoiled(example.read_text("utf-8")), "utf-8")
    status, out, err = command("fmt", str(copy))
    assert (status, out, err) == (0, f"formatted {copy}\n", "1 file reformatted, 0 unchanged\n")
    assert copy.read_text("utf-8") == expected.read_text("utf-8")


def _spoiled(text: str) -> str:
    """The program with every line's indentation changed, runs of spaces in code made single,
    trailing spaces added and blank lines doubled; comments and texts untouched."""
    out = []
    for i, line in enumerate(text.splitlines()):
        code, comment = _split_comment(line.strip())
        indent, gap = "\t" if i % 2 else "   ", " " * (1 + i % 3)
        out.append(indent + re.sub(r" {2,}", " ", code) + gap + comment + " ")
    return "\n".join(out).replace("\n\n", "\n\n\n") + "\n\n"


def _split_comment(line: str) -> tuple[str, str]:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"' and (i == 0 or line[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i], line[i:]
    return line, ""
