"""The command line's text tables line up in a terminal's columns with Chinese and full-width text
(wcwidth, from the `cli` extra, or the library's own width without it), and `import pointrules`
never imports wcwidth: only the command line uses it, and `import pointrules` needs nothing beyond
lark, attrs, python-dateutil and tzdata."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from cli_runner import run_cli

ROOT = Path(__file__).resolve().parents[2]
SHOP = str(ROOT / "examples" / "shop.points")


def test_ledger_tables_align_chinese_and_full_width_member_ids(tmp_path: Path) -> None:
    events = tmp_path / "signups.jsonl"
    events.write_text("".join(
        f'{{"id": "s{n}", "kind": "signup", "member": "{member}", "time": "2026-03-02T10:00:00+08:00"}}\n'
        for n, member in enumerate(["m1", "张三丰", "ｍ２"])), "utf-8")
    db = str(tmp_path / "points.db")
    assert run_cli(["simulate", SHOP, str(events), "--ledger", db, "-q"], tmp_path).returncode == 0
    shown = run_cli(["ledger", "expiring", db, "--at", "2026-04-01T00:00:00+08:00", "--within", "1000"], tmp_path)
    # member: 6 columns (`member`; 张三丰 is 3 x 2; ｍ２ 2 x 2 = 4); points: 6 (`points`), 100 right-aligned;
    # expires: 25. Each cell is padded to its column's width and cells are 2 spaces apart.
    assert shown.stdout.splitlines() == [
        "member  points                    expires",
        "m1         100  2027-12-31T23:59:59+08:00",  # `m1` + 4 spaces, 2, `   100`, 2
        "张三丰     100  2027-12-31T23:59:59+08:00",  # 6 columns, no padding
        "ｍ２       100  2027-12-31T23:59:59+08:00",  # 4 columns + 2 spaces
    ]
    balances = run_cli(["ledger", "balances", db, "--at", "2026-04-01T00:00:00+08:00"], tmp_path).stdout.splitlines()
    # `available` is 9 columns: 100 ends at column 6 + 2 + 9 = 17 on every row
    assert [line[: line.index("100") + 3] for line in balances[2:]] == ["m1            100", "张三丰        100",
                                                                        "ｍ２          100"]


def test_importing_the_library_never_imports_wcwidth() -> None:
    code = ("import sys, pointrules, pointrules.ledger, pointrules.formatter, pointrules.stream;"
            " print('wcwidth' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == "False", result.stderr


def test_without_the_cli_extra_tables_still_line_up() -> None:
    """wcwidth hidden (the `cli` extra not installed): wide and full-width characters take two columns."""
    code = ("import sys; sys.modules['wcwidth'] = None;"
            " from pointrules.cli import terminal;"
            " print(terminal.wcwidth, terminal.columns('张三丰'), terminal.columns('m1'), repr(terminal.pad('ｍ２', 6)),"
            " repr(terminal.pad('100', 6, right=True)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    # 张三丰: 3 wide characters, 6 columns; ｍ２: 2 full-width, 4 columns + 2 spaces; 100: 3 spaces before
    assert result.stdout.split(" ", 3) == ["None", "6", "2", "'ｍ２  ' '   100'\n"], result.stderr


def test_the_library_depends_on_lark_attrs_dateutil_and_tzdata_only() -> None:
    """The guide's rule: everything else is an optional extra (docs/decisions.md says why each)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = [d.split(">")[0].split("=")[0].split("[")[0].strip() for d in project["dependencies"]]
    assert sorted(names) == ["attrs", "lark", "python-dateutil", "tzdata"]
    assert project["optional-dependencies"]["cli"] == ["wcwidth>=0.9"]
