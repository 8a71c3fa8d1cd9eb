"""`pointrules init`: what it writes passes every check from the start, CI's commands included, and
nothing that is already there is overwritten."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = ["rules/rewards.points", "rules/rewards.cases.toml", ".github/workflows/points.yml",
           ".pre-commit-config.yaml", "pointrules.toml"]


def test_init_writes_a_program_that_passes_every_check(pointrules, tmp_path: Path) -> None:
    done = pointrules("init", str(tmp_path / "repo"))
    assert done.returncode == 0, done.stderr
    repo = tmp_path / "repo"
    assert sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()) == sorted(WRITTEN)
    assert pointrules("check", "rules/rewards.points", cwd=repo).returncode == 0
    assert pointrules("fmt", "--check", "rules/", cwd=repo).returncode == 0  # already in the canonical layout
    lint = pointrules("lint", "--fail-level", "info", "rules/", cwd=repo)
    assert lint.returncode == 0 and "0 errors, 0 warnings, 0 infos" in lint.stdout
    # 3 rules, all fired, and app_bonus' condition seen true (the app) and false (the store): 5 of 5
    tested = pointrules("test", "--coverage", "--fail-under", "100", "rules/", cwd=repo)
    assert tested.returncode == 0 and "3 passed, 0 failed" in tested.stdout and "100.0% (5 of 5)" in tested.stdout


def test_the_ci_workflow_and_the_hooks_run(pointrules, tmp_path: Path) -> None:
    pointrules("init", str(tmp_path))
    workflow = yaml.safe_load((tmp_path / ".github/workflows/points.yml").read_text(encoding="utf-8"))
    steps = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert steps[0] == f"pip install pointrules=={_version()}"
    for step in steps[1:]:  # every pointrules command of the workflow passes on what init wrote
        done = pointrules(*step.split()[1:], cwd=tmp_path)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
    assert (tmp_path / "test-results" / "points.xml").is_file()
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]
    ours = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["rev"] == f"v{_version()}" and {h["id"] for h in hooks["hooks"]} == ours


def test_nothing_in_the_way_is_overwritten(pointrules, tmp_path: Path) -> None:
    (tmp_path / "pointrules.toml").write_text("# mine\n", encoding="utf-8")
    done = pointrules("init", str(tmp_path))
    assert done.returncode == 2 and f"{tmp_path / 'pointrules.toml'} exists" in done.stderr
    assert [p.name for p in tmp_path.rglob("*")] == ["pointrules.toml"]  # nothing written
    assert (tmp_path / "pointrules.toml").read_text(encoding="utf-8") == "# mine\n"
    assert pointrules("init", "--force", str(tmp_path)).returncode == 0
    assert (tmp_path / "pointrules.toml").read_text(encoding="utf-8").startswith("# How `pointrules lint`")


def test_the_name_names_the_program_and_its_cases(pointrules, tmp_path: Path) -> None:
    assert pointrules("init", "--name", "shop_2026", "-q", str(tmp_path)).stdout == ""
    assert (tmp_path / "rules/shop_2026.points").is_file() and (tmp_path / "rules/shop_2026.cases.toml").is_file()
    assert pointrules("test", "rules/", cwd=tmp_path).returncode == 0
    bad = pointrules("init", "--name", "../x", str(tmp_path / "b"))
    assert bad.returncode == 2 and "is not a file name" in bad.stderr and not (tmp_path / "b").exists()


def _version() -> str:
    text = (ROOT / "src/pointrules/__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    assert found is not None
    return found.group(1)
