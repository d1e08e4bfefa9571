"""The sign-in page (GET shows it, POST checks the password and sets the session cookie)."""

from __future__ import annotations

import hmac
import html
import secrets
from pathlib import Path
from string import Template
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from dashboard.web.cookies import (
    FORM_COOKIE,
    SESSION_COOKIE,
    SIGN_IN_PATH,
    safe_next,
    session_cookie_options,
)
from warehouse.access import auth, sessions
from warehouse.config.settings import get_settings, resolve_db
from warehouse.storage.db import WarehouseBusy

PAGE = Template((Path(__file__).parent / "sign_in.html").read_text(encoding="utf-8"))
# How long a sign-in waits for a load that holds the warehouse before saying so.
BUSY_SECONDS = 15.0
LONGEST_FORM = 4096  # bytes; a sign-in form is far smaller

# Shown before a language is chosen, so both languages at once.
TEXT = {
    "title": "Sign in · 登录",
    "user": "User name · 用户名",
    "password": "Password · 密码",
    "submit": "Sign in · 登录",
    "sso": "Sign in with single sign-on · 单点登录",
    "wrong": "Wrong user name or password. · 用户名或密码错误。",
    "locked": "Too many failed attempts: try again after {until} UTC, or ask an admin to reset "
    "the password. · 失败次数过多：请在 UTC {until} 之后重试，或请管理员重置密码。",
    "busy": "The warehouse is busy with a load; try again in a moment. · 数据正在加载，请稍后重试。",
    "stale": "The sign-in form had expired; please sign in again. · 登录表单已过期，请重新登录。",
    "idle": "You were signed out after {minutes} idle minutes; sign in again. · "
    "空闲超过 {minutes} 分钟已自动退出，请重新登录。",
    "expired": "Your session ended after {hours} hours; sign in again. · "
    "会话已满 {hours} 小时，请重新登录。",
    "password_changed": "Your password was changed; sign in with the new one. · "
    "密码已更改，请用新密码登录。",
    "sign_out": "You are signed out. · 已退出登录。",
    "signed_out": "You are signed out. · 已退出登录。",
    "no_account": "{email} has no account here yet; ask an admin to add the user {email}. · "
    "{email} 尚无账户，请联系管理员添加。",
    "sign_out_button": "Sign out · 退出登录",
}
NOTICES = {"idle", "expired", "password_changed", "sign_out", "user_removed", "user_disabled"}


def notice_for(reason: str | None) -> str | None:
    """The line telling why a session ended (None for a first visit)."""
    if reason not in NOTICES:
        return None
    if reason == "idle":
        return TEXT["idle"].format(minutes=get_settings().session_idle_minutes)
    if reason == "expired":
        return TEXT["expired"].format(hours=sessions.MAX_AGE_SECONDS // 3600)
    if reason == "password_changed":
        return TEXT["password_changed"]
    return TEXT["signed_out"]


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _page(request: Request, *, next_path: str, form_token: str, user: str = "",
          error: str | None = None, notice: str | None = None, status: int = 200) -> Response:
    def box(kind: str, text: str | None) -> str:
        return f'<p class="{kind}" role="alert">{html.escape(text)}</p>' if text else ""

    body = PAGE.substitute(
        title=html.escape(TEXT["title"]), user_label=html.escape(TEXT["user"]),
        password_label=html.escape(TEXT["password"]), submit=html.escape(TEXT["submit"]),
        user=html.escape(user), next=html.escape(next_path), form_token=html.escape(form_token),
        action=SIGN_IN_PATH, messages=box("notice", notice) + box("error", error),
    )
    response = HTMLResponse(body, status_code=status, headers={
        "Cache-Control": "no-store", "X-Frame-Options": "DENY",
        "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
        "form-action 'self'; frame-ancestors 'none'",
    })
    response.set_cookie(FORM_COOKIE, form_token, httponly=True, samesite="strict",
                        secure=_secure(request), path=SIGN_IN_PATH)
    return response


async def show(request: Request) -> Response:
    """GET /sign-in?next=…&why=…: the form; a dead session cookie is dropped on the way."""
    response = _page(request, next_path=safe_next(request.query_params.get("next")),
                     form_token=secrets.token_urlsafe(24),
                     notice=notice_for(request.query_params.get("why")))
    if SESSION_COOKIE in request.cookies:
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _check(name: str, password: str):
    db = resolve_db()
    viewer = auth.authenticate(name, password, db=db, timeout=BUSY_SECONDS)
    if viewer is not None:
        return viewer, sessions.start(viewer.name, db=db), None
    return None, None, auth.locked_until(name, db=db)


async def submit(request: Request) -> Response:
    """POST /sign-in: a right password starts a session and goes on to the page asked for."""
    raw = await request.body()
    fields = {k: v[0] for k, v in parse_qs(raw[:LONGEST_FORM].decode("utf-8", "replace"),
                                            keep_blank_values=True).items()}
    next_path = safe_next(fields.get("next"))
    name, password = fields.get("user", "")[:200], fields.get("password", "")[:1024]
    fresh = secrets.token_urlsafe(24)
    sent, expected = fields.get("form_token", ""), request.cookies.get(FORM_COOKIE, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return _page(request, next_path=next_path, form_token=fresh, user=name,
                     error=TEXT["stale"], status=400)
    try:
        viewer, token, locked = await run_in_threadpool(_check, name, password)
    except WarehouseBusy:
        return _page(request, next_path=next_path, form_token=fresh, user=name,
                     error=TEXT["busy"], status=503)
    if viewer is None:
        error = TEXT["locked"].format(until=f"{locked:%H:%M}") if locked else TEXT["wrong"]
        return _page(request, next_path=next_path, form_token=fresh, user=name, error=error,
                     status=429 if locked else 401)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, **session_cookie_options(_secure(request)))
    response.delete_cookie(FORM_COOKIE, path=SIGN_IN_PATH)
    return response
