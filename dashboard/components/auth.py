"""Sign-in gate: local accounts (optionally single sign-on), idle timeout and sign-out."""

from __future__ import annotations

import time

import streamlit as st

from warehouse.access import auth
from warehouse.access.scope import Viewer
from warehouse.config.settings import get_settings, resolve_db
from warehouse.storage.db import WarehouseBusy

VIEWER_KEY = "auth.viewer"
LAST_SEEN_KEY = "auth.last_seen"
CHECKED_KEY = "auth.checked_at"
NOTICE_KEY = "auth.notice"
# The account is re-read this often so a removed user or a narrowed scope applies promptly.
RECHECK_SECONDS = 15
# How long a sign-in waits for a load that holds the warehouse before saying so.
BUSY_SECONDS = 15.0

# Shown before a language is chosen, so both languages at once.
TEXT = {
    "title": "Sign in · 登录",
    "user": "User name · 用户名",
    "password": "Password · 密码",
    "submit": "Sign in · 登录",
    "sso": "Sign in with single sign-on · 单点登录",
    "wrong": "Wrong user name or password. · 用户名或密码错误。",
    "locked": "Too many failed attempts: try again after {until} UTC, or ask an admin to reset "
    "your password. · 失败次数过多：请在 UTC {until} 之后重试，或请管理员重置密码。",
    "busy": "The warehouse is busy with a load; try again in a moment. · 数据正在加载，请稍后重试。",
    "expired": "You were signed out after {minutes} idle minutes; sign in again. · "
    "空闲超过 {minutes} 分钟已自动退出，请重新登录。",
    "signed_out": "You are signed out. · 已退出登录。",
    "no_account": "{email} has no account here yet; ask an admin to add the user {email}. · "
    "{email} 尚无账户，请联系管理员添加。",
    "sign_out": "Sign out · 退出登录",
}


def _oidc_configured() -> bool:
    """Single sign-on only when CXRISK_AUTH=oidc and .streamlit/secrets.toml has an [auth] table."""
    if get_settings().auth_mode != "oidc":
        return False
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError):
        return False


def _begin(viewer: Viewer) -> None:
    st.session_state[VIEWER_KEY] = viewer
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state[CHECKED_KEY] = time.time()


def _end(action: str, notice: str) -> None:
    viewer = st.session_state.pop(VIEWER_KEY, None)
    st.session_state.pop(LAST_SEEN_KEY, None)
    st.session_state[NOTICE_KEY] = notice
    if viewer is not None:
        try:
            auth.record_session_event(viewer, action, db=resolve_db(), timeout=5)
        except WarehouseBusy:
            pass  # the sign-out itself must not wait for a load


def _recheck(viewer: Viewer) -> Viewer | None:
    """The account as stored now; None when it was removed or disabled."""
    if time.time() - st.session_state.get(CHECKED_KEY, 0) < RECHECK_SECONDS:
        return viewer
    try:
        fresh = auth.load_viewer(viewer.name, db=resolve_db(), timeout=2)
    except auth.UnknownUser:
        return None
    except WarehouseBusy:
        return viewer
    st.session_state[CHECKED_KEY] = time.time()
    return fresh


def _sign_in_form() -> None:
    st.title(TEXT["title"])
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    if _oidc_configured():
        if st.button(TEXT["sso"], key="auth.sso", type="primary"):
            st.login()
        st.divider()
    with st.form("auth.sign_in"):
        name = st.text_input(TEXT["user"], key="auth.username")
        password = st.text_input(TEXT["password"], type="password", key="auth.password")
        submitted = st.form_submit_button(TEXT["submit"], type="primary")
    if not submitted:
        return
    db = resolve_db()
    try:
        viewer = auth.authenticate(name, password, db=db, timeout=BUSY_SECONDS)
    except WarehouseBusy:
        st.warning(TEXT["busy"])
        return
    if viewer is None:
        until = auth.locked_until(name, db=db)
        if until:
            st.error(TEXT["locked"].format(until=f"{until:%H:%M}"))
        else:
            st.error(TEXT["wrong"])
        return
    _begin(viewer)
    del st.session_state["auth.password"]  # no clear-text password kept in the session
    st.rerun()


def _sso_viewer() -> Viewer | None:
    """The local account matching the SSO e-mail (roles and scopes stay in the warehouse)."""
    if not st.user.get("is_logged_in", False):
        return None
    email = str(st.user.get("email") or "").strip().lower()
    try:
        viewer = auth.load_viewer(email, db=resolve_db(), timeout=5)
    except auth.AccountError:
        st.error(TEXT["no_account"].format(email=email or "?"))
        st.button(TEXT["sign_out"], key="auth.sso_out", on_click=st.logout)
        st.stop()
    try:
        auth.record_session_event(viewer, "sign_in_sso", db=resolve_db(), timeout=BUSY_SECONDS)
    except WarehouseBusy:
        st.warning(TEXT["busy"])
        st.stop()
    return viewer


def current_viewer() -> Viewer:
    """The signed-in viewer; renders the sign-in form and stops the script when nobody is.

    Safe to call more than once per run (the app and the page both ask).
    """
    viewer = st.session_state.get(VIEWER_KEY)
    if viewer is not None:
        if _idle():
            minutes = get_settings().session_idle_minutes
            _end("session_expired", TEXT["expired"].format(minutes=minutes))
            viewer = None
        else:
            viewer = _recheck(viewer)
            if viewer is None:
                _end("session_expired", TEXT["signed_out"])
            else:
                _begin_seen(viewer)
                return viewer
    if _oidc_configured():
        viewer = _sso_viewer()
        if viewer is not None:
            _begin(viewer)
            return viewer
    _sign_in_form()
    st.stop()


def _idle(now: float | None = None) -> bool:
    limit = get_settings().session_idle_minutes * 60
    return (now or time.time()) - st.session_state.get(LAST_SEEN_KEY, 0) > limit


def expire_if_idle() -> None:
    """For areas that rerun on their own (live fragments): an idle session's data stops there.

    A timer rerun is not user activity, so it does not extend the session; once the session
    is idle the whole app reruns and shows the sign-in form.
    """
    if st.session_state.get(VIEWER_KEY) is not None and _idle():
        st.rerun()


def _begin_seen(viewer: Viewer) -> None:
    st.session_state[VIEWER_KEY] = viewer
    st.session_state[LAST_SEEN_KEY] = time.time()


def sign_out() -> None:
    """End the session (audited); the next run shows the sign-in form."""
    _end("sign_out", TEXT["signed_out"])
    if _oidc_configured() and st.user.get("is_logged_in", False):
        st.logout()


def sign_out_button(where=None) -> None:
    """A sign-out button (in the sidebar unless WHERE is another container)."""
    (where or st.sidebar).button(TEXT["sign_out"], key="auth.sign_out", on_click=sign_out,
                                 icon=":material/logout:")
