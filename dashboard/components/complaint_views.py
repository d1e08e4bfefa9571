"""Pieces of the Complaints page: handling tiles, open tickets with their SLA clock,
escalations by channel, repeat complaints."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import data, kpi_tiles
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import fmt_duration, fmt_int, metric_label, t, translator, value_labeller
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
    show_table(frame, hide_index=True, key="complaints_escalations",
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
    show_table(frame, hide_index=True, key="complaints_repeats", height=300,
               column_config=column_config(frame))
    download_buttons(frame, "repeat_complaints", key="complaints_repeats_dl")


OPEN_SHOWN = 200


def open_tickets(filters: Filters, viewer: Viewer) -> None:
    """The tickets still open with their SLA clock, most urgent first (a team lead's list)."""
    frame = data.shown(data.call, complaints.open_tickets, filters=filters, viewer=viewer,
                       limit=OPEN_SHOWN)
    if frame is None:
        return
    st.subheader(t("complaints.open"), help=t("complaints.open_help"))
    if frame.empty:
        st.success(t("complaints.open_none"))
        return
    total = data.shown(data.call, complaints.open_ticket_count, filters=filters, viewer=viewer)
    overdue = int((frame["seconds_left"] < 0).sum())
    st.caption(t("complaints.open_count", shown=fmt_int(len(frame)), total=fmt_int(total),
                 overdue=fmt_int(overdue) + ("+" if len(frame) < (total or 0) else "")))
    shown = ticket_clock_frame(frame)
    show_table(shown, hide_index=True, key="complaints_open_table", height=360,
               column_config=column_config(shown))
    download_buttons(shown, "open_tickets", key="complaints_open_dl",
                     everything=lambda: ticket_clock_frame(data.read_now(
                         complaints.open_tickets, filters=filters, viewer=viewer, limit=None)))


def ticket_clock_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Open tickets as read: which clock runs, time left or overdue by, hours for sorting."""
    tr = translator()
    seconds = frame["seconds_left"]
    return pd.DataFrame({
        "ticket_id": frame["ticket_id"],
        "created_at": frame["created_at"],
        "severity": frame["severity"].map(value_labeller("severity")),
        "status": frame["status"].map(value_labeller("status")),
        "sla_clock": frame["awaiting_response"].map(
            lambda waiting: tr("complaints.clock_response" if waiting else "complaints.clock_resolution")),
        "time_left": [tr("complaints.overdue_by", d=fmt_duration(s)) if s < 0
                      else tr("complaints.due_in", d=fmt_duration(s)) for s in seconds],
        "hours_left": (seconds / 3600).round(1),
        "category": frame["category"].map(value_labeller("category")),
        "channel": frame["channel"],
        "region": frame["region"],
        "customer_id": frame["customer_id"],
        "description": frame["description"],
    })
