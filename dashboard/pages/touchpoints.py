"""Touchpoints: heatmap of a metric by touchpoint × channel/region/week, with drill-down."""

import streamlit as st

from dashboard.components import data, touchpoint_views
from dashboard.components.frame import framed
from dashboard.components.kept import from_link, kept, to_link
from dashboard.components.live import as_of_caption, live
from dashboard.i18n import metric_labeller, t, translator

METRIC_CHOICES = ("csat_pct", "nps", "negative_rate_pct", "ces", "complaints",
                  "frt_median_minutes", "sla_first_response_pct", "escalation_rate_pct")
BY_CHOICES = ("region", "channel", "week")

viewer, filters = framed()
st.title(t("touchpoints.title"))
st.caption(t("touchpoints.caption"))

left, right = st.columns([2, 3])
tr = translator()
from_link("tp_metric", "metric", METRIC_CHOICES)
from_link("tp_by", "by", BY_CHOICES)
metric = left.selectbox(t("touchpoints.metric"), METRIC_CHOICES, key="tp_metric",
                        format_func=metric_labeller(), on_change=kept("tp_metric"))
by = right.segmented_control(t("touchpoints.by"), BY_CHOICES, key="tp_by", required=True,
                             on_change=kept("tp_by", "region"),
                             format_func=lambda b: tr(f"touchpoints.by.{b}"))
to_link("metric", metric, METRIC_CHOICES[0])
to_link("by", by, "region")


def heatmap_and_drill() -> None:
    as_of_caption()
    matrix = data.shown(data.touchpoint_matrix, metric, by, filters, viewer)
    if matrix is None:
        return
    if matrix.empty:
        st.info(t("common.no_data"))
        return
    touchpoint_views.heatmap(matrix, metric, by)
    cell = touchpoint_views.picker(matrix, metric)
    if cell:
        touchpoint_views.drill(cell, by, filters, viewer)


live(heatmap_and_drill)
