"""Users: accounts, roles and department scopes (admins only)."""

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.frame import framed
from dashboard.components.table_labels import show_table
from dashboard.components.user_admin import NOTICE_KEY, add_user_form, edit_user_form
from dashboard.i18n import t
from warehouse.access import auth
from warehouse.access.permissions import can
from warehouse.storage.db import WarehouseBusy

viewer, _ = framed()
st.title(t("users.title"))
if not can(viewer, "manage_users"):
    st.warning(t("common.not_allowed"))
    st.stop()
st.caption(t("users.caption"))
if notice := st.session_state.pop(NOTICE_KEY, None):
    st.success(notice)

users = data.read_now(auth.list_users, viewer=viewer)
table = pd.DataFrame(users, columns=["name", "role", "channels", "regions", "disabled",
                                     "locked_until", "created_at"])
table["role"] = table["role"].map(lambda r: t(f"role.{r}"))
for column in ("channels", "regions"):
    table[column] = table[column].map(lambda values: ", ".join(values))
show_table(table.rename(columns=lambda c: t(f"users.col.{c}")), hide_index=True,
           width="stretch", key="users.table")

try:
    options = data.filter_options(viewer) or {}
except WarehouseBusy:  # only suggestions; new ones can be typed
    options = {}

add_tab, edit_tab = st.tabs([t("users.add"), t("users.edit")])
with add_tab:
    add_user_form(viewer, options)
with edit_tab:
    edit_user_form(viewer, users, options)
