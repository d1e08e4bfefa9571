"""Risk matrix: 5 × 5 grid of risk items, their drivers, owner, mitigation status and note."""

import streamlit as st

from dashboard.components import data, risk_views
from dashboard.components.downloads import download_buttons
from dashboard.components.frame import framed
from dashboard.components.kept import kept
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import t, translator

ITEM_TYPES = ("touchpoint", "category", "touchpoint_region")

viewer, filters = framed()
st.title(t("risk.title"))
st.caption(t("risk.caption"))
tr = translator()
types = st.segmented_control(t("risk.type"), ITEM_TYPES, selection_mode="multi", key="rm_types",
                             on_change=kept("rm_types", list(ITEM_TYPES)),
                             format_func=lambda k: tr(f"risk.type.{k}"))


def matrix() -> None:
    as_of_caption()
    items = data.shown(data.risk_items, filters, viewer)
    if items is None:
        return
    items = risk_views.in_words(items[items["item_type"].isin(types or ITEM_TYPES)])
    if items.empty:
        st.info(t("common.no_data"))
        return
    risk_views.grid(items)
    item = risk_views.picker(items)
    if item is not None:
        risk_views.details(item, viewer, filters)
    with st.expander(t("risk.table")):
        table = risk_views.table(items)
        show_table(table, hide_index=True, width="stretch", key="rm_table",
                   column_config=column_config(table, "risk.col", every=True),
                   column_order=[c for c in table.columns if c != "item_id"])
        download_buttons(table, "risk_items", "rm_download")


live(matrix)
