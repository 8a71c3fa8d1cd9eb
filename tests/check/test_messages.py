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


def test_each_template_is_worded_once() -> None:
    from pointrules.messages import zh_checks, zh_lints, zh_names, zh_syntax, zh_types, zh_values

    seen: dict[str, str] = {}
    for module in (zh_syntax, zh_names, zh_types, zh_values, zh_checks, zh_lints):
        for template in module.ZH:
            assert template not in seen, f"{template!r} is worded in {seen[template]} and {module.__name__}"
            seen[template] = module.__name__


def test_no_diagnostic_is_made_of_plain_text() -> None:
    """A message, help or note given as a string literal or an f-string could never be translated."""
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = {"make": 3, "add": 2, "_d": 3}.get(name)
            if first is None or name == "add" and not _is_report(node.func):
                continue
            given = [*node.args[first:], *(k.value for k in node.keywords if k.arg in ("help", "notes"))]
            for arg in given:
                parts = arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]
                for part in parts:
                    plain = isinstance(part, ast.JoinedStr) or isinstance(part, ast.Constant) and isinstance(part.value, str)
                    assert not plain, f"{path.relative_to(SRC)}:{node.lineno}: a diagnostic's text must be a message (t)"


def _is_report(func: ast.expr) -> bool:
    """``r.add`` or ``self.r.add``: a pass's Report, not a set's add."""
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    return isinstance(owner, ast.Name) and owner.id == "r" or isinstance(owner, ast.Attribute) and owner.attr == "r"
