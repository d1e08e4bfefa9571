"""Reports page pieces: the request form, the generated file's download, past reports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.table_labels import show_table
from dashboard.i18n import fmt_datetime, language, t, translator
from warehouse.access.scope import Viewer
from warehouse.reports import build
from warehouse.reports.pdf import short_version
from warehouse.reports.quarter import Quarter, last_full_quarter

QUARTERS_OFFERED = 8
RESULT_KEY = "reports_result"


def quarters(as_of) -> tuple[list[str], int]:
    """The quarter the data reaches into (when it is not complete yet), its last full quarter
    and the seven before that, newest first; and the index of the last full one (the default)."""
    day = pd.Timestamp(as_of).date() if as_of is not None and not pd.isna(as_of) else date.today()
    newest = last_full_quarter(day)
    found = [newest]
    while len(found) < QUARTERS_OFFERED:
        found.append(found[-1].previous())
    partial = Quarter.containing(day)
    if partial != newest:
        found.insert(0, partial)
    return [str(q) for q in found], 0 if partial == newest else 1


def request(viewer: Viewer) -> dict | None:
    """The form: quarter, scope (department heads: their own), language, format."""
    as_of = data.shown(data.data_as_of)
    heads = data.shown(data.call, build.scope_users, viewer=viewer) or []
    tr = translator()
    with st.form(key="reports_form", border=True):
        left, right = st.columns(2)
        offered, default = quarters(as_of)
        partial = offered[0] if default else None
        quarter = left.selectbox(t("reports.quarter"), offered, index=default, key="reports_quarter",
                                 format_func=lambda q: tr("reports.partial", quarter=q)
                                 if q == partial else q)
        scopes = [h["name"] for h in heads] if viewer.scoped else ["", *[h["name"] for h in heads]]
        scope = right.selectbox(t("reports.scope"), scopes or [viewer.name], key="reports_scope",
                                format_func=lambda s: s or tr("reports.company"))
        left, right = st.columns(2)
        lang = left.segmented_control(
            t("reports.lang"), ["zh", "en"], key="reports_lang",
            default="zh" if language() == "zh-CN" else "en",
            format_func={"zh": "中文", "en": "English"}.get)
        fmt = right.segmented_control(t("reports.format"), ["pdf", "xlsx"], key="reports_format",
                                      default="pdf", format_func=str.upper)
        pressed = st.form_submit_button(t("reports.generate"), type="primary",
                                        icon=":material/description:")
    if not pressed:
        return None
    return {"quarter": Quarter.parse(quarter), "scope_user": scope or None,
            "lang": lang or "en", "fmt": fmt or "pdf"}


def generate(viewer: Viewer, asked: dict) -> None:
    """Build the report (the spinner shows while it renders) and keep it for the download."""
    try:
        with st.spinner(t("reports.generating", quarter=asked["quarter"])):
            report = data.write(build.generate, asked["quarter"], by=viewer,
                                scope_user=asked["scope_user"], lang=asked["lang"],
                                fmt=asked["fmt"])
    except (ValueError, PermissionError) as exc:  # the warehouse says what is wrong
        st.error(t("reports.failed", reason=exc))
        return
    st.session_state[RESULT_KEY] = report


def latest() -> None:
    report = st.session_state.get(RESULT_KEY)
    if report is None:
        return
    st.success(t("reports.ready", name=report.filename, size=_size(len(report.content)),
                 seconds=f"{report.seconds:.1f}"))
    if not report.has_data:
        st.info(t("reports.no_data", quarter=report.quarter))
    st.download_button(t("reports.download", name=report.filename), report.content,
                       report.filename, mime=report.mime, key="reports_download",
                       icon=":material/download:", type="primary", on_click="ignore")


def _size(count: int) -> str:
    return f"{count / 1024:,.0f} KB" if count < 1024 * 1024 else f"{count / 1048576:,.1f} MB"


def past(viewer: Viewer) -> None:
    found = data.shown(data.call, build.list_reports, viewer=viewer)
    if found is None:
        return
    if found.empty:
        st.info(t("reports.none"))
        return
    shown = pd.DataFrame({
        "ID": found["report_id"],
        t("reports.col.quarter"): found["quarter"],
        t("reports.col.scope"): [u or t("reports.company") for u in found["scope_user"]],
        t("reports.col.lang"): found["lang"],
        t("reports.col.format"): found["fmt"].str.upper(),
        t("reports.col.version"): [short_version(v) for v in found["data_version"]],
        t("reports.col.by"): found["generated_by"],
        t("reports.col.at"): [fmt_datetime(v) for v in found["generated_at"]],
        t("reports.col.size"): [_size(n) for n in found["size_bytes"]],
        t("reports.col.seconds"): found["seconds"].round(1),
    })
    show_table(shown, hide_index=True, width="stretch", key="reports_table")
    names = dict(zip(found["report_id"], found["filename"]))
    chosen = st.selectbox(t("reports.pick"), list(names), key="reports_pick",
                          format_func=lambda i: f"#{i} · {names[i]}")
    if chosen is not None:
        name, content, mime = data.read_now(build.report_file, int(chosen), viewer=viewer)
        st.download_button(t("reports.download", name=name), content, name, mime=mime,
                           key="reports_past_download", icon=":material/download:",
                           on_click="ignore")
