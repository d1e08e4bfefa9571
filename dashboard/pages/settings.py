"""Settings: threshold rules, composite index weights, general settings and notifications."""

import streamlit as st

from dashboard.components.ahp_editor import ahp_section
from dashboard.components.auth import current_viewer
from dashboard.components.notify_admin import notifications_section
from dashboard.components.settings_form import general_section
from dashboard.components.thresholds_editor import rule_history_section, thresholds_section
from dashboard.i18n import t

viewer = current_viewer()
st.title(t("settings.title"))
st.caption(t("settings.caption"))

thresholds, weights, general, notifications = st.tabs(
    [t("settings.tab_thresholds"), t("settings.tab_weights"), t("settings.tab_general"),
     t("settings.tab_notifications")]
)
with thresholds:
    thresholds_section(viewer)
    rule_history_section(viewer)
with weights:
    ahp_section(viewer)
with general:
    general_section(viewer)
with notifications:
    notifications_section(viewer)
