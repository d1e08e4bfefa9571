"""Competitor benchmarks: gaps, the industry band, radar data and a 12-month forecast (warehouse/docs/metrics.md, Benchmarks)."""

from __future__ import annotations

import math
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


def csat_column(theirs) -> str:
    """Benchmark CSAT comes as a top-2-box % or as a mean on 1-5 (every value <= 5): which of our
    figures is like THEIRS (values), `csat_pct` or `csat_mean_5` (our mean on the 10-point scale ÷ 2)."""
    return "csat_mean_5" if max(theirs) <= 5 else "csat_pct"


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
            ours, named = None, key
            if key:
                if touchpoint.lower() not in ours_by_touchpoint:
                    scoped = ours_filters.with_(touchpoint=(touchpoint,)) if touchpoint else ours_filters
                    ours_by_touchpoint[touchpoint.lower()] = _values(con, scoped, viewer)
                ours = ours_by_touchpoint[touchpoint.lower()][key][0]
                if key == "csat_pct" and csat_column([rec["value"]]) == "csat_mean_5":
                    # their CSAT is a mean of 5: ours on the same scale, named as they name it
                    mean = ours_by_touchpoint[touchpoint.lower()]["csat_mean"][0]
                    ours = None if mean is None or pd.isna(mean) else mean / 2
                    named = None
            higher = METRICS[key].higher_is_better if key else True
            gap = gap_pct(ours, rec["value"], higher) if key else None
            rows.append({
                "metric": rec["metric"], "touchpoint": touchpoint, "competitor": rec["competitor"],
                "theirs": float(rec["value"]), "ours": ours, "gap_pct": gap,
                "weakness": gap is not None and gap < -WEAKNESS_GAP_PCT,
                "our_metric": named, "higher_is_better": higher,
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


# The range a metric's values can take (a forecast never leaves it); by our KPI key.
RANGES = {"nps": (-100.0, 100.0), "ces": (1.0, 7.0), "csat_mean": (0.0, 10.0)}
PERCENT_RANGE = (0.0, 100.0)
COUNT_RANGE = (0.0, math.inf)
INTERVAL = 0.95
DAMPED = "damped_trend"
SEASONAL = "damped_trend_seasonal"


def value_range(metric: str, history: pd.Series) -> tuple[float, float]:
    """Lowest and highest value METRIC can take: NPS -100..100, CES 1..7, shares 0..100, CSAT
    given as a mean on 1-5 (every value <= 5) 1..5, times and rates from 0."""
    key = our_key(metric)
    if key in ("csat_pct", "csat_mean") and len(history) and float(history.max()) <= 5:
        return (1.0, 5.0)
    if key in RANGES:
        return RANGES[key]
    if key and (key.endswith("_pct") or METRICS[key].unit == "%"):
        return PERCENT_RANGE
    return COUNT_RANGE


def _ets(values: np.ndarray, season: int | None):
    """An additive damped-trend exponential smoothing model (ETS A,Ad,N or A,Ad,A), fitted."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    index = pd.date_range("2000-01-01", periods=len(values), freq="MS")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # heuristic starting states (Hyndman et al. 2008, 2.6.1): fewer parameters to search
        # than estimating them, a fraction of the time on a busy machine
        return ETSModel(pd.Series(values, index=index), error="add", trend="add",
                        damped_trend=True, seasonal="add" if season else None,
                        seasonal_periods=season, initialization_method="heuristic",
                        ).fit(disp=False)


def choose_model(values: np.ndarray, season: int) -> tuple[str, dict[str, float]]:
    """DAMPED unless adding seasonality forecasts the last SEASON periods better (mean absolute
    error on that hold-out, both fitted on the periods before it); the errors by model."""
    train, test = values[:-season], values[-season:]
    errors = {DAMPED: float(np.mean(np.abs(_ets(train, None).forecast(season) - test)))}
    if len(train) >= 2 * season:
        errors[SEASONAL] = float(np.mean(np.abs(_ets(train, season).forecast(season) - test)))
    best = SEASONAL if errors.get(SEASONAL, math.inf) < errors[DAMPED] else DAMPED
    return best, errors


def forecast(
    metric: str,
    *,
    competitor: str = "industry",
    touchpoint: str | None = None,
    viewer: Viewer,
    db=None,
    horizon: int = 12,
) -> pd.DataFrame | str:
    """A forecast of a benchmark series `horizon` months ahead:
    [period, kind ('history'|'forecast'), value, lower, upper], or "not enough history" under
    24 periods. The model is a damped additive trend, with additive seasonality only when that
    wins on a hold-out of the last season (choose_model); the interval is the model's own 95 %
    prediction interval. Values and interval stay inside the metric's range (value_range).
    attrs: model, holdout_mae (by model), metric, competitor, touchpoint, interval."""
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
    chosen, errors = choose_model(values.to_numpy(), season)
    model = _ets(values.to_numpy(), season if chosen == SEASONAL else None)
    predicted = model.get_prediction(start=len(values), end=len(values) + steps - 1)
    frame = predicted.summary_frame(alpha=1 - INTERVAL)
    low, high = value_range(metric, values)
    future = [periods.iloc[-1] + pd.DateOffset(months=step_months * i) for i in range(1, steps + 1)]
    history = pd.DataFrame({"period": periods.dt.date, "kind": "history", "value": values,
                            "lower": np.nan, "upper": np.nan})
    ahead = pd.DataFrame({
        "period": [p.date() for p in future], "kind": "forecast",
        "value": np.clip(frame["mean"].to_numpy(), low, high),
        "lower": np.clip(frame["pi_lower"].to_numpy(), low, high),
        "upper": np.clip(frame["pi_upper"].to_numpy(), low, high),
    })
    out = pd.concat([history, ahead], ignore_index=True)
    out.attrs.update(model=chosen, holdout_mae=errors, metric=metric, competitor=competitor,
                     touchpoint=touchpoint or "", interval=INTERVAL)
    return out
