"""The data series each rule metric is evaluated on, read from the warehouse per scope and period."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import duckdb
import numpy as np
import pandas as pd

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.alerting.engine import ASSESSED_COLUMNS, Rule, assess
from warehouse.kpi import benchmarks, complaint_rate, metrics
from warehouse.storage import sqlfiles

SERIES_COLUMNS = [
    "scope", "scope_dim", "scope_value", "period_start", "period_end", "value", "n",
]
# Dimensions each source can be split by (allow-list: values become bound CASE keys, never SQL).
DIMS = {
    "complaints": ("product", "channel", "region", "touchpoint", "category"),
    "ops": ("product", "channel", "region"),
    "survey": ("channel", "region", "touchpoint"),
}
_STEP = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7), "month": pd.DateOffset(months=1)}


def period_end(starts: pd.Series, grain: str) -> pd.Series:
    return pd.to_datetime(starts) + _STEP[grain]


def _scope(dim: str, value: str) -> str:
    return f"{dim}={value}" if dim else "all"


def _finish(frame: pd.DataFrame, dim: str, grain: str, through) -> pd.DataFrame:
    """Add scope labels and period ends; drop periods that end after the data does."""
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame = frame.copy()
    frame["scope_dim"] = dim
    frame["scope_value"] = frame["scope_value"].fillna("")
    frame["scope"] = [_scope(dim, v) for v in frame["scope_value"]]
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = period_end(frame["period_start"], grain)
    if through is not None and not pd.isna(through):
        frame = frame[frame["period_end"] <= pd.Timestamp(through)]
    return frame.reset_index(drop=True)


def _zero_fill(frame: pd.DataFrame, grain: str, through, columns: tuple[str, ...]) -> pd.DataFrame:
    """Counts: a period with no rows for a scope is a zero, from the first data to `through`."""
    if frame.empty:
        return frame
    first = pd.Timestamp(frame["period_start"].min())
    last = pd.Timestamp(frame["period_start"].max())
    periods = []
    current = first
    while current <= last:
        periods.append(current)
        current = current + _STEP[grain]
    keys = frame.groupby("scope_key")["scope_value"].first()
    grid = pd.MultiIndex.from_product([keys.index, periods], names=["scope_key", "period_start"])
    filled = (
        frame.set_index(["scope_key", "period_start"])[list(columns)]
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    filled["scope_value"] = filled["scope_key"].map(keys)
    return filled


def data_through(con: duckdb.DuckDBPyConnection) -> dict:
    """Per source table, the end of its data (periods ending later are not complete)."""
    return sqlfiles.one(con, "rules/data_through.sql") or {}


_through = data_through


def _complaints(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    through = _through(con).get("complaints")
    raw = sqlfiles.df(con, "rules/complaint_counts.sql",
                      {"grain": rule.grain, "dim": dim, "since": None, **scope})
    raw["period_start"] = pd.to_datetime(raw["period_start"])
    filled = _zero_fill(raw, rule.grain, through, ("count",))
    if filled.empty:
        return _finish(filled, dim, rule.grain, through)
    filled["value"] = filled["count"].astype(float)
    filled["n"] = filled["count"].astype(float)
    return _finish(filled, dim, rule.grain, through)


def _complaints_per_1000(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    """u-chart input: complaints per 1,000 active customers, n = active customers in scope."""
    counts = _complaints(con, rule, dim, scope)
    if counts.empty:
        return counts
    active = sqlfiles.df(con, "rules/active_customers.sql", {"dim": dim, **scope})
    exposure = dict(zip(active["scope_key"], active["active"]))
    counts["n"] = [float(exposure.get(str(v).strip().lower(), 0)) for v in counts["scope_value"]]
    counts = counts[counts["n"] > 0].copy()
    counts["count"] = counts["value"]
    counts["value"] = counts["count"] / counts["n"] * 1000
    return counts.reset_index(drop=True)


def _ops(metric: str, how: str, factor: float = 1.0, percent_if_fraction: bool = False):
    def load(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
        through = _through(con).get("ops")
        raw = sqlfiles.df(
            con, "rules/ops_values.sql",
            {"grain": rule.grain, "dim": dim, "metric": metric, **scope},
        )
        if raw.empty:
            return _finish(raw, dim, rule.grain, through)
        raw["value"] = raw[how].astype(float) * factor
        if percent_if_fraction and raw["value"].max() <= 1.0:
            # Exports carry return rates as fractions (0.03) or as percents (3); rules use %.
            raw["value"] = raw["value"] * 100
        raw["n"] = raw["rows"].astype(float)
        return _finish(raw, dim, rule.grain, through)

    load.ops = (metric, how, factor, percent_if_fraction)  # what a live window reads the same way
    return load


def _proportion(sql_name: str, source: str):
    def load(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
        through = _through(con).get(source)
        raw = sqlfiles.df(con, sql_name, {"grain": rule.grain, "dim": dim, **scope})
        if raw.empty:
            return _finish(raw, dim, rule.grain, through)
        raw["n"] = raw["n"].astype(float)
        raw["value"] = 100.0 * raw["count"].astype(float) / raw["n"]
        return _finish(raw, dim, rule.grain, through)

    return load


def _handling(column: str):
    def load(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
        through = _through(con).get("complaints")
        # every ticket of the audience, with the SLA clocks the dashboard's models use
        bound = {**metrics.params(Filters(), SYSTEM, grain=rule.grain), "since": None, **scope}
        raw = metrics.query(con, "rules/complaint_handling.sql", bound)
        if raw.empty:
            return _finish(raw, "", rule.grain, through)
        if column == "fcr_pct":
            raw["n"] = raw["n"].astype(float)
            raw["value"] = 100.0 * raw["fcr_count"].astype(float) / raw["n"]
        else:
            raw["n"] = raw["frt_n"].astype(float)
            raw["value"] = raw["frt_median_minutes"].astype(float)
        frame = _finish(raw, "", rule.grain, through)
        if rule.kind == "benchmark_gap":
            frame = _with_reference(con, rule, frame, "first_response_minutes", touchpoint="")
        return frame

    return load


def _benchmarks(con, grain: str) -> pd.DataFrame:
    bench = sqlfiles.df(con, "rules/benchmark_values.sql", {"grain": grain})
    bench["period_start"] = pd.to_datetime(bench["period_start"])
    return bench


def _with_reference(con, rule: Rule, frame: pd.DataFrame, metric: str, touchpoint: str):
    """Attach the benchmark value (industry by default) of the same period as `reference`."""
    who = str(rule.param("reference", "industry")).lower()
    bench = _benchmarks(con, rule.grain)
    ref = bench[(bench["metric"] == metric) & (bench["touchpoint"] == touchpoint)
                & (bench["competitor"] == who)]
    if ref.empty:
        # No overall row: the mean over touchpoints stands for the company-wide benchmark.
        ref = bench[(bench["metric"] == metric) & (bench["competitor"] == who)]
    ref = ref.groupby("period_start", as_index=False)["value"].mean()
    merged = frame.merge(ref.rename(columns={"value": "reference"}), on="period_start", how="inner")
    merged["reference_label"] = who
    return merged


def _ours_by_touchpoint(con, rule: Rule, touchpoint: str, scope: dict) -> pd.DataFrame:
    """Our NPS and CSAT at one touchpoint per period, from the models the pages read (a touchpoint
    filter: a response's own touchpoint or one it rated), so a gap here is the Benchmarks page's.
    Columns: period_start, nps, nps_n, csat_pct, csat_mean_5, csat_n."""
    bound = {**metrics.params(Filters(touchpoint=(touchpoint,)), SYSTEM, grain=rule.grain), **scope}
    answers = metrics.query(con, "metrics/response_series.sql", bound)[["period", "nps", "nps_n"]]
    ratings = metrics.query(con, "metrics/rating_series.sql", bound)
    ratings = ratings.assign(csat_mean_5=ratings["csat_mean"] / 2)[
        ["period", "csat_pct", "csat_mean_5", "csat_n"]]
    ours = answers.merge(ratings, on="period", how="outer").rename(columns={"period": "period_start"})
    ours["period_start"] = pd.to_datetime(ours["period_start"])
    return ours


def _ours_and_benchmarks(con, rule: Rule, scope: dict):
    """Our NPS/CSAT per touchpoint and period beside every benchmark player's value."""
    bench = _benchmarks(con, rule.grain)
    ours: dict[str, pd.DataFrame] = {}
    for metric in rule.param("metrics", ["nps", "csat"]):
        rows = bench[(bench["metric"] == metric) & (bench["touchpoint"] != "")]
        for (touchpoint, player), theirs in rows.groupby(["touchpoint", "competitor"]):
            if player == "us":
                continue
            if touchpoint not in ours:
                ours[touchpoint] = _ours_by_touchpoint(con, rule, touchpoint, scope)
            mine = ours[touchpoint]
            value_col = metric if metric == "nps" else benchmarks.csat_column(theirs["value"])
            n_col = "nps_n" if metric == "nps" else "csat_n"
            merged = mine[["period_start", value_col, n_col]].dropna(subset=[value_col]).merge(
                theirs[["period_start", "value"]].rename(columns={"value": "theirs"}),
                on="period_start",
            )
            if merged.empty:
                continue
            merged = merged.rename(columns={value_col: "ours", n_col: "n"})
            merged["ours"] = merged["ours"].astype(float)
            merged["n"] = merged["n"].astype(float)
            yield metric, touchpoint, player, merged.sort_values("period_start")


def _benchmark_kpi(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    """Our lead (ours − theirs, in points) over the industry and over each competitor, per
    touchpoint and metric; the SPC chart watches it against its own trailing baseline, so a
    steady offset is normal and a competitor pulling ahead (or us falling behind) is a signal."""
    through = _through(con).get("survey")
    players = set(rule.param("players", ["industry"]))
    parts = []
    for metric, touchpoint, player, merged in _ours_and_benchmarks(con, rule, scope):
        is_industry = player == "industry"
        if (is_industry and "industry" not in players) or (
                not is_industry and "competitors" not in players):
            continue
        merged["value"] = merged["ours"] - merged["theirs"]
        merged["scope_value"] = f"{touchpoint} · {metric} · vs {player}"
        parts.append(merged)
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return _finish(pd.concat(parts, ignore_index=True), "touchpoint", rule.grain, through)


def _competitor_gap(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    """Ours beside the best competitor's value (`reference`) per touchpoint and metric
    (warehouse/docs/metrics.md, Benchmarks): one scope per touchpoint and metric, whoever leads that period."""
    through = _through(con).get("survey")
    parts = []
    for metric, touchpoint, player, merged in _ours_and_benchmarks(con, rule, scope):
        if player == "industry":
            continue
        merged = merged.assign(player=player, metric=metric, touchpoint=touchpoint)
        parts.append(merged)
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    every = pd.concat(parts, ignore_index=True)
    # NPS and CSAT are both "higher is better": the leader is the highest value.
    best = every.loc[every.groupby(["metric", "touchpoint", "period_start"])["theirs"].idxmax()]
    best = best.assign(
        value=best["ours"],
        reference=best["theirs"],
        reference_label=best["player"],
        scope_value=best["touchpoint"] + " · " + best["metric"] + " · vs best competitor",
    )
    return _finish(best.reset_index(drop=True), "touchpoint", rule.grain, through)


def _complaint_rate(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    """Complaints ÷ orders (ops metric `orders`) in %, or ÷ active customers per 30 days in a
    period without orders (glossary: complaint rate), so a week and a month compare."""
    counts = _complaints(con, rule, "", scope)
    if counts.empty:
        return counts
    orders = _ops("orders", "total")(con, rule, "", scope)
    by_period = dict(zip(orders["period_start"], orders["value"])) if not orders.empty else {}
    active = sqlfiles.df(con, "rules/active_customers.sql", {"dim": "", **scope})
    customers = float(active["active"].sum()) if not active.empty else 0.0
    days = (counts["period_end"] - counts["period_start"]).dt.days.astype(float)
    denominators = [
        by_period.get(p) or customers * d / complaint_rate.RATE_DAYS
        for p, d in zip(counts["period_start"], days)
    ]
    counts["n"] = np.asarray(denominators, dtype=float)
    counts = counts[counts["n"] > 0].copy()
    counts["value"] = 100.0 * counts["value"] / counts["n"]
    return counts.reset_index(drop=True)


def _csi(con, rule: Rule, dim: str, scope: dict) -> pd.DataFrame:
    """The composite index per period, scored by the metrics module with the current weights."""
    bound = {**metrics.params(Filters(), SYSTEM, grain=rule.grain), **scope}
    frame = metrics._csi_frame(con, bound, "series")
    through = _through(con).get("survey")
    if frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame = frame.rename(columns={"period": "period_start"})[["period_start", "value", "n"]]
    frame["scope_value"] = ""
    return _finish(frame, "", rule.grain, through)


Loader = Callable[[duckdb.DuckDBPyConnection, Rule, str, dict], pd.DataFrame]

# metric key -> (loader, dimensions it can be scoped by)
SERIES: dict[str, tuple[Loader, tuple[str, ...]]] = {
    "complaints": (_complaints, DIMS["complaints"]),
    "complaints_per_1000": (_complaints_per_1000, ("channel", "region")),
    "return_rate_pct": (_ops("return_rate", "mean", percent_if_fraction=True), DIMS["ops"]),
    "avg_answer_minutes": (_ops("avg_answer_seconds", "mean", factor=1 / 60), DIMS["ops"]),
    "negative_mentions": (_ops("negative_mentions", "total"), DIMS["ops"]),
    "rating_stars": (_ops("rating_stars", "mean"), DIMS["ops"]),
    "csat_top2_pct": (_proportion("rules/rating_top2.sql", "survey"), DIMS["survey"]),
    "negative_rate_pct": (_proportion("rules/negative_reviews.sql", "survey"), DIMS["survey"]),
    "frt_median_minutes": (_handling("frt_median_minutes"), ()),
    "fcr_pct": (_handling("fcr_pct"), ()),
    "complaint_rate_pct": (_complaint_rate, ()),
    "benchmark_kpi": (_benchmark_kpi, ("touchpoint",)),
    "competitor_gap": (_competitor_gap, ("touchpoint",)),
    "csi": (_csi, ()),
}


# The tables each rule metric reads: a rule is judged again only when one of them changed.
SOURCES: dict[str, tuple[str, ...]] = {
    "complaints": ("complaints",),
    "complaints_per_1000": ("complaints", "customers"),
    "return_rate_pct": ("ops_metrics",),
    "avg_answer_minutes": ("ops_metrics",),
    "negative_mentions": ("ops_metrics",),
    "rating_stars": ("ops_metrics",),
    "csat_top2_pct": ("survey_responses", "survey_ratings"),
    "negative_rate_pct": ("survey_responses",),
    "frt_median_minutes": ("complaints", "benchmarks"),
    "fcr_pct": ("complaints",),
    "complaint_rate_pct": ("complaints", "ops_metrics", "customers"),
    "benchmark_kpi": ("survey_responses", "survey_ratings", "benchmarks"),
    "competitor_gap": ("survey_responses", "survey_ratings", "benchmarks"),
    "csi": ("survey_responses", "survey_ratings", "complaints", "customers"),
}
_ROLLING = re.compile(r"\s*(\d+)\s*h\s*")


def scope_params(viewer: Viewer) -> dict:
    """The audience's scope as the series models bind it (everything for the company)."""
    return {"scoped": viewer.scoped, "scope_channels": list(viewer.channels),
            "scope_regions": list(viewer.regions)}


def load_series(con: duckdb.DuckDBPyConnection, rule: Rule, viewer: Viewer = SYSTEM) -> pd.DataFrame:
    """The rule's series for every scope: one frame per scope dimension, stacked; on the rows
    VIEWER may see (a department head's audience), else on every row."""
    if rule.metric not in SERIES:
        raise ValueError(f"unknown rule metric {rule.metric!r}")
    loader, dims = SERIES[rule.metric]
    scope = scope_params(viewer)
    wanted = list(rule.scope_dims) or [""]
    parts = []
    for dim in wanted:
        if dim and dim not in dims:
            raise ValueError(f"metric {rule.metric} cannot be split by {dim!r}")
        parts.append(loader(con, rule, dim, scope))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def rolling_hours(rule: Rule) -> int | None:
    """Hours of a rule judged over the rolling window ending now (window label "24h", "48h")."""
    match = _ROLLING.fullmatch(rule.window_label or "")
    if not match or rule.grain != "day" or rule.metric not in _LIVE_METRICS:
        return None
    return int(match.group(1))


def _crossing_rank(limit: float | None, inclusive: bool) -> int:
    """Which complaint in a window makes a count cross LIMIT (0: none can)."""
    if limit is None:
        return 0
    return math.ceil(limit) if inclusive else math.floor(limit) + 1


def _complaint_window(con, rule: Rule, dim: str, scope: dict, start, end) -> pd.DataFrame:
    inclusive = bool(rule.param("inclusive", False))
    return sqlfiles.df(con, "rules/complaint_window.sql", {
        "dim": dim, "from": start, "to": end, **scope,
        "yellow_k": _crossing_rank(rule.yellow, inclusive),
        "red_k": _crossing_rank(rule.red, inclusive),
    }).rename(columns={"count": "value"}).assign(n=lambda f: f["value"])


def _ops_window(con, rule: Rule, dim: str, scope: dict, start, end) -> pd.DataFrame:
    metric, how, factor, percent_if_fraction = SERIES[rule.metric][0].ops
    raw = sqlfiles.df(con, "rules/ops_window.sql",
                      {"dim": dim, "metric": metric, "from": start, "to": end, **scope})
    raw["value"] = raw[how].astype(float) * factor
    if percent_if_fraction and not raw.empty and raw["metric_max"].max() <= 1.0:
        raw["value"] = raw["value"] * 100  # the same unit rule as the closed periods
    raw["n"] = raw["rows"].astype(float)
    return raw


_LIVE_METRICS = ("complaints", "return_rate_pct", "avg_answer_minutes", "negative_mentions",
                 "rating_stars")


def live_series(con: duckdb.DuckDBPyConnection, rule: Rule, now, viewer: Viewer = SYSTEM,
                closed: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rolling window ending NOW of a "within N h" rule, judged like a period (today's
    partial data included): one row per scope in the shape engine.assess returns, with the
    event time of the row that crossed the line (`crossed_at`, complaints only)."""
    columns = [*ASSESSED_COLUMNS, "crossed_at"]
    hours = rolling_hours(rule)
    if not hours:
        return pd.DataFrame(columns=columns)
    now = pd.Timestamp(now).to_pydatetime()
    width = timedelta(hours=hours)
    read = _complaint_window if rule.metric == "complaints" else _ops_window
    scope = scope_params(viewer)
    labels = {}
    if closed is not None and not closed.empty:
        labels = {(d, str(v).strip().lower()): v
                  for d, v in zip(closed["scope_dim"], closed["scope_value"])}
    windows = [(now - width, now)]
    judged = rule
    if rule.kind == "spike":
        # the window before, as the one period a spike compares with
        windows.insert(0, (now - 2 * width, now - width))
        judged = replace(rule, params={**rule.params, "window_periods": 1})
    parts = []
    for dim in list(rule.scope_dims) or [""]:
        for start, end in windows:
            frame = read(con, rule, dim, scope, start, end)
            if frame.empty:
                continue
            frame["scope_dim"] = dim
            frame["scope_value"] = [labels.get((dim, str(v).strip().lower()), v)
                                    for v in frame["scope_value"].fillna("")]
            frame["scope"] = [_scope(dim, v) for v in frame["scope_value"]]
            frame["period_start"] = pd.Timestamp(start)
            frame["period_end"] = pd.Timestamp(end)
            parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=columns)
    series = pd.concat(parts, ignore_index=True)
    if rule.kind == "spike":
        # a scope with nothing in one of the windows counted zero there
        grid = series.pivot_table(index=["scope", "scope_dim", "scope_value"],
                                  columns="period_end", values="value", aggfunc="sum",
                                  fill_value=0.0).stack().rename("value").reset_index()
        grid["period_start"] = grid["period_end"] - width
        grid["n"] = grid["value"]
        series = grid
    assessed = assess(judged, series, None)
    assessed = assessed[assessed["period_end"] == pd.Timestamp(now)].reset_index(drop=True)
    crossed = {}
    if "red_at" in series:
        for row in series.itertuples(index=False):
            crossed[row.scope] = (row.yellow_at, row.red_at)
    assessed["crossed_at"] = [
        (crossed.get(s, (None, None))[1] if lv == "red" else crossed.get(s, (None, None))[0])
        if lv in ("yellow", "red") else None
        for s, lv in zip(assessed["scope"], assessed["level"])
    ]
    return assessed[columns]
