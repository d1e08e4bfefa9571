"""Voice of customer: contrast keywords, categories, surges and sentiment of complaint and survey text, with verbatims."""

import streamlit as st

from dashboard.components import voice_views as views
from dashboard.components.frame import framed
from dashboard.components.kept import kept
from dashboard.i18n import t
from warehouse.text.voc import SOURCES

viewer, filters = framed()
st.title(t("voc.title"))
st.caption(t("voc.caption"))

source = st.segmented_control(t("voc.source"), SOURCES, key="voc_source", required=True,
                              on_change=kept("voc_source", "complaints"),
                              format_func=lambda s: t(f"voc.source.{s}"))
source = source or "complaints"

keywords, categories, surges, sentiment = st.tabs(
    [t("voc.tab.keywords"), t("voc.tab.tags"), t("voc.tab.surges"), t("voc.tab.sentiment")]
)
with keywords:
    views.keywords(filters, viewer, source)
with categories:
    views.tags(filters, viewer, source)
with surges:
    views.surges(filters, viewer)
with sentiment:
    views.sentiment(filters, viewer, source)

st.divider()
views.verbatims(filters, viewer, source)
