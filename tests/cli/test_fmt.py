from pathlib import Path

MESSY = 'program "Demo"\ncurrency CNY  timezone "Asia/Shanghai"\nrule a "甲" on signup { earn 5 points }\n'
CLEAN = 'program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nrule a "甲" on signup {\n  earn 5 points\n}\n'


def test_fmt_rewrites_in_place_and_is_then_clean(tmp_path: Path, pointrules) -> None:
    f = tmp_path / "demo.points"
    f.write_text(MESSY, encoding="utf-8")
    done = pointrules("fmt", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert f.read_text(encoding="utf-8") == CLEAN
    again = pointrules("fmt", "--check", str(f))
    assert again.returncode == 0
    assert "0 files would be reformatted, 1 unchanged" in again.stderr


def test_fmt_check_exits_one_and_changes_nothing(tmp_path: Path, pointrules) -> None:
    f = tmp_path / "demo.points"
    f.write_text(MESSY, encoding="utf-8")
    done = pointrules("fmt", "--check", str(f))
    assert done.returncode == 1
    assert f"would reformat {f}" in done.stdout
    assert f.read_text(encoding="utf-8") == MESSY


def test_fmt_diff_shows_the_change(tmp_path: Path, pointrules) -> None:
    f = tmp_path / "demo.points"
    f.write_text(MESSY, encoding="utf-8")
    done = pointrules("fmt", "--diff", str(f))
    assert done.returncode == 1
    assert "-currency CNY  timezone \"Asia/Shanghai\"" in done.stdout
    assert "+currency CNY" in done.stdout


def test_fmt_reports_syntax_errors_without_touching_the_file(tmp_path: Path, pointrules) -> None:
    f = tmp_path / "bad.points"
    f.write_text("rule a on signup { earn 10 }\n", encoding="utf-8")
    done = pointrules("fmt", str(f))
    assert done.returncode == 1
    assert "error[PR001]" in done.stderr
    assert f.read_text(encoding="utf-8") == "rule a on signup { earn 10 }\n"


def test_fmt_missing_path_is_a_usage_error(tmp_path: Path, pointrules) -> None:
    assert pointrules("fmt", str(tmp_path / "nope.points")).returncode == 2
