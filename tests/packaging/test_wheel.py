"""The installed wheel ships the grammar and the playground's page, and finds them without the
source tree."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stderr}")
    return next(out.glob("pointrules-*.whl"))


def test_wheel_contains_grammar_and_marker(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "pointrules/grammar/pointrules.lark" in names
    assert "pointrules/py.typed" in names
    for name in ("index.html", "play.js", "play.css", "favicon.svg", "starter.points", "starter.cases.toml"):
        assert f"pointrules/play/assets/{name}" in names


def test_installed_wheel_parses_an_example(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--disable-pip-version-check",
         "--target", str(target), str(wheel)],
        check=True,
    )
    code = (
        "import pointrules, sys\n"
        f"assert pointrules.__file__.startswith({str(target)!r}), pointrules.__file__\n"
        f"p = pointrules.load({str(ROOT / 'examples' / 'shop.points')!r})\n"
        "print(p.name)\n"
        "from pointrules.play import asset\n"
        "assert b'/play.js' in asset('index.html') and asset('play.js') and asset('play.css')\n"
        "print(pointrules.loads(asset('starter.points').decode()).name)\n"
    )
    # -I would drop PYTHONPATH; -s keeps the editable checkout's .pth from shadowing the wheel
    done = subprocess.run([sys.executable, "-s", "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Shop", "Rewards", "Starter", "Rewards"]
