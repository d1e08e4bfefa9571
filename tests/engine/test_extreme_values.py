"""Extreme but valid values loaded through the real loader never break a read or a rule: dates
at the edges of the accepted horizon, huge and tiny numbers, long and odd texts. Every query
the pages make answers, every rate stays in its range, and one evaluation of every rule runs
without an error."""

from __future__ import annotations

import csv
import math
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest import ingest_file
from warehouse.access.scope import SYSTEM, Filters
from warehouse.alerting.evaluation import evaluate
from warehouse.kpi import complaints, customers, metrics
from warehouse.risk.matrix import risk_items
from warehouse.storage.db import ensure_warehouse

NOW = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
# The loader's horizon: not before 1990, not more than a day after the load.
EARLIEST, LATEST = datetime(1990, 1, 1), NOW + timedelta(hours=12)
# csat_mean is on the 10-point scale (5-point ratings × 2), warehouse/docs/metrics.md
RANGES = {"nps": (-100, 100), "csat_pct": (0, 100), "csat_mean": (1, 10), "ces": (1, 7),
          "negative_rate_pct": (0, 100), "sla_first_response_pct": (0, 100),
          "sla_resolution_pct": (0, 100), "escalation_rate_pct": (0, 100), "fcr_pct": (0, 100),
          "csi": (0, 100)}

moments = st.one_of(
    st.sampled_from([EARLIEST, LATEST, datetime(1999, 12, 31, 23, 59, 59), datetime(2000, 2, 29),
                     NOW - timedelta(days=1)]),
    st.datetimes(min_value=EARLIEST, max_value=LATEST),
).map(lambda d: d.replace(microsecond=0))
texts = st.one_of(
    st.sampled_from(["", " ", "-", "N/A", "无", "x" * 5000, "🙂" * 300, "a,b;\"c\"", "=1+1",
                     "<b>x</b>", "line\nbreak"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300),
)
names = st.one_of(st.sampled_from(["East", "东区", "E" * 200, "A/B", "x y"]),
                  st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=40))
amounts = st.one_of(st.sampled_from([0.0, 1e-9, 1e12, 99999999999.99, 0.5]),
                    st.floats(0, 1e12, allow_nan=False, allow_infinity=False))
complaint = st.fixed_dictionaries({
    "created_at": moments, "after": st.one_of(st.none(), st.floats(0, 3e8)),
    "region": names, "channel": names, "touchpoint": names, "product": names,
    "category": names, "severity": st.sampled_from(["low", "medium", "high", "urgent", ""]),
    "compensation_amount": amounts, "description": texts,
})
response = st.fixed_dictionaries({
    "submitted_at": moments, "nps": st.integers(0, 10), "csat": st.integers(1, 5),
    "ces": st.integers(1, 7), "region": names, "channel": names, "touchpoint": names,
    "comment": texts,
})


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _complaint_rows(found: list[dict]) -> list[dict]:
    rows = []
    for i, c in enumerate(found):
        resolved = ("" if c["after"] is None
                    else min(c["created_at"] + timedelta(seconds=c["after"]), LATEST).isoformat())
        rows.append({"ticket_id": f"T{i}", "created_at": c["created_at"].isoformat(),
                     "resolved_at": resolved, "first_response_at": resolved,
                     "customer_id": f"C{i % 3}",
                     **{k: c[k] for k in ("region", "channel", "touchpoint", "product", "category",
                                          "severity", "compensation_amount", "description")}})
    return rows


def _response_rows(found: list[dict]) -> list[dict]:
    return [{"response_id": f"R{i}", "customer_id": f"C{i % 3}",
             "submitted_at": r["submitted_at"].isoformat(),
             **{k: r[k] for k in ("nps", "csat", "ces", "region", "channel", "touchpoint",
                                  "comment")}} for i, r in enumerate(found)]


def _in_range(values: dict) -> list[str]:
    bad = []
    for key, (low, high) in RANGES.items():
        value = values.get(key)
        if value is not None and not (low - 1e-9 <= value <= high + 1e-9 and math.isfinite(value)):
            bad.append(f"{key}={value}")
    return bad


@pytest.mark.slow
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(found_complaints=st.lists(complaint, min_size=1, max_size=12),
       found_responses=st.lists(response, min_size=1, max_size=12),
       window=st.sampled_from([(None, None), (EARLIEST.date(), LATEST.date()),
                               (date(1990, 1, 1), date(1990, 1, 31))]))
def test_extreme_values_never_break_a_read_or_a_rule(tmp_path_factory, found_complaints,
                                                     found_responses, window):
    folder = tmp_path_factory.mktemp("extreme")
    db = folder / "extreme.duckdb"
    ensure_warehouse(db)
    ingest_file("complaints", _write(folder / "c.csv", _complaint_rows(found_complaints)), db=db)
    ingest_file("survey", _write(folder / "s.csv", _response_rows(found_responses)), db=db)
    filters = Filters(start=window[0], end=window[1])

    values = metrics.kpi_values(filters=filters, viewer=SYSTEM, db=db)
    assert _in_range(values) == []
    metrics.kpi_summary(filters=filters, viewer=SYSTEM, db=db)
    for metric in ("nps", "csat_pct", "complaints"):
        for grain in ("day", "week", "month"):
            metrics.metric_series(metric, grain=grain, filters=filters, viewer=SYSTEM, db=db)
        for by in ("channel", "region", "week"):
            metrics.touchpoint_matrix(metric, by=by, filters=filters, viewer=SYSTEM, db=db)
    complaints.pareto(filters=filters, viewer=SYSTEM, db=db)
    complaints.sla_by_severity(filters=filters, viewer=SYSTEM, db=db)
    complaints.search("x", filters=filters, viewer=SYSTEM, db=db)
    complaints.open_tickets(filters=filters, viewer=SYSTEM, db=db)
    customers.churn_risk(filters=filters, viewer=SYSTEM, db=db)
    risk_items(filters=filters, viewer=SYSTEM, db=db)
    summary = evaluate(db)
    assert summary["errors"] == [], summary["errors"]
