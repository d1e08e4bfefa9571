"""Charts of the Complaints page: SLA compliance by severity and the Pareto of categories."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t, value_labeller

PARETO_CUTOFF = 80.0  # % of complaints: the "vital few" categories lie left of this line


UNKNOWN = ("(none)", "—", "")  # a missing category ('-', N/A … in the file): its own bar, no share


def pareto_table(frame: pd.DataFrame, label: str = "category", count: str = "complaints"):
    """Categories by count, largest first, with share and cumulative share in % of the tickets
    with a known category; tickets without one are a last "unknown" bar without a share."""
    out = frame[[label, count]].copy()
    out[label] = out[label].fillna("—").astype(str)
    out = out.groupby(label, as_index=False)[count].sum()
    out = out.sort_values([count, label], ascending=[False, True], ignore_index=True)
    unknown = out[label].isin(UNKNOWN)
    known = out[~unknown].reset_index(drop=True)
    total = known[count].sum()
    known["share_pct"] = known[count] / total * 100 if total else 0.0
    known["cumulative_pct"] = known["share_pct"].cumsum()
    rest = pd.DataFrame({label: [t("complaints.pareto_unknown")], count: [out.loc[unknown, count].sum()],
                         "share_pct": [float("nan")], "cumulative_pct": [float("nan")]})
    return pd.concat([known, rest], ignore_index=True) if unknown.any() else known


def vital_few(table: pd.DataFrame) -> int:
    """How many of the largest categories it takes to reach 80 % of complaints."""
    reached = table.index[table["cumulative_pct"] >= PARETO_CUTOFF - 1e-9]
    return int(reached[0]) + 1 if len(reached) else int(table["cumulative_pct"].notna().sum())


def pareto_figure(table: pd.DataFrame, label: str = "category", count: str = "complaints"):
    """Bars of counts, the cumulative share as a line on a second axis, and the 80 % marker."""
    fig = go.Figure()
    names = table[label].map(value_labeller("category"))
    colours = ["#95a5a6" if pd.isna(share) else "#c0392b" for share in table["share_pct"]]
    fig.add_bar(x=names, y=table[count], name=t("complaints.pareto_count"), marker_color=colours)
    fig.add_scatter(x=names, y=table["cumulative_pct"], name=t("complaints.pareto_cum"),
                    yaxis="y2", mode="lines+markers", line={"color": "#2c3e50"})
    fig.add_hline(y=PARETO_CUTOFF, yref="y2", line_dash="dash", line_color="#7f8c8d",
                  annotation_text=t("complaints.pareto_80"), annotation_position="top left")
    fig.update_layout(
        yaxis={"title": t("complaints.pareto_count")},
        yaxis2={"title": t("complaints.pareto_cum"), "overlaying": "y", "side": "right",
                "range": [0, 105], "dtick": 20, "ticksuffix": "%", "showgrid": False},
        legend={"orientation": "h", "y": -0.25}, margin={"t": 30, "b": 10}, height=380,
    )
    return fig


def sla_figure(frame: pd.DataFrame, columns: dict[str, str]):
    """Grouped bars per severity: one bar per SLA measure (COLUMNS: column -> legend label)."""
    fig = go.Figure()
    for column, name in columns.items():
        if column in frame:
            fig.add_bar(x=frame["severity"].map(value_labeller("severity")), y=frame[column],
                        name=name,
                        text=frame[column].map(lambda v: "" if pd.isna(v) else f"{v:.0f}%"))
    fig.update_layout(barmode="group", yaxis={"title": t("complaints.sla_axis"), "range": [0, 105]},
                      xaxis={"title": t("complaints.severity")}, height=340,
                      legend={"orientation": "h", "y": -0.3}, margin={"t": 20, "b": 10})
    return fig
