"""The data behind an alert's control chart: its rule's series for its scope, with the limits."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from warehouse.access.scope import Viewer
from warehouse.alerting.alerts import visible_alert
from warehouse.alerting.audience import audience_viewer
from warehouse.alerting.engine import assess
from warehouse.alerting.rule_series import load_series
from warehouse.alerting.rules import get_rule
from warehouse.storage.db import connect


def control_chart(alert_id: int, *, viewer: Viewer,
                  db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The series behind an alert's rule and scope with its limits and the breaching periods.

    Columns: period, value (what the rule compares), centre, lcl, ucl (SPC limits; for other
    kinds the red limit on the bad side), yellow_limit, red_limit, n, breach (yellow/red/None),
    metric_value (the underlying metric), status.
    """
    with connect(db) as con:
        alert = visible_alert(con, alert_id, viewer)
        rule = get_rule(con, alert["rule"])
        series = load_series(con, rule, audience_viewer(alert.get("audience") or ""))
    series = series[series["scope"] == alert["scope"]]
    assessed = assess(rule, series, None)
    out = pd.DataFrame({
        "period": assessed["period_start"],
        "period_end": assessed["period_end"],
        "value": assessed["value"].astype(float),
        "metric_value": assessed["metric_value"].astype(float),
        "n": assessed["n"].astype(float),
        "breach": assessed["level"],
        "status": assessed["status"],
    })
    if rule.kind == "spc":
        out["centre"] = assessed["centre"].astype(float)
        out["lcl"] = assessed["lcl"].astype(float)
        out["ucl"] = assessed["ucl"].astype(float)
        out["yellow_limit"] = np.nan
        out["red_limit"] = np.nan
    else:
        out["centre"] = assessed["baseline"].astype(float)
        red = np.nan if rule.red is None else rule.red
        yellow = np.nan if rule.yellow is None else rule.yellow
        if rule.kind == "sustained":
            red = yellow = np.nan  # levels count periods; the limit is the baseline line
            out["centre"] = assessed["baseline"].astype(float)
        out["yellow_limit"] = yellow
        out["red_limit"] = red
        bad_above = rule.direction == "above" or rule.kind in ("relative_change",
                                                                "benchmark_gap", "spike")
        out["ucl"] = red if bad_above else np.nan
        out["lcl"] = np.nan if bad_above else red
        if rule.kind == "relative_change" and rule.direction == "below":
            out["ucl"], out["lcl"] = np.nan, -red if not np.isnan(red) else np.nan
            out["yellow_limit"] = -yellow if not np.isnan(yellow) else np.nan
            out["red_limit"] = out["lcl"]
    columns = ["period", "period_end", "value", "centre", "lcl", "ucl", "yellow_limit",
               "red_limit", "n", "breach", "metric_value", "status"]
    return out[columns].reset_index(drop=True)
