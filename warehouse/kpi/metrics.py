"""KPIs, series, the touchpoint heatmap and its drill-down, read through the scoped SQL models."""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from warehouse.access.scope import Filters, Viewer, bind
from warehouse.kpi import complaint_rate, csi
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.derived import REPEAT_WINDOW_DAYS

# Severity and status words as exports write them (lower-case); SLA clocks follow warehouse/docs/metrics.md.
URGENT_SEVERITIES = ("urgent", "critical", "紧急", "特急", "p0")
COMPLEX_SEVERITIES = ("high", "urgent", "critical", "高", "严重", "紧急", "特急", "p0", "p1")
CLOSED_STATUSES = ("closed", "resolved", "done", "solved", "已解决", "已关闭", "已完成", "关闭")
# Statuses of a ticket still being worked on: never counted as resolved, whatever its resolution
# time column says (helpdesk exports fill it with placeholders or stale values).
UNSOLVED_STATUSES = ("open", "pending", "hold", "on hold", "on-hold", "new", "reopened", "待处理", "处理中",
                     "未解决", "挂起", "新建", "待回复")
RESPONSE_SECONDS = 2 * 3600
URGENT_RESPONSE_SECONDS = 30 * 60
SIMPLE_RESOLUTION_SECONDS = 24 * 3600
COMPLEX_PROGRESS_SECONDS = 72 * 3600
# First-contact resolution: closed within one working day without being handed on.
FIRST_CONTACT_SECONDS = 24 * 3600

GRAINS = ("day", "week", "month", "quarter", "year")
MATRIX_BY = ("channel", "region", "week")


@dataclass(frozen=True)
class Metric:
    """Where a metric comes from: its model family, value column and count column."""

    family: str
    n_column: str
    higher_is_better: bool | None
    unit: str


METRICS: dict[str, Metric] = {
    "responses": Metric("responses", "responses", None, "count"),
    "nps": Metric("responses", "nps_n", True, "score"),
    "csat_pct": Metric("ratings", "csat_n", True, "%"),
    "csat_mean": Metric("ratings", "csat_n", True, "of 10"),
    "ces": Metric("responses", "ces_n", True, "of 7"),
    "negative_rate_pct": Metric("responses", "negative_rate_n", False, "%"),
    "complaints": Metric("tickets", "complaints", False, "count"),
    "complaint_rate_per_1000": Metric("tickets", "complaints", False, "per 1,000"),
    "frt_median_minutes": Metric("durations", "frt_n", False, "min"),
    "frt_p90_minutes": Metric("durations", "frt_n", False, "min"),
    "resolution_median_hours": Metric("durations", "resolution_n", False, "h"),
    "resolution_p90_hours": Metric("durations", "resolution_n", False, "h"),
    "sla_first_response_pct": Metric("complaints", "sla_first_response_n", True, "%"),
    "sla_resolution_pct": Metric("complaints", "sla_resolution_n", True, "%"),
    "repeat_rate_pct": Metric("repeat", "repeat_rate_n", False, "%"),
    "escalation_rate_pct": Metric("complaints", "escalation_n", False, "%"),
    "fcr_pct": Metric("complaints", "fcr_n", True, "%"),
    "csi": Metric("csi", "", True, "0-100"),
}
# Counts are not greyed for small n in the heatmap: a small count is itself the answer.
COUNT_METRICS = ("responses", "complaints")
FAMILY_MODELS = {
    "responses": "response",
    "ratings": "rating",
    "complaints": "complaint",
    "tickets": "ticket",  # the count alone: no durations or SLA outcomes to work out
    "durations": "duration",
    "repeat": "repeat",
}
# Static heatmap limits (warehouse/docs/risk_and_alerts.md shipped defaults) for metrics that have one per cell.
STATIC_LIMITS: dict[str, dict[str, Any]] = {
    "csat_pct": {"direction": "below", "yellow": 60.0, "red": 40.0},
    "csi": {"direction": "below", "yellow": 80.0, "red": 70.0},
    # complaint rate > 5 % / 10 % of active customers = 50 / 100 per 1,000
    "complaint_rate_per_1000": {"direction": "above", "yellow": 50.0, "red": 100.0},
}


def params(filters: Filters, viewer: Viewer, **extra: Any) -> dict[str, Any]:
    """Every named parameter the models may use: filters, scope, SLA clocks, windows."""
    bound = bind(filters, viewer)
    hist_start = bound["start"] - timedelta(days=REPEAT_WINDOW_DAYS) if bound["start"] else None
    bound.update(
        hist_start=hist_start,
        as_of=None,
        urgent_severities=list(URGENT_SEVERITIES),
        complex_severities=list(COMPLEX_SEVERITIES),
        closed_statuses=list(CLOSED_STATUSES),
        unsolved_statuses=list(UNSOLVED_STATUSES),
        response_seconds=RESPONSE_SECONDS,
        urgent_response_seconds=URGENT_RESPONSE_SECONDS,
        simple_resolution_seconds=SIMPLE_RESOLUTION_SECONDS,
        complex_progress_seconds=COMPLEX_PROGRESS_SECONDS,
        repeat_window_seconds=REPEAT_WINDOW_DAYS * 86400,
        first_contact_seconds=FIRST_CONTACT_SECONDS,
        grain=None,
        by=None,
        current_start=None,
        # True is always correct; query() narrows it to the real answer once per request.
        wide_ratings=True,
    )
    bound.update(extra)
    return bound


def query(con, name: str, bound: dict[str, Any], how: str = "df"):
    """Run a model with `bound` as sqlfiles.df / one / rows would.

    Fills in $wide_ratings and $as_of (one small lookup each per request) when the model uses
    them, and splits [p50, p90] duration lists into their metric columns.
    """
    used = sqlfiles.params_used(sqlfiles.load(name))
    # Both answers are kept in `bound` for the request's next model.
    if "wide_ratings" in used and not bound.get("_wide_checked"):
        flag = sqlfiles.one(con, "marts/wide_ratings.sql")
        bound.update(wide_ratings=bool(flag and flag["wide_ratings"]), _wide_checked=True)
    if "as_of" in used and bound.get("as_of") is None:
        found = sqlfiles.one(con, "marts/complaints_as_of.sql", {"now": _now()})
        bound["as_of"] = (found and found["as_of"]) or datetime.now(UTC).replace(tzinfo=None)
    result = getattr(sqlfiles, how)(con, name, bound)
    if how == "df":
        return split_quantiles(result)
    if how == "one":
        return split_quantiles([result])[0] if result else result
    return split_quantiles(result)


def newest_first(con, name: str, bound: dict[str, Any], limit: int) -> pd.DataFrame:
    """A newest-first complaints model (ordered by created_at desc, at most $limit rows) read
    window by window backwards from the request's end: the first day, then 4, 16, … times as
    long, until `limit` rows are found or the range is done. A search for a common word fills
    its page from the last day instead of matching every ticket in range first; a rare one
    reads each ticket once, as a single query would. Windows do not overlap and are read newest
    first, so the rows come out in the model's own order."""
    span = sqlfiles.one(con, "marts/complaints_span.sql") or {}
    if span.get("last_at") is None:
        return query(con, name, {**bound, "limit": limit})
    lower = max(filter(None, [bound.get("start"), span["first_at"]]))
    upper = min(filter(None, [bound.get("end"), span["last_at"] + timedelta(microseconds=1)]))
    parts: list[pd.DataFrame] = []
    found, end, width = 0, upper, timedelta(days=1)
    while True:
        start = max(lower, end - width)
        part = query(con, name, {**bound, "start": start, "end": end, "limit": limit - found})
        parts.append(part)
        found += len(part)
        if found >= limit or start <= lower:
            break
        end, width = start, width * 4
    filled = [p for p in parts if not p.empty]
    return pd.concat(filled, ignore_index=True) if filled else parts[0]


QUANTILE_COLUMNS = {
    "frt_quantiles": ("frt_median_minutes", "frt_p90_minutes"),
    "resolution_quantiles": ("resolution_median_hours", "resolution_p90_hours"),
}


def split_quantiles(result):
    """[p50, p90] list columns -> the two named metric columns (frames or lists of rows)."""
    if isinstance(result, pd.DataFrame):
        for column, (p50, p90) in QUANTILE_COLUMNS.items():
            if column in result:
                pairs = [q if isinstance(q, (list, tuple, np.ndarray)) else (None, None)
                         for q in result.pop(column)]
                result[p50] = pd.Series([p[0] for p in pairs], index=result.index, dtype="float64")
                result[p90] = pd.Series([p[1] for p in pairs], index=result.index, dtype="float64")
        return result
    for row in result:
        for column, (p50, p90) in QUANTILE_COLUMNS.items():
            if column in row:
                pair = row.pop(column) or (None, None)
                row[p50], row[p90] = pair[0], pair[1]
    return result


def clean(value: Any) -> Any:
    """NaN/NA become None so JSON shows null; numpy scalars become Python numbers."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return None
    return value


def _check_metric(metric: str) -> Metric:
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; one of {', '.join(METRICS)}")
    return METRICS[metric]


# Which source a metric family reads: a window without that source's data has no value.
FAMILY_SOURCE = {"responses": "survey", "ratings": "survey", "complaints": "complaints",
                 "tickets": "complaints", "durations": "complaints", "repeat": "complaints",
                 "csi": "survey"}


@dataclass(frozen=True)
class Window:
    """One window of a comparison: its first and last day (None: open) and whether each source
    has data in it (overlaps it) and covers it (holds data from before its first day through its
    last day: counts and per-customer rates of a window only partly covered read low)."""

    first: date | None
    last: date | None
    has: dict[str, bool]
    covers: dict[str, bool]


def _window(spans: dict[str, Any], first: date | None, last: date | None) -> Window:
    has, covers = {}, {}
    for source in ("survey", "complaints"):
        lo, hi = spans.get(f"{source}_first"), spans.get(f"{source}_last")
        has[source] = lo is not None and (last is None or lo <= last) and (
            first is None or hi >= first)
        covers[source] = has[source] and first is not None and lo <= first and (
            last is None or hi >= last)
    return Window(first, last, has, covers)


def source_spans(con) -> dict[str, Any]:
    """survey_first/_last, complaints_first/_last: the days each source holds data for."""
    return sqlfiles.one(con, "marts/source_spans.sql", {"now": _now()}) or {}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _from_row(
    con, row: dict[str, Any], basis: complaint_rate.Basis, window: Window
) -> dict[str, tuple[Any, Any]]:
    """metric -> (value, n) from one bucket of the period models and its complaint-rate basis;
    also complaint_rate_basis -> (basis name, None) and, for comparisons, _csi_parts -> (the
    CSI components present, None). A metric whose source has no data in the window is None,
    counts included: no complaints loaded for June is not "0 complaints in June"."""
    values = {}
    for key, m in METRICS.items():
        if m.family == "csi":
            continue
        if not window.has[FAMILY_SOURCE[m.family]]:
            values[key] = (None, 0)
            continue
        n = clean(row.get(m.n_column)) or 0
        value = clean(row.get(key))
        values[key] = (n if key in COUNT_METRICS else value, n)
    rate = basis.rate(row.get("complaints")) if window.has["complaints"] else None
    values["complaint_rate_per_1000"] = (rate, basis.n)
    weights = csi.current_weights(con)
    values["csi"] = (csi.score({k: v for k, (v, _) in values.items()}, weights), None)
    values["complaint_rate_basis"] = (basis.name, None)
    values["_csi_parts"] = (
        frozenset(c for c in csi.COMPONENTS if values[c][0] is not None), None)
    values["_orders_blocked"] = (basis.orders_blocked, None)
    return values


def _period_values(
    con, filters: Filters, viewer: Viewer, with_previous: bool
) -> tuple[dict[str, tuple[Any, Any]], dict[str, tuple[Any, Any]] | None, Window | None]:
    """(current, previous, previous window) metric -> (value, n); both windows read in one scan
    per source."""
    previous = filters.previous_period() if with_previous and filters.start and filters.end else None
    span = filters.with_(start=previous.start) if previous else filters
    current_start = (
        datetime.combine(filters.start, datetime.min.time()) if previous else None
    )
    bound = params(span, viewer, current_start=current_start)

    def rate_inputs(cur) -> tuple[int | None, list[dict[str, Any]], dict[str, Any]]:
        # the complaint spans come with complaint_periods: the orders are read without them
        return (_active_customers(cur, bound), complaint_rate.order_rows(cur, bound, False),
                source_spans(cur))

    survey, complaints, (active, orders, spans) = _concurrently(con, (
        lambda cur: query(cur, "metrics/survey_periods.sql", dict(bound), "rows"),
        lambda cur: query(cur, "metrics/complaint_periods.sql", dict(bound), "rows"),
        rate_inputs,
    ))
    buckets: dict[str, dict[str, Any]] = {"current": {}, "previous": {}}
    for row in survey + complaints:
        buckets[row["bucket"]].update(row)
    bases = complaint_rate.window_bases(con, bound, active, buckets, orders)
    current = _from_row(con, buckets["current"], bases["current"],
                        _window(spans, filters.start, filters.end))
    if not previous:
        return current, None, None
    before = _window(spans, previous.start, previous.end)
    return current, _from_row(con, buckets["previous"], bases["previous"], before), before


# The reads of one request run side by side on their own cursors, two at a time (the cores of
# the machines this is sized for): DuckDB plans a query on one thread, so one query's planning
# overlaps another's execution, and the small reads fill in after the shorter big one.
_SIDE_BY_SIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="warehouse-query")


def _concurrently(con, reads: tuple[Callable[[Any], Any], ...]) -> list[Any]:
    """Each read's result (a read gets a cursor of `con`), run at the same time."""
    cursors = [con.cursor() for _ in reads]
    try:
        futures = [_SIDE_BY_SIDE.submit(read, cur) for cur, read in zip(cursors, reads)]
        return [f.result() for f in futures]
    finally:
        for cur in cursors:
            cur.close()


def _values(con, filters: Filters, viewer: Viewer) -> dict[str, tuple[Any, Any]]:
    """metric -> (value, n) for one filter request (no previous period)."""
    current, _, _ = _period_values(con, filters, viewer, with_previous=False)
    return current


def _comparable(key: str, current: dict, previous: dict, window: Window) -> bool:
    """Whether a delta of KEY against the previous window means something: the previous window
    has data on the same basis. Counts and the complaint rate need their source to cover the
    whole previous window (data starting half-way reads as a false rise); the CSI needs the same
    components on the same complaint-rate basis in both windows."""
    if current[key][0] is None or previous[key][0] is None:
        return False
    family = METRICS[key].family
    if (key in COUNT_METRICS or key == "complaint_rate_per_1000") and not window.covers[
            FAMILY_SOURCE[family]]:
        return False
    if key in ("complaint_rate_per_1000", "csi") and (
            current["complaint_rate_basis"][0] != previous["complaint_rate_basis"][0]):
        return False
    if key == "csi":
        return current["_csi_parts"][0] == previous["_csi_parts"][0]
    return True


def kpi_summary(*, filters: Filters, viewer: Viewer, db=None) -> dict[str, dict]:
    """Each metric's value, previous-period value, delta and n; a metric without data is None.

    Without a closed date range there is no previous period: previous and delta are None. A
    delta is given only when the previous window has data on the same basis (_comparable).
    The complaint rate and the CSI carry the complaint-rate `basis`; the CSI also
    `basis_differs` when a segment filter rules out the orders the unfiltered request uses (it
    is then not comparable with the unfiltered index).
    """
    with connect(db) as con:
        return kpi_summary_on(con, filters=filters, viewer=viewer)


def kpi_summary_on(con, *, filters: Filters, viewer: Viewer) -> dict[str, dict]:
    """kpi_summary on an open connection: the warehouse file's, or a lake's on another engine
    (warehouse.engines.lake.open_lake)."""
    current, previous, window = _period_values(con, filters, viewer, with_previous=True)
    summary = {}
    for key in METRICS:
        value, n = current[key]
        before = previous[key][0] if previous else None
        delta = value - before if previous and _comparable(key, current, previous, window) else None
        summary[key] = {"value": value, "previous": before, "delta": delta, "n": n}
    # "orders" or "active_customers_30d" (None without a denominator): glossary, complaint rate.
    basis = current["complaint_rate_basis"][0]
    summary["complaint_rate_per_1000"]["basis"] = basis
    summary["csi"]["basis"] = basis if "complaint_rate_per_1000" in current["_csi_parts"][0] else None
    summary["csi"]["basis_differs"] = bool(current["_orders_blocked"][0])
    return summary


def kpi_values(*, filters: Filters, viewer: Viewer, db=None) -> dict[str, Any]:
    """Current values only (no previous period): what the `kpis` command prints."""
    with connect(db) as con:
        return kpi_values_on(con, filters=filters, viewer=viewer)


def kpi_values_on(con, *, filters: Filters, viewer: Viewer) -> dict[str, Any]:
    """kpi_values on an open connection (the warehouse file's or a lake's, as kpi_summary_on)."""
    current = _values(con, filters, viewer)
    return {key: value for key, (value, _) in current.items() if not key.startswith("_")}


def _active_customers(con, bound: dict[str, Any]) -> int | None:
    crm = sqlfiles.one(con, "metrics/active_customers.sql", bound) or {}
    return crm.get("active_customers") if crm.get("crm_rows") else None


def metric_series(
    metric: str, *, grain: str = "week", filters: Filters, viewer: Viewer, db=None
) -> pd.DataFrame:
    """One metric per period: DataFrame[period, value, n, partial] (period = first day,
    datetime64). `partial` marks a period only part of which is counted: cut by the date filter
    or by the first or last day of the metric's source data (charts draw it as such, so a
    half-counted week does not read as a drop)."""
    spec = _check_metric(metric)
    if grain not in GRAINS:
        raise ValueError(f"unknown grain {grain!r}; one of {', '.join(GRAINS)}")
    bound = params(filters, viewer, grain=grain)
    with connect(db) as con:
        if spec.family == "csi":
            frame = _csi_frame(con, bound, "series")
        else:
            frame = query(con, f"metrics/{FAMILY_MODELS[spec.family]}_series.sql", bound)
            frame = _shape(con, frame, metric, spec, bound)
        spans = source_spans(con)
    frame = frame[["period", "value", "n"]].reset_index(drop=True)
    source = FAMILY_SOURCE[spec.family]
    frame["partial"] = partial_periods(
        frame["period"], grain, first=_latest(filters.start, spans.get(f"{source}_first")),
        last=_earliest(filters.end, spans.get(f"{source}_last")))
    return frame


_GRAIN_STEP = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(days=7),
               "month": pd.DateOffset(months=1), "quarter": pd.DateOffset(months=3),
               "year": pd.DateOffset(years=1)}


def _latest(*days: date | None) -> date | None:
    return max((d for d in days if d is not None), default=None)


def _earliest(*days: date | None) -> date | None:
    return min((d for d in days if d is not None), default=None)


def partial_periods(periods: pd.Series, grain: str, first: date | None,
                    last: date | None) -> pd.Series:
    """Per period start: whether the period reaches before FIRST or after LAST (inclusive days
    counted, None = no bound)."""
    starts = pd.to_datetime(periods)
    ends = starts + _GRAIN_STEP[grain] - pd.Timedelta(days=1)  # each period's last day
    cut = pd.Series(False, index=periods.index)
    if first is not None:
        cut |= starts < pd.Timestamp(first)
    if last is not None:
        cut |= ends > pd.Timestamp(last)
    return cut.astype(bool)


def _shape(con, frame: pd.DataFrame, metric: str, spec: Metric, bound) -> pd.DataFrame:
    if metric == "complaint_rate_per_1000":
        frame["value"] = _complaint_rates(con, frame, bound)
        frame["n"] = frame["complaints"]
    else:
        frame["value"] = frame[metric]
        frame["n"] = frame[spec.n_column]
    frame["value"] = frame["value"].astype("float64")
    return frame


def _complaint_rates(con, frame: pd.DataFrame, bound: dict[str, Any]) -> pd.Series:
    """Per period (series) or per cell (matrix): the rate on the request's basis."""
    active = _active_customers(con, bound)
    rates = complaint_rate.series_rates if "period" in frame else complaint_rate.matrix_rates
    return rates(con, frame, bound, active)[0]


def _csi_frame(con, bound: dict[str, Any], kind: str) -> pd.DataFrame:
    """CSI per group: the component metrics per group, scored with the current weights."""
    keys = ["period"] if kind == "series" else ["touchpoint", "col"]
    frames = []
    labels: dict[str, str] = {}
    labels_col: dict[str, str] = {}
    for family in ("response", "rating", "complaint"):
        part = query(con, f"metrics/{family}_{kind}.sql", bound)
        if kind != "series":
            labels.update(zip(part["touchpoint"].str.lower(), part["touchpoint"]))
            labels_col.update(zip(part["col"].str.lower(), part["col"]))
            part["touchpoint"] = part["touchpoint"].str.lower()
            part["col"] = part["col"].str.lower()
        frames.append(part.set_index(keys))
    merged = pd.concat(frames, axis=1).reset_index()
    if kind != "series":
        merged["touchpoint"] = merged["touchpoint"].map(labels)
        merged["col"] = merged["col"].map(labels_col)
    weights = csi.current_weights(con)
    if merged.empty:
        return pd.DataFrame(columns=[*keys, "value", "n"])
    merged["complaint_rate_per_1000"] = _complaint_rates(con, merged, bound)
    merged["value"] = [
        csi.score({k: clean(r.get(k)) for k in csi.COMPONENTS}, weights)
        for r in merged.to_dict("records")
    ]
    merged["value"] = merged["value"].astype("float64")
    merged["n"] = merged["responses"]
    return merged


def touchpoint_matrix(
    metric: str,
    *,
    by: str = "channel",
    filters: Filters,
    viewer: Viewer,
    db=None,
    min_n: int = 30,
) -> pd.DataFrame:
    """Touchpoint × (channel | region | week) cells: [touchpoint, col, value, n, low_n, breach].

    Cells with n < min_n are marked low_n (the heatmap greys them, warehouse/docs/metrics.md); breach is
    'yellow'/'red' where the metric has a static limit and the cell is not low_n.
    """
    spec = _check_metric(metric)
    if by not in MATRIX_BY:
        raise ValueError(f"unknown column dimension {by!r}; one of {', '.join(MATRIX_BY)}")
    bound = params(filters, viewer, by=by)
    with connect(db) as con:
        if spec.family == "csi":
            frame = _csi_frame(con, bound, "matrix")
        else:
            frame = query(con, f"metrics/{FAMILY_MODELS[spec.family]}_matrix.sql", bound)
            frame = _shape(con, frame, metric, spec, bound)
    columns = ["touchpoint", "col", "value", "n", "low_n", "breach"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["n"] = frame["n"].fillna(0).astype("int64")
    frame["low_n"] = (frame["n"] < min_n) if metric not in COUNT_METRICS else False
    frame["breach"] = pd.Series(
        [None if low else breach_level(metric, value)
         for value, low in zip(frame["value"], frame["low_n"])],
        index=frame.index,
        dtype=object,
    )
    frame = frame.replace({"touchpoint": {"": "(none)"}, "col": {"": "(none)"}})
    return frame[columns].sort_values(["touchpoint", "col"]).reset_index(drop=True)


def breach_level(metric: str, value: float | None) -> str | None:
    """'red', 'yellow' or None against the metric's static shipped limit (if it has one)."""
    limit = STATIC_LIMITS.get(metric)
    if limit is None or value is None or pd.isna(value):
        return None
    worse = (lambda v, x: v < x) if limit["direction"] == "below" else (lambda v, x: v > x)
    if worse(value, limit["red"]):
        return "red"
    if worse(value, limit["yellow"]):
        return "yellow"
    return None


def score_outliers(*, filters: Filters, viewer: Viewer, db=None) -> pd.DataFrame:
    """Box-plot check per score (nps, csat_10, ces): [score, n, q1, q3, lower, upper, outliers].

    Outliers lie beyond 1.5 IQR of the quartiles over the filtered responses; they are
    flagged (drill-downs show them), never dropped from any metric.
    """
    with connect(db) as con:
        frame = query(con, "marts/score_outliers.sql", params(filters, viewer))
    iqr = frame["q3"] - frame["q1"]
    frame["lower"] = frame["q1"] - 1.5 * iqr
    frame["upper"] = frame["q3"] + 1.5 * iqr
    return frame[["score", "n", "q1", "q3", "lower", "upper", "outliers"]]


def drill(
    touchpoint: str,
    *,
    by: str,
    col: str,
    filters: Filters,
    viewer: Viewer,
    db=None,
    limit: int = 200,
) -> dict[str, pd.DataFrame]:
    """The responses and complaints behind one heatmap cell (newest first, at most `limit`),
    with how many there are in all (`responses_total`, `complaints_total`)."""
    if by not in MATRIX_BY:
        raise ValueError(f"unknown column dimension {by!r}; one of {', '.join(MATRIX_BY)}")
    cell = filters.with_(touchpoint=() if touchpoint == "(none)" else (touchpoint,))
    week_start = None
    if by == "week":
        try:
            week_start = datetime.fromisoformat(str(col)).date()
        except ValueError:
            # A crafted or stale cell name matches nothing (a week long before any data).
            week_start = date(1900, 1, 1)
        start = max(filter(None, [filters.start, week_start]))
        end = min(filter(None, [filters.end, week_start + timedelta(days=6)]))
        cell = cell.with_(start=start, end=end)
    elif col != "(none)":
        cell = cell.with_(**{by: (col,)})
    bound = params(
        cell,
        viewer,
        limit=int(limit),
        blank_touchpoint=touchpoint == "(none)",
        blank_col=by if col == "(none)" else "",
    )
    with connect(db) as con:
        responses = query(con, "marts/drill_responses.sql", bound)
        complaints = newest_first(con, "marts/drill_complaints.sql", bound, int(limit))
        totals = {"responses": len(responses), "complaints": len(complaints)}
        if max(totals.values()) >= int(limit):  # a list is capped: count what lies behind it
            totals = query(con, "marts/drill_counts.sql", bound, "one")
    return {"responses": responses, "complaints": complaints,
            "responses_total": int(totals["responses"]),
            "complaints_total": int(totals["complaints"])}
