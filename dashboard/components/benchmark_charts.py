"""Charts of the Benchmarks page: industry band over time, radar across dimensions, forecast."""

from __future__ import annotations

import logging

import pandas as pd
import plotly.graph_objects as go

from dashboard.components import data
from dashboard.i18n import metric_label, t, value_label

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


def metrics_by_gap(gaps: pd.DataFrame) -> list[str]:
    """Benchmark metrics, the one with the largest gap (furthest behind anyone) first, the rest
    in their order of appearance."""
    order = list(dict.fromkeys(gaps["metric"].astype(str)))
    worst = gaps.dropna(subset=["gap_pct"]).groupby("metric")["gap_pct"].min()
    return sorted(order, key=lambda m: (worst.get(m, float("inf")), order.index(m)))


def picked_rows(gaps: pd.DataFrame, metric: str, touchpoint: str | None,
                competitor: str | None) -> pd.DataFrame:
    """The gap rows the metric / touchpoint / competitor pickers point at (None: every one)."""
    rows = gaps[gaps["metric"].astype(str) == metric]
    if touchpoint:
        rows = rows[rows["touchpoint"].astype(str).str.lower() == touchpoint.lower()]
    if competitor:
        rows = rows[rows["competitor"].astype(str) == competitor]
    return rows.reset_index(drop=True)


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
    fig.update_layout(title=title, height=380, legend={"orientation": "h", "y": -0.2},
                      margin={"t": 50, "b": 10, "l": 60})
    fig.update_yaxes(automargin=True)
    return fig


def radar_figure(frame: pd.DataFrame):
    """One closed polygon per competitor (and us) across the value dimensions; with fewer than
    three dimensions a polygon cannot be drawn, so grouped bars show the same scores."""
    dimension = column(frame, "dimension", "metric", "axis")
    who = column(frame, "entity", "competitor", "who", "series")
    value = column(frame, "score", "value", "normalised")
    fig = go.Figure()
    if who is None:  # wide: one column per competitor
        frame = frame.melt(id_vars=[dimension], var_name="entity", value_name="score")
        who, value = "entity", "score"
    frame = frame.assign(**{dimension: frame[dimension].map(_wrap)})
    axes = list(dict.fromkeys(frame[dimension]))
    for name, part in frame.groupby(who, sort=False):
        label = player_name(name)
        part = part.set_index(dimension).reindex(axes)
        if len(axes) >= 3:
            # the first axis again at the end closes the polygon
            fig.add_scatterpolar(r=[*part[value], part[value].iloc[0]], theta=[*axes, axes[0]],
                                 fill="toself", name=label, opacity=0.6)
        else:
            fig.add_bar(x=axes, y=part[value], name=label)
    if len(axes) >= 3:
        fig.update_layout(polar={"radialaxis": {"visible": True, "range": [0, 100]},
                                 "angularaxis": {"tickfont": {"size": 11}}})
    else:
        fig.update_layout(barmode="group", yaxis={"range": [0, 100], "title": t("benchmarks.score")})
    # room for the axis labels and the legend below (long metric names are not cut)
    fig.update_layout(height=420, legend={"orientation": "h", "y": -0.15},
                      margin={"t": 40, "b": 40, "l": 90, "r": 90})
    return fig


def touchpoint_name(value) -> str:
    """A benchmark's touchpoint in the UI language ('' is the company as a whole)."""
    return value_label("touchpoint", value) if value else t("benchmarks.overall")


def gap_rows_in_words(rows: pd.DataFrame, metric_name) -> pd.DataFrame:
    """The gap table as read: metric, touchpoint and player in the UI language, without the
    columns that only drive it."""
    shown = rows.drop(columns=[c for c in ("our_metric", "higher_is_better") if c in rows])
    return shown.assign(metric=shown["metric"].map(metric_name),
                        touchpoint=shown["touchpoint"].map(touchpoint_name),
                        competitor=shown["competitor"].map(player_name))


def player_name(name) -> str:
    """'us' and 'industry' in the UI language; competitors as the data names them."""
    key = {"us": "benchmarks.ours", "industry": "benchmarks.industry"}.get(str(name).lower())
    return t(key) if key else str(name)


def _wrap(label: str, width: int = 9) -> str:
    """A long axis label on two lines (at a space or a bracket), so the radar keeps it whole."""
    label = str(label)
    if len(label) <= width:
        return label
    for mark in ("（", " (", " "):
        at = label.find(mark, 2)
        if 0 < at < len(label) - 1:
            return label[:at].rstrip() + "<br>" + label[at:].lstrip()
    return label[:width] + "<br>" + label[width:]


def forecast_caption(frame: pd.DataFrame) -> str:
    """Which model made the forecast and what its band is."""
    model = frame.attrs.get("model", "")
    interval = round(100 * frame.attrs.get("interval", 0.95))
    return t("benchmarks.forecast_model_" + model, interval=interval) if model else ""


def forecast_figure(frame: pd.DataFrame, metric_name: str = ""):
    """History and the forecast with its interval, the y axis named after the metric."""
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
                        name=t("benchmarks.interval_pct",
                               interval=round(100 * frame.attrs.get("interval", 0.95))))
    fig.add_scatter(x=ahead[period], y=ahead[value], mode="lines+markers",
                    name=t("benchmarks.forecast_label"), line={"color": "#c0392b", "dash": "dot"})
    fig.update_layout(height=360, legend={"orientation": "h", "y": -0.2},
                      margin={"t": 20, "b": 10, "l": 60}, yaxis={"title": metric_name,
                                                                  "automargin": True})
    return fig
