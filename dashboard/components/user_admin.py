"""Forms of the Users page: add a user, change role/scope/password, disable or remove."""

from __future__ import annotations

import streamlit as st

from dashboard.components import data
from dashboard.i18n import t
from warehouse.access import auth
from warehouse.access.scope import ROLES, Viewer
from warehouse.storage.db import WarehouseBusy

NOTICE_KEY = "users.notice"


def _done(func, *args, success: str, **kwargs) -> None:
    """Run an account change; a refusal is a message, never a traceback."""
    try:
        data.write(func, *args, **kwargs)
    except (auth.AccountError, auth.PermissionDenied, WarehouseBusy) as exc:
        st.error(t("users.refused", reason=exc))
        return
    st.session_state[NOTICE_KEY] = success  # shown after the rerun that refreshes the table
    st.rerun()


def _scope_inputs(prefix: str, options: dict, channels=(), regions=()) -> tuple[list, list]:
    # filter_options() answers with plural keys
    chans = st.multiselect(t("users.channels"), sorted(set(options.get("channels", [])) | set(channels)),
                           default=list(channels), accept_new_options=True, key=f"{prefix}.channels")
    regs = st.multiselect(t("users.regions"), sorted(set(options.get("regions", [])) | set(regions)),
                          default=list(regions), accept_new_options=True, key=f"{prefix}.regions")
    return chans, regs


# Least privileged first: a new account starts as a department head (only their own scope,
# which the admin must name), never as an admin by a missed click.
NEW_USER_ROLES = ("dept_head", "manager", "analyst", "admin")


def _role_label(role: str) -> str:
    return t(f"role.{role}")


def add_user_form(viewer: Viewer, options: dict) -> None:
    with st.form("users.add_form", clear_on_submit=True):
        st.subheader(t("users.add"))
        name = st.text_input(t("users.name"), key="users.add.name")
        role = st.selectbox(t("users.role"), NEW_USER_ROLES, index=0, format_func=_role_label,
                            key="users.add.role")
        chans, regs = _scope_inputs("users.add", options)
        password = st.text_input(t("users.password"), type="password", key="users.add.password")
        if st.form_submit_button(t("users.create"), type="primary"):
            _done(auth.add_user, name, role, password=password, channels=chans, regions=regs,
                  by=viewer, success=t("users.created", name=name.strip().lower()))


def edit_user_form(viewer: Viewer, users: list[dict], options: dict) -> None:
    st.subheader(t("users.edit"))
    names = [u["name"] for u in users]
    if not names:
        return
    name = st.selectbox(t("users.pick"), names, key="users.edit.name")
    user = next(u for u in users if u["name"] == name)
    with st.form(f"users.access_form.{name}"):
        role = st.selectbox(t("users.role"), ROLES, index=ROLES.index(user["role"]),
                            format_func=_role_label, key=f"users.edit.role.{name}")
        chans, regs = _scope_inputs(f"users.edit.{name}", options, user["channels"], user["regions"])
        if st.form_submit_button(t("users.save_access")):
            if role != "dept_head":
                chans, regs = [], []  # a scope only applies to department heads
            _done(auth.set_access, name, role, channels=chans, regions=regs, by=viewer,
                  success=t("users.saved"))
    with st.form(f"users.password_form.{name}", clear_on_submit=True):
        password = st.text_input(t("users.new_password"), type="password",
                                 key=f"users.edit.password.{name}")
        if st.form_submit_button(t("users.set_password")):
            _done(auth.set_password, name, password, by=viewer, success=t("users.saved"))
    left, right = st.columns(2)
    toggle = t("users.enable") if user["disabled"] else t("users.disable")
    if left.button(toggle, key=f"users.toggle.{name}"):
        _done(auth.set_disabled, name, not user["disabled"], by=viewer, success=t("users.saved"))
    sure = right.checkbox(t("users.confirm_remove", name=name), key=f"users.confirm.{name}")
    if right.button(t("users.remove"), key=f"users.remove.{name}", disabled=not sure):
        _done(auth.remove_user, name, by=viewer, success=t("users.removed", name=name))
