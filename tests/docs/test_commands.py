"""Every command line shown in README.md and docs/*.md works as shown, so the docs cannot drift.

The convention, for whoever writes the docs:

- In a fenced block (```sh, ```console, ```text or a plain fence), a line that starts with
  `pointrules` (after an optional `$ ` prompt and `NAME=value` settings) is a command; so is a
  `run: pointrules …` line of a ```yaml block. A line ending in `\\`, or a line that starts with
  white space right after a command, continues it.
- A command with a placeholder (a word in capitals of two letters or more, such as FILE, PATH...,
  EVENTS.jsonl) or with [brackets] is a *synopsis*: it is not run, but every option it shows must
  exist for that command (and ledger action), `a|b|c` after an option must be exactly its choices,
  and in a line that shows [brackets] (a full synopsis) an option taking a value shown outside them
  must be required, one inside brackets (or among the alternatives of `(--a X | --b Y)`) optional; a
  line without brackets, or a flag shown bare (`fmt --check PATH...`), names one way to run it.
- Any other command is *run*, and must exit 0 unless its trailing comment says `# exit N` (the first
  words of the comment, e.g. `# exit 1: the stream holds bad lines`) or, in a session written with
  `$ ` prompts (where only the prompted lines are commands), an output line `[exit N]` follows it.
- The commands of one block run in order, in a fresh folder holding a copy of examples/ and the
  same copy as rules/ (the folder docs/ci.md names a team's programs), so what one command writes
  (points.db) is there for the next in the block, never for another block. In a block that runs a command, the block's lines that write
  files (printf, echo, cat, cp, mkdir, touch) run too, in order (the README's `printf … > demo.points`);
  other programs (`make test`, which is this suite; the bench scripts, timed in bench/) are not run.
- A command that serves until it is stopped (`pointrules play`, `pointrules lsp`) is not run
  (tests/play and tests/lsp start the servers themselves); its options are checked as inline code's are.
- A block the text asks to save (`Save this as tour.points`) is marked by a comment on the line
  before its fence, `<!-- file: tour.points -->`; every block of that document runs with the file
  written in its folder.
- Inline code in prose that starts with `pointrules ` is checked as a synopsis is (never run), except
  that it does not claim which options are required.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pointrules.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_FENCES = {"", "sh", "console", "text", "shell", "bash"}
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_PLACEHOLDER = re.compile(r"\[|\.\.\.|\b[A-Z][A-Z0-9_]+\b")
_EXIT = re.compile(r"#\s*exit (\d+)\b")
_PREPARING = {"printf", "echo", "cat", "cp", "mkdir", "touch"}  # shell lines that write a block's files
_SETTING = re.compile(r"^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*")


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """(info string, lines) of each fenced block, in order."""
    found: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
                found.append((line[3:].strip(), current))
            else:
                current = None
        elif current is not None:
            current.append(line)
    return found


def _files(text: str) -> dict[str, str]:
    """The blocks marked `<!-- file: NAME -->` on the line before their fence, by NAME."""
    found = {}
    for m in re.finditer(r"^<!-- file: (\S+) -->\n```[^\n]*\n(.*?)^```", text, re.M | re.S):
        found[m.group(1)] = m.group(2)
    return found


def _is_command(line: str) -> bool:
    return _SETTING.sub("", line).startswith("pointrules")


def _lines(info: str, lines: list[str]) -> list[str]:
    """The block's shell lines, continuations joined, prompts and yaml `run:` dropped."""
    joined: list[str] = []
    prompted = any(raw.startswith("$ ") for raw in lines)  # a session: `$ command`, then its output
    for raw in lines:
        line = raw.rstrip()
        if prompted and not (joined and joined[-1].endswith("\\")):
            status = re.fullmatch(r"\[exit (\d+)\]", line.strip())
            if status and joined:
                joined[-1] += f"    # exit {status.group(1)}"
            elif line.startswith("$ "):
                joined.append(line[2:])
            continue
        if info == "yaml":
            m = re.match(r"\s*-?\s*run:\s*(.*)", line)
            if m and _is_command(m.group(1)):
                joined.append(m.group(1))
            continue
        if joined and (joined[-1].endswith("\\") or (raw[:1].isspace() and _is_command(joined[-1]))):
            joined[-1] = joined[-1].rstrip("\\").rstrip() + " " + line.strip()
        elif line.strip() and not line.lstrip().startswith("#"):
            joined.append(line.removeprefix("$ "))
    return joined


def _code(line: str) -> str:
    """The command without its trailing comment (quoted text kept whole)."""
    masked = _QUOTED.sub(lambda m: "x" * len(m.group()), line)
    cut = re.search(r"\s#", masked)
    return line[: cut.start()].rstrip() if cut else line


def _serves(command: str) -> bool:
    """A command that runs until it is stopped: the playground's server, the language server."""
    return _SETTING.sub("", command).split()[1:2] in (["play"], ["lsp"])


def _is_synopsis(command: str) -> bool:
    return bool(_PLACEHOLDER.search(_QUOTED.sub("''", _SETTING.sub("", _code(command)))))


def _commands(path: Path) -> tuple[list[list[str]], list[tuple[str, bool]]]:
    """The file's runnable blocks (their shell lines) and its synopses, each with whether it is a
    block's (whose options outside brackets claim to be required) or inline code's (a mention)."""
    runs: list[list[str]] = []
    synopses: list[tuple[str, bool]] = []
    text = path.read_text("utf-8")
    for info, lines in _blocks(text):
        if info not in SHELL_FENCES and info != "yaml":
            continue
        shell = _lines(info, lines)
        commands = [c for c in shell if _is_command(c)]
        synopses += [(c, not _serves(c)) for c in commands if _is_synopsis(c) or _serves(c)]
        if any(not (_is_synopsis(c) or _serves(c)) for c in commands):
            runs.append([c for c in shell if (c.split()[0] in _PREPARING if not _is_command(c)
                                              else not (_is_synopsis(c) or _serves(c)))])
    prose = "\n".join(line for line in _outside_blocks(text))
    synopses += [(m.group(1).replace("\\|", "|"), False) for m in re.finditer(r"`(pointrules [^`]*)`", prose)]
    return runs, synopses


def _outside_blocks(text: str) -> list[str]:
    inside = False
    kept = []
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif not inside:
            kept.append(line)
    return kept


# ---- synopses ------------------------------------------------------------------------------------

def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(name)
    return None


def _options(words: str) -> list[tuple[str, str | None, bool]]:
    """(option, the word after it, optional) for every option a synopsis shows: inside [brackets],
    or one of the alternatives of `(--a X | --b Y)`, an option is optional."""
    found = []
    depth = 0
    tokens = re.findall(r"[\[\]()]|[^\s\[\]()]+", words)
    for i, token in enumerate(tokens):
        if token in ("[", "("):
            depth += 1
        elif token in ("]", ")"):
            depth -= 1
        elif re.fullmatch(r"--?[a-zA-Z][\w-]*", token):
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            value = after if after and after not in "[]()|" and not after.startswith("-") else None
            found.append((token, value, depth > 0))
    return found


def check_synopsis(command: str, block: bool = True) -> list[str]:
    """What the synopsis says that the command line does not do (empty when it agrees); only a
    block's synopsis claims that the options it shows outside brackets are required."""
    words = _SETTING.sub("", _code(command)).split(None, 1)[1:]
    rest = words[0] if words else ""
    parser = build_parser()
    name = rest.split(None, 1)[0] if rest and not rest.startswith("-") else None
    target = _subparser(parser, name) if name else parser
    if target is None:
        return [f"no command `{name}`"]
    if name:
        rest = rest.split(None, 1)[1] if " " in rest else ""
        action = rest.split(None, 1)[0] if rest else ""
        nested = _subparser(target, action)
        if nested is not None:
            target, rest = nested, rest.split(None, 1)[1] if " " in rest else ""
    problems = []
    known = target._option_string_actions
    for option, value, optional in _options(rest):
        if option not in known:
            problems.append(f"`{option}` is not an option of `pointrules {name or ''}`")
            continue
        spec = known[option]
        if spec.choices is not None and value and "|" in value and set(value.split("|")) != set(spec.choices):
            problems.append(f"`{option} {value}`: the choices are {'|'.join(map(str, spec.choices))}")
        # an option the command checks itself counts as required when its description says so
        required = spec.required or f"{option} is required" in (target.description or "")
        if block and "[" in command and spec.nargs != 0 and required == optional:
            problems.append(f"`{option}` is shown {'optional' if optional else 'required'} but is "
                            f"{'required' if required else 'optional'}")
    return problems


SYNOPSES = [(path.relative_to(ROOT).as_posix(), s, block) for path in DOCS for s, block in _commands(path)[1]]


@pytest.mark.parametrize("where,synopsis,block", SYNOPSES, ids=[f"{w}: {s[:60]}" for w, s, _ in SYNOPSES])
def test_synopsis_matches_the_command_line(where: str, synopsis: str, block: bool) -> None:
    assert check_synopsis(synopsis, block) == [], f"{where}: {synopsis}"


def test_the_checker_of_synopses_sees_drift() -> None:
    # what docs/cli.md once said, and what the commands do
    assert check_synopsis("pointrules ledger expiring FILE.db --days N") == [
        "`--days` is not an option of `pointrules ledger`"]
    assert check_synopsis("pointrules ledger expire FILE.db [--format text] --at TIME") == [
        "`--format` is not an option of `pointrules ledger`", "`--at` is shown required but is optional"]
    assert check_synopsis("pointrules ledger expire FILE.db --at TIME") == []  # one way to run it
    assert check_synopsis("pointrules lint [--format text|json] PATH...") == [
        "`--format text|json`: the choices are text|json|sarif|github"]


# ---- commands that run ---------------------------------------------------------------------------

RUNS = [(path, runs) for path in DOCS if (runs := _commands(path)[0])]


def _run(line: str, folder: Path, bin_dir: Path) -> tuple[int, str]:
    """Run one shell line in ``folder``: a plain pointrules command in this process (fast), anything
    with shell syntax through the shell, with `pointrules` on PATH running this checkout."""
    code = _code(line)
    masked = _QUOTED.sub("''", code)
    if _is_command(code) and not re.search(r"[|&;<>$`]", masked):
        words = shlex.split(code)
        settings = dict(w.split("=", 1) for w in words if re.fullmatch(r"[A-Z_][A-Z0-9_]*=\S*", w))
        argv = words[len(settings) + 1:]
        out, err = io.StringIO(), io.StringIO()
        with _environment(settings), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else 2
        return status, out.getvalue() + err.getvalue()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(code, shell=True, cwd=folder, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


@contextlib.contextmanager
def _environment(settings: dict[str, str]):
    saved = {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.mark.parametrize("path,runs", RUNS, ids=[p.relative_to(ROOT).as_posix() for p, _ in RUNS])
def test_commands_run_with_their_documented_exit_status(path: Path, runs: list[list[str]], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "pointrules"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pointrules.cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    for number, block in enumerate(runs, 1):
        folder = tmp_path / f"block{number}"
        shutil.copytree(ROOT / "examples", folder / "examples")
        shutil.copytree(ROOT / "examples", folder / "rules")
        for name, content in _files(path.read_text("utf-8")).items():
            (folder / name).write_text(content, encoding="utf-8")
        monkeypatch.chdir(folder)
        for line in block:
            expected = int(m.group(1)) if (m := _EXIT.search(line[len(_code(line)):])) else 0
            status, output = _run(line, folder, bin_dir)
            assert status == expected, f"{path.name}: `{line}` exited {status}, not {expected}:\n{output[-2000:]}"
