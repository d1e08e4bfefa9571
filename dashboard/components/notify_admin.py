"""Settings → Notifications: targets (add, remove, test) and the outbox with failures and retries."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.table_labels import show_table
from dashboard.i18n import display_zone, fmt_datetime, t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer
from warehouse.alerting.notify import outbox, targets
from warehouse.alerting.notify.credentials import MissingSecret
from warehouse.alerting.notify.dispatcher import send_test

_FLASH = "notify_flash"


def notifications_section(viewer: Viewer) -> None:
    """Admins manage the targets; other roles are told who may."""
    if not can(viewer, "edit_settings"):
        st.info(t("notify.admins_only"))
        return
    if flash := st.session_state.pop(_FLASH, None):
        getattr(st, flash[0])(flash[1])
    found = data.read_now(targets.list_targets)
    _targets_table(found)
    _add_form(viewer)
    if found:
        _actions(found, viewer)
    _outbox(viewer)


def _targets_table(found: list[targets.Target]) -> None:
    st.subheader(t("notify.targets"))
    if not found:
        st.info(t("notify.no_targets"))
        return
    show_table(pd.DataFrame([{
        t("notify.name"): x.name, t("notify.kind"): t(f"notify.kind_{x.kind}"),
        t("notify.address"): x.shown_address, t("notify.min_level"): t(f"notify.level_{x.min_level}"),
        t("notify.filters"): _filters(x), t("notify.lang"): x.lang,
        t("notify.digest"): "✓" if x.digest else "—",
        t("notify.quarterly_report"): "✓" if x.quarterly_report else "—",
    } for x in found]), hide_index=True, width="stretch", key="notify_targets_table")


def _filters(target: targets.Target) -> str:
    parts = [f"{t(label)}: {', '.join(values)}" for label, values in (
        ("notify.regions", target.regions), ("notify.channels", target.channels),
        ("notify.rules", target.rules)) if values]
    if target.user_name:
        parts.append(f"{t('notify.user')}: {target.user_name}")
    return "; ".join(parts) or t("notify.all_alerts")


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]


def _add_form(viewer: Viewer) -> None:
    with st.expander(t("notify.add"), expanded=False), st.form("notify_add_form"):
        cols = st.columns(2)
        name = cols[0].text_input(t("notify.name"), key="notify_add_name")
        kind = cols[1].selectbox(t("notify.kind"), targets.KINDS, key="notify_add_kind",
                                 format_func=lambda k: t(f"notify.kind_{k}"))
        address = st.text_input(t("notify.address"), key="notify_add_address",
                                help=t("notify.address_help"))
        min_level = cols[0].selectbox(t("notify.min_level"), targets.LEVELS,
                                      key="notify_add_level",
                                      format_func=lambda k: t(f"notify.level_{k}"))
        lang = cols[1].selectbox(t("notify.lang"), targets.LANGS, key="notify_add_lang")
        regions = cols[0].text_input(t("notify.regions"), key="notify_add_regions",
                                     help=t("notify.list_help"))
        channels = cols[1].text_input(t("notify.channels"), key="notify_add_channels",
                                      help=t("notify.list_help"))
        rules = cols[0].text_input(t("notify.rules"), key="notify_add_rules",
                                   help=t("notify.list_help"))
        user = cols[1].text_input(t("notify.user"), key="notify_add_user",
                                  help=t("notify.user_help"))
        digest = st.checkbox(t("notify.digest"), value=True, key="notify_add_digest")
        quarterly = st.checkbox(t("notify.quarterly_report"), value=False,
                                key="notify_add_quarterly", help=t("notify.quarterly_help"))
        submitted = st.form_submit_button(t("notify.add_button"), key="notify_add_submit")
    if not submitted:
        return
    try:
        target = targets.build(name, **{kind: address}, min_level=min_level, lang=lang,
                               regions=_split(regions), channels=_split(channels),
                               rules=_split(rules), user=user.strip() or None, digest=digest,
                               quarterly_report=quarterly)
        data.write(targets.add_target, target, user=viewer)
    except targets.TargetError as exc:
        st.error(str(exc))
        return
    st.session_state[_FLASH] = ("success", t("notify.added", name=target.name))
    st.rerun()


def _actions(found: list[targets.Target], viewer: Viewer) -> None:
    cols = st.columns([3, 1, 1])
    name = cols[0].selectbox(t("notify.pick"), [x.name for x in found], key="notify_pick")
    if cols[1].button(t("notify.test"), key="notify_test_button"):
        try:
            error = data.read_now(send_test, name, user=viewer)
        except MissingSecret as exc:
            error = str(exc)
        st.session_state[_FLASH] = (("success", t("notify.test_sent", name=name)) if error is None
                                    else ("error", t("notify.test_failed", name=name, error=error)))
        st.rerun()
    if cols[2].button(t("notify.remove"), key="notify_remove_button"):
        data.write(targets.remove_target, name, user=viewer)
        st.session_state[_FLASH] = ("success", t("notify.removed", name=name))
        st.rerun()


def _outbox(viewer: Viewer) -> None:
    st.subheader(t("notify.outbox"))
    counts = data.read_now(outbox.status_counts, viewer=viewer)
    cols = st.columns(4)
    for col, status in zip(cols, ("pending", "sent", "failed", "cancelled"), strict=True):
        col.metric(t(f"notify.status_{status}"), counts[status] + (
            counts["sending"] if status == "pending" else 0))
    frame = data.read_now(outbox.outbox, viewer=viewer, limit=200)
    if frame.empty:
        st.caption(t("notify.outbox_empty"))
        return
    shown = frame.assign(status=[t(f"notify.status_{s}") for s in frame["status"]])
    for column in ("happened_at", "created_at", "next_attempt_at", "sent_at"):
        shown[column] = [fmt_datetime(v) for v in frame[column]]
    st.caption(t("notify.times_in", zone=str(display_zone())))
    show_table(shown.rename(columns={
        "outbox_id": "#", "target_name": t("notify.name"), "kind": t("notify.event"),
        "alert_id": t("notify.alert"), "title": t("notify.title_col"),
        "status": t("notify.status"), "attempts": t("notify.attempts"),
        "happened_at": t("notify.happened"), "created_at": t("notify.queued"),
        "next_attempt_at": t("notify.next_attempt"), "sent_at": t("notify.sent_at"),
        "last_error": t("notify.error"), "seconds_to_send": t("notify.seconds")}),
        hide_index=True, width="stretch", key="notify_outbox_table")
    if counts["failed"] and st.button(t("notify.retry"), key="notify_retry_button"):
        queued = data.write(outbox.retry_failed)
        st.session_state[_FLASH] = ("success", t("notify.retried", n=queued))
        st.rerun()
