"""Every diagnostic can be read in every language: each message template the source makes
(``t("…")``) has its Chinese wording taking the same arguments, the catalogue holds nothing the
source no longer says, and every code has its summary in Chinese."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from pointrules.codes import CODES
from pointrules.diagnostics import LABELS
from pointrules.messages import ZH, listing, t
from pointrules.messages.zh_codes import SUMMARIES_ZH

SRC = Path(__file__).resolve().parents[2] / "src" / "pointrules"


def templates() -> dict[str, str]:
    """Every template given to ``t`` in the source, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                    f"{path.name}:{node.lineno}: a message's template must be written out, not computed"
                found.setdefault(first.value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_template_has_its_chinese_wording_with_the_same_arguments() -> None:
    missing = [f"{where}: {template!r}" for template, where in templates().items() if template not in ZH]
    assert not missing, "no Chinese wording for:\n" + "\n".join(missing)
    for template in templates():
        assert fields(ZH[template]) == fields(template), template


def test_the_catalogue_holds_only_what_the_source_says() -> None:
    stale = set(ZH) - set(templates())
    assert not stale, f"Chinese wordings of templates the source no longer has: {sorted(stale)}"


def test_every_code_has_its_summary_in_chinese() -> None:
    assert set(SUMMARIES_ZH) == set(CODES)
    assert all(SUMMARIES_ZH[c].strip() for c in CODES)


def test_both_languages_frame_a_diagnostic_alike() -> None:
    assert set(LABELS["en"]) == set(LABELS["zh"])
    for key in LABELS["en"]:
        assert fields(LABELS["en"][key]) - {"s"} == fields(LABELS["zh"][key])


def test_user_text_stays_as_written_in_chinese() -> None:
    message = t("did you mean {name}?", name="`Gold`")
    assert message.say("en") == "did you mean `Gold`?"
    assert message.say("zh") == "是不是想写 `Gold`？"  # full-width question mark, the name untouched


def test_a_list_reads_as_a_list_in_each_language() -> None:
    words = listing(["`a`", "`b`", "`c`"])
    assert words.say("en") == "`a`, `b` or `c`"
    assert words.say("zh") == "`a`、`b` 或 `c`"  # the enumeration comma 、 between items
