"""The HTTP sign-in page and the session gate, called as the server calls them (no browser)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from starlette.requests import Request

from dashboard.web import gate, sign_in
from dashboard.web.cookies import FORM_COOKIE, SESSION_COOKIE
from warehouse.access import auth, sessions

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "password-123"


@pytest.fixture
def db(tmp_db, monkeypatch):
    auth.add_user("mgr", "manager", password=PASSWORD, db=tmp_db, by="test")
    monkeypatch.setenv("CXRISK_DB", str(tmp_db))
    return tmp_db


def _call(app, method: str, path: str, *, query: str = "", body: bytes = b"",
          cookies: dict | None = None) -> dict:
    """Run an ASGI app once; returns status, headers (lower-case, repeated joined) and body."""
    headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    if cookies:
        headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": query.encode(), "headers": headers, "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}
    sent: list[dict] = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    found: dict[str, list[str]] = {}
    for k, v in start["headers"]:
        found.setdefault(k.decode().lower(), []).append(v.decode())
    return {"status": start["status"], "headers": found,
            "body": b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
            .decode()}


def _handler(route):
    async def app(scope, receive, send):
        response = await route(Request(scope, receive))
        await response(scope, receive, send)

    return app


def _form_token(page: dict) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page["body"]).group(1)


def _post(fields: dict, token: str | None) -> dict:
    cookies = {FORM_COOKIE: token} if token else {}
    return _call(_handler(sign_in.submit), "POST", "/sign-in", body=urlencode(fields).encode(),
                 cookies=cookies)


def _sign_in(user: str, password: str, next_path: str = "/touchpoints?region=East") -> dict:
    page = _call(_handler(sign_in.show), "GET", "/sign-in", query=urlencode({"next": next_path}))
    token = _form_token(page)
    return _post({"user": user, "password": password, "next": next_path, "form_token": token},
                 token)


def test_a_right_password_sets_an_http_only_session_cookie_and_goes_to_the_page_asked_for(db):
    answer = _sign_in("mgr", PASSWORD)
    assert answer["status"] == 303
    assert answer["headers"]["location"] == ["/touchpoints?region=East"]
    cookie = next(c for c in answer["headers"]["set-cookie"] if c.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Path=/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert sessions.check(token, idle_seconds=60, db=db).user_name == "mgr"


def test_wrong_passwords_say_so_then_lock_with_the_same_words_for_unknown_names(db):
    first = _sign_in("mgr", "not-it")
    assert first["status"] == 401 and "Wrong user name or password" in first["body"]
    assert SESSION_COOKIE not in " ".join(first["headers"].get("set-cookie", []))
    for _ in range(4):
        _sign_in("mgr", "not-it")
        _sign_in("no-such-person", "not-it")
    _sign_in("no-such-person", "not-it")
    known = _sign_in("mgr", PASSWORD)  # right, but locked now
    unknown = _sign_in("no-such-person", PASSWORD)
    assert known["status"] == unknown["status"] == 429
    words = [re.search(r'class="error"[^>]*>([^<]+)<', a["body"]).group(1) for a in (known, unknown)]
    assert "Too many failed attempts" in words[0]
    # the same message, whether or not the name is an account (times differ by seconds at most)
    assert re.sub(r"\d\d:\d\d", "HH:MM", words[0]) == re.sub(r"\d\d:\d\d", "HH:MM", words[1])


def test_a_post_without_the_forms_token_is_refused(db):
    page = _call(_handler(sign_in.show), "GET", "/sign-in")
    answer = _post({"user": "mgr", "password": PASSWORD, "form_token": _form_token(page)}, None)
    assert answer["status"] == 400 and "expired" in answer["body"]
    forged = _post({"user": "mgr", "password": PASSWORD, "form_token": "x"}, "y")
    assert forged["status"] == 400


@pytest.mark.parametrize("asked", ["//evil.example/x", "https://evil.example/", "/\\evil",
                                   "/sign-in?next=/x", "javascript:alert(1)"])
def test_after_sign_in_only_paths_of_this_app_are_followed(db, asked):
    answer = _sign_in("mgr", PASSWORD, next_path=asked)
    assert answer["headers"]["location"] == ["/"]


def test_the_form_escapes_what_it_shows_again(db):
    answer = _sign_in('"><script>alert(1)</script>', "x", next_path='/a"><b>')
    assert "<script>alert" not in answer["body"] and "<b>" not in answer["body"]


def test_a_sign_in_during_a_long_load_says_so_instead_of_hanging(db, monkeypatch):
    monkeypatch.setattr(sign_in, "BUSY_SECONDS", 1.0)
    hold = ("import time\nfrom warehouse.storage.db import connect\n"
            f"with connect({str(db)!r}, write=True):\n    print('held', flush=True)\n"
            "    time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        answer = _sign_in("mgr", PASSWORD)
        assert answer["status"] == 503 and "busy" in answer["body"]
    finally:
        holder.kill()
        holder.wait()


def _gated(path: str, query: str = "", cookies: dict | None = None) -> tuple[dict, list]:
    reached = []

    async def inner(scope, receive, send):
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return _call(gate.SessionGate(inner), "GET", path, query=query, cookies=cookies), reached


def test_the_gate_sends_pages_to_sign_in_with_their_address_and_refuses_downloads(db):
    answer, reached = _gated("/complaints", "region=North&lang=zh-CN")
    assert answer["status"] == 303 and not reached
    target = urlsplit(answer["headers"]["location"][0])
    assert target.path == "/sign-in"
    assert parse_qs(target.query)["next"] == ["/complaints?region=North&lang=zh-CN"]
    for path in ("/media/0123abcd.csv", "/_stcore/upload_file/x/y", "/component/x/index.html"):
        answer, reached = _gated(path)
        assert answer["status"] == 403 and not reached, path
    for path in ("/static/js/main.js", "/_stcore/health", "/app-assets/favicon.png", "/sign-in"):
        answer, reached = _gated(path)
        assert reached == [path], path


def test_the_gate_lets_a_live_session_through_and_tells_why_an_ended_one_stopped(db):
    token = sessions.start("mgr", db=db)
    answer, reached = _gated("/media/0123abcd.csv", cookies={SESSION_COOKIE: token})
    assert answer["status"] == 200 and reached == ["/media/0123abcd.csv"]
    sessions.end(token, "sign_out", db=db)
    answer, reached = _gated("/media/0123abcd.csv", cookies={SESSION_COOKIE: token})
    assert answer["status"] == 403 and not reached
    answer, _ = _gated("/alerts", cookies={SESSION_COOKIE: token})
    assert parse_qs(urlsplit(answer["headers"]["location"][0]).query)["why"] == ["sign_out"]


def test_a_bare_overview_address_opens_the_overview_at_the_root(db):
    answer, _reached = _gated("/overview", "lang=en")
    assert answer["status"] == 307 and answer["headers"]["location"] == ["/?lang=en"]
