"""Diagnostics in Chinese: `--lang zh` or `lang = "zh"` in the configuration words every message
and help in Chinese, while the codes, severities and positions stay exactly as in English."""

from __future__ import annotations

import json
from pathlib import Path

from pointrules.config import ConfigError, find_config

ROOT = Path(__file__).resolve().parents[2]
COMMA = ROOT / "tests" / "golden" / "diagnostics" / "pr003_full_width_comma.points"
# line 5 `event purchase { amount: money， category: text }`: the full-width comma is column 31
PROGRAM = COMMA.read_text("utf-8")


def _project(tmp_path: Path, config: str | None) -> Path:
    if config is not None:
        (tmp_path / "pyproject.toml").write_text(config, "utf-8")
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "shop.points"
    path.write_text(PROGRAM, "utf-8")
    return path


def test_check_in_chinese_keeps_the_code_and_the_position(pointrules) -> None:
    english = pointrules("check", str(COMMA.relative_to(ROOT)))
    chinese = pointrules("check", "--lang", "zh", str(COMMA.relative_to(ROOT)))
    assert english.returncode == chinese.returncode == 1
    assert english.stderr.startswith("error[PR003]: full-width `，` is not part of the language\n")
    assert chinese.stderr.startswith("错误[PR003]：全角的 `，` 不是 pointrules 语言的一部分\n")
    assert "pr003_full_width_comma.points:5:31" in english.stderr
    assert "pr003_full_width_comma.points:5:31" in chinese.stderr
    assert "= 建议：请改用半角的 `,`" in chinese.stderr


def test_lint_json_and_sarif_in_chinese_differ_from_english_only_in_words(pointrules) -> None:
    path = str(COMMA.relative_to(ROOT))
    en = json.loads(pointrules("lint", "--format", "json", path).stdout)["diagnostics"]
    zh = json.loads(pointrules("lint", "--format", "json", "--lang", "zh", path).stdout)["diagnostics"]
    words = ("message", "help", "notes")
    assert [{k: v for k, v in d.items() if k not in words} for d in en] == \
        [{k: v for k, v in d.items() if k not in words} for d in zh]
    assert zh[0]["message"] == "全角的 `，` 不是 pointrules 语言的一部分" and zh[0]["help"] == "请改用半角的 `,`"
    sarif = json.loads(pointrules("lint", "--format", "sarif", "--lang", "zh", path).stdout)["runs"][0]
    assert sarif["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "语言中没有含义的字符"
    (result,) = sarif["results"]
    assert result["ruleId"] == "PR003" and result["message"]["text"] == "全角的 `，` 不是 pointrules 语言的一部分\n建议：请改用半角的 `,`"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 31


def test_the_configuration_chooses_chinese_and_the_option_overrides_it(pointrules, tmp_path: Path) -> None:
    path = _project(tmp_path, '[tool.pointrules]\nlang = "zh"\n')
    for command in ("check", "lint"):
        found = pointrules(command, str(path), cwd=tmp_path)
        assert "错误[PR003]：全角的 `，`" in found.stderr + found.stdout, command
        again = pointrules(command, "--lang", "en", str(path), cwd=tmp_path)
        assert "error[PR003]: full-width `，`" in again.stderr + again.stdout, command
    lint = pointrules("lint", str(path), cwd=tmp_path)
    assert lint.stdout.endswith("已检查 1 个文件：1 个错误，0 个警告，0 个提示\n其中 1 个可用 --fix 自动修正\n")


def test_english_stays_the_default(pointrules, tmp_path: Path) -> None:
    path = _project(tmp_path, None)
    assert pointrules("check", str(path), cwd=tmp_path).stderr.startswith("error[PR003]: full-width")


def test_a_language_the_tool_does_not_have_is_refused(pointrules, tmp_path: Path) -> None:
    path = _project(tmp_path, '[tool.pointrules]\nlang = "fr"\n')
    try:
        find_config(path)
    except ConfigError as error:
        assert "lang must be one of en, zh (found 'fr')" in str(error)
    else:
        raise AssertionError("lang = \"fr\" was accepted")
    assert pointrules("lint", str(path), cwd=tmp_path).returncode == 2
    assert pointrules("check", "--lang", "fr", str(path), cwd=tmp_path).returncode == 2  # argparse's choices


def test_eval_and_test_word_a_broken_program_in_chinese(pointrules, tmp_path: Path) -> None:
    path = _project(tmp_path, None)
    (tmp_path / "rules" / "shop.cases.toml").write_text("", "utf-8")
    event = '{"id": "e1", "kind": "purchase", "member": "m1", "time": "2026-03-02T10:00:00+08:00"}'
    found = pointrules("eval", str(path), "--event", event, "--lang", "zh", cwd=tmp_path)
    assert found.returncode == 2 and found.stderr.startswith("错误[PR003]：全角的 `，`")
    found = pointrules("test", "--lang", "zh", str(path), cwd=tmp_path)
    assert found.returncode == 2 and "错误[PR003]：全角的 `，`" in found.stderr


def test_statistics_name_each_code_in_the_chosen_language(pointrules) -> None:
    found = pointrules("lint", "--statistics", "--lang", "zh", str(COMMA.relative_to(ROOT)))
    # one PR003 error: count, code, severity (as JSON and SARIF say it) and the code's Chinese summary
    assert found.stdout.splitlines()[0].split() == ["1", "PR003", "error", "语言中没有含义的字符"]
    assert found.stdout.endswith("已检查 1 个文件：1 个错误，0 个警告，0 个提示\n")
