"""Alerts: open and past alerts with response clocks, acknowledgement, history, control chart."""

import streamlit as st

from dashboard.components import alert_assign, alert_views, data, improvement_views
from dashboard.components.downloads import download_buttons
from dashboard.components.frame import framed
from dashboard.components.kept import forget, kept
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import show_table
from dashboard.i18n import t

viewer, filters = framed()  # alerts are not filtered by the sidebar: each has its own scope
st.title(t("alerts.title"))
st.caption(t("alerts.caption"))
alert_views.monitor_note()


def alert_lists() -> None:
    as_of_caption()
    everything = data.shown(data.list_alerts, viewer, None)
    if everything is None:
        return
    if everything.empty:
        st.success(t("alerts.none"))
        return
    open_now = alert_views.open_alerts(viewer)
    past = everything[~everything["state"].isin(alert_views.OPEN_STATES)]
    tab_open, tab_past = st.tabs([f"{t('alerts.open')} ({len(open_now)})",
                                  f"{t('alerts.history')} ({len(past)})"])
    with tab_open:
        if open_now.empty:
            st.success(t("alerts.none_open"))
        else:
            shown = alert_views.display_frame(open_now)
            show_table(alert_views.styled(shown, open_now), hide_index=True, width="stretch",
                       key="al_open_table")
            download_buttons(shown, "alerts_open", "al_open_download")
    with tab_past:
        shown = alert_views.display_frame(past, past=True)
        show_table(alert_views.styled(shown, past), hide_index=True, width="stretch",
                   key="al_past_table")
        download_buttons(shown, "alerts_history", "al_past_download")

    ordered = list(open_now.itertuples()) + list(past.sort_values("opened_at", ascending=False)
                                                 .itertuples())
    labels = {int(a.id): alert_views.alert_label(a) for a in ordered}
    by_id = {int(a.id): a for a in ordered}
    alert_assign.linked_alert(by_id)
    remember = kept("al_pick")
    if st.session_state.get("al_pick") not in by_id:
        forget("al_pick")
    chosen = st.selectbox(t("alerts.pick"), list(by_id), index=None, key="al_pick",
                          format_func=labels.get, on_change=remember,
                          placeholder=t("alerts.pick_placeholder"))
    if chosen is not None:
        alert = by_id[chosen]
        alert_views.acknowledge_form(alert, viewer)
        alert_assign.assign_form(alert, viewer)
        improvement_views.add_button(viewer, filters, "alert", int(alert.id),
                                     key=f"al_improve_{int(alert.id)}")
        alert_views.control_chart(alert, viewer)
        alert_views.events(alert, viewer)


live(alert_lists)
