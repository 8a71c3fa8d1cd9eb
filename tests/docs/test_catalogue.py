"""The diagnostics catalogue (docs/diagnostics.md) is true: every section's bad example, run as a user
runs it, reports the section's code, and its fixed example reports neither that code nor any error.

A ```points example is a whole program: it is saved as shop.points and run with `pointrules check`,
or `pointrules lint` for the lint codes (PR5xx), the commands the page tells the user to run. A ```sh example (a file the page cannot show as text, a program beside its cases) runs as
tests/docs/test_commands.py runs it: its lines that write files in a shell, its `pointrules` lines in
this process. A folder of versions (PR6xx) is shown file by file, each block headed by its name
(`tea/v2.points`:), and checked as the page says, `pointrules check tea/`; its fixed example shows
the files it changes. Output shown after a bad example (a ```text block) is what the command prints: each of
its lines is in the output, in the page's language; where the text says where a diagnostic stands,
WHERE holds the place, counted by hand. docs/diagnostics.zh.md has the same code blocks
(tests/docs/test_site.py), so its examples are these; its shown output is checked in Chinese.

A section whose code no example can show (a condition of the machine rather than of the program)
is listed in UNSHOWABLE with the reason; its page says how to see it. None is today.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from markdown_blocks import fences
from pointrules.cli import main
from pointrules.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"en": ROOT / "docs" / "diagnostics.md", "zh": ROOT / "docs" / "diagnostics.zh.md"}
KINDS = {"**bad**": "bad", "**fixed**": "fixed", "**错误示例**": "bad", "**修正后**": "fixed"}
# Where the page's text says a bad example's diagnostic stands, counted by hand: (code, which bad
# example): (line, column, what its note says)
WHERE: dict[tuple[str, int], tuple[int, int, str | None]] = {
    # `whree` is "marked where it stands": after the header (3 lines), the event and a blank line, line 6;
    # `rule app_bonus on purchase ` is 27 characters, so column 28
    ("PR001", 2): (6, 28, None),
    # "where the limit is first passed (the 65th parenthesis)": `rule deep on purchase when ` is 27
    # characters, so the 65th `(` is at column 27 + 65 = 92, on line 6
    ("PR005", 1): (6, 92, None),
    # the second `base` (line 7, after `rule `: column 6); "the note points at the first one", line 6
    ("PR101", 1): (7, 6, "first given on line 6"),
    # the second `currency` starts line 4; "the note points at the first", line 2
    ("PR301", 1): (4, 1, "first given on line 2"),
}
# A bad example that cannot show its code without an error of another code, and why
ALSO = {"PR591": {"PR102"}}  # it ignores an error (PR102), which is reported all the same
UNSHOWABLE: dict[str, str] = {}  # code: why no example can show it (and the page says how to see it)
_FOUND = re.compile(r"^(?:error|warning|info|错误|警告|提示)\[(PR\d{3})\][:：]", re.M)
_CAPTION = re.compile(r"^`([\w-]+/[\w.-]+\.points)`[:：]\s*\Z", re.M)
_ERROR = re.compile(r"^(?:error|错误)\[(PR\d{3})\]", re.M)


def sections(lang: str) -> dict[str, list[tuple[str, str, str | dict[str, str]]]]:
    """Each code's examples in order: (bad|fixed|shown, info string, text); `shown` is a ```text
    block (the output of the example before it). Blocks each headed by its file's name (`tea/v1.points`:)
    make one example, a folder of versions: (kind, "folder", {name: text})."""
    found: dict[str, list[tuple[str, str, str | dict[str, str]]]] = {}
    text = PAGES[lang].read_text("utf-8")
    for section in re.split(r"^(?=## PR\d{3})", text, flags=re.M)[1:]:
        examples: list[tuple[str, str, str | dict[str, str]]] = []
        kind = caption = None
        for part in re.split(r"^(```[^\n]*\n.*?^```\n)", section, flags=re.M | re.S):
            if not part.startswith("```"):
                marks = re.findall(r"^(\*\*[^*\n]+\*\*)", part, re.M)
                kind = KINDS.get(marks[-1]) if marks else kind
                caption = _CAPTION.search(part)
                continue
            [(info, block)] = fences(part)
            if caption and info == "points":
                if not marks:  # the next file of the same example
                    examples[-1][2][caption.group(1)] = block  # type: ignore[index]
                else:
                    examples.append((kind, "folder", {caption.group(1): block}))
            elif info == "text" and examples and examples[-1][0] == "bad":
                examples.append(("shown", info, block))
            elif kind:
                examples.append((kind, info, block))
            kind = None
        found[section[3:8]] = examples
    return found


SECTIONS = sections("en")


def run(code: str, info: str, example: str | dict[str, str], folder: Path, monkeypatch: pytest.MonkeyPatch,
        lang: str = "en") -> str:
    """What the user sees running the example in an empty folder."""
    monkeypatch.chdir(folder)
    if info == "points":
        assert isinstance(example, str)
        (folder / "shop.points").write_text(example, "utf-8")
        commands = [["lint" if code.startswith("PR5") else "check", "shop.points"]]
    elif info == "folder":  # a folder of versions, checked as one program over time
        assert isinstance(example, dict)
        for name, text in example.items():
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_text(text, "utf-8")
        commands = [["check", *sorted({name.split("/")[0] + "/" for name in example})]]
    else:
        assert info == "sh" and isinstance(example, str), (code, info)
        commands = []
        for line in example.splitlines():
            if line.startswith("pointrules "):
                commands.append(shlex.split(line, comments=True)[1:])
            elif line.strip():  # a line that writes the example's files (printf)
                subprocess.run(line, shell=True, cwd=folder, check=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        for argv in commands:
            main(argv + ["--lang", lang])
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_bad_and_a_fixed_example(code: str) -> None:
    kinds = [kind for kind, _, _ in SECTIONS.get(code, [])]
    if code in UNSHOWABLE:
        assert "bad" not in kinds, f"{code} is listed as not showable but has a bad example"
        return
    assert "bad" in kinds and "fixed" in kinds, code
    assert set(SECTIONS) == set(CODES)


@pytest.mark.parametrize("code", sorted(SECTIONS))
def test_the_bad_example_shows_its_code_and_the_fixed_one_does_not(code: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    files: dict[str, str] = {}
    bad = 0
    for number, (kind, info, block) in enumerate(SECTIONS[code], 1):
        if kind == "shown":
            continue
        if info == "folder":  # a fixed folder shows the files it changes; the others stay as they were
            assert isinstance(block, dict)
            files = block = {**files, **block} if kind == "fixed" else dict(block)
        folder = tmp_path / str(number)
        folder.mkdir()
        output = run(code, info, block, folder, monkeypatch)
        if kind == "bad":
            assert code in _FOUND.findall(output), f"{code}, example {number}, shows instead:\n{output}"
            assert set(_ERROR.findall(output)) <= {code, *ALSO.get(code, ())}, f"{code}, example {number}: other errors:\n{output}"
            bad += 1
            if (code, bad) in WHERE:
                line, column, note = WHERE[code, bad]
                where = re.search(rf"\[{code}\].*\n *--> [^\n]*:(\d+):(\d+)\n(?:(?!\n\n).)*", output, re.S)
                assert where and (int(where.group(1)), int(where.group(2))) == (line, column), output
                assert note is None or re.search(rf"= note: .*{note}", where.group(0)), output
        else:
            assert code not in _FOUND.findall(output), f"{code}, fixed example {number}, still shows it:\n{output}"
            assert _ERROR.findall(output) == [], f"{code}, fixed example {number} has errors:\n{output}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_output_shown_is_what_the_bad_example_prints(lang: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown = 0
    for code, examples in sections(lang).items():
        for (kind, info, block), (then, _, text) in zip(examples, examples[1:]):
            if kind != "bad" or then != "shown":
                continue
            folder = tmp_path / f"{code}-{shown}"
            folder.mkdir()
            output = run(code, info, block, folder, monkeypatch, "zh" if "错误[" in text else "en")
            for line in filter(str.strip, text.splitlines()):
                assert line.strip() in output, f"{code}: `{line.strip()}` is not in what it prints:\n{output}"
            shown += 1
    assert shown >= 1


def test_the_sections_are_read_as_a_reader_reads_them() -> None:
    # by hand: PR001 shows two bad programs, the second with its output; PR508 writes files with printf
    assert [kind for kind, _, _ in SECTIONS["PR001"]] == ["bad", "fixed", "bad", "shown", "fixed"]
    assert [(kind, info) for kind, info, _ in SECTIONS["PR508"]] == [("bad", "sh"), ("fixed", "sh")]
    assert [(kind, info, sorted(files)) for kind, info, files in SECTIONS["PR601"]] == \
        [("bad", "folder", ["tea/v1-copy.points", "tea/v1.points"]), ("fixed", "folder", ["tea/v1-copy.points"])]
    assert sections("zh")["PR001"] and [k for k, _, _ in sections("zh")["PR325"]] == ["bad", "fixed"] * 2
