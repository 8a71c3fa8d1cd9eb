"""The documentation site's own pages (docs/index, tour, reference, guides, in English and Chinese)
and pointrules's Pygments lexer, which highlights the `points` blocks of every page. The strict
build of the whole site is tests/docs/test_site_build.py (slow: CI runs it)."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from pygments.token import Error, Keyword, Literal, Number, String, Text

from markdown_blocks import fenced_blocks, fences
from pointrules.cli import main
from pointrules.play import asset
from pointrules.pygments_lexer import PointsLexer
from pointrules.syntax.grammar import keywords, lark_parser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TRANSLATED = ["index", "tour", "reference", "guides", "playground", "editors", "language", "semantics", "ci", "diagnostics", "embedding", "cases", "robustness", "cli", "ledger", "performance"]  # what docs/index.md says is in Chinese


def _tokens(text: str) -> list[tuple[object, str]]:
    return [(kind, value) for kind, value in PointsLexer().get_tokens(text) if value.strip()]


# ---- the lexer ---------------------------------------------------------------------------------------
def test_every_keyword_of_the_grammar_is_a_keyword_to_the_lexer() -> None:
    found = keywords()
    assert len(found) > 80 and {"rule", "earn", "per", "half-even", "multiply"} <= set(found)
    for word in found:
        assert _tokens(word) == [(Keyword, word)], word


def test_names_that_start_with_a_keyword_are_names() -> None:
    kinds = {value: kind for kind, value in _tokens("rule order_total pointsy earned on_sale")}
    assert kinds["rule"] is Keyword
    assert all(kinds[n] is not Keyword for n in ("order_total", "pointsy", "earned", "on_sale"))


def test_a_line_of_each_kind_of_token() -> None:
    line = 'cap 5,000 points per day on 2026-11-11 when amount >= 99.50 CNY and rate = 5% # 上限'
    got = _tokens(line)
    assert ("Token.Literal.Number", "5,000") in [(str(k), v) for k, v in got]
    assert ("Token.Literal.Date", "2026-11-11") in [(str(k), v) for k, v in got]
    assert ("Token.Literal.Number", "5%") in [(str(k), v) for k, v in got]
    assert ("Token.Name.Constant", "CNY") in [(str(k), v) for k, v in got]
    assert ("Token.Comment.Single", "# 上限") in [(str(k), v) for k, v in got]
    assert _tokens('"金卡 \\"VIP\\""') == [(_tokens('"x"')[0][0], '"金卡 \\"VIP\\""')]


@pytest.mark.parametrize("program", sorted((ROOT / "examples").glob("*.points")), ids=lambda p: p.name)
def test_every_example_is_read_without_an_unknown_token(program: Path) -> None:
    for kind, value in PointsLexer().get_tokens(program.read_text("utf-8")):
        assert kind is not Error and (kind is not Text or not value.strip()), (program.name, value)


def _expected(token_type: str, value: str) -> object | None:
    if token_type == "STRING":
        return String
    if token_type in ("DATE", "MONTHDAY"):
        return Literal.Date
    if token_type == "NUMBER":
        return Number
    if token_type != "NAME" and value in keywords():
        return Keyword
    return None


@pytest.mark.parametrize("program", sorted((ROOT / "examples").glob("*.points")), ids=lambda p: p.name)
def test_every_example_is_highlighted_as_the_parser_reads_it(program: Path) -> None:
    # The same check as tests/editors makes of the TextMate grammar: the two agree with the parser.
    text = program.read_text("utf-8")
    covering = {}
    for start, kind, value in PointsLexer().get_tokens_unprocessed(text):
        for offset in range(start, start + len(value)):
            covering[offset] = kind
    checked = 0
    for token in lark_parser().parse_interactive(text).iter_parse():
        want = _expected(token.type, token.value)
        if want is not None:
            assert covering[token.start_pos] in want, (program.name, token.line, token.value, covering[token.start_pos])
            checked += 1
    assert checked > 50


def test_the_lexer_is_registered_for_pygments_by_its_entry_point() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["entry-points"]["pygments.lexers"] == {"pointrules": "pointrules.pygments_lexer:PointsLexer"}
    from importlib.metadata import entry_points

    if not any(e.value == "pointrules.pygments_lexer:PointsLexer" for e in entry_points(group="pygments.lexers")):
        message = "pointrules was installed before its lexer's entry point: reinstall it (make setup)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from pygments.lexers import get_lexer_by_name

    assert type(get_lexer_by_name("points")).__name__ == "PointsLexer"


# ---- the pages ---------------------------------------------------------------------------------------
def test_the_translated_pages_are_those_the_home_page_names() -> None:
    assert sorted(p.name.removesuffix(".zh.md") for p in DOCS.glob("*.zh.md")) == sorted(TRANSLATED)
    assert all((DOCS / f"{name}.md").is_file() for name in TRANSLATED)
    home = (DOCS / "index.md").read_text("utf-8")
    for name in TRANSLATED[1:]:
        assert f"]({name}.md)" in home.split("## Languages of this site")[1]


# The diagnostics catalogue shows a wrong program in every section on purpose: tests/docs/test_catalogue.py
# runs its blocks (each bad one must show its code); its translation's are compared with its own below.
@pytest.mark.parametrize("page", [f"{n}{lang}.md" for n in TRANSLATED if n != "diagnostics" for lang in ("", ".zh")])
def test_the_points_blocks_of_the_site_pages_parse_and_whole_programs_check(page: str) -> None:
    import pointrules

    for block in fenced_blocks((DOCS / page).read_text("utf-8"), "points"):
        found = pointrules.check(block)
        if block.startswith("program"):
            assert found == [], (page, found)
        else:  # a fragment: it parses (its names are declared elsewhere)
            assert [d for d in found if d.code < "PR100"] == [], (page, found)


@pytest.mark.parametrize("page", ["tour.md", "tour.zh.md"])
def test_the_tour_runs_as_written(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS / page).read_text("utf-8")
    [program] = fenced_blocks(text, "points")
    [cases] = fenced_blocks(text, "toml")
    # the tour's program is the one the playground starts with, less its opening comment
    assert program == "".join(asset("starter.points").decode().splitlines(keepends=True)[2:])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tour.points").write_text(program, "utf-8")
    (tmp_path / "tour.cases.toml").write_text(cases, "utf-8")
    commands = [block.strip() for block in fenced_blocks(text, "sh")]
    outputs = fenced_blocks(text, "")
    assert commands[-1] == "pointrules play tour.points" and len(outputs) == len(commands) - 1
    for command, shown in zip(commands, outputs):
        argv = shlex.split(command)
        assert argv[0] == "pointrules"
        if argv[1] == "check":  # shown with the misspelling the tour asks for
            (tmp_path / "tour.points").write_text(program.replace("on purchase {\n  earn 1", "on purchse {\n  earn 1"), "utf-8")
        else:
            (tmp_path / "tour.points").write_text(program, "utf-8")
        status = main(argv[1:])
        out, err = capsys.readouterr()
        assert (out + err).strip() == shown.strip(), command
        assert status == (1 if argv[1] == "check" else 0), command


def test_the_tour_shows_the_award_the_cases_expect() -> None:
    # 200 full yuan x 1.5 (gold) = 300, plus the flat app bonus of 5: 305, in both languages
    for page in ("tour.md", "tour.zh.md"):
        text = (DOCS / page).read_text("utf-8")
        row = json.loads(next(b for b in fenced_blocks(text, "") if b.startswith('{"event"')).splitlines()[0])
        assert row["points"] == 305 and row["rules"] == {"base": 300, "app_bonus": 5}


def test_every_page_is_in_the_sites_navigation() -> None:
    # The strict build (slow, CI only) fails on a page left out of the nav; this says so at once.
    config = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n")[1]
    listed = set(re.findall(r"([\w./-]+\.md)\s*$", config, re.M))
    pages = {p.name for p in DOCS.glob("*.md") if not p.name.endswith(".zh.md")}
    assert pages - listed == set(), "add these pages to the nav of mkdocs.yml"
    assert listed - pages == set(), "the nav of mkdocs.yml names pages that do not exist"


def _anchors(page: Path) -> set[str]:
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    text = "".join(f"{line}\n" for line in _outside_code(page.read_text("utf-8")))
    titles = re.findall(r"^#{1,6} +(.+?) *#*$", text, re.M)
    return {_anchor(title, slug) for title in titles}


def _anchor(title: str, slug) -> str:
    given = re.fullmatch(r"(.*?) *\{#([\w-]+)\}", title)  # attr_list: `## 文件头（L1） {#the-header-l1}`
    if given:
        return given.group(2)
    return slug(re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", title).replace("`", ""), "-")


def _outside_code(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def test_every_link_between_pages_and_every_anchor_exists() -> None:
    # What the strict build checks (in CI only, being slow), checked at once: a heading renamed in one
    # page breaks the anchors other pages link to.
    pytest.importorskip("pymdownx", reason="the docs extra is not installed (pip install -e '.[docs]')")
    anchors = {page.name: _anchors(page) for page in DOCS.glob("*.md")}
    broken = []
    for page in sorted(DOCS.glob("*.md")):
        text = "\n".join(_outside_code(page.read_text("utf-8")))
        for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"`[^`\n]*`", "", text)):
            if re.match(r"[a-z]+:", target):
                continue
            name, _, anchor = target.partition("#")
            name = name or page.name
            if page.name.endswith(".zh.md") and name.replace(".md", ".zh.md") in anchors:
                name = name.replace(".md", ".zh.md")  # the Chinese site links to its own translation
            if name not in anchors or anchor and anchor not in anchors[name]:
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_every_code_block_is_closed_where_it_belongs() -> None:
    # A fence left open turns the rest of a page into code, and no build fails on it: a rebase once
    # left PR592's fixed example open in docs/diagnostics.md, with PR511's and PR513's in PR590 and PR591.
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = page.read_text("utf-8")
        assert len(re.findall(r"^```", text, re.M)) % 2 == 0, f"{page.name}: a code block is not closed"
    for name in ("diagnostics.md", "diagnostics.zh.md"):  # and each code's section closes its own
        for section in re.split(r"^(?=## PR\d{3})", (DOCS / name).read_text("utf-8"), flags=re.M):
            assert len(re.findall(r"^```", section, re.M)) % 2 == 0, f"{name}: {section.splitlines()[0]}"


# ---- the translations keep the English pages' examples --------------------------------------------------
_COMMENT = {"lua": r"\s*--.*"}  # every other language of the site's blocks comments with `#`
_QUOTED = r"(\"(?:\\.|[^\"\\])*\"|'[^'\n]*')"


def _code(info: str, block: str) -> str:
    """A block as its program reads it: comments (outside quotes) dropped; in `sh`, the `--lang zh`
    a Chinese page adds to show output in its own language."""
    comment = _COMMENT.get(info, r"\s*#.*")
    lines = [re.sub(f"{_QUOTED}|{comment}", lambda m: m.group(1) or "", line).rstrip() for line in block.splitlines()]
    text = "\n".join(line for line in lines if line)
    return text.replace(" --lang zh", "") if info == "sh" else text


@pytest.mark.parametrize("name", TRANSLATED)
def test_a_translated_page_has_the_english_pages_code_blocks_in_order(name: str) -> None:
    """Every translated page has the same fenced blocks as its English page, in the same order and
    with the same info strings, and each block that is code (a program, a command, a configuration,
    JSON: any info string but none and `text`) says the same as the English one, so a translation
    cannot keep an out-of-date example. Deliberately different, and so not compared: comments (a
    Chinese page comments in Chinese), `--lang zh` in a command (the page shows the Chinese output),
    and blocks without an info string or marked `text`, which show what a command prints in the
    page's language (the tour's are run by test_the_tour_runs_as_written)."""
    english = fences((DOCS / f"{name}.md").read_text("utf-8"))
    chinese = fences((DOCS / f"{name}.zh.md").read_text("utf-8"))
    assert [info for info, _ in chinese] == [info for info, _ in english], name
    for number, ((info, en), (_, zh)) in enumerate(zip(english, chinese), 1):
        if info not in ("", "text"):
            assert _code(info, zh) == _code(info, en), f"{name}.zh.md, block {number} ({info})"


def test_comparing_code_blocks_ignores_comments_but_not_code() -> None:
    assert _code("points", 'earn 5 points  # 固定奖励\nrule a "#1" on x {') == 'earn 5 points\nrule a "#1" on x {'
    assert _code("lua", 'x = "en",  -- 或 "zh"') == 'x = "en",'
    assert _code("sh", "pointrules eval t.points --lang zh --member '{\"id\": \"#m\"}'") == \
        "pointrules eval t.points --member '{\"id\": \"#m\"}'"
    assert _code("points", "earn 5 points") != _code("points", "earn 6 points")
