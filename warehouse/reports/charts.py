"""The report's charts: Altair specifications rendered to PNG by vl-convert (no browser)."""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd
import vl_convert as vlc

from warehouse.reports.quarter import Quarter
from warehouse.reports.strings import text

FONT = "Noto Sans CJK SC"  # apt fonts-noto-cjk: Latin and Chinese in one face
WIDTH = 640                # px at scale 1; the page shows it 170 mm wide
SCALE = 2                  # PNG pixels per px: sharp in print
RED, YELLOW, GREEN, BLUE, GREY = "#c0392b", "#e0a800", "#2e8b57", "#2f6db5", "#9aa5b1"


def png(chart: alt.TopLevelMixin) -> bytes:
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    return vlc.vegalite_to_png(spec, scale=SCALE)


def trend(frame: pd.DataFrame, quarter: Quarter, lang: str, labels: dict[str, str]) -> bytes:
    """One small line chart per metric, by month, with the report's quarter shaded."""
    data = frame.dropna(subset=["value"]).assign(
        label=lambda f: f["metric"].map(labels), period=lambda f: pd.to_datetime(f["period"]))
    shade = pd.DataFrame({"start": [pd.Timestamp(quarter.start)],
                          "end": [pd.Timestamp(quarter.end)]})
    panels = []
    for key, label in labels.items():
        part = data[data["metric"] == key]
        base = alt.Chart(part).encode(
            x=alt.X("period:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=-45,
                                                          tickCount="month")),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)))
        band = alt.Chart(shade).mark_rect(color="#dbe7f5", opacity=0.7).encode(
            x="start:T", x2="end:T")
        line = base.mark_line(point=True, color=BLUE, strokeWidth=2)
        panels.append((band + line).properties(
            width=(WIDTH - 90) / len(labels), height=150, title=label))
    return png(alt.hconcat(*panels, spacing=18))


def risk_grid(items: pd.DataFrame, top: int, lang: str) -> bytes:
    """The 5 × 5 grid (probability band × impact band): each cell shaded by its risk level,
    with the number of items in it and the ranks of the top items (as in the table)."""
    placed = items.reset_index(drop=True).assign(rank=lambda f: f.index + 1)
    cells = []
    for row in range(1, 6):
        for col in range(1, 6):
            inside = placed[(placed["row"] == row) & (placed["col"] == col)]
            ranks = [f"#{r}" for r in inside["rank"] if r <= top]
            cells.append({"col": col, "row": row, "level": row * col,
                          "count": str(len(inside)) if len(inside) else "",
                          "ranks": " ".join(ranks[:4]) + (" …" if len(ranks) > 4 else "")})
    data = pd.DataFrame(cells)
    x = alt.X("col:O", title=text(lang, "risk.axis.impact"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("row:O", title=text(lang, "risk.axis.probability"), sort="descending")
    base = alt.Chart(data).encode(x=x, y=y)
    shade = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("level:Q", legend=None, scale=alt.Scale(
            domain=[1, 6, 12, 25], range=["#e3f1e6", "#fbf1cf", "#f6c9a8", "#e0776a"])))
    count = base.mark_text(fontSize=20, fontWeight="bold", color="#12324f", dy=-8).encode(
        text="count:N")
    ranks = base.mark_text(fontSize=10, color="#8e1c12", dy=14).encode(text="ranks:N")
    return png((shade + count + ranks).properties(width=430, height=330))


def alert_timeline(alerts: pd.DataFrame, quarter: Quarter, lang: str) -> bytes:
    """One bar per alert from its opening to its resolution (clipped to the quarter)."""
    start, end = pd.Timestamp(quarter.start), pd.Timestamp(quarter.end + timedelta(days=1))
    rows = []
    for a in alerts.itertuples():
        opened = max(pd.Timestamp(a.opened_at), start)
        closed = min(pd.Timestamp(a.resolved_at), end) if pd.notna(a.resolved_at) else end
        rows.append({"label": f"#{a.id}", "start": opened,
                     "end": max(closed, opened + pd.Timedelta(hours=12)),
                     "level": text(lang, f"level.{a.level}")})
    data = pd.DataFrame(rows)
    chart = alt.Chart(data).mark_bar(height=9, cornerRadius=2).encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
                axis=alt.Axis(format="%m-%d", tickCount="week")),
        x2="end:T",
        y=alt.Y("label:N", title=None, sort=None),
        color=alt.Color("level:N", title=text(lang, "a.level"),
                        scale=alt.Scale(domain=[text(lang, "level.red"),
                                                text(lang, "level.yellow")],
                                        range=[RED, YELLOW]),
                        legend=alt.Legend(orient="bottom")))
    return png(chart.properties(width=WIDTH - 60, height=max(60, 14 * len(data))))


def benchmark_gaps(table: pd.DataFrame, lang: str, metric_label) -> bytes:
    """Our gap to the best competitor per metric and touchpoint; the −15 % line."""
    data = table.dropna(subset=["gap_best"]).assign(
        label=lambda f: [f"{metric_label(m)} · {t or text(lang, 'b.overall')}"
                         for m, t in zip(f["metric"], f["touchpoint"])],
        weak=lambda f: f["gap_best"] < -15.0)
    data = data.sort_values("gap_best")
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("gap_best:Q", title=text(lang, "b.gap_best")),
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.condition("datum.weak", alt.value(RED), alt.value(BLUE)))
    labels = alt.Chart(data).mark_text(align="left", dx=3, fontSize=9).encode(
        x="gap_best:Q", y=alt.Y("label:N", sort=None), text=alt.Text("gap_best:Q", format="+.1f"))
    line = alt.Chart(pd.DataFrame({"x": [-15.0]})).mark_rule(color=RED, strokeDash=[4, 3]).encode(
        x="x:Q")
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#333").encode(x="x:Q")
    return png((bars + labels + line + zero).properties(width=WIDTH - 280,
                                                        height=max(80, 15 * len(data))))


def pareto(frame: pd.DataFrame, lang: str, category: str = "category") -> bytes:
    """Complaints per category (bars, the vital few darker) and the cumulative share (line)."""
    data = frame.assign(order=range(len(frame)))
    x = alt.X(f"{category}:N", sort=alt.SortField("order"), title=None,
              axis=alt.Axis(labelAngle=-40, labelLimit=140))
    bars = alt.Chart(data).mark_bar().encode(
        x=x, y=alt.Y("complaints:Q", title=text(lang, "p.complaints")),
        color=alt.condition("datum.vital_few", alt.value(BLUE), alt.value("#a9c1e0")))
    line = alt.Chart(data).mark_line(point=True, color=RED).encode(
        x=x, y=alt.Y("cumulative_pct:Q", title=text(lang, "p.cumulative"),
                     scale=alt.Scale(domain=[0, 100])))
    eighty = alt.Chart(pd.DataFrame({"y": [80.0]})).mark_rule(
        color=RED, strokeDash=[4, 3], opacity=0.6).encode(
        y=alt.Y("y:Q", scale=alt.Scale(domain=[0, 100]), axis=None))
    chart = alt.layer(bars, alt.layer(line, eighty)).resolve_scale(y="independent")
    return png(chart.properties(width=WIDTH - 90, height=230))


