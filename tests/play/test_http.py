"""The playground's JSON endpoints over real HTTP, and the requests it refuses."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pointrules.play import MAX_BODY, Playground

ROOT = Path(__file__).resolve().parents[2]
GOLD_APP = ('{"id": "e9", "kind": "purchase", "member": "m7", "time": "2026-05-01T10:00:00+08:00", '
            '"amount": "200.00", "channel": "app"}')


def request(server: Playground, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    given = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in given.items():
        connection.putheader(name, value)
    if body is not None and "Content-Length" not in given:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    if body is not None:
        connection.send(body)
    response = connection.getresponse()
    out = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return out


def play(server: Playground, **fields: str) -> dict[str, Any]:
    status, headers, body = request(server, "POST", "/api/play", json.dumps(fields).encode(),
                                    {"Content-Type": "application/json"})
    assert status == 200, body
    assert headers["content-type"] == "application/json"
    return json.loads(body)


def starter_text(server: Playground) -> str:
    return server.workspace.program


# ---- what the page is told ---------------------------------------------------------------------
def test_the_page_and_its_assets_are_served_with_a_strict_policy(starter: Playground) -> None:
    for path, kind in (("/", "text/html"), ("/play.js", "text/javascript"), ("/play.css", "text/css"),
                       ("/favicon.svg", "image/svg+xml")):
        status, headers, body = request(starter, "GET", path)
        assert status == 200 and headers["content-type"].startswith(kind) and body
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"


def test_start_gives_the_program_and_its_cases(starter: Playground) -> None:
    status, _, body = request(starter, "GET", "/api/start")
    given = json.loads(body)
    assert status == 200 and given["file"] == "starter.points"
    assert given["program"].startswith("# A starter program") and "[[case]]" in given["cases"]


def test_a_clean_program_gets_terms_cases_and_the_award_of_an_event(starter: Playground) -> None:
    found = play(starter, program=starter_text(starter), cases=starter.workspace.cases,
                 event=GOLD_APP, member='{"id": "m7", "tier": "gold"}', lang="en")
    assert found["diagnostics"] == [] and found["errors"] == 0
    # 200 yuan, 1 point a full yuan: 200 x 1.5 (gold) = 300, plus the flat app bonus 5 = 305
    assert found["award"]["rows"][0]["points"] == 305
    assert found["award"]["rows"][0]["rules"] == {"base": 300, "app_bonus": 5}
    assert found["award"]["explanation"].startswith("+305 points")
    assert found["cases"]["passed"] == 3 and found["cases"]["failed"] == 0
    assert found["shape"]["tiers"] == [{"name": "member", "label": "普通会员"}, {"name": "gold", "label": "金卡"}]
    assert "Starter Rewards" in found["terms"]
    # every event of the three cases, then one skeleton per kind (purchase, signup)
    assert [s["label"].rsplit(": ", 1)[-1] for s in found["samples"][:3]] == ["purchase e1", "purchase e1", "signup e1"]
    assert len(found["samples"]) == 5


def test_the_award_is_explained_in_chinese(starter: Playground) -> None:
    found = play(starter, program=starter_text(starter), event=GOLD_APP, member='{"id": "m7", "tier": "gold"}',
                 lang="zh")
    assert found["award"]["explanation"].startswith("+305 积分（m7，金卡）")
    assert found["terms"].startswith("Starter Rewards 积分规则")


def test_a_mistake_is_reported_at_its_line_and_column(starter: Playground) -> None:
    text = starter_text(starter).replace('"消费返积分" on purchase', '"消费返积分" on purchse')
    found = play(starter, program=text, event=GOLD_APP)
    [d] = found["diagnostics"]
    # line 19 is `rule base "消费返积分" on purchse {`: `rule base ` is columns 1-10, the quoted label
    # (5 characters) 11-17, ` on ` 18-21: `purchse` is 22-28, and end_column is one past it
    assert (d["code"], d["line"], d["column"], d["end_column"]) == ("PR102", 19, 22, 29)
    assert d["help"] == "did you mean `purchase`?"
    assert found["errors"] == 1 and found["shape"] is None and found["award"] is None and found["cases"] is None


def test_lint_findings_are_shown_as_lint_gives_them(starter: Playground) -> None:
    text = starter_text(starter).replace('rule welcome "注册礼" on signup', "rule welcome on signup")
    codes = [d["code"] for d in play(starter, program=text)["diagnostics"]]
    assert codes == ["PR509"]  # a rule that earns and has no label


def test_a_guard_the_program_breaks_is_shown_with_its_counterexample(starter: Playground) -> None:
    # a day of 5-point check-ins (or any kind) passes 1 point: the guard is refuted, as `pointrules lint` says
    text = starter_text(starter) + "\ncheck points per member per day at most 1 points\n"
    [d] = [d for d in play(starter, program=text)["diagnostics"] if d["code"] == "PR510"]
    assert d["message"].startswith("a member can earn ") and "reproduce" in " ".join(d["notes"])


def test_a_bad_event_names_its_field_and_a_bad_member_says_so(starter: Playground) -> None:
    found = play(starter, program=starter_text(starter), event=GOLD_APP.replace('"app"', '"phone"'))
    assert found["award"]["field"] == "channel" and "must be one of" in found["award"]["error"]
    found = play(starter, program=starter_text(starter), event=GOLD_APP, member='{"id": "m7", "tier": "platinum"}')
    assert found["award"]["error"].startswith("member: ")


def test_a_failing_case_shows_what_was_expected(starter: Playground) -> None:
    cases = starter.workspace.cases.replace("expect = { points = 100 }", "expect = { points = 99 }")
    report = play(starter, program=starter_text(starter), cases=cases)["cases"]
    assert (report["passed"], report["failed"]) == (2, 1)
    [failure] = [r for r in report["results"] if not r["passed"]][0]["failures"]
    assert failure["mismatches"] == [{"what": "points", "expected": "99", "actual": "100"}]


def test_a_broken_cases_file_lists_its_problems(starter: Playground) -> None:
    report = play(starter, program=starter_text(starter), cases="[[case]]\nname = 1\n")["cases"]
    assert report["problems"] and all(p.startswith("starter.cases.toml: ") for p in report["problems"])


# ---- what it refuses -------------------------------------------------------------------------------
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.2:{port}", ""])
def test_another_host_name_is_refused_against_dns_rebinding(starter: Playground, host: str) -> None:
    for method, path, body in (("GET", "/api/start", None), ("GET", "/", None), ("POST", "/api/play", b'{"program": ""}')):
        status, _, answer = request(starter, method, path, body, {"Host": host.format(port=starter.port), **JSON})
        assert status == 403, (method, path)
        assert b"program" not in answer


def test_localhost_is_accepted(starter: Playground) -> None:
    assert request(starter, "GET", "/api/start", headers={"Host": f"localhost:{starter.port}"})[0] == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_a_post_from_another_site_is_refused(starter: Playground, headers: dict[str, str]) -> None:
    status, _, _ = request(starter, "POST", "/api/play", b'{"program": ""}', {**JSON, **headers})
    assert status == 403


def test_a_post_from_the_page_itself_is_answered(starter: Playground) -> None:
    headers = {**JSON, "Origin": f"http://127.0.0.1:{starter.port}", "Sec-Fetch-Site": "same-origin"}
    assert request(starter, "POST", "/api/play", b'{"program": ""}', headers)[0] == 200


@pytest.mark.parametrize("body, headers, status", [
    (b'{"program": ""}', {"Content-Type": "text/plain"}, 415),  # what a cross-site form could send
    (b'{"program": ""}', {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    (b"not json", JSON, 400),
    (b"\xff\xfe", JSON, 400),
    (b'["program"]', JSON, 400),
    (b'{"cases": ""}', JSON, 400),  # no program
    (b'{"program": "", "path": "/etc/passwd"}', JSON, 400),  # no field names a file
    (b'{"program": "", "file": "../../etc/passwd"}', JSON, 400),
    (b'{"program": 1}', JSON, 400),
    (b'{"program": "", "lang": "fr"}', JSON, 400),
    (b'{"program": "\\ud800"}', JSON, 400),  # a lone surrogate
    (b"[" * 100_000 + b"]" * 100_000, JSON, 400),  # nesting deeper than the JSON reader allows
])
def test_a_malformed_post_is_refused_with_a_reason(starter: Playground, body: bytes, headers: dict[str, str],
                                                    status: int) -> None:
    got, answered, answer = request(starter, "POST", "/api/play", body, headers)
    assert got == status
    assert answered["content-type"] == "application/json" and json.loads(answer)["error"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(starter: Playground) -> None:
    # Only the header is sent: the server must answer without waiting for a megabyte that never comes.
    status, _, body = request(starter, "POST", "/api/play", b"", {**JSON, "Content-Length": str(MAX_BODY + 1)})
    assert status == 413 and b"at most 1,048,576 bytes" in body


def test_a_body_without_a_length_is_refused(starter: Playground) -> None:
    status, _, _ = request(starter, "POST", "/api/play", None, {**JSON, "Transfer-Encoding": "chunked"})
    assert status == 411


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/play.js/../../../etc/passwd",
                                  "/assets/starter.points", "/session.py", "/api/start/../../../etc/passwd",
                                  "//etc/passwd", "/index.html"])
def test_no_path_reaches_a_file(starter: Playground, path: str) -> None:
    status, _, body = request(starter, "GET", path)
    assert status == 404 and b"root:" not in body


def test_a_query_string_names_no_file(starter: Playground) -> None:
    status, _, body = request(starter, "GET", "/api/start?program=/etc/passwd&file=/etc/passwd")
    assert status == 200 and json.loads(body)["file"] == "starter.points" and b"root:" not in body


@pytest.mark.parametrize("method", ["PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_are_not_answered_and_no_cors_is_granted(starter: Playground, method: str) -> None:
    status, headers, _ = request(starter, method, "/api/play", b"", {"Origin": "http://evil.example"})
    assert status == 501 and "access-control-allow-origin" not in headers


def test_the_program_text_is_parsed_never_run(starter: Playground) -> None:
    text = '__import__("os").system("touch /tmp/pointrules-play-pwned")\n'
    found = play(starter, program=text)
    assert found["errors"] >= 1 and found["shape"] is None
    assert not Path("/tmp/pointrules-play-pwned").exists()


def test_it_listens_on_loopback_only(starter: Playground) -> None:
    assert starter.server_address[0] == "127.0.0.1"


# ---- the command -----------------------------------------------------------------------------------
def test_pointrules_play_serves_a_program_and_the_cases_beside_it() -> None:
    process = subprocess.Popen([sys.executable, "-m", "pointrules.cli", "play", "examples/shop.points", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(r"pointrules playground for shop.points: open http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops it\)\n", line)
        assert match, line
        connection = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=30)
        connection.request("GET", "/api/start")
        given = json.loads(connection.getresponse().read())
        assert given["program"] == (ROOT / "examples/shop.points").read_text(encoding="utf-8")
        assert given["cases"] == (ROOT / "examples/shop.cases.toml").read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize("args, message", [
    (["no/such.points"], "error: cannot read no/such.points: No such file or directory"),
    (["examples/shop.points", "--port", "70000"], "error: --port 70000 is not a port (0 to 65535)"),
])
def test_pointrules_play_refuses_what_it_cannot_serve(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from pointrules.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["play", *args]) == 2
    assert capsys.readouterr().err.strip() == message


def test_pointrules_play_says_when_its_port_is_taken(starter: Playground, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from pointrules.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["play", "--port", str(starter.port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot listen on 127.0.0.1:{starter.port}: ") and err.strip().endswith("try another --port")


def test_the_diagnostics_follow_the_page_language(starter: Playground) -> None:
    text = starter_text(starter).replace("amount: money,", "amount: money，", 1)
    en, zh = play(starter, program=text, lang="en")["diagnostics"], play(starter, program=text, lang="zh")["diagnostics"]
    assert [(d["code"], d["line"], d["column"]) for d in en] == [(d["code"], d["line"], d["column"]) for d in zh]
    assert en[0]["message"] == "full-width `，` is not part of the language"
    assert zh[0]["message"] == "全角的 `，` 不是 pointrules 语言的一部分"
