"""Reports: generate the quarterly risk review (PDF or XLSX) for a quarter and scope, download
it, and the reports generated so far."""

import streamlit as st

from dashboard.components import report_views
from dashboard.components.frame import framed
from dashboard.i18n import t

viewer, _filters = framed()
st.title(t("reports.title"))
st.caption(t("reports.caption"))

asked = report_views.request(viewer)
if asked is not None:
    report_views.generate(viewer, asked)
report_views.latest()

st.subheader(t("reports.past"))
report_views.past(viewer)
