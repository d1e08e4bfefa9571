"""Competitor benchmarks: gaps, the industry band, radar data and a 12-month forecast (warehouse/docs/metrics.md, Benchmarks)."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import numpy as np
import pandas as pd

from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import csi
from warehouse.kpi.metrics import METRICS, _values, metric_series
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect

# Benchmark metric names as exports write them -> our KPI key (direction comes from METRICS).
BENCHMARK_METRICS = {
    "nps": "nps",
    "csat": "csat_pct",
    "csat_pct": "csat_pct",
    "ces": "ces",
    "complaint_rate": "complaint_rate_per_1000",
    "complaint_rate_per_1000": "complaint_rate_per_1000",
    "first_response_minutes": "frt_median_minutes",
    "frt_minutes": "frt_median_minutes",
    "resolution_hours": "resolution_median_hours",
    "fcr": "fcr_pct",
    "fcr_pct": "fcr_pct",
    "negative_rate": "negative_rate_pct",
    "escalation_rate": "escalation_rate_pct",
}
WEAKNESS_GAP_PCT = 15.0
BAND_SIGMA = 1.5
MIN_FORECAST_PERIODS = 24
NOT_ENOUGH_HISTORY = "not enough history"


def our_key(metric: str) -> str | None:
    """Our KPI key for a benchmark metric name (None when we do not compute it)."""
    name = metric.strip().lower()
    return BENCHMARK_METRICS.get(name) or (name if name in METRICS else None)


def gap_pct(ours: float | None, theirs: float | None, higher_is_better: bool) -> float | None:
    """Signed gap in % of their value: negative = we are worse, whatever the direction."""
    if ours is None or theirs is None or theirs == 0 or pd.isna(ours) or pd.isna(theirs):
        return None
    diff = ours - theirs if higher_is_better else theirs - ours
    return 100.0 * diff / abs(theirs)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _window(con, filters: Filters) -> tuple[Filters, date | None, date | None]:
    """Our filter window and the benchmark periods compared with it.

    Without a date filter the newest benchmark month is compared with our values in that month.
    """
    if filters.start or filters.end:
        start = _month_start(filters.start) if filters.start else date(1900, 1, 1)
        end = filters.end + timedelta(days=1) if filters.end else date(9999, 1, 1)
        return filters, start, end
    latest = con.execute(sqlfiles.load("benchmarks/latest_period.sql")).fetchone()[0]
    if latest is None:
        return filters, None, None
    start, end = latest, _next_month(latest)
    return filters.with_(start=start, end=end - timedelta(days=1)), start, end


def gaps(*, filters: Filters, viewer: Viewer, db=None) -> pd.DataFrame:
    """One row per metric × touchpoint × competitor (industry included):
    [metric, touchpoint, competitor, theirs, ours, gap_pct, weakness, our_metric,
    higher_is_better]. `weakness` flags gaps worse than 15 %. Our values come from the
    viewer's scoped data under the same filters."""
    columns = ["metric", "touchpoint", "competitor", "theirs", "ours", "gap_pct", "weakness",
               "our_metric", "higher_is_better"]
    with connect(db) as con:
        ours_filters, start, end = _window(con, filters)
        if start is None:
            return pd.DataFrame(columns=columns)
        found = sqlfiles.df(con, "benchmarks/values.sql", {"bench_start": start, "bench_end": end})
        ours_by_touchpoint: dict[str, dict] = {}
        rows = []
        for rec in found.to_dict("records"):
            key = our_key(rec["metric"])
            touchpoint = rec["touchpoint"] or ""
            ours = None
            if key:
                if touchpoint.lower() not in ours_by_touchpoint:
                    scoped = ours_filters.with_(touchpoint=(touchpoint,)) if touchpoint else ours_filters
                    ours_by_touchpoint[touchpoint.lower()] = _values(con, scoped, viewer)
                ours = ours_by_touchpoint[touchpoint.lower()][key][0]
            higher = METRICS[key].higher_is_better if key else True
            gap = gap_pct(ours, rec["value"], higher) if key else None
            rows.append({
                "metric": rec["metric"], "touchpoint": touchpoint, "competitor": rec["competitor"],
                "theirs": float(rec["value"]), "ours": ours, "gap_pct": gap,
                "weakness": gap is not None and gap < -WEAKNESS_GAP_PCT,
                "our_metric": key, "higher_is_better": higher,
            })
    return pd.DataFrame(rows, columns=columns)


def _industry(series: pd.DataFrame) -> pd.DataFrame:
    """Industry value per period: the 'industry' rows, else the mean of the competitors."""
    if series.empty:
        return pd.DataFrame(columns=["period", "industry"])
    is_industry = series["competitor"].str.lower() == "industry"
    chosen = series[is_industry] if is_industry.any() else series
    return chosen.groupby("period", as_index=False)["value"].mean().rename(
        columns={"value": "industry"})


def band(
    metric: str, *, touchpoint: str | None = None, filters: Filters, viewer: Viewer, db=None
) -> pd.DataFrame:
    """[period, industry, lower, upper, sigma, ours, outside]: the industry value per period
    ± 1.5 σ (σ = sample standard deviation of the industry series in the window), with our
    monthly value and whether it lies outside the band."""
    name = metric.strip().lower()
    key = our_key(name)
    bench_name = next((b for b, k in BENCHMARK_METRICS.items() if k == name), name)
    bound = {
        "metric": bench_name if key == name else name,
        "touchpoint": (touchpoint or "").strip().lower(),
        "bench_start": _month_start(filters.start) if filters.start else None,
        "bench_end": filters.end + timedelta(days=1) if filters.end else None,
    }
    with connect(db) as con:
        series = sqlfiles.df(con, "benchmarks/series.sql", bound)
    frame = _industry(series)
    columns = ["period", "industry", "lower", "upper", "sigma", "ours", "outside"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    # One industry period has no spread: the limits stay empty (NaN) and nothing is "outside".
    sigma = float(frame["industry"].std(ddof=1)) if len(frame) > 1 else float("nan")
    frame["sigma"] = sigma
    frame["lower"] = frame["industry"] - BAND_SIGMA * sigma
    frame["upper"] = frame["industry"] + BAND_SIGMA * sigma
    if len(frame) < 2:
        frame.attrs["message"] = (
            "Only one industry period lies in the window, so the band has no width; "
            "widen the date range to see it.")
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame["ours"] = None
    if key:
        ours_filters = filters.with_(touchpoint=(touchpoint,)) if touchpoint else filters
        ours = metric_series(key, grain="month", filters=ours_filters, viewer=viewer, db=db)
        lookup = {pd.Timestamp(p).date(): v for p, v in zip(ours["period"], ours["value"])}
        frame["ours"] = [lookup.get(p) for p in frame["period"]]
    frame["ours"] = frame["ours"].astype("float64")
    frame["outside"] = (frame["ours"] < frame["lower"]) | (frame["ours"] > frame["upper"])
    return frame[columns]


def _radar_score(key: str | None, value: float, best: float) -> float | None:
    if value is None or pd.isna(value):
        return None
    if key in csi.COMPONENTS:
        return csi.normalise(key, value)
    if key and METRICS[key].higher_is_better is False:
        return 100.0 * min(best / value, 1.0) if value > 0 else 100.0
    return 100.0 * min(value / best, 1.0) if best > 0 else None


def radar(*, touchpoint: str | None = None, filters: Filters, viewer: Viewer, db=None) -> pd.DataFrame:
    """[entity, metric, value, score]: us, each competitor and industry across the benchmark
    metrics of one touchpoint ('' = overall); score 0-100, higher = better (CSI
    normalisation where the metric is a CSI component, else relative to the best entity)."""
    frame = gaps(filters=filters, viewer=viewer, db=db)
    columns = ["entity", "metric", "value", "score"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame[frame["touchpoint"].str.lower() == (touchpoint or "").strip().lower()]
    rows = []
    for metric, group in frame.groupby("metric", sort=True):
        key = group["our_metric"].iloc[0]
        values = [(c, t) for c, t in zip(group["competitor"], group["theirs"])]
        ours = group["ours"].iloc[0]
        if ours is not None and not pd.isna(ours):
            values.insert(0, ("us", ours))
        finite = [v for _, v in values if v is not None and not pd.isna(v)]
        lower_better = key is not None and METRICS[key].higher_is_better is False
        best = min(finite) if lower_better else max(finite)
        for entity, value in values:
            rows.append({"entity": entity, "metric": metric, "value": float(value),
                         "score": _radar_score(key, value, best)})
    return pd.DataFrame(rows, columns=columns)


def forecast(
    metric: str,
    *,
    competitor: str = "industry",
    touchpoint: str | None = None,
    viewer: Viewer,
    db=None,
    horizon: int = 12,
) -> pd.DataFrame | str:
    """Holt-Winters forecast of a benchmark series `horizon` months ahead:
    [period, kind ('history'|'forecast'), value, lower, upper] (an approximate 95 % interval
    from the in-sample residuals), or "not enough history" under 24 periods."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    bound = {"metric": metric.strip().lower(), "touchpoint": (touchpoint or "").strip().lower(),
             "bench_start": None, "bench_end": None}
    with connect(db) as con:
        series = sqlfiles.df(con, "benchmarks/series.sql", bound)
    series = series[series["competitor"].str.lower() == competitor.strip().lower()]
    if len(series) < MIN_FORECAST_PERIODS:
        return NOT_ENOUGH_HISTORY
    periods = pd.to_datetime(series["period"]).reset_index(drop=True)
    values = series["value"].astype(float).reset_index(drop=True)
    step_months = 3 if periods.diff().dt.days.median() > 45 else 1
    season = 12 // step_months
    steps = max(1, horizon // step_months)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            values.to_numpy(),
            trend="add",
            seasonal="add" if len(values) >= 2 * season else None,
            seasonal_periods=season if len(values) >= 2 * season else None,
            initialization_method="estimated",
        ).fit()
    predicted = model.forecast(steps)
    resid_sd = float(np.std(values.to_numpy() - model.fittedvalues, ddof=1))
    spread = 1.96 * resid_sd * np.sqrt(np.arange(1, steps + 1))
    future = [periods.iloc[-1] + pd.DateOffset(months=step_months * i) for i in range(1, steps + 1)]
    history = pd.DataFrame({"period": periods.dt.date, "kind": "history", "value": values,
                            "lower": np.nan, "upper": np.nan})
    ahead = pd.DataFrame({"period": [p.date() for p in future], "kind": "forecast",
                          "value": predicted, "lower": predicted - spread,
                          "upper": predicted + spread})
    return pd.concat([history, ahead], ignore_index=True)
