"""`pointrules lint`: exit codes, every output format's structure, configuration and ignores."""

import json
from pathlib import Path

HEADER = 'program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\nevent purchase { amount: money }\n'
REDEEM = 'redeem { at most 100% of order }\n'  # PR520 wants one
CLEAN = HEADER + 'rule base "消费返积分" on purchase {\n  earn 1 point per 1 CNY of amount\n}\n' + REDEEM
# a campaign with neither end nor budget (PR503) and a label missing (PR509): warnings only
WARNS = HEADER + 'campaign forever every wednesday {\n  rule double "双倍" on purchase {\n    multiply 2\n  }\n}\n' + REDEEM
BROKEN = HEADER + 'rule base on purchse {\n  earn 1 point\n}\n'


def _write(tmp_path: Path, name: str, text: str, cases: bool = True) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    if cases:  # PR508 wants example cases beside every program
        f.with_suffix(".cases.toml").write_text("", encoding="utf-8")
    return f


def test_clean_program_exits_zero(tmp_path: Path, pointrules) -> None:
    _write(tmp_path, "clean.points", CLEAN)
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert "1 file checked: 0 errors, 0 warnings, 0 infos" in done.stdout


def test_warnings_pass_by_default_and_fail_at_warning_level(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warn.points", WARNS)
    done = pointrules("lint", str(f))
    assert done.returncode == 0
    assert "warning[PR503]" in done.stdout and "warning[PR509]" in done.stdout
    assert pointrules("lint", "--fail-level", "warning", str(f)).returncode == 1


def test_errors_exit_one_with_the_checker_diagnostic(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "broken.points", BROKEN)
    done = pointrules("lint", str(f))
    assert done.returncode == 1
    assert "error[PR" in done.stdout and "purchse" in done.stdout


def test_usage_errors_exit_two(tmp_path: Path, pointrules) -> None:
    assert pointrules("lint", str(tmp_path / "missing.points")).returncode == 2
    assert pointrules("lint", "--format", "xml", str(tmp_path)).returncode == 2


def test_json_format_has_the_documented_schema(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warn.points", WARNS)
    doc = json.loads(pointrules("lint", "--format", "json", str(f)).stdout)
    assert doc["version"] == 1
    assert doc["tool"]["name"] == "pointrules"
    assert doc["summary"] == {"files": 1, "errors": 0, "warnings": 2, "infos": 0}
    first = doc["diagnostics"][0]
    assert set(first) == {"code", "severity", "message", "file", "line", "column", "end_line", "end_column", "help", "notes"}
    assert (first["code"], first["severity"], first["line"], first["column"]) == ("PR503", "warning", 6, 1)


def test_sarif_format_is_sarif_2_1_0(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "broken.points", BROKEN)
    doc = json.loads(pointrules("lint", "--format", "sarif", str(f)).stdout)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "pointrules"
    result = run["results"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert result["ruleId"] in rule_ids and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 6 and region["startColumn"] >= 1
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.points")


def test_github_format_is_workflow_annotations(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warn.points", WARNS)
    lines = pointrules("lint", "--format", "github", str(f)).stdout.splitlines()
    assert lines[0].startswith(f"::warning file={f},line=6,col=1,")
    assert all(line.startswith("::") for line in lines)


def test_inline_ignore_silences_one_code_on_its_line(tmp_path: Path, pointrules) -> None:
    text = WARNS.replace("campaign forever every wednesday {",
                         "campaign forever every wednesday {  # pointrules: ignore[PR503] one day only")
    f = _write(tmp_path, "ignored.points", text)
    out = pointrules("lint", str(f)).stdout
    assert "warning[PR503]" not in out and "warning[PR509]" in out


def test_pyproject_configuration_changes_severity(tmp_path: Path, pointrules) -> None:
    _write(tmp_path, "warn.points", WARNS)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pointrules.lint]\nfail-level = "warning"\n[tool.pointrules.lint.severity]\nPR503 = "off"\nPR509 = "info"\n',
        encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert "[PR503]" not in done.stdout
    assert "info[PR509]" in done.stdout
    assert done.returncode == 0  # only an info left, below the configured fail level


def test_pointrules_toml_with_an_unknown_code_is_a_usage_error(tmp_path: Path, pointrules) -> None:
    _write(tmp_path, "clean.points", CLEAN)
    (tmp_path / "pointrules.toml").write_text('[lint.severity]\nPR999 = "off"\n', encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 2 and "PR999" in done.stderr


def test_missing_cases_are_reported(tmp_path: Path, pointrules) -> None:
    _write(tmp_path, "lonely.points", CLEAN, cases=False)
    assert "PR508" in pointrules("lint", str(tmp_path)).stdout


def test_examples_are_lint_clean(pointrules) -> None:
    done = pointrules("lint", "--fail-level", "warning", "examples")
    assert done.returncode == 0, done.stdout


def test_quiet_hides_warnings_but_still_fails_on_them_and_counts_them(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warn.points", WARNS)
    done = pointrules("lint", "-q", "--fail-level", "warning", str(f))
    assert done.returncode == 1  # two warnings (PR503, PR509) at the fail level, shown or not
    assert "warning[" not in done.stdout
    assert "1 file checked: 0 errors, 2 warnings, 0 infos" in done.stdout
    doc = json.loads(pointrules("lint", "-q", "--format", "json", str(f)).stdout)
    assert doc["summary"] == {"files": 1, "errors": 0, "warnings": 2, "infos": 0}
    assert doc["diagnostics"] == []


def test_an_ignore_never_silences_an_error(tmp_path: Path, pointrules) -> None:
    text = BROKEN.replace("on purchse {", "on purchse {  # pointrules: ignore[PR102] later")
    f = _write(tmp_path, "broken.points", text)
    done = pointrules("lint", str(f))
    assert done.returncode == 1
    assert "error[PR102]" in done.stdout and "error[PR591]" in done.stdout
    syntax = _write(tmp_path, "syntax.points", HEADER + "rule r on purchase {  # pointrules: ignore[PR001] why\n")
    done = pointrules("lint", str(syntax))
    assert done.returncode == 1 and "error[PR002]" in done.stdout


def _configured(tmp_path: Path, comment: str, config: str) -> Path:
    """WARNS with ``comment`` after the campaign's line, and a pointrules.toml beside it."""
    _write(tmp_path, "warn.points", WARNS.replace("every wednesday {", f"every wednesday {{  {comment}"))
    (tmp_path / "pointrules.toml").write_text(config, encoding="utf-8")
    return tmp_path


def test_a_warning_raised_to_error_is_not_silenced_either(tmp_path: Path, pointrules) -> None:
    _configured(tmp_path, "# pointrules: ignore[PR503] one day only", '[lint.severity]\nPR503 = "error"\n')
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 1
    assert "error[PR503]" in done.stdout and "`PR503` is an error here" in done.stdout


def test_ignores_are_checked_unknown_code_missing_reason_unused(tmp_path: Path, pointrules) -> None:
    text = WARNS.replace("campaign forever every wednesday {",
                         "# pointrules: ignore[PR999] typo\n"
                         "campaign forever every wednesday {  # pointrules: ignore[PR503]\n"
                         "# pointrules: ignore[PR504] nothing here multiplies wildly")
    f = _write(tmp_path, "ignores.points", text)
    done = pointrules("lint", "--format", "json", str(f))
    found = {(d["code"], d["line"]) for d in json.loads(done.stdout)["diagnostics"]}
    # line 6 names an unknown code, line 7 has no reason (PR503 is still silenced), line 8 covers
    # line 9, where no PR504 is; PR509 (the unlabelled campaign, line 7) stays
    assert found == {("PR591", 6), ("PR592", 7), ("PR590", 8), ("PR509", 7)}
    assert done.returncode == 1  # PR591 and PR592 are errors


def test_the_reason_requirement_can_be_switched_off(tmp_path: Path, pointrules) -> None:
    _configured(tmp_path, "# pointrules: ignore[PR503, PR509]", '[lint.severity]\nPR592 = "off"\n')
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert "0 errors, 0 warnings" in done.stdout


def test_misspelled_keys_are_errors_naming_the_key(tmp_path: Path, pointrules) -> None:
    _write(tmp_path, "clean.points", CLEAN)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.pointrules.lint]\nfail-levl = "warning"\n', encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 2
    assert "unknown key `fail-levl`" in done.stderr and "did you mean `fail-level`?" in done.stderr
    pyproject.write_text('[tool.pointrules.lint]\nPR503 = "off"\n', encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 2 and "`PR503`" in done.stderr and "[tool.pointrules.lint.severity]" in done.stderr
    pyproject.write_text('[tool.pointrules.severity]\nPR503 = "off"\n', encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 2 and "unknown key `severity` in [tool.pointrules]" in done.stderr


def test_each_path_uses_its_nearest_configuration(tmp_path: Path, pointrules) -> None:
    strict, relaxed = tmp_path / "strict", tmp_path / "relaxed"
    strict.mkdir(), relaxed.mkdir()
    _write(strict, "a.points", WARNS)
    _write(relaxed, "b.points", WARNS)
    (strict / "pointrules.toml").write_text('[lint]\nfail-level = "warning"\n', encoding="utf-8")
    (relaxed / "pointrules.toml").write_text('[lint.severity]\nPR503 = "off"\n', encoding="utf-8")
    done = pointrules("lint", str(relaxed), str(strict))
    assert done.returncode == 1  # strict/a.points fails at warning level
    assert done.stdout.count("warning[PR503]") == 1  # switched off for relaxed/b.points only
    assert "strict" in done.stdout.split("warning[PR503]")[1].split("\n")[1]
    assert pointrules("lint", str(relaxed)).returncode == 0


def test_exclude_skips_matching_files(tmp_path: Path, pointrules) -> None:
    (tmp_path / "drafts").mkdir()
    _write(tmp_path, "clean.points", CLEAN)
    _write(tmp_path / "drafts", "wip.points", BROKEN)
    _write(tmp_path, "old.old.points", BROKEN)
    (tmp_path / "pointrules.toml").write_text('[lint]\nexclude = ["drafts/", "*.old.points"]\n', encoding="utf-8")
    done = pointrules("lint", str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert "1 file checked" in done.stdout
    assert pointrules("lint", str(tmp_path / "drafts" / "wip.points")).stdout.startswith("0 files checked")
