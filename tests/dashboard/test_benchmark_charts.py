"""Benchmark chart helpers: the page opens on the largest gap; the radar is a closed polygon."""

from __future__ import annotations

import pandas as pd

from dashboard.components import benchmark_charts as charts


def _gaps() -> pd.DataFrame:
    return pd.DataFrame({
        "metric": ["nps", "nps", "csat", "ces", "ces"],
        "touchpoint": ["", "app", "", "", ""],
        "competitor": ["industry", "RivalA", "RivalA", "industry", "RivalA"],
        "gap_pct": [-5.0, -12.0, -30.0, 2.0, None],
    })


def test_the_metric_furthest_behind_comes_first():
    # worst gaps: csat -30, nps -12, ces +2
    assert charts.metrics_by_gap(_gaps()) == ["csat", "nps", "ces"]


def test_picked_rows_follow_every_picker():
    rows = charts.picked_rows(_gaps(), "nps", "APP", None)
    assert list(rows["competitor"]) == ["RivalA"]
    assert list(charts.picked_rows(_gaps(), "nps", None, "industry")["touchpoint"]) == [""]


def test_radar_closes_its_polygon_and_falls_back_to_bars():
    three = pd.DataFrame({"entity": ["us"] * 3, "metric": ["NPS", "CSAT", "CES"],
                          "score": [70.0, 80.0, 60.0]})
    trace = charts.radar_figure(three).data[0]
    assert trace.type == "scatterpolar"
    assert list(trace.theta) == ["NPS", "CSAT", "CES", "NPS"]
    assert list(trace.r) == [70.0, 80.0, 60.0, 70.0]
    two = three.head(2)
    assert {t.type for t in charts.radar_figure(two).data} == {"bar"}
