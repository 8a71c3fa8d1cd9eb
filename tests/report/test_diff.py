"""`pointrules diff` and `simulate --report`: what a change costs, worked out by hand on a small
stream; the HTML report's numbers are the JSON output's, and nothing from a stream becomes markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pointrules.cli import main

HEAD = """program "Diff"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
rounding down
event purchase { amount: money }
event signup
tiers {
  member "会员"
  gold   "金卡" multiplier 2
}
expire at end of next year
rule signup "注册礼" on signup { earn 100 points }
"""
OLD = HEAD + 'rule base "消费积分" on purchase { earn 1 point per 1 CNY of amount }\n'
NEW = HEAD + ('rule base "消费积分" on purchase { earn 1 point per 1 CNY of amount }\n'
              'rule bonus "满100加赠" on purchase when amount >= 100 CNY { earn 50 points }\n'
              'cap 300 points per day\n')
EVENTS = [
    {"id": "e1", "kind": "signup", "member": "m1", "time": "2026-03-01T10:00:00+08:00"},
    {"id": "e2", "kind": "purchase", "member": "m1", "time": "2026-03-01T11:00:00+08:00", "amount": "120.00"},
    {"id": "e3", "kind": "purchase", "member": "m2", "time": "2026-03-02T09:00:00+08:00", "amount": "99.90"},
    {"id": "e4", "kind": "purchase", "member": "<b>m3</b>", "time": "2026-03-02T09:30:00+08:00", "amount": "200"},
]
MEMBERS = [{"id": "<b>m3</b>", "tier": "gold"}]
RULE_LABELS = {"signup": "注册礼", "base": "消费积分", "bonus": "满100加赠"}  # as OLD and NEW label them
# Old: m1 100 + 120 = 220; m2 99; m3 (gold) 200 x 2 = 400. Total 719.
# New: m1 100 + 120 + 50 = 270; m2 99 (under 100 yuan: no bonus); m3 400 + 50 = 450, capped at 300
#      a day, later lines trimmed first: the bonus to 0, base to 300. Total 669: signup 100, base
#      120 + 99 + 300 = 519, bonus 50.


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    paths = {"old": tmp_path / "old.points", "new": tmp_path / "new.points", "events": tmp_path / "e.jsonl",
             "members": tmp_path / "m.jsonl", "report": tmp_path / "r.html"}
    paths["old"].write_text(OLD, "utf-8")
    paths["new"].write_text(NEW, "utf-8")
    paths["events"].write_text("".join(json.dumps(e) + "\n" for e in EVENTS), "utf-8")
    paths["members"].write_text("".join(json.dumps(m) + "\n" for m in MEMBERS), "utf-8")
    return {k: str(v) for k, v in paths.items()}


def run_json(files: dict[str, str], capsys: pytest.CaptureFixture[str], *more: str) -> dict:
    status = main(["diff", files["old"], files["new"], files["events"], "--members", files["members"],
                   "--format", "json", "--report", files["report"], *more])
    assert status == 0
    return json.loads(capsys.readouterr().out)


def test_diff_reports_points_by_rule_kind_tier_and_day(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(files, capsys)
    assert data["points"] == {"old": 719, "new": 669, "change": -50, "change_value": "-0.50"}
    by_rule = {r["rule"]: (r["old"], r["new"]) for r in data["by_rule"]}
    assert by_rule == {"signup": (100, 100), "base": (619, 519), "bonus": (0, 50)}
    assert {r["kind"]: (r["old"], r["new"]) for r in data["by_kind"]} == {"signup": (100, 100), "purchase": (619, 569)}
    assert {r["tier"]: (r["old"], r["new"]) for r in data["by_tier"]} == {"member": (319, 369), "gold": (400, 300)}
    assert {r["day"]: (r["old"], r["new"]) for r in data["by_day"]} == {"2026-03-01": (220, 270), "2026-03-02": (499, 399)}


def test_diff_names_members_who_gain_and_lose(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    members = run_json(files, capsys)["members"]
    assert members["gain"] == 1 and members["lose"] == 1  # m1 +50; m3 -100; m2 unchanged
    assert [(m["member"], m["change"]) for m in members["largest"]] == [("<b>m3</b>", -100), ("m1", 50)]


class _Report(HTMLParser):
    """The embedded JSON and the cells of the report's tables."""

    def __init__(self) -> None:
        super().__init__()
        self.data = ""
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in_data = self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self._in_data = tag == "script" and ("id", "data") in attrs
        self._in_cell = tag == "td"

    def handle_endtag(self, tag: str) -> None:
        self._in_data = self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data
        elif self._in_cell:
            self.cells.append(data)


def test_the_html_report_shows_the_json_numbers_and_escapes_ids(files: dict[str, str],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(files, capsys)
    page = Path(files["report"]).read_text("utf-8")
    parsed = _Report()
    parsed.feed(page)
    embedded = json.loads(parsed.data)
    assert embedded["points"] == data["points"] and embedded["by_rule"] == data["by_rule"]
    assert "b" not in parsed.tags  # the member id `<b>m3</b>` is text, not markup
    assert "<b>m3</b>" in parsed.cells
    for row in data["by_rule"]:  # each rule's row of the table, named with its label, carries the JSON's figures
        i = parsed.cells.index(f"{row['rule']} ({RULE_LABELS[row['rule']]})")
        assert parsed.cells[i + 1:i + 4] == [f"{row['old']:,}", f"{row['new']:,}", f"{row['change']:+,}"]
    assert page.count("<svg") == 3  # points by day, by rule, the members' changes
    # its words are English (the marketer's labels and ids aside), and the page says so: a screen
    # reader or a browser's translation offer reads it as English, not as Chinese
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and "<h2>Points by rule</h2>" in page


def test_diff_text_names_the_guards_of_both_versions(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    Path(files["new"]).write_text(NEW + "check points per member per day at most 200 points\n", "utf-8")
    assert main(["diff", files["old"], files["new"], files["events"], "--members", files["members"]]) == 0
    out = capsys.readouterr().out
    assert "points: 719 -> 669 (-50, -0.50 CNY)" in out
    assert "guards of the old version: none" in out
    assert "error[PR510]: a member can earn 300 points in a day, above the 200 checked" in out


def test_simulate_writes_a_report_of_one_run(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", files["old"], files["events"], "--members", files["members"],
                 "--report", files["report"]]) == 0
    parsed = _Report()
    parsed.feed(Path(files["report"]).read_text("utf-8"))
    assert json.loads(parsed.data)["points"] == 719


def test_the_report_renders_in_a_headless_browser(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium on this machine (CI installs it: .ci/setup.d)")
    run_json(files, capsys)
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={Path(files['report']).parent / 'profile'}", "--dump-dom",
         Path(files["report"]).as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "<svg" in dom and "base" in dom and "-0.50" in dom


# ---- the reports in Chinese (--lang zh, or the configuration's lang) ----------------------------
ENGLISH = ("by rule", "by day", "still owed", "members gain", "Change in value", "worth", " events")


def _headings(page: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", page)


def test_the_chinese_diff_page_shows_the_json_numbers_in_chinese(files: dict[str, str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(files, capsys, "--lang", "zh")  # the JSON keeps its English keys
    assert data["points"] == {"old": 719, "new": 669, "change": -50, "change_value": "-0.50"}
    page = Path(files["report"]).read_text("utf-8")
    parsed = _Report()
    parsed.feed(page)
    assert json.loads(parsed.data)["by_rule"] == data["by_rule"]
    for row in data["by_rule"]:  # each rule's row still carries the JSON's figures
        i = parsed.cells.index(f"{row['rule']}（{RULE_LABELS[row['rule']]}）")
        assert parsed.cells[i + 1:i + 4] == [f"{row['old']:,}", f"{row['new']:,}", f"{row['change']:+,}"]
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert _headings(page) == ["按天的积分", "按规则的积分", "按事件类型的积分", "按等级的积分", "会员"]
    assert "<tr><th>规则</th><th>旧版本</th><th>新版本</th><th>变化</th></tr>" in page
    assert "<td>期末仍欠会员的积分</td><td>719</td><td>669</td>" in page  # nothing expires before 2027
    assert "<p>价值变化：-0.50 元</p>" in page  # -50 points at 100 a yuan
    assert "<p>1 位会员的积分增加，1 位减少。</p>" in page  # m1 +50, m3 -100
    assert 'aria-label="按规则的积分"' in page and "旧版本：" in page  # the chart and its legend
    assert not [w for w in ENGLISH if w in page]


def test_the_chinese_diff_text(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", files["old"], files["new"], files["events"], "--members", files["members"],
                 "--lang", "zh"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{files['old']} → {files['new']}：4 个事件"
    assert out[1:4] == ["积分：719 → 669（-50，-0.50 元）", "期末仍欠会员的积分：719 → 669", "按规则的积分："]
    assert "  bonus（满100加赠）：0 → 50（+50）" in out
    assert "会员：1 人增加，1 人减少" in out and "  <b>m3</b>：400 → 300（-100）" in out
    assert out[-2:] == ["旧版本的静态约束：无", "新版本的静态约束：无"]


def test_the_configured_lang_words_the_reports_and_lang_en_overrides_it(
        files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    Path(files["new"]).with_name("pointrules.toml").write_text('lang = "zh"\n', "utf-8")
    assert main(["diff", files["old"], files["new"], files["events"]]) == 0
    assert "积分：" in capsys.readouterr().out
    assert main(["simulate", files["old"], files["events"], "--report", files["report"]]) == 0
    assert "读取的事件：4" in capsys.readouterr().out
    assert '<html lang="zh-CN">' in Path(files["report"]).read_text("utf-8")
    assert main(["diff", files["old"], files["new"], files["events"], "--lang", "en"]) == 0
    assert "points: " in capsys.readouterr().out


def test_the_chinese_run_report_and_summary(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", files["old"], files["events"], "--members", files["members"],
                 "--report", files["report"], "--lang", "zh"]) == 0
    # m1 100 + 120, m2 99, m3 (gold) 400: 719 points, 7.19 yuan at 100 a yuan; the events have no labels
    assert capsys.readouterr().out.splitlines() == [
        "读取的事件：4", "接受：4", "拒绝：0", "积分：719",
        "按规则的积分：", "  signup（注册礼）：100", "  base（消费积分）：619",
        "按事件类型的积分：", "  signup：100", "  purchase：619",
        "获得积分的会员：3 人",
    ]
    page = Path(files["report"]).read_text("utf-8")
    parsed = _Report()
    parsed.feed(page)
    data = json.loads(parsed.data)
    assert data["points"] == 719 and data["by_rule"] == {"signup": 100, "base": 619}
    assert "<p>4 个事件，共发放 719 积分（价值 7.19 元），期末仍欠会员 719 积分。</p>" in page
    assert _headings(page) == ["按天的积分", "按规则的积分", "按事件类型的积分", "按等级的积分"]
    assert parsed.cells[parsed.cells.index("base（消费积分）") + 1] == "619"
    assert "signup" in parsed.cells and "purchase" in parsed.cells  # kinds without a label: the id alone
    assert not [w for w in ENGLISH if w in page]


def test_diff_text_names_rules_kinds_and_tiers_with_their_labels(files: dict[str, str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """As simulate's summary does: ``id (label)`` where the program labels it, the id alone where not;
    the new version's words win over the old's, and a label only the old version gives still names the id."""
    Path(files["old"]).write_text(OLD.replace('event signup', 'event signup "注册"'), "utf-8")
    Path(files["new"]).write_text(NEW.replace('gold   "金卡"', 'gold   "黄金卡"'), "utf-8")
    assert main(["diff", files["old"], files["new"], files["events"], "--members", files["members"]]) == 0
    out = capsys.readouterr().out.splitlines()
    # figures as in the module's comment: signup 100 both; base 619 -> 519; bonus 0 -> 50;
    # member m1 + m2: 219 + 100 -> 269 + 100; gold m3: 400 -> 300
    assert out[3:7] == ["points by rule:", "  signup (注册礼): 100 -> 100 (+0)",
                        "  base (消费积分): 619 -> 519 (-100)", "  bonus (满100加赠): 0 -> 50 (+50)"]
    assert out[7:10] == ["points by kind:", "  signup (注册): 100 -> 100 (+0)", "  purchase: 619 -> 569 (-50)"]
    assert out[10:13] == ["points by tier:", "  member (会员): 319 -> 369 (+50)", "  gold (黄金卡): 400 -> 300 (-100)"]
    assert main(["diff", files["old"], files["new"], files["events"], "--members", files["members"],
                 "--lang", "zh", "--report", files["report"]]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  gold（黄金卡）：400 → 300（-100）" in out and "  purchase：619 → 569（-50）" in out
    parsed = _Report()
    parsed.feed(Path(files["report"]).read_text("utf-8"))
    i = parsed.cells.index("gold（黄金卡）")  # the page's tier table, through the same words
    assert parsed.cells[i + 1:i + 4] == ["400", "300", "-100"]
