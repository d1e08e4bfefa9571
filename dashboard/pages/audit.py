"""Audit log: who did what and when, filterable and downloadable (admins only)."""

import json

import streamlit as st

from dashboard.components import data
from dashboard.components.downloads import download_buttons
from dashboard.components.frame import framed
from dashboard.components.table_labels import show_table
from dashboard.i18n import t
from warehouse.access import audit, auth
from warehouse.access.permissions import can
from warehouse.storage.db import WarehouseBusy

LIMIT = 2000


def action_label(action: str) -> str:
    """The action in the reader's language; an action without a label shows as its code."""
    key = f"audit.action.{action}"
    label = t(key)
    return action if label == key else label


viewer, _ = framed()
st.title(t("audit.title"))
if not can(viewer, "view_audit"):
    st.warning(t("common.not_allowed"))
    st.stop()
st.caption(t("audit.caption"))
try:  # sign-in events wait beside the warehouse until a write copies them: copy them now
    data.read_now(auth.flush_pending_audit, timeout=2)
except WarehouseBusy:
    st.caption(t("common.busy"))

left, middle, right = st.columns([2, 2, 3])
dates = left.date_input(t("audit.dates"), value=(), key="audit.dates")
actions = middle.multiselect(t("audit.actions"), data.read_now(audit.audit_actions, viewer=viewer),
                             format_func=action_label, key="audit.actions")
text = right.text_input(t("audit.text"), key="audit.text")
known = [u["name"] for u in data.read_now(auth.list_users, viewer=viewer)]
users = st.multiselect(t("audit.users"), known, accept_new_options=True, key="audit.users")

start = dates[0] if len(dates) > 0 else None
end = dates[1] if len(dates) > 1 else start
entries = data.read_now(audit.list_audit, viewer=viewer, start=start, end=end, users=users,
                     actions=actions, text=text, limit=LIMIT)
if entries.empty:
    st.info(t("audit.empty"))
    st.stop()

# Details are JSON; shown compact so before/after of a change reads on one line.
entries["detail"] = entries["detail"].map(
    lambda d: json.dumps(json.loads(d), ensure_ascii=False) if isinstance(d, str) and d else d)
entries["action"] = entries["action"].map(action_label)
shown = entries.drop(columns=["audit_id"]).rename(columns=lambda c: t(f"audit.col.{c}"))
st.caption(t("audit.shown", n=len(entries), limit=LIMIT))
show_table(shown, hide_index=True, width="stretch", key="audit.table")
download_buttons(shown, "audit_log", key="audit.download")
