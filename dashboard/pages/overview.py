"""Overview: KPI tiles against the previous period, open alerts with their clocks, trends."""

import streamlit as st

from dashboard.components import alert_views, charts, data, kpi_tiles
from dashboard.components.frame import framed
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import show_table
from dashboard.i18n import fmt_int, metric_label, t

TREND_METRICS = ("nps", "csat_pct", "complaints")

viewer, filters = framed()
data.prefetch((data.kpi_summary, filters, viewer),
              (data.list_alerts, viewer, alert_views.OPEN_STATES, filters),
              *((data.metric_series, m, "week", filters, viewer) for m in TREND_METRICS))
st.title(t("overview.title"))
st.caption(t("overview.caption"))


def key_figures() -> None:
    as_of_caption()
    summary = data.shown(data.kpi_summary, filters, viewer)
    if summary is None:
        return
    if not any((summary.get(m) or {}).get("value") is not None for m in kpi_tiles.OVERVIEW_METRICS):
        st.info(t("common.no_data"))
    kpi_tiles.tiles(summary)


def alerts_now() -> None:
    st.subheader(t("overview.open_alerts"))
    frame = alert_views.open_alerts(viewer, filters)  # the alerts about what the filters chose
    if frame is None:
        return
    levels = frame["level"].value_counts() if len(frame) else {}
    red, yellow, link = st.columns([1, 1, 2])
    red.metric(f":red[●] {t('overview.red_count')}", fmt_int(levels.get("red", 0)))
    yellow.metric(f":orange[●] {t('overview.yellow_count')}", fmt_int(levels.get("yellow", 0)))
    link.page_link("pages/alerts.py", label=t("overview.all_alerts"),
                   icon=":material/notifications_active:")
    if frame.empty:
        st.success(t("overview.no_open_alerts"))
    else:
        top = frame.head(10)
        show_table(alert_views.styled(alert_views.display_frame(top), top), hide_index=True,
                   width="stretch", key="ov_alerts")


def trends() -> None:
    st.subheader(t("overview.trends"))
    for column, metric in zip(st.columns(len(TREND_METRICS)), TREND_METRICS):
        series = data.shown(data.metric_series, metric, "week", filters, viewer)
        if series is None or series.empty:
            column.info(t("common.no_data"))
            continue
        fig = charts.trend(series, metric_label(metric), metric_label(metric),
                           limits=kpi_tiles.limits(metric), partial_label=t("overview.partial"))
        charts.show(column, fig, key=f"ov_trend_{metric}")


live(key_figures)
live(alerts_now)
live(trends)
