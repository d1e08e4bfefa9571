"""Improvements: the improvement list of the quarterly risk review, items made with one click
from the Pareto, the risk matrix or an alert, owners, due dates and status."""

import streamlit as st

from dashboard.components import data, improvement_views
from dashboard.components.frame import framed
from dashboard.i18n import fmt_date, t
from warehouse.access.permissions import can
from warehouse.reports import improvements as imp

viewer, filters = framed()
st.title(t("improvements.title"))
window = f"{fmt_date(filters.start)} – {fmt_date(filters.end)}"
st.caption(t("improvements.caption", window=window))

if can(viewer, "edit_improvements"):
    with st.expander(t("improvements.add"), expanded=True, icon=":material/playlist_add:"):
        improvement_views.add(viewer, filters)
else:
    st.info(t("improvements.read_only"))

items = data.shown(data.call, imp.list_items, viewer=viewer)
if items is not None:
    if items.empty:
        st.info(t("improvements.empty"))
    else:
        st.subheader(t("improvements.list", n=len(items), overdue=int(items["overdue"].sum())))
        improvement_views.table(items)
        improvement_views.editor(items, viewer)
