"""Touchpoint heatmap cells: picking one (click or list) and the drill-down behind it."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.components import charts, data
from dashboard.components.downloads import download_buttons
from dashboard.components.kept import forget, from_link, keep, kept, to_link
from dashboard.components.plain_text import plain
from dashboard.components.table_labels import show_table
from dashboard.i18n import fmt_int, fmt_number, language, metric_label, t, value_label
from dashboard.locales.metrics import METRICS
from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import metrics

SEP = "\u241f"  # joins touchpoint and column in one option value; never in real labels
CELL_KEY = "tp_cell"
CHART_KEY = "tp_heatmap"


def cell_options(matrix: pd.DataFrame, metric: str) -> list[str]:
    """Cells worst first (low-n cells last), as 'touchpoint␟column' values."""
    worse_high = METRICS.get(metric, {}).get("better") == "lower"
    ranked = matrix.assign(_low=matrix["low_n"].fillna(False).astype(bool)).sort_values(
        ["_low", "value"], ascending=[True, not worse_high], na_position="last")
    return [f"{r.touchpoint}{SEP}{r.col}" for r in ranked.itertuples()]


def on_click() -> None:
    """Chart selection callback: the clicked cell becomes the picker's value."""
    custom = charts.selected_custom(st.session_state.get(CHART_KEY))
    if custom and len(custom) == 2:
        keep(CELL_KEY, f"{custom[0]}{SEP}{custom[1]}")


def _limits(metric: str) -> dict | None:
    """The shipped static limit of METRIC (the same the breach markers use), if it has one."""
    return metrics.STATIC_LIMITS.get(metric)


def heatmap(matrix: pd.DataFrame, metric: str, by: str) -> None:
    reverse = METRICS.get(metric, {}).get("better") == "lower"
    fig = charts.heatmap(
        matrix, t("touchpoints.heatmap", metric=metric_label(metric), by=t(f"touchpoints.by.{by}")),
        metric_label(metric), t("common.low_n", n=30), t("touchpoints.breach"), reverse=reverse,
        limits=_limits(metric))
    _axis_labels(fig, matrix, by)
    charts.show(st, fig, key=CHART_KEY, on_select=on_click, selection_mode="points")


def _axis_labels(fig, matrix: pd.DataFrame, by: str) -> None:
    """Known touchpoints, channels and regions named in the reader's language on the axes (the
    cells keep the values as loaded, which a click passes on)."""
    if language() == "en":
        return
    rows = [str(v) for v in dict.fromkeys(matrix["touchpoint"])]
    fig.update_yaxes(tickvals=rows, ticktext=[plain_label("touchpoint", v) for v in rows])
    if by in ("channel", "region"):
        cols = [str(v) for v in dict.fromkeys(matrix["col"])]
        fig.update_xaxes(tickvals=cols, ticktext=[plain_label(by, v) for v in cols])


def plain_label(field: str, value: str) -> str:
    return html.escape(value_label(field, value))


def picker(matrix: pd.DataFrame, metric: str) -> tuple[str, str] | None:
    options = cell_options(matrix, metric)
    # a link names the cell as ?cell=touchpoint|column
    by_link = {o.replace(SEP, "|"): o for o in options}
    from_link(CELL_KEY, "cell", by_link)
    if st.session_state.get(CELL_KEY) in by_link:
        keep(CELL_KEY, by_link[st.session_state[CELL_KEY]])
    remember = kept(CELL_KEY)
    if st.session_state.get(CELL_KEY) not in options:
        forget(CELL_KEY)
    values = {f"{r.touchpoint}{SEP}{r.col}": r for r in matrix.itertuples()}

    def label(option: str) -> str:
        r = values[option]
        return f"{r.touchpoint} · {r.col} — {fmt_number(r.value)} (n = {fmt_int(r.n)})"

    chosen = st.selectbox(t("touchpoints.cell"), options, index=None, key=CELL_KEY,
                          format_func=label, placeholder=t("touchpoints.cell_placeholder"),
                          on_change=remember)
    to_link("cell", chosen.replace(SEP, "|") if chosen else None)
    return tuple(chosen.split(SEP, 1)) if chosen else None


def drill(cell: tuple[str, str], by: str, filters: Filters, viewer: Viewer) -> None:
    touchpoint, col = cell
    found = data.shown(data.drill, touchpoint, by, col, filters, viewer)
    if found is None:
        return
    st.subheader(t("touchpoints.drill", touchpoint=plain(touchpoint), col=plain(col)))
    responses, complaints = found["responses"], found["complaints"]
    if responses.empty and complaints.empty:
        st.info(t("touchpoints.none_behind"))
        return
    totals = {part: found.get(f"{part}_total", len(found[part]))
              for part in ("complaints", "responses")}
    left, right = st.tabs([t("touchpoints.complaints", n=fmt_int(totals["complaints"])),
                           t("touchpoints.responses", n=fmt_int(totals["responses"]))])

    def everything(part: str):
        # the download reads every row behind the cell, not the page of them shown
        return lambda: data.read_now(metrics.drill, touchpoint, by=by, col=col, filters=filters,
                                     viewer=viewer, limit=max(totals[part], 1))[part]

    with left:
        _table(complaints, "description", "tp_drill_complaints", totals["complaints"],
               everything("complaints"))
    with right:
        _table(responses, "comment", "tp_drill_responses", totals["responses"],
               everything("responses"))


def _table(frame: pd.DataFrame, text_column: str, key: str, total: int, everything) -> None:
    """The rows with their verbatim text first, so what customers wrote is read first."""
    if text_column in frame:
        frame = frame[[text_column, *[c for c in frame.columns if c != text_column]]]
    if total > len(frame):
        st.caption(t("common.showing_of", shown=fmt_int(len(frame)), total=fmt_int(total)))
    config = {text_column: st.column_config.TextColumn(t("touchpoints.verbatims"), width="large")}
    show_table(frame, hide_index=True, width="stretch", column_config=config, key=key)
    download_buttons(frame, key.replace("tp_drill_", "drill_"), key,
                     everything=everything if total > len(frame) else None)
