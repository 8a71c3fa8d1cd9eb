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


UNTIDY = 'program "x"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent  signup\n'
TIDY = 'program "x"\ncurrency CNY\ntimezone "Asia/Shanghai"\nevent signup\n'  # one space after `event`


def test_fmt_dash_formats_standard_input_to_standard_output(pointrules) -> None:
    done = pointrules("fmt", "-", input=UNTIDY)
    assert (done.returncode, done.stdout) == (0, TIDY)
    done = pointrules("fmt", "--check", "-", input=UNTIDY)
    assert (done.returncode, done.stdout) == (1, "") and "would reformat <stdin>" in done.stderr
    assert pointrules("fmt", "--check", "-", input=TIDY).returncode == 0
    assert pointrules("fmt", "--diff", "-", input=UNTIDY).stdout.splitlines()[-2:] == ["-event  signup", "+event signup"]


def test_fmt_dash_on_a_broken_program_prints_nothing_and_exits_one(pointrules) -> None:
    done = pointrules("fmt", "--stdin-filename", "rules/a.points", "-", input="rule x on {")
    assert (done.returncode, done.stdout) == (1, "")  # an editor keeps its buffer
    assert "--> rules/a.points:1:11" in done.stderr  # `{` is the 11th character
    assert pointrules("fmt", "-", "examples").returncode == 2


def test_check_dash_reads_standard_input(pointrules) -> None:
    done = pointrules("check", "--stdin-filename", "rules/a.points", "-", input="rule x on {")
    assert done.returncode == 1 and "error[PR001]" in done.stderr and "--> rules/a.points:1:11" in done.stderr
    assert pointrules("check", "-", input=TIDY).returncode == 0
