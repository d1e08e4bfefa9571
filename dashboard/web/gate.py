"""ASGI middleware: no page, download or upload without a live session.

A page request without one is sent to the sign-in page with the address it asked for, so the
copied link opens after sign-in; a download (`/media/…`) or an upload without one is refused.
The app's own files (scripts, styles, fonts, icons) and the health check stay open.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, RedirectResponse

from dashboard.web.cookies import SESSION_COOKIE, SIGN_IN_PATH
from warehouse.access import auth, sessions
from warehouse.config.settings import get_settings

OPEN_PREFIXES = ("/static/", "/app-assets/")
OPEN_PATHS = {SIGN_IN_PATH, "/favicon.png", "/favicon.ico", "/manifest.json", "/robots.txt"}
# Streamlit probes these (also below the page's own path) before it opens its socket.
OPEN_SUFFIXES = ("/_stcore/health", "/_stcore/host-config", "/_stcore/script-health-check")
# Single sign-on's own routes (Streamlit's st.login); used only when CXRISK_AUTH=oidc.
SSO_PATHS = {"/auth/login", "/auth/logout", "/oauth2callback"}
NOT_PAGES = ("/_stcore/", "/media/", "/component/", "/bidi-component/", "/app/static/")
# A bare /overview is the Overview, which Streamlit serves at the root as the default page.
ALIASES = {"/overview": "/"}


def _cookies(scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed header counts as no cookie
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _sso_signed_in(scope) -> bool:
    """A valid Streamlit single sign-on cookie (only when single sign-on is switched on)."""
    if get_settings().auth_mode != "oidc":
        return False
    from starlette.requests import Request
    from streamlit.web.server.starlette.starlette_auth_routes import (
        USER_COOKIE_NAME,
        _get_signed_cookie_from_request,
    )

    try:
        return _get_signed_cookie_from_request(Request(scope), USER_COOKIE_NAME) is not None
    except Exception:  # noqa: BLE001 - an unreadable cookie is no sign-in
        return False


def _live(token: str | None) -> sessions.Session:
    return auth.check_session(token, idle_seconds=get_settings().session_idle_minutes * 60)


class SessionGate:
    """Wraps the whole app (Streamlit's routes included)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        # The socket is left to the page script, which checks the same session on every run.
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path in ALIASES and scope["method"] in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = ALIASES[path] + (f"?{query}" if query else "")
            await RedirectResponse(target, status_code=307)(scope, receive, send)
            return
        if (path in OPEN_PATHS or path.startswith(OPEN_PREFIXES) or path.endswith(OPEN_SUFFIXES)
                or (path in SSO_PATHS and get_settings().auth_mode == "oidc")):
            await self.app(scope, receive, send)
            return
        session = await run_in_threadpool(_live, _cookies(scope).get(SESSION_COOKIE))
        if session.active or _sso_signed_in(scope):
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD") and not path.startswith(NOT_PAGES):
            query = scope.get("query_string", b"").decode("latin-1")
            asked = quote(path, safe="/-_.~") + (f"?{query}" if query else "")
            params = {"next": asked}
            if session.ended_reason and session.ended_reason != "unknown":
                params["why"] = session.ended_reason
            await RedirectResponse(f"{SIGN_IN_PATH}?{urlencode(params)}",
                                   status_code=303)(scope, receive, send)
            return
        await PlainTextResponse("Sign in first: this address needs a signed-in session.",
                                status_code=403)(scope, receive, send)
