"""Alert tables with response clocks, the per-alert control chart and the acknowledge form."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard.components import charts, data
from dashboard.components.table_labels import show_table
from dashboard.i18n import fmt_datetime, fmt_duration, fmt_number, language, scope_label, t
from warehouse.access.permissions import can
from warehouse.access.scope import Filters, Viewer
from warehouse.alerting import alerts

OPEN_STATES = ("firing", "acknowledged")
LEVEL_STYLES = {"red": "background-color: #f5b7b1", "yellow": "background-color: #fcf3cf"}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def time_left(due_at, now: datetime | None = None) -> str:
    """'3 h 20 min' until the response clock runs out, or 'overdue by …'."""
    if due_at is None or pd.isna(due_at):
        return "—"
    due = pd.Timestamp(due_at).to_pydatetime().replace(tzinfo=None)
    seconds = (due - (now or _utc_now())).total_seconds()
    if seconds < 0:
        return t("alerts.overdue", duration=fmt_duration(-seconds))
    return fmt_duration(seconds)


def _word(prefix: str, value) -> str:
    if value is None or pd.isna(value) or not str(value):
        return "—"
    return t(f"{prefix}.{value}")


def display_frame(alerts: pd.DataFrame, past: bool = False) -> pd.DataFrame:
    """ALERTS as people read them: localised words, local times, the clock for open ones."""
    now = _utc_now()
    out = pd.DataFrame({
        t("alerts.col.id"): alerts["id"],
        t("alerts.col.level"): [_word("level", lv) for lv in alerts["level"]],
        t("alerts.col.rule"): [rule_name(r) for r in alerts.itertuples()],
        t("alerts.col.scope"): [scope_label(s) for s in alerts["scope"]],
        t("alerts.col.state"): [_word("alerts.state", s) for s in alerts["state"]],
        t("alerts.col.value"): [fmt_number(v, 2) for v in alerts["value"]],
        t("alerts.col.limit"): [fmt_number(v, 2) for v in alerts["limit"]],
        t("alerts.col.response_level"): [_word("alerts.response", r)
                                         for r in alerts["response_level"]],
        t("alerts.col.opened"): [fmt_datetime(v) for v in alerts["opened_at"]],
        t("alerts.col.due"): [fmt_datetime(v) for v in alerts["due_at"]],
    })
    if past:
        out[t("alerts.col.resolved")] = [fmt_datetime(v) for v in alerts["resolved_at"]]
        if "phase" in alerts:
            out[t("alerts.col.phase")] = [_word("alerts.phase", p) for p in alerts["phase"]]
        if "recovered" in alerts:
            out[t("alerts.col.recovered")] = [
                "—" if r is None or pd.isna(r) else t("alerts.yes" if r else "alerts.no")
                for r in alerts["recovered"]
            ]
    else:
        out[t("alerts.col.time_left")] = [
            time_left(due, now) if state == "firing" else "—"
            for due, state in zip(alerts["due_at"], alerts["state"])
        ]
    return out


def styled(shown: pd.DataFrame, alerts: pd.DataFrame):
    """SHOWN (a display_frame of ALERTS) with its level cells coloured red / yellow."""
    colours = pd.Series([LEVEL_STYLES.get(lv, "") for lv in alerts["level"]], index=shown.index)
    column = t("alerts.col.level")
    return shown.style.apply(lambda _: colours, subset=[column])


def open_alerts(viewer: Viewer, filters: Filters | None = None) -> pd.DataFrame | None:
    """Open alerts (about what FILTERS chose, when given), red first, then the earliest clock."""
    frame = data.shown(data.list_alerts, viewer, OPEN_STATES, filters)
    if frame is None or frame.empty:
        return frame
    rank = frame["level"].map({"red": 0, "yellow": 1}).fillna(2)
    return frame.assign(_rank=rank).sort_values(["_rank", "due_at"]).drop(columns="_rank")


def monitor_note() -> None:
    """Whether the monitor is running: without it alerts change only when data is loaded."""
    status = data.shown(data.monitor_status)
    if status is None:
        return
    if status["running"]:
        st.caption(t("alerts.monitor_running", seconds=status["interval"],
                     when=fmt_datetime(status["last_cycle_at"] or status["beat_at"])))
    else:
        st.info(t("alerts.monitor_down"), icon=":material/sensors_off:")


def rule_name(row) -> str:
    """The rule's name in the UI language (rule_name_en / rule_name_zh), else its id."""
    name = getattr(row, "rule_name_zh" if language() == "zh-CN" else "rule_name_en", None)
    return str(name) if isinstance(name, str) and name else str(row.rule)


def alert_label(row) -> str:
    return f"#{row.id} · {_word('level', row.level)} · {rule_name(row)} · {scope_label(row.scope)}"


def control_chart(alert, viewer: Viewer) -> None:
    frame = data.shown(data.control_chart, int(alert.id), viewer)
    title = t("alerts.control_chart", rule=rule_name(alert), scope=scope_label(alert.scope))
    if frame is None:
        return
    if frame.empty:
        st.info(t("alerts.no_chart"))
        return
    labels = {k: t(f"alerts.chart.{k}") for k in ("value", "centre", "limits", "breach")}
    charts.show(st, charts.control_chart(frame, title, labels), key=f"al_chart_{alert.id}")


def events(alert, viewer: Viewer) -> None:
    frame = data.shown(data.alert_events, int(alert.id), viewer)
    if frame is None or frame.empty:
        return
    shown = pd.DataFrame({
        t("alerts.col.when"): [fmt_datetime(v) for v in frame["event_at"]],
        t("alerts.col.event"): [_word("alerts.event", e) for e in frame["event"]],
        t("alerts.col.level"): [_word("level", lv) for lv in frame["level"]],
        t("alerts.col.value"): [fmt_number(v, 2) for v in frame["value"]],
        t("alerts.col.by"): frame["user_name"].fillna("—"),
        t("alerts.col.note"): frame["note"].fillna(""),
    })
    st.caption(t("alerts.events"))
    show_table(shown, hide_index=True, width="stretch", key=f"al_events_{alert.id}")


def acknowledge_form(alert, viewer: Viewer) -> None:
    """Acknowledge with a note (firing alerts; roles allowed to; scope is checked below)."""
    if alert.state != "firing" or not can(viewer, "acknowledge"):
        return
    with st.form(key=f"al_ack_form_{alert.id}"):
        note = st.text_area(t("alerts.ack_note"), key=f"al_note_{alert.id}", max_chars=2000)
        pressed = st.form_submit_button(t("alerts.ack"), type="primary",
                                        icon=":material/task_alt:")
    if not pressed:
        return
    if not note.strip():
        st.warning(t("alerts.ack_need_note"))
        return
    try:
        data.write(alerts.acknowledge, int(alert.id), viewer=viewer, note=note.strip())
    except (PermissionError, ValueError) as exc:  # out of scope or no longer firing
        st.error(t("alerts.ack_refused", reason=exc))
        return
    st.toast(t("alerts.acked", id=int(alert.id)), icon=":material/task_alt:")
    st.rerun()
