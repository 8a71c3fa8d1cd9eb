"""`pointrules lsp` through the protocol: a client speaks JSON-RPC to the real server over its pipes,
as an editor does. Positions are 0-based lines and UTF-16 columns, counted by hand in the comments."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from client import Client, needs_pygls

pytestmark = needs_pygls

# line 13 holds an emoji (two UTF-16 units) before the event kind, so columns after it shift by one
PROGRAM = """\
program "Shop"
currency CNY
timezone "Asia/Shanghai"
value 100 points = 1 CNY
expire at end of next year

event purchase "消费" { amount: money, channel: "app" | "store" }

tiers {
  member "普通会员"
  gold "金卡" multiplier 2
}

rule base "🎁消费返积分" on purchase {
  earn 1 point per 1 CNY of amount
}

rule app "App奖励" on purchase when channel = "app" and tier = gold "金卡会员在 App 下单" {
  earn 5 points
}
"""
TYPO = PROGRAM.replace('"🎁消费返积分" on purchase', '"🎁消费返积分" on purchse')
# the project's configuration: no example cases beside this file is fine here (PR508 off), nor
# points that pay for no order (PR520 off)
CONFIG = '[lint.severity]\nPR508 = "off"\nPR520 = "off"\n'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project folder the tests' programs are in, with its configuration."""
    path = tmp_path_factory.mktemp("project")
    (path / "pointrules.toml").write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lsp(folder: Path) -> Iterator[Client]:
    """One server for the module's tests (starting one costs most of a test's time); each test
    opens its own document."""
    client = Client(folder)
    yield client
    client.kill()


@pytest.fixture
def project(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = folder / f"{request.node.name}.points"
    path.write_text(PROGRAM, encoding="utf-8")
    return path


def _at(line: int, character: int) -> dict[str, int]:
    return {"line": line, "character": character}


def _range(a: tuple[int, int], b: tuple[int, int]) -> dict[str, dict[str, int]]:
    return {"start": _at(*a), "end": _at(*b)}


def _doc(uri: str) -> dict[str, str]:
    return {"textDocument": {"uri": uri}}


def test_the_server_says_what_it_can_do_and_exits_cleanly(start) -> None:
    lsp = start()
    caps = lsp.capabilities
    for provider in ("hoverProvider", "completionProvider", "definitionProvider", "referencesProvider",
                     "documentSymbolProvider", "documentFormattingProvider", "codeActionProvider"):
        assert caps.get(provider), provider
    assert caps["positionEncoding"] == "utf-16"
    assert lsp.close() == 0


def test_diagnostics_as_you_type(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, TYPO)
    found = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert [d["code"] for d in found] == ["PR102"]
    (d,) = found
    # `rule base "🎁消费返积分" on ` is 22 characters, 23 UTF-16 units (the emoji is two): 23 + len("purchse")
    assert d["range"] == _range((13, 23), (13, 30))
    assert d["severity"] == 1 and d["source"] == "pointrules"
    assert "purchse" in d["message"] and "help: did you mean `purchase`?" in d["message"]
    # a burst of keystrokes is analysed once, after the pause: the one publication is the last text's
    lsp.change(uri, 2, TYPO.replace("purchse", "purch"), TYPO.replace("purchse", "purcha"), PROGRAM)
    assert lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"] == []
    with pytest.raises(queue.Empty):
        lsp.notification("textDocument/publishDiagnostics", uri, timeout=1.5)


def test_columns_in_the_encoding_the_editor_prefers(start, project: Path) -> None:
    lsp = start(position_encodings=["utf-8", "utf-16"])
    assert lsp.capabilities["positionEncoding"] == "utf-8"
    uri = project.as_uri()
    lsp.open(uri, TYPO)
    (d,) = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    # in bytes: `rule base ` 10, `"` 1, 🎁 4, 消费返积分 5 × 3 = 15, `"` 1, ` on ` 4: 35; `purchse` 7 more
    assert d["range"] == _range((13, 35), (13, 42))


def test_lint_findings_follow_the_projects_configuration(lsp: Client, folder: Path) -> None:
    # a folder of its own, whose configuration is nearer to the file than the project's
    strict = folder / "strict"
    strict.mkdir()
    strict.joinpath("pointrules.toml").write_text(CONFIG + 'PR509 = "error"\n', encoding="utf-8")
    uri = (strict / "shop.points").as_uri()
    # no expiry (PR507, a warning) and a tier without a label (PR509, made an error by the configuration)
    text = PROGRAM.replace("expire at end of next year\n", "").replace('gold "金卡"', "gold")
    lsp.open(uri, text)
    found = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert [(d["code"], d["severity"]) for d in found] == [("PR507", 2), ("PR509", 1)]
    # silenced inline, as `pointrules lint` reads it
    lsp.change(uri, 2, "# pointrules: ignore[PR507] points never expire here\n" + text)
    found = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert [d["code"] for d in found] == ["PR509"]


def test_a_configuration_that_cannot_be_read_is_said_once(lsp: Client, folder: Path) -> None:
    broken = folder / "broken"
    broken.mkdir()
    broken.joinpath("pointrules.toml").write_text("[lint\n", encoding="utf-8")
    uri = (broken / "shop.points").as_uri()
    lsp.open(uri, TYPO)
    said = lsp.notification("window/showMessage")
    assert said["type"] == 2 and "pointrules.toml" in said["message"]  # 2: a warning
    # checked all the same (lint rules run once the program has no error), with the defaults: PR508
    # and PR520, which the project's configuration switches off, are on
    found = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert [d["code"] for d in found] == ["PR102"]
    lsp.change(uri, 2, PROGRAM)
    found = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert sorted(d["code"] for d in found) == ["PR508", "PR520"]
    with pytest.raises(queue.Empty):
        lsp.notification("window/showMessage", timeout=1)


def test_hover_words_a_rule_and_a_tier_in_the_programs_terms(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, PROGRAM)
    lsp.notification("textDocument/publishDiagnostics", uri)
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(13, 6)})["contents"]  # `base`
    assert shown["kind"] == "markdown"
    assert 'rule base "🎁消费返积分" on purchase' in shown["value"]
    assert "🎁消费返积分: on each 消费, 1 point for every full 1 CNY spent." in shown["value"]
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(17, 62)})["contents"]  # `gold`
    assert 'gold "金卡" multiplier 2' in shown["value"] and "金卡: points on spending ×2" in shown["value"]
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(6, 24)})["contents"]  # `amount`
    assert "amount: money" in shown["value"] and "used by `base` (🎁消费返积分)" in shown["value"]
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(14, 3)})["contents"]  # `earn`
    assert shown["value"].startswith("`earn`: Awards points")
    assert lsp.request("textDocument/hover", {**_doc(uri), "position": _at(14, 8)}) is None  # the 1 of `earn 1`


def test_hover_in_the_language_the_editor_asks_for(start, project: Path) -> None:
    lsp = start(initialization_options={"language": "zh"})
    uri = project.as_uri()
    lsp.open(uri, PROGRAM)
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(17, 62)})["contents"]
    assert "金卡：消费积分 ×2" in shown["value"]
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(14, 3)})["contents"]  # `earn`
    assert shown["value"].startswith("`earn`: 奖励积分")
    # the editor's setting changed back to English (VS Code sends its `pointrules` section)
    lsp.notify("workspace/didChangeConfiguration", {"settings": {"pointrules": {"language": "en"}}})
    shown = lsp.request("textDocument/hover", {**_doc(uri), "position": _at(17, 62)})["contents"]
    assert "金卡: points on spending ×2" in shown["value"]


def test_diagnostics_in_the_configured_language_unless_the_editor_asks_for_another(start, tmp_path: Path) -> None:
    (tmp_path / "pointrules.toml").write_text('lang = "zh"\n' + CONFIG, encoding="utf-8")
    path = tmp_path / "shop.points"
    path.write_text(PROGRAM, encoding="utf-8")
    # line 6: `event purchase "消费" { amount: money` is 6 + 9 + 5 + 2 + 8 + 5 = 35 units, so the comma is at 35
    comma = PROGRAM.replace("amount: money,", "amount: money，")
    lsp = start()
    lsp.open(path.as_uri(), comma)
    (d,) = lsp.notification("textDocument/publishDiagnostics", path.as_uri())["diagnostics"]
    assert d["code"] == "PR003" and d["range"] == _range((6, 35), (6, 36))
    assert d["message"] == "全角的 `，` 不是 pointrules 语言的一部分\n建议：请改用半角的 `,`"
    lsp.notify("workspace/didChangeConfiguration", {"settings": {"pointrules": {"language": "en"}}})
    lsp.change(path.as_uri(), 2, comma + "\n")
    (d,) = lsp.notification("textDocument/publishDiagnostics", path.as_uri())["diagnostics"]
    assert d["message"] == "full-width `，` is not part of the language\nhelp: use the plain `,` instead"


def test_completion_in_context(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, PROGRAM)
    lsp.notification("textDocument/publishDiagnostics", uri)
    typed = PROGRAM + 'rule review "评价" on '  # line 21, after `on `: the event kinds
    lsp.change(uri, 2, typed)
    items = lsp.request("textDocument/completion", {**_doc(uri), "position": _at(21, 20)})["items"]
    assert [(i["label"], i["kind"]) for i in items] == [("purchase", 23)]  # 23: Event
    typed = PROGRAM + "rule big on purchase when tier = "  # a tier is compared: tiers first
    lsp.change(uri, 3, typed)
    labels = [i["label"] for i in lsp.request("textDocument/completion",
                                              {**_doc(uri), "position": _at(21, 33)})["items"]]
    assert labels[:2] == ["member", "gold"] and "amount" in labels and "channel" in labels
    typed = PROGRAM + "rule big on purchase {\n  "  # a statement of a rule
    lsp.change(uri, 4, typed)
    labels = [i["label"] for i in lsp.request("textDocument/completion", {**_doc(uri), "position": _at(22, 2)})["items"]]
    assert labels == ["earn", "multiply", "limit", "expire", "pending"]


def test_definition_and_references(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, PROGRAM)
    # `purchase` in `rule app "App奖励" on purchase` (columns 20-27) is declared on line 6, columns 6-13
    found = lsp.request("textDocument/definition", {**_doc(uri), "position": _at(17, 22)})
    assert found == [{"uri": uri, "range": _range((6, 6), (6, 14))}]
    # `amount`: declared at line 6 columns 22-27, read by `earn … of amount` on line 14, columns 28-33
    found = lsp.request("textDocument/references", {**_doc(uri), "position": _at(14, 30),
                                                    "context": {"includeDeclaration": True}})
    assert [f["range"] for f in found] == [_range((6, 22), (6, 28)), _range((14, 28), (14, 34))]
    found = lsp.request("textDocument/references", {**_doc(uri), "position": _at(10, 3),
                                                    "context": {"includeDeclaration": False}})
    # `gold` in `… and tier = gold {`: `rule app "App奖励" on purchase when channel = "app" and tier = ` is 61 long
    assert [f["range"] for f in found] == [_range((17, 61), (17, 65))]


def test_document_symbols(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, PROGRAM)
    found = lsp.request("textDocument/documentSymbol", _doc(uri))
    # kinds: 24 Event, 10 Enum, 12 Function; tiers hold 22 EnumMember, an event its 8 Field
    assert [(s["name"], s["kind"], s.get("detail")) for s in found] == [
        ("purchase", 24, "消费"), ("tiers", 10, None), ("base", 12, "🎁消费返积分"), ("app", 12, "App奖励")]
    assert [(c["name"], c["kind"]) for c in found[0]["children"]] == [("amount", 8), ("channel", 8)]
    assert [(c["name"], c["kind"]) for c in found[1]["children"]] == [("member", 22), ("gold", 22)]
    assert found[2]["selectionRange"] == _range((13, 5), (13, 9))


def test_formatting_the_whole_file(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    messy = 'program   "Shop"\ncurrency CNY\nrule base on purchase {earn 1 point per 1 CNY of amount}'
    lsp.open(uri, messy)
    edits = lsp.request("textDocument/formatting", {**_doc(uri), "options": {"tabSize": 2, "insertSpaces": True}})
    # one edit: the whole text (3 lines, the last 22 + 1 + 32 + 1 = 56 characters long) becomes the
    # canonical layout: one space, a statement on its own line indented by two, the file ending in a
    # newline; blank lines are kept as written (none here)
    assert edits == [{"range": _range((0, 0), (2, 56)), "newText": (
        'program "Shop"\ncurrency CNY\nrule base on purchase {\n  earn 1 point per 1 CNY of amount\n}\n')}]
    lsp.change(uri, 2, edits[0]["newText"])
    assert lsp.request("textDocument/formatting", {**_doc(uri), "options": {"tabSize": 2, "insertSpaces": True}}) == []


def test_a_quick_fix_for_each_fix_a_diagnostic_names(lsp: Client, project: Path) -> None:
    uri = project.as_uri()
    lsp.open(uri, TYPO)
    (d,) = lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"]
    actions = lsp.request("textDocument/codeAction", {**_doc(uri), "range": d["range"],
                                                      "context": {"diagnostics": [d]}})
    assert [(a["title"], a["kind"]) for a in actions] == [("change `purchse` to `purchase`", "quickfix")]
    assert actions[0]["edit"]["changes"][uri] == [{"range": _range((13, 23), (13, 30)), "newText": "purchase"}]
    # applied as an editor applies it (an incremental change in UTF-16 columns), the mistake is gone
    lsp.edit(uri, 2, actions[0]["edit"]["changes"][uri])
    assert lsp.notification("textDocument/publishDiagnostics", uri)["diagnostics"] == []


def test_without_pygls_the_command_says_how_to_install_it() -> None:
    import subprocess
    import sys

    from client import ROOT

    blocked = "import sys; sys.modules['pygls'] = None; from pointrules.cli import main; sys.exit(main(['lsp']))"
    done = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert done.returncode == 2
    assert "pip install 'pointrules[lsp]'" in done.stderr
