"""Benchmarks: gap table, our metric inside the industry band, radar, forecast."""

import streamlit as st

from dashboard.components import benchmark_charts as charts
from dashboard.components import data
from dashboard.components.auth import current_viewer
from dashboard.components.charts import show
from dashboard.components.downloads import download_buttons
from dashboard.components.filters import current_filters
from dashboard.components.kept import from_link, kept, to_link
from dashboard.components.live import as_of_caption, live
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import t
from warehouse.kpi import benchmarks

viewer = current_viewer()
filters = current_filters()
st.title(t("benchmarks.title"))
st.caption(t("benchmarks.caption"))

gaps = data.shown(data.call, benchmarks.gaps, filters=filters, viewer=viewer)
if gaps is None or gaps.empty:
    if gaps is not None:
        st.info(t("benchmarks.none"))
    st.stop()

name_of = charts.metric_namer(gaps)
metrics = charts.metrics_by_gap(gaps)  # the metric with the largest gap first: the page opens on it
touchpoints = sorted({str(v) for v in gaps["touchpoint"] if v and str(v) != "nan"})
competitors = sorted({str(v) for v in gaps["competitor"]}, key=lambda c: (c != "industry", c))
left, middle, right = st.columns(3)
# the pickers come from a copied link and go back into the address (the scope still applies)
from_link("benchmarks_metric", "metric", metrics)
from_link("benchmarks_tp", "touchpoint", touchpoints)
from_link("benchmarks_competitor", "competitor", competitors)
metric = left.selectbox(t("benchmarks.metric"), metrics, format_func=name_of,
                        key="benchmarks_metric", on_change=kept("benchmarks_metric"))
touchpoint = middle.selectbox(t("benchmarks.touchpoint"), [None, *touchpoints],
                              key="benchmarks_tp", on_change=kept("benchmarks_tp"),
                              format_func=lambda v: charts.touchpoint_name(v) if v
                              else t("benchmarks.all_touchpoints"))
competitor = right.selectbox(t("benchmarks.competitor"), [None, *competitors],
                             key="benchmarks_competitor", on_change=kept("benchmarks_competitor"),
                             format_func=lambda v: charts.player_name(v) if v
                             else t("benchmarks.all_competitors"))
to_link("metric", metric, metrics[0])
to_link("touchpoint", touchpoint)
to_link("competitor", competitor)
picked = charts.picked_rows(gaps, metric, touchpoint, competitor)


def gap_table() -> None:
    as_of_caption()
    st.subheader(t("benchmarks.gaps_of", metric=name_of(metric)))
    st.caption(t("benchmarks.gap_flag", n=charts.flagged_count(picked)) + " "
               + t("benchmarks.gap_sign"))
    shown = charts.gap_rows_in_words(picked, name_of)
    show_table(charts.gap_styler(shown), hide_index=True, key="benchmarks_gaps",
               column_config=column_config(shown))
    download_buttons(picked, "benchmark_gaps", key="benchmarks_gaps_dl")


def band_and_radar() -> None:
    band_col, radar_col = st.columns([3, 2])
    band = charts.optional_read(band_col, benchmarks.band, metric,
                                touchpoint=touchpoint, filters=filters, viewer=viewer)
    if band is not None and not band.empty:
        title = t("benchmarks.band", metric=name_of(metric))
        show(band_col, charts.band_figure(band, title), key="benchmarks_band")
    elif band is not None:
        band_col.info(t("benchmarks.no_band"))
    radar = charts.optional_read(radar_col, benchmarks.radar, touchpoint=touchpoint,
                                 filters=filters, viewer=viewer)
    if radar is not None and not radar.empty:
        radar_col.subheader(t("benchmarks.radar"))
        radar = radar.assign(metric=radar["metric"].map(name_of))
        show(radar_col, charts.radar_figure(radar), key="benchmarks_radar")


def forecast() -> None:
    who = competitor or "industry"
    st.subheader(t("benchmarks.forecast_of", metric=name_of(metric), who=charts.player_name(who)))
    found = charts.optional_read(st, benchmarks.forecast, metric, competitor=who,
                                 touchpoint=touchpoint, viewer=viewer)
    if isinstance(found, str):
        st.info(t("benchmarks.not_enough"))
    elif found is not None and not found.empty:
        st.caption(charts.forecast_caption(found))
        show(st, charts.forecast_figure(found, name_of(metric)), key="benchmarks_forecast")


live(gap_table)
live(band_and_radar)
live(forecast)
