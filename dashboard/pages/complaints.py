"""Complaints: SLA by severity, escalations, repeat complaints, Pareto, open tickets with their
SLA clock, searchable tickets."""

import streamlit as st

from dashboard.components import complaint_charts as charts
from dashboard.components import data, improvement_views
from dashboard.components.auth import current_viewer
from dashboard.components.charts import show
from dashboard.components.complaint_views import (
    escalations,
    handling_tiles,
    open_tickets,
    repeats,
    sla_columns,
)
from dashboard.components.downloads import download_buttons
from dashboard.components.filters import current_filters
from dashboard.components.kept import from_link, kept, to_link
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import fmt_int, t, value_labeller
from warehouse.access.permissions import can
from warehouse.kpi import complaints

SEARCH_LIMIT = 500

viewer = current_viewer()
filters = current_filters()
st.title(t("complaints.title"))
st.caption(t("complaints.caption"))


def handling() -> None:
    as_of_caption()
    handling_tiles(filters, viewer)
    sla = data.shown(data.call, complaints.sla_by_severity, filters=filters,
                     viewer=viewer)
    if sla is None:
        return
    st.subheader(t("complaints.sla"))
    if sla.empty:
        st.info(t("complaints.none"))
        return
    show(st, charts.sla_figure(sla, sla_columns(sla)), key="complaints_sla_chart")
    download_buttons(sla, "sla_by_severity", key="complaints_sla_dl")


def pareto() -> None:
    frame = data.shown(data.call, complaints.pareto, filters=filters, viewer=viewer)
    if frame is None or frame.empty:
        return
    st.subheader(t("complaints.pareto"))
    table = charts.pareto_table(frame)
    st.caption(t("complaints.pareto_vital", n=charts.vital_few(table), total=len(table)))
    show(st, charts.pareto_figure(table), key="complaints_pareto_chart")
    named = [c for c in frame["category"] if c != "(none)"]
    if named and can(viewer, "edit_improvements"):
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        category = left.selectbox(t("improvements.pick_category"), named, key="complaints_improve_pick",
                                  format_func=value_labeller("category"))
        with right:
            improvement_views.add_button(viewer, filters, "category", category,
                                         key="complaints_improve")
    download_buttons(frame, "complaint_pareto", key="complaints_pareto_dl")
    escalations(filters, viewer)
    repeats(filters, viewer)


live(handling)
live(pareto)

open_tickets(filters, viewer)
st.subheader(t("complaints.search"))
from_link("complaints_search", "q")
text = st.text_input(t("complaints.search"), key="complaints_search", label_visibility="collapsed",
                     placeholder=t("complaints.search_placeholder"),
                     on_change=kept("complaints_search"))
to_link("q", text.strip())
found = data.shown(data.call, complaints.search, text.strip(), filters=filters,
                   viewer=viewer, limit=SEARCH_LIMIT)
if found is not None:
    if found.empty:
        st.info(t("complaints.none"))
    else:
        total = data.call(complaints.search_count, text.strip(), filters=filters, viewer=viewer)
        st.caption(t("complaints.search_count", n=fmt_int(len(found)), total=fmt_int(total)))
        show_table(found, hide_index=True, key="complaints_table", height=420,
                   column_config=column_config(found))
        download_buttons(found, "complaints", key="complaints_table_dl", everything=lambda: (
            data.read_now(complaints.search, text.strip(), filters=filters, viewer=viewer,
                          limit=max(total, 1))))
