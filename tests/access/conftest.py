"""A small warehouse with known channels and regions (odd spellings included) for scope tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.warehouses import build

# As users' exports write them: mixed case, stray spaces, a missing value, an injection attempt.
REGIONS = ["North", "South", "East", "West", " south ", "NORTH", None, "North' OR '1'='1"]
REGION_WEIGHTS = [0.22, 0.2, 0.16, 0.16, 0.06, 0.06, 0.1, 0.04]
CHANNELS = ["App", "Web", "Phone", "Store", " app", None]
CHANNEL_WEIGHTS = [0.3, 0.25, 0.2, 0.13, 0.05, 0.07]
TOUCHPOINTS = ["delivery", "payment", "after-sales", "App", "returns/refunds"]
CATEGORIES = ["slow refund", "rude staff", "delivery delay", "app bug"]
SEVERITIES = ["low", "medium", "high", "urgent"]
SEGMENTS = ["VIP", "regular", "new"]
START = date(2025, 7, 1)
DAYS = 365


def _pick(rng, values, weights, n):
    return [values[i] for i in rng.choice(len(values), size=n, p=np.array(weights) / sum(weights))]


def _times(rng, n) -> list[datetime]:
    base = datetime.combine(START, datetime.min.time())
    return [base + timedelta(seconds=int(s)) for s in rng.integers(0, DAYS * 86400, size=n)]


def build_scope_warehouse(path: Path, seed: int = 11) -> Path:
    rng = np.random.default_rng(seed)
    n_cust, n_resp, n_comp = 1500, 5000, 2500
    customers = pd.DataFrame({
        "customer_id": [f"C{i:05d}" for i in range(n_cust)],
        "region": _pick(rng, REGIONS, REGION_WEIGHTS, n_cust),
        "channel": _pick(rng, CHANNELS, CHANNEL_WEIGHTS, n_cust),
        "segment": _pick(rng, SEGMENTS, [1, 5, 2], n_cust),
        "signup_date": [START - timedelta(days=int(d)) for d in rng.integers(0, 900, n_cust)],
        "last_active_date": [START + timedelta(days=int(d)) for d in rng.integers(0, DAYS, n_cust)],
        "orders_90d": rng.integers(0, 12, n_cust),
        "avg_order_value": rng.gamma(2.0, 150.0, n_cust).round(2),
        "prev_avg_order_value": rng.gamma(2.0, 150.0, n_cust).round(2),
        "lifetime_value": rng.gamma(1.2, 4000.0, n_cust).round(2),
        "status": _pick(rng, ["active", "churned"], [9, 1], n_cust),
        "lifecycle_stage": _pick(rng, ["acquisition", "usage", "renewal"], [1, 3, 1], n_cust),
    })
    resp_customer = rng.integers(0, n_cust, n_resp)
    csat = rng.integers(1, 6, n_resp).astype(float)
    responses = pd.DataFrame({
        "response_id": [f"R{i:06d}" for i in range(n_resp)],
        "submitted_at": _times(rng, n_resp),
        "customer_id": customers["customer_id"].to_numpy()[resp_customer],
        "channel": _pick(rng, CHANNELS, CHANNEL_WEIGHTS, n_resp),
        "region": _pick(rng, REGIONS, REGION_WEIGHTS, n_resp),
        "touchpoint": _pick(rng, TOUCHPOINTS, [1] * len(TOUCHPOINTS), n_resp),
        "segment": customers["segment"].to_numpy()[resp_customer],
        "nps": rng.integers(0, 11, n_resp),
        "csat": csat,
        "csat_scale": 5,
        "csat_10": csat * 2,
        "ces": rng.integers(1, 8, n_resp).astype(float),
        "comment": "",
    })
    ratings = responses[["response_id", "touchpoint", "csat", "csat_scale", "csat_10"]].rename(
        columns={"csat": "rating", "csat_scale": "scale", "csat_10": "rating_10"})
    created = _times(rng, n_comp)
    first_resp = [c + timedelta(minutes=int(m)) for c, m in zip(created, rng.gamma(1.5, 90, n_comp))]
    resolved = [c + timedelta(hours=float(h)) for c, h in zip(created, rng.gamma(1.5, 20, n_comp))]
    no_answer = rng.random(n_comp) < 0.1
    complaints = pd.DataFrame({
        "ticket_id": [f"T{i:06d}" for i in range(n_comp)],
        "created_at": created,
        "customer_id": customers["customer_id"].to_numpy()[rng.integers(0, n_cust, n_comp)],
        "channel": _pick(rng, CHANNELS, CHANNEL_WEIGHTS, n_comp),
        "region": _pick(rng, REGIONS, REGION_WEIGHTS, n_comp),
        "touchpoint": _pick(rng, TOUCHPOINTS, [1] * len(TOUCHPOINTS), n_comp),
        "product": _pick(rng, ["router", "phone plan", "tv box"], [1, 1, 1], n_comp),
        "category": _pick(rng, CATEGORIES, [4, 2, 3, 1], n_comp),
        "severity": _pick(rng, SEVERITIES, [4, 3, 2, 1], n_comp),
        "status": _pick(rng, ["closed", "open"], [8, 2], n_comp),
        "first_response_at": [None if x else v for x, v in zip(no_answer, first_resp)],
        "resolved_at": [None if x else v for x, v in zip(no_answer, resolved)],
        "escalated": rng.random(n_comp) < 0.08,
        "compensation_amount": rng.choice([0.0, 0.0, 0.0, 50.0, 200.0], n_comp),
        "description": _pick(rng, ["退款慢", "态度差", "物流延迟", "app crashed at payment"],
                             [1, 1, 1, 1], n_comp),
    })
    months = [date(2024 + (6 + m) // 12, (6 + m) % 12 + 1, 1) for m in range(24)]
    benchmarks = pd.DataFrame([
        {"period": p, "period_label": f"{p:%Y-%m}", "competitor": who, "metric": metric,
         "value": float(base + rng.normal(0, 2)), "touchpoint": "", "source": "own research"}
        for p in months
        for who, base in (("us", 40), ("industry", 38), ("rival a", 42))
        for metric in ("nps", "csat")
    ])
    days = [START + timedelta(days=d) for d in range(0, DAYS, 7)]
    ops = pd.DataFrame([
        {"date": datetime.combine(d, datetime.min.time()), "metric": "avg_answer_seconds",
         "value": float(rng.gamma(3, 80)), "channel": ch or "", "region": rg or "", "product": ""}
        for d in days for ch in ("Phone", "App") for rg in ("North", "South", "East")
    ])
    record = ("insert into batches (batch_id, kind, file_name, status, user_name, started_at, "
              "finished_at) values (nextval('batch_id_seq'), ?, ?, 'loaded', 'tester', "
              "now()::timestamp, now()::timestamp)")
    batches = [(record, [kind, f"{kind}.csv"])  # batches 1..5
               for kind in ("crm", "survey", "complaints", "benchmarks", "ops")]
    return build(path, statements=batches, tables=[
        ("customers", customers, 1),
        ("survey_responses", responses, 2),
        ("survey_ratings", ratings, 2),
        ("complaints", complaints, 3),
        ("benchmarks", benchmarks, 4),
        ("ops_metrics", ops, 5),
    ])


@pytest.fixture(scope="session")
def scope_db(tmp_path_factory) -> Path:
    """The small scope warehouse with its alerts evaluated, built once; tests only read it."""
    from warehouse.alerting.evaluation import evaluate

    path = build_scope_warehouse(tmp_path_factory.mktemp("scope") / "scope.duckdb")
    evaluate(path)
    return path
