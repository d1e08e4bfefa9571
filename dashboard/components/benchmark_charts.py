"""Charts of the Benchmarks page: industry band over time, radar across dimensions, forecast."""

from __future__ import annotations

import logging

import pandas as pd
import plotly.graph_objects as go

from dashboard.components import data
from dashboard.i18n import metric_label, t

log = logging.getLogger(__name__)

GAP_FLAG_PCT = 15.0  # warehouse/docs/metrics.md, Benchmarks: a gap over 15 % is a strategic weakness


def optional_read(where, reader, *args, **kwargs):
    """A read behind one of the secondary charts; when it fails, that chart says so and the rest
    of the page stays (the failure is logged for the developers)."""
    try:
        return data.shown(data.call, reader, *args, **kwargs)
    except Exception:
        log.exception("%s failed", reader.__qualname__)
        where.warning(t("benchmarks.chart_failed"))
        return None


def metric_namer(gaps: pd.DataFrame):
    """Benchmark metric names as exports write them ('csat', 'first_response_minutes') -> the
    glossary label of the KPI they are compared with, in the UI language."""
    ours = dict(zip(gaps["metric"], gaps["our_metric"])) if "our_metric" in gaps else {}

    def name(metric: str) -> str:
        key = ours.get(metric)
        return metric_label(key if isinstance(key, str) and key else metric)

    return name


def column(frame: pd.DataFrame, *candidates: str) -> str | None:
    """The first of CANDIDATES that FRAME has (query results name a few things more than one way)."""
    return next((c for c in candidates if c in frame.columns), None)


def gap_styler(frame: pd.DataFrame):
    """The gap table with rows over the 15 % line highlighted."""
    flag = column(frame, "flag", "weakness", "flagged")
    gap = column(frame, "gap_pct", "gap")

    def highlight(row: pd.Series) -> list[str]:
        hit = bool(row[flag]) if flag else (gap and pd.notna(row[gap]) and row[gap] > GAP_FLAG_PCT)
        return ["background-color: #f8d7da; font-weight: 600" if hit else ""] * len(row)

    styler = frame.style.apply(highlight, axis=1)
    numbers = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return styler.format({c: "{:,.1f}" for c in numbers}, na_rep="—")


def flagged_count(frame: pd.DataFrame) -> int:
    flag = column(frame, "flag", "weakness", "flagged")
    if flag:
        return int(frame[flag].fillna(False).astype(bool).sum())
    gap = column(frame, "gap_pct", "gap")
    return int((frame[gap] > GAP_FLAG_PCT).sum()) if gap else 0


def band_figure(frame: pd.DataFrame, title: str):
    """The industry mean ± 1.5 σ as a shaded band and our own series as a line through it."""
    period = column(frame, "period", "date")
    lower = column(frame, "lower", "band_low", "lcl")
    upper = column(frame, "upper", "band_high", "ucl")
    mean = column(frame, "industry_mean", "mean", "industry")
    ours = column(frame, "ours", "us", "value")
    fig = go.Figure()
    if lower and upper:
        fig.add_scatter(x=frame[period], y=frame[upper], mode="lines", line={"width": 0},
                        showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=frame[period], y=frame[lower], mode="lines", line={"width": 0},
                        fill="tonexty", fillcolor="rgba(52, 152, 219, 0.2)",
                        name=t("benchmarks.band_area"))
    if mean:
        fig.add_scatter(x=frame[period], y=frame[mean], mode="lines", name=t("benchmarks.industry_mean"),
                        line={"color": "#3498db", "dash": "dash"})
    if ours:
        fig.add_scatter(x=frame[period], y=frame[ours], mode="lines+markers",
                        name=t("benchmarks.ours"), line={"color": "#c0392b", "width": 3})
        if "outside" in frame:
            out = frame[frame["outside"].fillna(False).astype(bool)]
            fig.add_scatter(x=out[period], y=out[ours], mode="markers", name=t("benchmarks.outside"),
                            marker={"color": "#c0392b", "size": 13, "symbol": "circle-open",
                                    "line": {"width": 3}})
    fig.update_layout(title=title, height=360, legend={"orientation": "h", "y": -0.2},
                      margin={"t": 40, "b": 10})
    return fig


def radar_figure(frame: pd.DataFrame):
    """One closed polygon per competitor (and us) across the value dimensions."""
    dimension = column(frame, "dimension", "metric", "axis")
    who = column(frame, "entity", "competitor", "who", "series")
    value = column(frame, "score", "value", "normalised")
    fig = go.Figure()
    if who is None:  # wide: one column per competitor
        for name in [c for c in frame.columns if c != dimension]:
            fig.add_scatterpolar(r=frame[name], theta=frame[dimension], fill="toself", name=str(name))
    else:
        for name, part in frame.groupby(who, sort=False):
            label = t("benchmarks.ours") if str(name).lower() == "us" else str(name)
            fig.add_scatterpolar(r=part[value], theta=part[dimension], fill="toself", name=label)
    fig.update_layout(height=380, polar={"radialaxis": {"visible": True}},
                      legend={"orientation": "h", "y": -0.1}, margin={"t": 30, "b": 10})
    return fig


def forecast_figure(frame: pd.DataFrame):
    """History and the forecast with its interval."""
    period = column(frame, "period", "date")
    value = column(frame, "value", "forecast", "mean")
    kind = column(frame, "kind", "type", "is_forecast")
    lower = column(frame, "lower", "lo", "mean_ci_lower")
    upper = column(frame, "upper", "hi", "mean_ci_upper")
    fig = go.Figure()
    if kind and kind != "is_forecast":
        future = frame[kind].astype(str).str.lower().eq("forecast")
    elif kind:
        future = frame[kind].astype(bool)
    else:
        future = pd.Series(True, index=frame.index)
    past, ahead = frame[~future], frame[future]
    if len(past):
        fig.add_scatter(x=past[period], y=past[value], mode="lines",
                        name=t("benchmarks.history_label"), line={"color": "#2c3e50"})
    if lower and upper and len(ahead):
        fig.add_scatter(x=ahead[period], y=ahead[upper], mode="lines", line={"width": 0},
                        showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=ahead[period], y=ahead[lower], mode="lines", line={"width": 0},
                        fill="tonexty", fillcolor="rgba(192, 57, 43, 0.15)",
                        name=t("benchmarks.interval"))
    fig.add_scatter(x=ahead[period], y=ahead[value], mode="lines+markers",
                    name=t("benchmarks.forecast_label"), line={"color": "#c0392b", "dash": "dot"})
    fig.update_layout(height=340, legend={"orientation": "h", "y": -0.2}, margin={"t": 20, "b": 10})
    return fig
