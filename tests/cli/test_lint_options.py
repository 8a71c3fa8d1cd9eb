"""`pointrules lint` for CI, as ruff does it: --fix, --select/--ignore, --statistics, --exit-zero,
--output-file; SARIF links to the right heading and relative, percent-encoded file URIs."""

import json
import re
from pathlib import Path

from pointrules.codes import CODES
from pointrules.renderers import anchor

ROOT = Path(__file__).resolve().parents[2]
HEADER = 'program "Demo"\ncurrency CNY\ntimezone "Asia/Shanghai"\nexpire never\n'
TYPOS = HEADER + ('event purchase { amount: mony, channel: "app" | "web" }\n'
                  'rule base "消费返积分" on purchse when （channel = "App"） {\n'
                  '  earn 1 point per 1 CNY of amont\n}\n')
FIXED = HEADER + ('event purchase { amount: money, channel: "app" | "web" }\n'
                  'rule base "消费返积分" on purchase when (channel = "app") {\n'
                  '  earn 1 point per 1 CNY of amount\n}\n')
# PR503 (no end, no budget) and PR509 (no label) on line 6, PR504 (×20) on line 8: warnings only
WARNS = HEADER + ('event purchase { amount: money }\ncampaign forever every wednesday {\n'
                  '  rule double "翻倍" on purchase {\n    multiply 20\n  }\n}\nredeem { at most 100% of order }\n')


def _write(folder: Path, name: str, text: str) -> Path:
    f = folder / name
    f.write_text(text, encoding="utf-8")
    f.with_suffix(".cases.toml").write_text("", encoding="utf-8")
    return f


def test_fix_applies_every_named_fix_then_reports_what_is_left(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "typos.points", TYPOS)
    before = pointrules("lint", str(f))
    assert before.returncode == 1 and "1 fixable with --fix" in before.stdout  # the parser stops at `（`
    done = pointrules("lint", "--fix", str(f))
    # mony, purchse, （, ）, "App", amont: 6 fixes over several rounds (each uncovers the next)
    assert f.read_text("utf-8") == FIXED
    assert "fixed 6 findings" in done.stderr
    assert done.returncode == 0 and "0 errors," in done.stdout  # PR520 (no `redeem`) may stay: a warning


def test_fix_keeps_crlf_line_ends_and_a_byte_order_mark(tmp_path: Path, pointrules) -> None:
    f = tmp_path / "crlf.points"
    f.with_suffix(".cases.toml").write_text("", encoding="utf-8")
    f.write_bytes(b"\xef\xbb\xbf" + (HEADER + "event purchase { amount: mony }\n").replace("\n", "\r\n").encode())
    pointrules("lint", "--fix", str(f))
    assert f.read_bytes() == b"\xef\xbb\xbf" + (HEADER + "event purchase { amount: money }\n").replace(
        "\n", "\r\n").encode()


def test_select_and_ignore_choose_findings_but_never_hide_errors(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warns.points", WARNS)
    codes = lambda *options: {d["code"] for d in json.loads(  # noqa: E731
        pointrules("lint", "--format", "json", *options, str(f)).stdout)["diagnostics"]}
    assert codes() - {"PR520"} == {"PR503", "PR504", "PR509"}  # PR520: no `redeem` block, not what this is about
    assert codes("--select", "PR503,PR504") == {"PR503", "PR504"}
    assert codes("--select", "PR50", "--ignore", "PR504", "--ignore", "PR509") == {"PR503"}  # PR50: a prefix
    assert codes("--ignore", "PR5") == set()
    broken = _write(tmp_path, "broken.points", TYPOS)
    done = pointrules("lint", "--select", "PR509", str(broken))
    assert done.returncode == 1 and "error[PR003]" in done.stdout
    assert pointrules("lint", "--select", "PR9", str(f)).returncode == 2  # matches no code


def test_statistics_count_each_code(tmp_path: Path, pointrules) -> None:
    f = _write(tmp_path, "warns.points", WARNS)
    g = _write(tmp_path, "more.points", WARNS.replace("forever", "again"))
    done = pointrules("lint", "--statistics", str(f), str(g))
    lines = done.stdout.splitlines()
    assert lines[0] == f"2  PR503  warning  {CODES['PR503'].summary}"
    assert [line.split()[:2] for line in lines[:3]] == [["2", "PR503"], ["2", "PR504"], ["2", "PR509"]]
    assert lines[-1] == "2 files checked: 0 errors, 6 warnings, 0 infos"
    doc = json.loads(pointrules("lint", "--statistics", "--format", "json", str(f)).stdout)
    assert doc["statistics"][0] == {"code": "PR503", "severity": "warning", "count": 1,
                                    "summary": CODES["PR503"].summary}
    assert pointrules("lint", "--statistics", "--format", "sarif", str(f)).returncode == 2


def test_exit_zero_and_output_file(tmp_path: Path, pointrules) -> None:
    broken = _write(tmp_path, "broken.points", TYPOS)
    out = tmp_path / "reports" / "lint.sarif"
    done = pointrules("lint", "--exit-zero", "--format", "sarif", "--output-file", str(out), str(broken))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(out.read_text("utf-8"))["runs"][0]["results"][0]["level"] == "error"
    assert pointrules("lint", "--exit-zero", "missing.points").returncode == 2  # usage errors stay 2


def test_sarif_help_uri_lands_on_the_heading_of_the_code() -> None:
    # GitHub's fragments, worked out by hand from the headings
    assert anchor("PR205: money not in the program's currency") == "pr205-money-not-in-the-programs-currency"
    assert anchor("PR504: a multiplier above ×10") == "pr504-a-multiplier-above-10"
    assert anchor("PR210: `where` on a field that is not a list") == "pr210-where-on-a-field-that-is-not-a-list"
    headings = re.findall(r"^## ((PR\d{3}): .*)$", (ROOT / "docs" / "diagnostics.md").read_text("utf-8"), re.M)
    from pointrules.renderers import help_uri

    for heading, code in headings:
        assert help_uri(code).endswith("docs/diagnostics.md#" + anchor(heading)), code


def test_sarif_help_uri_in_chinese_lands_on_the_chinese_heading(tmp_path: Path, pointrules) -> None:
    # docs/diagnostics.zh.md heads each code `## CODE：摘要 {#english-anchor}`: the documentation site
    # takes the explicit id (the English page's anchor, so cross-page links land in both languages);
    # GitHub, where helpUri points, shows `{#…}` as text and makes its fragment of the whole heading.
    # Worked out by hand: `：`, `×`, `{`, `#`, `}` and backticks are dropped, spaces become `-`.
    assert anchor("PR504：倍数超过 ×10 {#pr504-a-multiplier-above-10}") == "pr504倍数超过-10-pr504-a-multiplier-above-10"
    assert anchor("PR210：`where` 用在不是列表的字段上 {#pr210-where-on-a-field-that-is-not-a-list}") == \
        "pr210where-用在不是列表的字段上-pr210-where-on-a-field-that-is-not-a-list"
    from urllib.parse import unquote

    from pointrules.renderers import help_uri

    # 倍 is E5 80 8D in UTF-8: the fragment is percent-encoded, as a URI must be
    assert help_uri("PR504", "zh").startswith("https://github.com/pointrules/pointrules/blob/main/docs/"
                                              "diagnostics.zh.md#pr504%E5%80%8D")
    headings = re.findall(r"^## ((PR\d{3})：.*)$", (ROOT / "docs" / "diagnostics.zh.md").read_text("utf-8"), re.M)
    assert sorted(code for _, code in headings) == sorted(CODES)
    for heading, code in headings:
        uri = help_uri(code, "zh")
        assert unquote(uri) == unquote(uri.split("#")[0]) + "#" + anchor(heading), code
        assert uri.split("#")[0].endswith("docs/diagnostics.zh.md") and uri.isascii(), code
    broken = _write(tmp_path, "broken.points", TYPOS)
    sarif = pointrules("lint", "--lang", "zh", "--format", "sarif", str(broken), cwd=tmp_path).stdout
    run = json.loads(sarif)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules and all(r["helpUri"] == help_uri(r["id"], "zh") for r in rules)
    assert run["tool"]["driver"]["informationUri"].endswith("docs/diagnostics.zh.md")
    english = json.loads(pointrules("lint", "--format", "sarif", str(broken), cwd=tmp_path).stdout)["runs"][0]
    assert all(r["helpUri"] == help_uri(r["id"]) for r in english["tool"]["driver"]["rules"])


def test_sarif_uris_are_relative_and_percent_encoded(tmp_path: Path, pointrules) -> None:
    (tmp_path / "会员 rules").mkdir()
    _write(tmp_path / "会员 rules", "shop.points", TYPOS)
    doc = json.loads(pointrules("lint", "--format", "sarif", "会员 rules", cwd=tmp_path).stdout)
    run = doc["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    # 会 is E4 BC 9A and 员 E5 91 98 in UTF-8; the space is %20
    assert location == {"uri": "%E4%BC%9A%E5%91%98%20rules/shop.points", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    absolute = json.loads(pointrules("lint", "--format", "sarif", str(tmp_path / "会员 rules"), cwd=tmp_path).stdout)
    assert absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == location
    elsewhere = json.loads(pointrules("lint", "--format", "sarif", str(tmp_path / "会员 rules"), cwd=ROOT).stdout)
    uri = elsewhere["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/%E4%BC%9A%E5%91%98%20rules/shop.points")
