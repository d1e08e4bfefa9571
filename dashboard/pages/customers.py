"""Customers: churn-risk list by value tier, with the reason for each flag."""

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import current_viewer
from dashboard.components.customer_views import TIERS, display_frame, tier_label, tier_tiles
from dashboard.components.downloads import download_buttons
from dashboard.components.filters import current_filters
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import setting, t
from warehouse.kpi import customers

viewer = current_viewer()
filters = current_filters()
st.title(t("customers.title"))
st.caption(t("customers.caption"))


def tiers() -> None:
    as_of_caption()
    counts = data.shown(data.call, customers.tier_counts, filters=filters, viewer=viewer)
    if counts is None:
        return
    st.subheader(t("customers.tiers"))
    at_risk = data.shown(data.call, customers.churn_risk, filters=filters,
                         viewer=viewer)
    tier_tiles(counts, at_risk)


def risk_list() -> None:
    frame = data.shown(data.call, customers.churn_risk, filters=filters, viewer=viewer)
    if frame is None:
        return
    st.subheader(t("customers.list"), help=t("customers.reason_help"))
    st.caption(t("customers.currency_note", currency=setting("currency") or "CNY"))
    tier = st.segmented_control(t("customers.tier"), ["all", *TIERS], default="all",
                                format_func=tier_label, key="customers_tier")
    if tier and tier != "all" and "tier" in frame:
        frame = frame[frame["tier"].astype(str).str.lower() == tier]
    if frame.empty:
        st.info(t("customers.none"))
        return
    frame = display_frame(frame)
    show_table(frame, hide_index=True, key="customers_table", height=460,
               column_config=column_config(frame))
    download_buttons(frame, f"churn_risk_{tier or 'all'}", key="customers_dl")


live(tiers)
live(risk_list)
