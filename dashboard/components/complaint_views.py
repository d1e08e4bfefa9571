"""Pieces of the Complaints page: handling tiles, escalations by channel, repeat complaints."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import data, kpi_tiles
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config
from dashboard.i18n import metric_label, t
from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import complaints

HANDLING_METRICS = ("complaints", "sla_first_response_pct", "sla_resolution_pct",
                    "escalation_rate_pct", "fcr_pct", "repeat_rate_pct")


def handling_tiles(filters: Filters, viewer: Viewer) -> None:
    """Complaint volume, SLA, escalation, FCR and repeat rate against the previous period."""
    summary = data.shown(data.kpi_summary, filters, viewer)
    if summary is not None:
        kpi_tiles.tiles(summary, metrics=HANDLING_METRICS, per_row=3)


def sla_columns(frame: pd.DataFrame) -> dict[str, str]:
    """SLA percentage columns of sla_by_severity() with their legend labels."""
    wanted = {"sla_first_response_pct": metric_label("sla_first_response_pct"),
              "sla_resolution_pct": metric_label("sla_resolution_pct")}
    return {c: label for c, label in wanted.items() if c in frame.columns}


def escalations(filters: Filters, viewer: Viewer) -> None:
    """Escalation and first-contact resolution per channel."""
    frame = data.shown(data.call, complaints.escalation_fcr, filters=filters,
                       viewer=viewer, by="channel")
    if frame is None or frame.empty:
        return
    st.subheader(t("complaints.escalations"))
    st.dataframe(frame, hide_index=True, key="complaints_escalations",
                 column_config=column_config(frame))
    download_buttons(frame, "escalations_by_channel", key="complaints_escalations_dl")


def repeats(filters: Filters, viewer: Viewer) -> None:
    """Customers who complained again about the same category within 30 days."""
    frame = data.shown(data.call, complaints.repeat_complaints, filters=filters,
                       viewer=viewer)
    if frame is None or frame.empty:
        return
    st.subheader(t("complaints.repeat"), help=t("complaints.repeat_help"))
    if "ticket_ids" in frame:  # a list per row: shown and downloaded as one text cell
        frame = frame.assign(ticket_ids=frame["ticket_ids"].map(
            lambda ids: ", ".join(map(str, ids)) if ids is not None else ""))
    st.dataframe(frame, hide_index=True, key="complaints_repeats", height=300,
                 column_config=column_config(frame))
    download_buttons(frame, "repeat_complaints", key="complaints_repeats_dl")
