"""What a quarterly report holds: every figure read through the query API for one quarter and
one scope, section by section, with the time each section took."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from warehouse.access.scope import Filters, Viewer
from warehouse.alerting.alerts import list_alerts
from warehouse.alerting.lifecycle import CLOCKS
from warehouse.config.known_values import item_label, known_value
from warehouse.kpi import benchmarks, catalog, complaints, metrics
from warehouse.reports import improvements
from warehouse.reports.quarter import Quarter
from warehouse.risk import matrix

# The KPI table's rows, in the order a reader expects them (the composite index first).
KPI_ROWS = ("csi", "nps", "csat_pct", "ces", "negative_rate_pct", "complaints",
            "complaint_rate_per_1000", "frt_median_minutes", "resolution_median_hours",
            "sla_first_response_pct", "sla_resolution_pct", "fcr_pct", "repeat_rate_pct",
            "escalation_rate_pct", "responses")
TREND_METRICS = ("csi", "nps", "csat_pct")
TREND_QUARTERS = 5  # the report's quarter and the four before it
TOP_RISK_ITEMS = 10
SECTIONS = ("kpis", "trend", "risk", "alerts", "benchmarks", "pareto", "improvements")


@dataclass
class ReportContent:
    quarter: Quarter
    viewer: Viewer
    generated_at: datetime  # UTC
    data_version: str
    data_as_of: datetime | None
    has_data: bool = False
    kpis: list[dict[str, Any]] = field(default_factory=list)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)
    risk: pd.DataFrame = field(default_factory=pd.DataFrame)
    alerts: pd.DataFrame = field(default_factory=pd.DataFrame)
    gaps: pd.DataFrame = field(default_factory=pd.DataFrame)
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame)
    weaknesses: pd.DataFrame = field(default_factory=pd.DataFrame)
    pareto: pd.DataFrame = field(default_factory=pd.DataFrame)
    improvements: pd.DataFrame = field(default_factory=pd.DataFrame)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def filters(self) -> Filters:
        return quarter_filters(self.quarter)

    def kpi(self, key: str) -> dict[str, Any]:
        return next(row for row in self.kpis if row["metric"] == key)


def in_language(content: ReportContent, lang: str) -> ReportContent:
    """CONTENT with the known data values it names (categories, touchpoints, risk items) in
    LANG, for the PDF a manager reads; the XLSX keeps them as loaded, so that its rows join back
    to the source data."""
    if not lang.startswith("zh"):
        return content

    def values(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        if frame.empty or column not in frame:
            return frame
        return frame.assign(**{column: [known_value(column, v, lang) if isinstance(v, str) else v
                                        for v in frame[column]]})

    risk = content.risk
    if not risk.empty and {"label", "item_type"} <= set(risk.columns):
        risk = risk.assign(label=[item_label(k, v, lang)
                                  for k, v in zip(risk["item_type"], risk["label"])])
    return replace(content, risk=risk, pareto=values(content.pareto, "category"),
                   gaps=values(content.gaps, "touchpoint"),
                   benchmarks=values(content.benchmarks, "touchpoint"),
                   weaknesses=values(content.weaknesses, "touchpoint"))


def quarter_filters(quarter: Quarter) -> Filters:
    return Filters(start=quarter.start, end=quarter.end)


def _timed(timings: dict[str, float], name: str, read: Callable[[], Any]) -> Any:
    began = time.perf_counter()
    try:
        return read()
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - began


def gather(quarter: Quarter, viewer: Viewer, *, db=None,
           now: datetime | None = None) -> ReportContent:
    """Read every section of the report for QUARTER as VIEWER sees it (their scope applies)."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    timings: dict[str, float] = {}
    content = ReportContent(
        quarter=quarter, viewer=viewer, generated_at=now,
        data_version=_timed(timings, "kpis", lambda: catalog.data_version(viewer=viewer, db=db)),
        data_as_of=_timed(timings, "kpis", lambda: catalog.data_as_of(viewer=viewer, db=db)),
        timings=timings,
    )
    filters = content.filters
    content.kpis, content.has_data = _timed(timings, "kpis",
                                            lambda: _kpi_rows(quarter, viewer, db))
    if not content.has_data:
        return content
    content.trend = _timed(timings, "trend", lambda: _trend(quarter, viewer, db))
    content.risk = _timed(timings, "risk",
                          lambda: matrix.risk_items(filters=filters, viewer=viewer, db=db))
    content.alerts = _timed(timings, "alerts", lambda: _quarter_alerts(quarter, viewer, db))
    content.gaps, content.benchmarks = _timed(
        timings, "benchmarks", lambda: _benchmark_table(filters, viewer, db))
    content.weaknesses = (content.gaps[content.gaps["weakness"]]
                          .sort_values("gap_pct").reset_index(drop=True)
                          if not content.gaps.empty else content.gaps)
    content.pareto = _timed(timings, "pareto",
                            lambda: complaints.pareto(filters=filters, viewer=viewer, db=db))
    content.improvements = _timed(timings, "improvements",
                                  lambda: _report_items(quarter, viewer, db, now))
    return content


def _quarter_values(quarter: Quarter, viewer: Viewer, db) -> dict[str, Any]:
    return metrics.kpi_values(filters=quarter_filters(quarter), viewer=viewer, db=db)


def _has_data(values: dict[str, Any]) -> bool:
    return bool(values.get("responses")) or bool(values.get("complaints"))


def _kpi_rows(quarter: Quarter, viewer: Viewer, db) -> tuple[list[dict[str, Any]], bool]:
    """One row per KPI: the quarter, the previous quarter and the same quarter last year, each
    as kpi_values answers for its own dates, and the changes where both sides have data on the
    same basis. A compared quarter without any survey or complaint data shows no values."""
    windows = {"value": quarter, "previous": quarter.previous(), "year_ago": quarter.year_before()}
    found = {name: _quarter_values(q, viewer, db) for name, q in windows.items()}
    present = {name: _has_data(values) for name, values in found.items()}
    basis = {name: found[name].get("complaint_rate_basis") for name in windows}
    rows = []
    for key in KPI_ROWS:
        row: dict[str, Any] = {"metric": key,
                               "higher_is_better": metrics.METRICS[key].higher_is_better}
        for name in windows:
            row[name] = found[name].get(key) if present[name] else None
        for name, delta in (("previous", "delta_previous"), ("year_ago", "delta_year_ago")):
            same_basis = key != "complaint_rate_per_1000" or basis["value"] == basis[name]
            row[delta] = (row["value"] - row[name]
                          if row["value"] is not None and row[name] is not None and same_basis
                          else None)
        row["basis"] = basis["value"] if key == "complaint_rate_per_1000" else None
        rows.append(row)
    return rows, present["value"]


def _trend(quarter: Quarter, viewer: Viewer, db) -> pd.DataFrame:
    """[metric, period, value] by month over the report's quarter and the four before it."""
    first = quarter
    for _ in range(TREND_QUARTERS - 1):
        first = first.previous()
    filters = Filters(start=first.start, end=quarter.end)
    parts = []
    for key in TREND_METRICS:
        series = metrics.metric_series(key, grain="month", filters=filters, viewer=viewer, db=db)
        parts.append(series.assign(metric=key)[["metric", "period", "value"]])
    return pd.concat(parts, ignore_index=True)


def _quarter_alerts(quarter: Quarter, viewer: Viewer, db) -> pd.DataFrame:
    """The viewer's alerts that were open at any time in the quarter, oldest first, with the
    hours to acknowledge and to resolve and the hours their response clock allowed."""
    frame = list_alerts(viewer=viewer, db=db)
    if frame.empty:
        return frame
    start = pd.Timestamp(quarter.start)
    end = pd.Timestamp(quarter.end + timedelta(days=1))
    opened = pd.to_datetime(frame["opened_at"])
    resolved = pd.to_datetime(frame["resolved_at"])
    frame = frame[(opened < end) & (resolved.isna() | (resolved >= start))].copy()
    frame = frame.sort_values(["opened_at", "id"]).reset_index(drop=True)

    def hours(later, earlier) -> list[float | None]:
        return [None if pd.isna(b) or pd.isna(a) else (pd.Timestamp(b) - pd.Timestamp(a))
                .total_seconds() / 3600.0 for b, a in zip(later, earlier)]

    frame["ack_hours"] = hours(frame["acknowledged_at"], frame["opened_at"])
    frame["resolve_hours"] = hours(frame["resolved_at"], frame["opened_at"])
    frame["clock_hours"] = [clock_hours(level) for level in frame["response_level"]]
    frame["ack_within_clock"] = [
        None if pd.isna(ack) else bool(pd.Timestamp(ack) <= pd.Timestamp(due))
        for ack, due in zip(frame["acknowledged_at"], frame["due_at"])]
    return frame


def clock_hours(response_level: str) -> float | None:
    """Hours the response level allows for its first task (from the alert or its escalation)."""
    tasks = CLOCKS.get(response_level)
    return min(delta for _, delta in tasks).total_seconds() / 3600.0 if tasks else None


def _benchmark_table(filters: Filters, viewer: Viewer, db) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the gaps as benchmarks.gaps gives them, one row per metric × touchpoint): ours, the best
    competitor and our gap to them, the industry and our gap to it, and the industry band of
    the quarter's last month (benchmarks.band)."""
    gaps = benchmarks.gaps(filters=filters, viewer=viewer, db=db)
    columns = ["metric", "touchpoint", "our_metric", "ours", "best", "best_value", "gap_best",
               "industry", "gap_industry", "band_low", "band_high", "weakness"]
    if gaps.empty:
        return gaps, pd.DataFrame(columns=columns)
    rows = []
    for (metric, touchpoint), group in gaps.groupby(["metric", "touchpoint"], sort=True):
        is_industry = group["competitor"].str.lower() == "industry"
        industry = group[is_industry]
        others = group[~is_industry]
        higher = bool(group["higher_is_better"].iloc[0])
        best = (others.sort_values("theirs", ascending=not higher).iloc[0]
                if not others.empty else None)
        band_low = band_high = None
        if group["our_metric"].iloc[0]:
            band = benchmarks.band(metric, touchpoint=touchpoint or None, filters=filters,
                                   viewer=viewer, db=db)
            if not band.empty:
                band_low, band_high = _number(band["lower"].iloc[-1]), _number(band["upper"].iloc[-1])
        rows.append({
            "metric": metric, "touchpoint": touchpoint, "our_metric": group["our_metric"].iloc[0],
            "ours": _number(group["ours"].iloc[0]),
            "best": best["competitor"] if best is not None else None,
            "best_value": _number(best["theirs"]) if best is not None else None,
            "gap_best": _number(best["gap_pct"]) if best is not None else None,
            "industry": _number(industry["theirs"].iloc[0]) if not industry.empty else None,
            "gap_industry": _number(industry["gap_pct"].iloc[0]) if not industry.empty else None,
            "band_low": band_low, "band_high": band_high,
            "weakness": bool(group["weakness"].any()),
        })
    return gaps, pd.DataFrame(rows, columns=columns)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _report_items(quarter: Quarter, viewer: Viewer, db, now: datetime) -> pd.DataFrame:
    """Improvement items the viewer may see that were still open when the quarter began."""
    items = improvements.list_items(viewer=viewer, db=db, today=now.date())
    if items.empty:
        return items
    closed = items["status"].isin(improvements.CLOSED)
    before = pd.to_datetime(items["updated_at"]) < pd.Timestamp(quarter.start)
    return items[~(closed & before)].reset_index(drop=True)
