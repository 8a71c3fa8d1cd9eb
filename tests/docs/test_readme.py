"""The README's tour works as written: its Python snippet runs and its shown outputs are real."""

import subprocess
from pathlib import Path

from cli_runner import run_cli
from markdown_blocks import fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


def _blocks(lang: str) -> list[str]:
    return fenced_blocks(README, lang)


def test_python_snippet_runs(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    (snippet,) = _blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)
    award = namespace["award"]
    assert award.total("m42") == 3002  # floor(999 x 2 x 1.5) + 5


def test_check_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    shell = next(b for b in _blocks("sh") if "printf" in b)
    printf = next(line for line in shell.splitlines() if line.startswith("printf"))
    subprocess.run(printf, shell=True, cwd=tmp_path, check=True)
    done = run_cli(["check", "demo.points"], tmp_path)  # a process under CI, this process in the quick suite
    shown = next(b for b in _blocks("") if b.startswith("error[PR102]"))
    assert done.stderr.strip() == shown.strip()


def test_tour_program_excerpt_checks_cleanly() -> None:
    import pointrules

    excerpt = _blocks("points")[0] + "\nevent signup\n"
    assert [d for d in pointrules.check(excerpt) if d.severity == "error"] == []
