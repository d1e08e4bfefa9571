"""General settings (language, refresh, time zone, currency, upload limit) and their history."""

from __future__ import annotations

from zoneinfo import available_timezones

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.table_labels import show_table
from dashboard.components.upload import upload_limit_mb
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, forget_settings, t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer
from warehouse.config import app_settings

_FLASH = "settings_general_flash"
_LABELS = {"language": "settings.language", "refresh_seconds": "settings.refresh",
           "monitor_seconds": "settings.monitor",
           "timezone": "settings.timezone", "currency": "settings.currency",
           "app_base_url": "notify.base_url", "notify_digest_time": "notify.digest_time",
           "report_send_time": "notify.report_time"}
# The zones people here ask for first; every IANA zone is still offered after them.
_COMMON_ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "UTC",
                 "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"]


def _zones(current: str) -> list[str]:
    rest = sorted(z for z in available_timezones() if z not in _COMMON_ZONES)
    zones = _COMMON_ZONES + rest
    return zones if current in zones else [current, *zones]


def _currencies(current: str) -> list[str]:
    codes = list(app_settings.CURRENCIES)
    return codes if current in codes else [current, *codes]


def general_section(viewer: Viewer) -> None:
    """Admins change the settings; everyone else sees the values in effect."""
    if flash := st.session_state.pop(_FLASH, None):
        st.success(flash)
    current = data.read_now(app_settings.get_all)
    editable = can(viewer, "edit_settings")
    if not editable:  # the values in force, without controls
        st.info(t("settings.read_only"))
        show_table(pd.DataFrame({
            t("settings.setting"): [t(_LABELS[k]) for k in current],
            t("settings.value"): [str(v) for v in current.values()],
        }), hide_index=True, key="general_values_table")
        _history(viewer)
        return
    with st.form(key="settings_general_form"):
        cols = st.columns(2)
        wanted = {
            "language": cols[0].selectbox(
                t("settings.language"), list(LANGUAGES), index=LANGUAGES.index(current["language"])
                if current["language"] in LANGUAGES else 0,
                format_func=LANGUAGE_NAMES.get, key="settings_language"),
            "timezone": cols[1].selectbox(
                t("settings.timezone"), zones := _zones(current["timezone"]),
                index=zones.index(current["timezone"]), key="settings_timezone"),
            "refresh_seconds": cols[0].number_input(
                t("settings.refresh"), min_value=5, max_value=3600, step=5,
                value=int(current["refresh_seconds"]), key="settings_refresh"),
            "currency": cols[1].selectbox(
                t("settings.currency"), codes := _currencies(current["currency"]),
                index=codes.index(current["currency"]), key="settings_currency"),
            "monitor_seconds": cols[1].number_input(
                t("settings.monitor"), min_value=5, max_value=86400, step=5,
                value=int(current["monitor_seconds"]), key="settings_monitor"),
            "notify_digest_time": cols[1].text_input(
                t("notify.digest_time"), value=current["notify_digest_time"],
                key="settings_digest_time", help=t("notify.digest_time_help")),
            "report_send_time": cols[0].text_input(
                t("notify.report_time"), value=current["report_send_time"],
                key="settings_report_time", help=t("notify.quarterly_help")),
            "app_base_url": st.text_input(
                t("notify.base_url"), value=current["app_base_url"], key="settings_base_url",
                help=t("notify.base_url_help")),
        }
        submitted = st.form_submit_button(t("settings.general_save"), key="settings_general_save")
    if submitted:
        _save(current, wanted, viewer)
    st.caption(t("settings.max_upload_note", mb=upload_limit_mb()))
    _history(viewer)


def _save(current: dict, wanted: dict, viewer: Viewer) -> None:
    changed = [k for k, v in wanted.items() if v != current[k]]
    try:
        for key in changed:
            data.write(app_settings.set, key, wanted[key], user=viewer)
    except app_settings.SettingError as exc:
        st.error(str(exc))
        return
    forget_settings()
    st.session_state[_FLASH] = t("settings.general_saved", keys=", ".join(changed) or "—")
    st.rerun()


def _history(viewer: Viewer) -> None:
    history = data.read_now(app_settings.history, viewer=viewer, limit=100)
    if history:
        with st.expander(t("settings.history")):
            show_table(pd.DataFrame(history).astype({"before": str, "after": str}),
                       hide_index=True, key="general_history_table")
