"""Voice-of-customer views: keyword, category, surge and sentiment areas, and the verbatims they drill into."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard.components import charts, data
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import fmt_date, fmt_pct, t
from warehouse.access.scope import Filters, Viewer
from warehouse.text import model as sentiment_model
from warehouse.text import voc
from warehouse.text.complaints import SURGE_ALPHA, SURGE_RED, SURGE_YELLOW
from warehouse.text.dictionary import dictionary as saved_dictionary

DRILL = "voc_drill"  # (kind, value, start, end, why) the verbatims show, set by a picked row
TREND_KEYWORDS = 6
HIGHLIGHTED = 30  # verbatims shown as highlighted cards; the table below has them all


def _columns(frame: pd.DataFrame) -> dict:
    return column_config(frame, "voc.col", ("share", "background_share", "negative_share"),
                         every=True)


def _pickable(frame: pd.DataFrame, key: str, drill) -> None:
    """FRAME as a table whose picked row sets the verbatims' drill (DRILL(row) -> drill tuple).

    The drill changes only when this table's selection changes (a callback), so a row still
    picked in another table does not override a newer pick here.
    """
    def picked() -> None:
        rows = st.session_state[key]["selection"]["rows"]
        if rows:
            st.session_state[DRILL] = drill(frame.iloc[rows[0]])

    show_table(frame, hide_index=True, key=key, on_select=picked, selection_mode="single-row",
               column_config=_columns(frame))


def method_caption() -> None:
    trained = sentiment_model.load()
    if trained is None:
        st.caption(t("voc.method.lexicon"))
        return
    sources = trained.about.get("sources", {})
    st.caption(t("voc.method.model", texts=f"{sum(sources.values()):,}",
                 sources=", ".join(f"{name} {n:,}" for name, n in sources.items())))


def _ranked(frame, help_text: str, kind: str, name: str, weekly, y: str, trend: str) -> None:
    """A ranked table (left; a picked row drills to its texts) and the weekly trend of its top rows."""
    if frame is None:
        return
    if frame.empty:
        st.info(t("voc.none"))
        return
    st.caption(help_text)
    left, right = st.columns([2, 3])
    with left:
        _pickable(frame, f"voc_{name}_table", lambda row: (kind, str(row[kind]), None, None, ""))
        download_buttons(frame, f"voc_{name}", key=f"voc_{name}_dl")
    weeks = weekly(tuple(frame[kind].head(TREND_KEYWORDS)))
    if weeks is None or weeks.empty:
        return
    figure = px.line(weeks, x="week", y=y, color=kind, markers=True,
                     labels={"week": t("voc.week"), y: t(f"voc.col.{y}"), kind: t(f"voc.col.{kind}")})
    if y == "share":
        figure.update_yaxes(tickformat=".0%")
    right.caption(trend)
    charts.show(right, figure, key=f"voc_{name}_trend")


def keywords(filters: Filters, viewer: Viewer, source: str) -> None:
    frame = data.shown(data.call, voc.contrast_keywords, filters=filters, viewer=viewer, source=source)
    help_text = frame is not None and t("voc.keywords_help", n=f"{frame.attrs.get('texts', 0):,}",
                                        m=f"{frame.attrs.get('background_texts', 0):,}")
    _ranked(frame, help_text, "keyword", "keywords",
            lambda top: data.shown(data.call, voc.keyword_weeks, keywords=top, filters=filters, viewer=viewer,
                                   source=source),
            "share", t("voc.keyword_trend"))


def tags(filters: Filters, viewer: Viewer, source: str) -> None:
    frame = data.shown(data.call, voc.tag_counts, filters=filters, viewer=viewer, source=source)
    help_text = frame is not None and t("voc.tags_help", n=f"{frame.attrs.get('texts', 0):,}",
                                        untagged=f"{frame.attrs.get('untagged', 0):,}")

    def weekly(top):
        weeks = data.shown(data.call, voc.tag_weeks, filters=filters, viewer=viewer, source=source)
        return None if weeks is None else weeks[weeks["category"].isin(top)]

    _ranked(frame, help_text, "category", "tags", weekly, "count", t("voc.tag_trend"))


def _reasons(frame: pd.DataFrame) -> pd.Series:
    window = frame.attrs.get("window_hours", 48)
    return pd.Series([
        t("voc.surge_reason", current=r.current, texts=r.current_texts, window=window, day=fmt_date(r.peak_day),
          share=fmt_pct(100 * r.current / r.current_texts), base=r.baseline, base_texts=r.baseline_texts,
          base_share=fmt_pct(100 * r.baseline / r.baseline_texts), ratio=f"{r.ratio:.1f}", p=f"{r.p_value:.1g}")
        for r in frame.itertuples()
    ], index=frame.index, dtype="string")


def surges(filters: Filters, viewer: Viewer) -> None:
    st.caption(t("voc.surges_help", window=48, baseline=14, yellow=f"{SURGE_YELLOW:g}", red=f"{SURGE_RED:g}",
                 alpha=f"{SURGE_ALPHA:g}"))
    for by in ("category", "keyword"):
        st.markdown(f"**{t(f'voc.surges_{by}')}**")
        frame = data.shown(data.call, voc.surge_history, filters=filters, viewer=viewer, by=by)
        if frame is None:
            continue
        if frame.empty:
            st.info(t("voc.surges_none"))
            continue
        shown = frame[["key", "level", "first_day", "last_day", "days", "peak_day"]].copy()
        shown["level"] = shown["level"].map(lambda v: t(f"voc.level.{v}"))
        shown["reason"] = _reasons(frame)
        span = timedelta(hours=frame.attrs.get("window_hours", 48))
        _pickable(shown, f"voc_surges_{by}_table",
                  lambda row, by=by, span=span: (by, str(row["key"]), row["first_day"] - span, row["last_day"],
                                                 str(row["reason"])))
        download_buttons(frame, f"voc_surges_{by}", key=f"voc_surges_{by}_dl")


def sentiment(filters: Filters, viewer: Viewer, source: str) -> None:
    method_caption()
    by = st.segmented_control(t("voc.sentiment_by"), voc.GROUPS, key="voc_sentiment_by", required=True,
                              default="channel", format_func=lambda b: t(f"voc.by.{b}"))
    frame = data.shown(data.call, voc.sentiment_weeks, filters=filters, viewer=viewer, source=source, by=by)
    if frame is None:
        return
    if frame.empty:
        st.info(t("voc.none"))
        return
    left, right = st.columns(2)
    labels = {"week": t("voc.week"), "group": t(f"voc.by.{by}"), "mean": t("voc.sentiment_mean"),
              "negative_share": t("voc.sentiment_negative")}
    charts.show(left, px.line(frame, x="week", y="mean", color="group", markers=True, labels=labels),
                      key="voc_sentiment_mean")
    negative = px.line(frame, x="week", y="negative_share", color="group", markers=True, labels=labels)
    negative.update_yaxes(tickformat=".0%")
    charts.show(right, negative, key="voc_sentiment_negative")
    download_buttons(frame, "voc_sentiment", key="voc_sentiment_dl")


def highlight(text: str, needles: list[str]) -> str:
    """TEXT as HTML with every needle (case-insensitive) wrapped in <mark>; the text itself is
    escaped first, so data never becomes markup."""
    needles = [n for n in dict.fromkeys(needles) if n and n.strip()]
    if not needles:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(html.escape(text[last:found.start()]))
        out.append(f"<mark>{html.escape(found.group(0))}</mark>")
        last = found.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _needles(kind: str | None, value: str | None, query: str) -> list[str]:
    needles = [query.strip()] if query.strip() else []
    if kind == "keyword" and value:
        needles.append(value)
    elif kind == "category" and value:
        entries = data.shown(data.call, saved_dictionary) or []
        for entry in entries:
            if entry["category"] == value:
                needles.extend(entry["terms"])
    return needles


def verbatims(filters: Filters, viewer: Viewer, source: str) -> None:
    st.subheader(t("voc.verbatims"))
    drill = st.session_state.get(DRILL)
    kind, value, start, end, why = drill if drill else (None, None, None, None, "")
    if drill:
        label = t(f"voc.drill.{kind}", value=value)
        if start:
            label += " · " + t("voc.drill.window", start=fmt_date(start), end=fmt_date(end))
        chip, clear = st.columns([5, 1])
        chip.markdown(f"**{html.escape(label)}**")
        if why:
            chip.caption(why)
        if clear.button(t("voc.drill.clear"), key="voc_drill_clear"):
            st.session_state.pop(DRILL, None)
            st.rerun()
    query = st.text_input(t("voc.search"), key="voc_search", placeholder=t("voc.search_placeholder"))
    if not drill and not query.strip():
        st.caption(t("voc.verbatims_pick"))
        return
    frame = data.shown(data.call, voc.verbatims, filters=filters, viewer=viewer, source=source, query=query.strip(),
                       keyword=value if kind == "keyword" else None, category=value if kind == "category" else None,
                       start=start, end=end)
    if frame is None:
        return
    if frame.empty:
        st.info(t("voc.none"))
        return
    st.caption(t("voc.verbatims_count", matched=f"{frame.attrs['matched']:,}", shown=f"{len(frame):,}"))
    needles = _needles(kind, value, query)
    cards = "".join(
        f"<div style='margin:0 0 .5rem 0'><small>{html.escape(fmt_date(r.created_at))} · "
        f"{html.escape(t(f'voc.source_value.{r.source}'))} {html.escape(str(r.id))} · "
        f"{html.escape(str(r.channel or '—'))} · {html.escape(str(r.region or '—'))}</small><br>"
        f"{highlight(str(r.text), needles)}</div>"
        for r in frame.head(HIGHLIGHTED).itertuples()
    )
    st.markdown(cards, unsafe_allow_html=True)
    show_table(frame, hide_index=True, key="voc_verbatims_table", column_config=_columns(frame), height=360)
    download_buttons(frame, "voc_verbatims", key="voc_verbatims_dl")
