"""Who is signed in: the session cookie checked on every run, idle timeout, sign-out.

The sign-in page itself is plain HTTP (dashboard/web/sign_in.py): it sets an HttpOnly cookie
holding a session token, so a reload, a new tab or a copied link stays signed in. Each run
checks that token against the session store (ended by sign-out, the idle timeout, a password
change or the removal of the account) and sends the browser back to the sign-in page, with
the address it was on, once it no longer counts. Single sign-on (CXRISK_AUTH=oidc) keeps
Streamlit's own st.login cookie instead.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit import runtime

from dashboard import web
from dashboard.components import data
from dashboard.web.cookies import SESSION_COOKIE, SIGN_IN_PATH
from dashboard.web.sign_in import TEXT, notice_for
from warehouse.access import auth, sessions
from warehouse.access.scope import Viewer
from warehouse.config.settings import get_settings
from warehouse.storage.db import WarehouseBusy

VIEWER_KEY = "auth.viewer"
TOKEN_KEY = "auth.token"
LAST_SEEN_KEY = "auth.last_seen"
CHECKED_KEY = "auth.checked_at"
NOTICE_KEY = "auth.notice"
# The account is re-read this often so a removed user or a narrowed scope applies promptly.
RECHECK_SECONDS = 15


def _oidc_configured() -> bool:
    """Single sign-on only when CXRISK_AUTH=oidc and .streamlit/secrets.toml has an [auth] table."""
    if get_settings().auth_mode != "oidc":
        return False
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError):
        return False


def _idle_seconds() -> float:
    return get_settings().session_idle_minutes * 60


def _token() -> str | None:
    try:
        token = st.context.cookies.get(SESSION_COOKIE)
    except (AttributeError, RuntimeError):  # no browser behind this run (scripts, AppTest)
        return None
    return token if isinstance(token, str) and token else None


def _here() -> str:
    """This page's address (path and query), to come back to after signing in again."""
    try:
        url = st.context.url
    except (AttributeError, RuntimeError):
        url = None
    path = (urlsplit(url).path or "/") if isinstance(url, str) else "/"
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return path + (f"?{urlencode(pairs)}" if pairs else "")


def _forget() -> None:
    for key in (VIEWER_KEY, TOKEN_KEY, LAST_SEEN_KEY, CHECKED_KEY):
        st.session_state.pop(key, None)


def _audit(viewer_name: str, action: str) -> None:
    data.read_now(auth.record_session_event, viewer_name, action)


def _to_sign_in(reason: str | None) -> None:
    """Show why the session ended and send the browser to the sign-in page; stops the run."""
    _forget()
    st.title(TEXT["title"])
    notice = notice_for(reason) or st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    target = f"{SIGN_IN_PATH}?{urlencode({'next': _here(), **({'why': reason} if reason else {})})}"
    st.markdown(f"[{TEXT['submit']}]({target})")
    if web.SERVED:
        # leave without a click: the sign-in page is outside this page's socket
        st.html(f"<script>window.location.replace({json.dumps(target)});</script>",
                unsafe_allow_javascript=True)
    elif runtime.exists():
        st.error("Start the app with `streamlit run dashboard/server.py`: it serves the sign-in "
                 "page. · 请用 `streamlit run dashboard/server.py` 启动应用。")
    if _oidc_configured():
        st.button(TEXT["sso"], key="auth.sso", type="primary", on_click=st.login)
    st.stop()


def _fresh_viewer(name: str, known: Viewer | None) -> Viewer | None:
    """The account as stored now (re-read every RECHECK_SECONDS); None when it was removed."""
    if known is not None and known.name == name and \
            time.time() - st.session_state.get(CHECKED_KEY, 0) < RECHECK_SECONDS:
        return known
    try:
        fresh = data.read_now(auth.load_viewer, name, timeout=2)
    except auth.UnknownUser:
        return None
    except WarehouseBusy:
        if known is not None and known.name == name:
            return known
        st.warning(TEXT["busy"])
        st.stop()
    st.session_state[CHECKED_KEY] = time.time()
    return fresh


def _cookie_viewer(token: str, *, touch: bool) -> Viewer:
    session = data.read_now(auth.check_session, token, idle_seconds=_idle_seconds(),
                            touch=touch)
    if not session.active:
        _to_sign_in(None if session.ended_reason == "unknown" else session.ended_reason)
    viewer = _fresh_viewer(session.user_name, st.session_state.get(VIEWER_KEY))
    if viewer is None:
        data.read_now(sessions.end, token, "user_removed")
        _to_sign_in("user_removed")
    st.session_state[VIEWER_KEY] = viewer
    st.session_state[TOKEN_KEY] = token
    return viewer


def _sso_viewer() -> Viewer | None:
    """The local account matching the SSO e-mail (roles and scopes stay in the warehouse)."""
    if not st.user.get("is_logged_in", False):
        return None
    email = str(st.user.get("email") or "").strip().lower()
    try:
        viewer = data.read_now(auth.load_viewer, email, timeout=5)
    except auth.AccountError:
        st.error(TEXT["no_account"].format(email=email or "?"))
        st.button(TEXT["sign_out_button"], key="auth.sso_out", on_click=st.logout)
        st.stop()
    except WarehouseBusy:
        st.warning(TEXT["busy"])
        st.stop()
    _audit(viewer.name, "sign_in_sso")
    return viewer


def _idle(now: float | None = None) -> bool:
    return (now or time.time()) - st.session_state.get(LAST_SEEN_KEY, 0) > _idle_seconds()


def _held_viewer() -> Viewer | None:
    """Without a session cookie (single sign-on, or a test harness that put a viewer in the
    session): the viewer held in this browser session, with the same idle timeout."""
    viewer = st.session_state.get(VIEWER_KEY)
    if viewer is not None:
        if _idle():
            _audit(viewer.name, "session_expired")
            _to_sign_in("idle")
        viewer = _fresh_viewer(viewer.name, viewer)
        if viewer is None:
            _to_sign_in("user_removed")
    elif _oidc_configured():
        viewer = _sso_viewer()
    if viewer is not None:
        st.session_state[VIEWER_KEY] = viewer
        st.session_state[LAST_SEEN_KEY] = time.time()
    return viewer


def signed_in() -> bool:
    """Whether this run has someone signed in (without moving the idle clock or stopping)."""
    token = _token()
    if token:
        return data.read_now(sessions.check, token, idle_seconds=_idle_seconds(),
                             touch=False).active
    return st.session_state.get(VIEWER_KEY) is not None


def current_viewer() -> Viewer:
    """The signed-in viewer; sends the browser to the sign-in page and stops when nobody is.

    Safe to call more than once per run (the app and the page both ask).
    """
    token = _token()
    if token:
        return _cookie_viewer(token, touch=True)
    viewer = _held_viewer()
    if viewer is None:
        _to_sign_in(None)
    return viewer


def expire_if_idle() -> None:
    """For areas that rerun on their own (live fragments): an idle session's data stops there.

    A timer rerun is not user activity, so it does not move the idle clock; once the session
    has ended the whole app reruns and leaves for the sign-in page.
    """
    if st.session_state.get(VIEWER_KEY) is None:
        return
    token = _token()
    if token:
        session = data.read_now(auth.check_session, token, idle_seconds=_idle_seconds(),
                                touch=False)
        if not session.active:
            st.rerun()
    elif _idle():
        st.rerun()


def sign_out() -> None:
    """End the session (audited); the next run goes to the sign-in page."""
    viewer = st.session_state.get(VIEWER_KEY)
    token = _token()
    if token:
        data.read_now(sessions.end, token, "sign_out")
    if viewer is not None:
        _audit(viewer.name, "sign_out")
    _forget()
    st.session_state[NOTICE_KEY] = TEXT["signed_out"]
    if _oidc_configured() and st.user.get("is_logged_in", False):
        st.logout()


def sign_out_button(where=None) -> None:
    """A sign-out button (in the sidebar unless WHERE is another container)."""
    from dashboard.i18n import t

    (where or st.sidebar).button(t("app.sign_out"), key="auth.sign_out", on_click=sign_out,
                                 icon=":material/logout:")
