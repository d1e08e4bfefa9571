"""Alerts page: assign an open alert to an owner or team (a work order), and open a linked alert."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.kept import keep
from dashboard.components.table_labels import show_table
from dashboard.i18n import display_zone, fmt_datetime, t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer
from warehouse.alerting import assignments


def linked_alert(choices) -> None:
    """A message's link (?alert=ID) opens that alert once, when the viewer may see it."""
    asked = st.query_params.get("alert")
    if asked is None or st.session_state.get("al_link_used") == asked:
        return
    st.session_state["al_link_used"] = asked
    if asked.isdigit() and int(asked) in choices:
        keep("al_pick", int(asked))


def assign_form(alert, viewer: Viewer) -> None:
    """Owner, due time (display zone) and a note; the owner's notification targets are told."""
    if alert.state == "resolved" or not can(viewer, "acknowledge"):
        return
    orders = data.call(assignments.assignments, int(alert.id), viewer=viewer)
    with st.expander(t("assign.title"), expanded=False):
        if not orders.empty:
            show_table(pd.DataFrame({
                t("assign.owner"): orders["owner"],
                t("assign.due"): [fmt_datetime(v) for v in orders["due_at"]],
                t("assign.note"): orders["note"],
                t("assign.by"): orders["assigned_by"],
                t("assign.at"): [fmt_datetime(v) for v in orders["assigned_at"]],
            }), hide_index=True, key=f"al_orders_{alert.id}")
        with st.form(key=f"al_assign_form_{alert.id}"):
            owner = st.text_input(t("assign.owner"), key=f"al_assign_owner_{alert.id}",
                                  help=t("assign.owner_help"))
            cols = st.columns(2)
            # two hours from now by default (the first-contact clock), seeded once so the
            # default does not move under the user's hands
            default = (datetime.now(display_zone()) + timedelta(hours=2)).replace(
                second=0, microsecond=0)
            st.session_state.setdefault(f"al_assign_day_{alert.id}", default.date())
            st.session_state.setdefault(f"al_assign_time_{alert.id}", default.time())
            day = cols[0].date_input(t("assign.due_day"), key=f"al_assign_day_{alert.id}")
            at = cols[1].time_input(t("assign.due_time"), key=f"al_assign_time_{alert.id}")
            note = st.text_area(t("assign.note"), key=f"al_assign_note_{alert.id}",
                                max_chars=2000)
            pressed = st.form_submit_button(t("assign.button"),
                                            icon=":material/assignment_ind:")
    if not pressed:
        return
    due = datetime.combine(day, at if isinstance(at, time) else time(), tzinfo=display_zone())
    try:
        result = data.write(assignments.assign, int(alert.id), owner=owner,
                            due_at=due.astimezone(UTC).replace(tzinfo=None), note=note,
                            viewer=viewer)
    except (PermissionError, ValueError) as exc:
        st.error(t("assign.refused", reason=exc))
        return
    st.toast(t("assign.done", owner=result["owner"],
               targets=", ".join(result["notified"]) or "—"), icon=":material/assignment_ind:")
    st.rerun()
