"""Plotly figures and tiles the pages share: KPI tile, trend, heatmap, control chart, risk grid."""

from __future__ import annotations

import html
import math
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

LEVEL_COLOURS = {"red": "#c0392b", "yellow": "#e6a100", "green": "#27ae60", None: "#95a5a6"}
GREY = "#d5d8dc"
LAYOUT = {"template": "plotly_white", "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "hovermode": "closest"}


def kpi_tile(label: str, value: str, delta: str | None, delta_colour: str, level: str | None,
             help_text: str | None = None) -> None:
    """A bordered metric with a coloured dot for its threshold state (green/yellow/red)."""
    dot = {"red": ":red[●]", "yellow": ":orange[●]", "green": ":green[●]"}.get(level, ":gray[○]")
    st.metric(f"{dot} {label}", value, delta, delta_color=delta_colour, border=True,
              help=help_text)


def _dated(fig: go.Figure) -> bool:
    """Whether the figure's x axis holds dates (a numeric or category axis keeps its format)."""
    if fig.layout.xaxis.type == "date":
        return True
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is not None and len(x):
            first = next((v for v in x if v is not None), None)
            return isinstance(first, (date, np.datetime64))  # datetime and Timestamp too
    return False


def dates_in_language(fig: go.Figure) -> go.Figure:
    """Date axes in the reader's language (Plotly's own month names are English only)."""
    from dashboard.i18n import language

    if language() == "zh-CN" and _dated(fig):
        fig.update_xaxes(tickformat="%-m月%-d日\n%Y", hoverformat="%Y年%-m月%-d日")
    return fig


def show(where, fig: go.Figure, **kwargs):
    """WHERE.plotly_chart(FIG) with its dates in the reader's language: every page's charts."""
    return where.plotly_chart(dates_in_language(fig), **kwargs)


def trend(frame: pd.DataFrame, title: str, value_label: str, limits: dict | None = None,
          height: int = 260, partial_label: str = "") -> go.Figure:
    """A line over FRAME[period, value, n, partial]; LIMITS {"yellow": x, "red": y} draw dotted
    lines. Partial periods (only some of their days counted) are hollow points joined by a
    dashed line, so a half-counted first or last week does not read as a drop."""
    partial = (frame["partial"].fillna(False).astype(bool) if "partial" in frame
               else pd.Series(False, index=frame.index))
    custom = frame[["n"]] if "n" in frame else None
    hover = ("%{x}<br>%{y:.1f}" + ("<br>n = %{customdata[0]:,}" if custom is not None else ""))
    whole = frame["value"].where(~partial)
    # the dashed part: each partial point with the neighbours it joins
    near = partial | partial.shift(1, fill_value=False) | partial.shift(-1, fill_value=False)
    fig = go.Figure()
    if partial.any():
        fig.add_trace(go.Scatter(
            x=frame["period"], y=frame["value"].where(near), mode="lines", hoverinfo="skip",
            line={"color": "#2c3e50", "dash": "dash"}, showlegend=False,
        ))
        cut = frame[partial]
        fig.add_trace(go.Scatter(
            x=cut["period"], y=cut["value"], mode="markers", name=partial_label,
            customdata=custom[partial] if custom is not None else None,
            hovertemplate=hover + (f"<br>{partial_label}" if partial_label else "")
            + "<extra></extra>",
            marker={"symbol": "circle-open", "size": 9, "color": "#2c3e50",
                    "line": {"width": 2}},
        ))
    fig.add_trace(go.Scatter(
        x=frame["period"], y=whole, mode="lines+markers", name=value_label,
        customdata=custom, hovertemplate=hover + "<extra></extra>",
        line={"color": "#2c3e50"},
    ))
    for level, limit in (limits or {}).items():
        if limit is not None:
            fig.add_hline(y=limit, line_dash="dot", line_color=LEVEL_COLOURS[level])
    fig.update_layout(title=title, height=height, showlegend=False, **LAYOUT)
    return fig


def limit_scale(limits: dict) -> tuple[list, float, float]:
    """A red–yellow–green colour scale pinned to a metric's limits, with its z range.

    LIMITS = {"direction": "below"|"above", "yellow": y, "red": r}. Values past the red
    limit are fully red, the yellow limit is yellow, and green starts as far beyond it as
    yellow is from red, so ordinary variation does not look alarming.
    """
    red, yellow = float(limits["red"]), float(limits["yellow"])
    step = abs(yellow - red)
    low, high = min(red, yellow) - step, max(red, yellow) + step
    if limits["direction"] == "above":
        low = max(0.0, low)
    at = [(v - low) / (high - low) for v in (red, yellow)]
    colours = [LEVEL_COLOURS["red"], "#f7dc6f", LEVEL_COLOURS["green"]]
    if limits["direction"] == "above":
        scale = [[0, colours[2]], [at[1], colours[1]], [at[0], colours[0]], [1, colours[0]]]
    else:
        scale = [[0, colours[0]], [at[0], colours[0]], [at[1], colours[1]], [1, colours[2]]]
    return scale, low, high


def heatmap(frame: pd.DataFrame, title: str, value_label: str, low_n_text: str,
            breach_text: str, reverse: bool = False, limits: dict | None = None) -> go.Figure:
    """Touchpoint × column heatmap of FRAME[touchpoint, col, value, n, low_n, breach].

    Low-n cells are grey, not coloured; breaching cells carry a ✕. With LIMITS the colours
    are pinned to them (red = breach), else relative (REVERSE when lower is better). An
    invisible marker per cell makes every cell clickable (customdata = [touchpoint, col]).
    """
    frame = frame.assign(col=frame["col"].astype(str), touchpoint=frame["touchpoint"].astype(str),
                         breach=frame["breach"].isin(["yellow", "red", True]),
                         low_n=frame["low_n"].fillna(False).astype(bool))
    rows = sorted(frame["touchpoint"].unique(), reverse=True)
    cols = sorted(frame["col"].unique())
    shown = frame.assign(value=frame["value"].where(~frame["low_n"]))
    z = shown.pivot_table(index="touchpoint", columns="col", values="value", aggfunc="first",
                          dropna=False).reindex(index=rows, columns=cols)
    grey = frame[frame["low_n"]].assign(one=1).pivot_table(
        index="touchpoint", columns="col", values="one", aggfunc="first"
    ).reindex(index=rows, columns=cols)
    scale, zmin, zmax = ("RdYlGn_r" if reverse else "RdYlGn"), None, None
    if limits:
        scale, zmin, zmax = limit_scale(limits)
    fig = go.Figure()
    fig.add_trace(go.Heatmap(z=grey.values, x=cols, y=rows, colorscale=[[0, GREY], [1, GREY]],
                             showscale=False, hoverinfo="skip", xgap=2, ygap=2))
    fig.add_trace(go.Heatmap(z=z.values, x=cols, y=rows, colorscale=scale, hoverinfo="skip",
                             zmin=zmin, zmax=zmax,
                             colorbar={"title": value_label}, xgap=2, ygap=2))
    hover = [
        f"<b>{r.touchpoint}</b> · {r.col}<br>{value_label}: "
        + ("—" if _missing(r.value) else f"{r.value:,.1f}")
        + f"<br>n = {int(r.n):,}"
        + (f"<br>{low_n_text}" if r.low_n else "")
        + (f"<br><b>{breach_text}</b>" if r.breach else "")
        for r in frame.itertuples()
    ]
    fig.add_trace(go.Scatter(
        x=frame["col"], y=frame["touchpoint"], mode="markers", hovertext=hover,
        hoverinfo="text", customdata=frame[["touchpoint", "col"]].values,
        marker={"size": 28, "symbol": "square", "opacity": 0.01, "color": "#000"}, showlegend=False,
    ))
    marked = frame[frame["breach"] & ~frame["low_n"]]
    fig.add_trace(go.Scatter(
        x=marked["col"], y=marked["touchpoint"], mode="markers", hoverinfo="skip",
        marker={"symbol": "x-thin", "size": 14, "line": {"width": 3, "color": "#111"}}, showlegend=False,
    ))
    fig.update_layout(title=title, height=max(320, 28 * len(rows) + 120), **LAYOUT)
    fig.update_xaxes(type="category", side="bottom")
    fig.update_yaxes(type="category")
    return fig


def control_chart(frame: pd.DataFrame, title: str, labels: dict[str, str]) -> go.Figure:
    """Points with centre line and (per-period) limits; breaching points in red.

    LABELS names the traces: value, centre, limits, breach.
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=frame["period"], y=frame["ucl"], mode="lines", name=labels["limits"],
                             line={"color": "#7f8c8d", "dash": "dot", "shape": "hv"}))
    fig.add_trace(go.Scatter(x=frame["period"], y=frame["lcl"], mode="lines", showlegend=False,
                             line={"color": "#7f8c8d", "dash": "dot", "shape": "hv"}))
    fig.add_trace(go.Scatter(x=frame["period"], y=frame["centre"], mode="lines",
                             name=labels["centre"], line={"color": "#2980b9", "dash": "dash"}))
    custom = frame[["n"]].fillna(0).values if "n" in frame else None
    fig.add_trace(go.Scatter(x=frame["period"], y=frame["value"], mode="lines+markers",
                             name=labels["value"], line={"color": "#2c3e50"}, customdata=custom,
                             hovertemplate="%{x}<br>%{y:.3g}"
                             + ("<br>n = %{customdata[0]:,}" if custom is not None else "")
                             + "<extra></extra>"))
    hits = frame[frame["breach"].fillna(False).astype(bool)]
    fig.add_trace(go.Scatter(x=hits["period"], y=hits["value"], mode="markers",
                             name=labels["breach"],
                             marker={"color": LEVEL_COLOURS["red"], "size": 11, "symbol": "circle-open",
                                         "line": {"width": 3}}))
    fig.update_layout(title=title, height=340, legend={"orientation": "h", "y": -0.2}, **LAYOUT)
    return fig


QUADRANT_COLOURS = {"act_now": "#c0392b", "prepare": "#d68910", "automate": "#2471a3",
                    "watch": "#7f8c8d"}


def risk_grid(items: pd.DataFrame, title: str, axis: dict[str, str],
              quadrant_labels: dict[str, str], lines: tuple[float, float] = (3.5, 3.5),
              labelled: int = 4) -> go.Figure:
    """5 × 5 grid (x = probability band, y = impact band) with a bubble per item.

    ITEMS has item_id, label, x, y (band positions, 0.5–5.5), score, affected_customers,
    drivers (text). Cell colour = probability × impact; bubble size = affected customers;
    LINES are the quadrant boundaries on the x and y axes. Bubbles are coloured by quadrant;
    the LABELLED highest scores carry their name.
    """
    band = list(range(1, 6))
    fig = go.Figure(go.Heatmap(
        z=[[p * i for p in band] for i in band], x=band, y=band, showscale=False,
        colorscale=[[0, "#eafaf1"], [0.35, "#fcf3cf"], [0.65, "#f5b7b1"], [1, "#c0392b"]],
        hoverinfo="skip", xgap=1, ygap=1, opacity=0.85,
    ))
    if len(items):
        affected = items["affected_customers"].fillna(0).clip(lower=0)
        items = items.assign(_size=12 + 38 * (affected / max(float(affected.max()), 1.0)) ** 0.5)
        top = set(items.nlargest(labelled, "score")["item_id"])
        for quadrant, colour in QUADRANT_COLOURS.items():
            part = items[items["quadrant"] == quadrant]
            if part.empty:
                continue
            # loaded text goes into Plotly's HTML-like labels escaped
            fig.add_trace(go.Scatter(
                x=part["x"], y=part["y"], mode="markers+text", name=quadrant_labels[quadrant],
                customdata=part[["item_id"]].values,
                text=[html.escape(str(r.label)) if r.item_id in top else ""
                      for r in part.itertuples()],
                textposition="top center", textfont={"size": 11, "color": "#1c2833"},
                hovertext=[
                    f"<b>{html.escape(str(r.label))}</b><br>{axis['score']}: {r.score:.2f}"
                    f"<br>{axis['affected']}: {int(r.affected_customers or 0):,}"
                    f"<br>{html.escape(str(r.drivers))}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
                marker={"size": part["_size"], "color": colour, "opacity": 0.8,
                        "line": {"color": "white", "width": 1}},
            ))
    corners = {"prepare": (1.2, 5.5), "act_now": (4.8, 5.5), "watch": (1.2, 0.5),
               "automate": (4.8, 0.5)}
    for key, (x, y) in corners.items():
        fig.add_annotation(x=x, y=y, text=f"<b>{quadrant_labels[key]}</b>", showarrow=False,
                           font={"size": 12, "color": "#34495e"})
    fig.add_vline(x=lines[0], line_dash="dot", line_color="#7f8c8d")
    fig.add_hline(y=lines[1], line_dash="dot", line_color="#7f8c8d")
    fig.update_layout(title=title, height=540, legend={"orientation": "h", "y": -0.18}, **LAYOUT)
    fig.update_xaxes(title=axis["probability"], range=[0.45, 5.55], tickvals=band, zeroline=False)
    fig.update_yaxes(title=axis["impact"], range=[0.3, 5.7], tickvals=band, zeroline=False)
    return fig


def risk_counts(items: pd.DataFrame, title: str, axis: dict[str, str]) -> go.Figure:
    """The same 5 × 5 grid as counts: how many items sit in each probability × impact cell."""
    band = list(range(1, 6))
    cells = [[0] * 5 for _ in band]
    for x, y in zip(items["x"], items["y"], strict=True):
        p, i = (min(5, max(1, math.floor(v + 0.5))) for v in (x, y))
        cells[i - 1][p - 1] += 1
    fig = go.Figure(go.Heatmap(
        z=cells, x=band, y=band, showscale=False, text=[[str(n) if n else "" for n in row]
                                                        for row in cells],
        texttemplate="%{text}", textfont={"size": 16},
        colorscale=[[0, "#f8f9f9"], [0.01, "#fdebd0"], [1, "#c0392b"]], xgap=2, ygap=2,
        hovertemplate=f"{axis['probability']}: %{{x}}<br>{axis['impact']}: %{{y}}"
        "<br>%{z}<extra></extra>",
    ))
    fig.update_layout(title=title, height=480, **LAYOUT)
    fig.update_xaxes(title=axis["probability"], tickvals=band)
    fig.update_yaxes(title=axis["impact"], tickvals=band)
    return fig


def selected_custom(event) -> list | None:
    """customdata of the first point the user clicked on a plotly chart, if any."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        custom = point.get("customdata")
        if custom is not None:
            return list(custom) if isinstance(custom, (list, tuple)) else [custom]
    return None


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
