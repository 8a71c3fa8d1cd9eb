"""The playground's HTTP server: standard library only, bound to loopback.

Theory of operation: the page (four fixed assets) asks ``GET /api/start`` once for the program and
cases it starts with, then ``POST /api/play`` with the texts it holds after each pause in typing;
the answer is ``session.answer``. Nothing the page sends names a file or runs code: there are no path
parameters (every route is an exact path), the program and cases are parsed and checked, never
executed, and the server writes nothing. Against other pages in the same browser, every request
must name this server in ``Host`` (a DNS-rebinding page names its own host), a POST must be JSON
(so a cross-site form cannot send it, and a cross-site fetch needs a preflight this server never
grants) from no other ``Origin``; bodies are bounded (``MAX_BODY``) and a slow client times out.
"""

from __future__ import annotations

import json
import sys
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from pointrules.errors import Error
from pointrules.play.session import Workspace, answer
from pointrules.wording import LANGS

MAX_BODY = 1_048_576  # bytes in one request: far more than any program a marketer edits by hand
TIMEOUT = 15  # seconds a client may take to send its request
FIELDS = ("program", "cases", "event", "member", "lang")  # what a POST /api/play may hold, all texts
ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/play.js": ("play.js", "text/javascript; charset=utf-8"),
    "/play.css": ("play.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Refused(Error):
    """A request the playground will not answer: the status and why, sent as JSON."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        self.status = status
        super().__init__(message)


class Playground(ThreadingHTTPServer):
    """The playground of one workspace, listening on ``host:port`` (port 0: any free port)."""

    daemon_threads = True

    def __init__(self, workspace: Workspace, port: int = 8765, host: str = "127.0.0.1") -> None:
        self.workspace = workspace
        super().__init__((host, port), Handler)
        self.port = int(self.server_address[1])
        # The names a browser on this machine may use for it; any other Host is a rebinding attempt.
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{h}" for h in self.hosts}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def asset(name: str) -> bytes:
    """One of the page's files, shipped in the package (pointrules/play/assets)."""
    return resources.files("pointrules.play").joinpath("assets", name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    server: Playground
    server_version = "pointrules-play"
    sys_version = ""
    timeout = TIMEOUT
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows only the URL and failures."""

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    def _answer(self, respond: Any) -> None:
        try:
            self._check_host()
            status, kind, body = respond(urlsplit(self.path).path)
        except Refused as refused:
            self.close_connection = True
            status, kind, body = refused.status, "application/json", _json({"error": str(refused)})
        except Exception:  # noqa: BLE001 -- a bug of ours: the page gets a plain message, the terminal the details
            traceback.print_exc(file=sys.stderr)
            status, kind = HTTPStatus.INTERNAL_SERVER_ERROR, "application/json"
            body = _json({"error": "the playground failed on this input; the terminal that runs it has the details"})
        self.send_response(status)
        for name, value in {**HEADERS, "Content-Type": kind, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _check_host(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            raise Refused(HTTPStatus.FORBIDDEN, "this playground answers only to 127.0.0.1 and localhost")

    def _get(self, path: str) -> tuple[HTTPStatus, str, bytes]:
        if path in ASSETS:
            name, kind = ASSETS[path]
            return HTTPStatus.OK, kind, asset(name)
        if path == "/api/start":
            w = self.server.workspace
            start = {"file": w.filename, "program": w.program, "cases": w.cases, "lang": w.config.lang}
            return HTTPStatus.OK, "application/json", _json(start)
        raise Refused(HTTPStatus.NOT_FOUND, "no such page")

    def _post(self, path: str) -> tuple[HTTPStatus, str, bytes]:
        if path != "/api/play":
            raise Refused(HTTPStatus.NOT_FOUND, "no such endpoint")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            raise Refused(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise Refused(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
        if self.headers.get_content_type() != "application/json":
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")
        request = _fields(self._body())
        found = answer(self.server.workspace, request.get("program", ""), request.get("cases", ""),
                       request.get("event", ""), request.get("member", ""), request.get("lang", "en"))
        return HTTPStatus.OK, "application/json", _json(found)

    def _body(self) -> bytes:
        if "Transfer-Encoding" in self.headers:
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not in chunks")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
        if int(length) > MAX_BODY:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a request may hold at most {MAX_BODY:,} bytes")
        return self.rfile.read(int(length))


def _fields(body: bytes) -> dict[str, str]:
    """The texts of a POST body, or Refused naming what is wrong with it."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(HTTPStatus.BAD_REQUEST, "the body is not JSON in UTF-8") from None
    if not isinstance(data, dict):
        raise Refused(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    for key, value in data.items():
        if key not in FIELDS:
            raise Refused(HTTPStatus.BAD_REQUEST, f"unknown field `{key[:40]}`; expected {', '.join(FIELDS)}")
        if not isinstance(value, str):
            raise Refused(HTTPStatus.BAD_REQUEST, f"`{key}` must be a text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, f"`{key}` is not Unicode text (a lone surrogate)") from None
    if "program" not in data:
        raise Refused(HTTPStatus.BAD_REQUEST, "`program` is required")
    if data.get("lang", "en") not in LANGS:
        raise Refused(HTTPStatus.BAD_REQUEST, f"`lang` must be one of {', '.join(LANGS)}")
    return data


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
