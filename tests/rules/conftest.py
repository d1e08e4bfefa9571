"""Small hand-made warehouses for the rules, alerts and risk-matrix tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from warehouse.storage import derived
from warehouse.storage.db import connect

START = datetime(2026, 1, 1)


# Column lists and the matching insert statements (written out: no SQL is built from strings).
INSERTS = {
    "complaints": (
        ["ticket_id", "created_at", "customer_id", "channel", "region", "touchpoint", "product",
         "category", "severity", "status", "first_response_at", "resolved_at", "escalated",
         "compensation_amount"],
        ("insert into complaints (ticket_id, created_at, customer_id, channel, region, touchpoint,"
        " product, category, severity, status, first_response_at, resolved_at, escalated,"
        " compensation_amount, batch_id, first_batch_id)"
        " select ticket_id, created_at, customer_id, channel, region, touchpoint, product,"
        " category, severity, status, first_response_at, resolved_at, escalated::boolean,"
        " compensation_amount::double, 1, 1 from incoming"),
    ),
    "survey_responses": (
        ["response_id", "submitted_at", "customer_id", "channel", "region", "touchpoint", "nps",
         "csat", "csat_scale", "csat_10"],
        ("insert into survey_responses (response_id, submitted_at, customer_id, channel, region,"
        " touchpoint, nps, csat, csat_scale, csat_10, batch_id, first_batch_id)"
        " select response_id, submitted_at, customer_id, channel, region, touchpoint,"
        " nps::integer, csat::double, csat_scale::integer, csat_10::double, 1, 1 from incoming"),
    ),
    "survey_ratings": (
        ["response_id", "touchpoint", "rating", "scale", "rating_10"],
        ("insert into survey_ratings (response_id, touchpoint, rating, scale, rating_10, batch_id)"
        " select response_id, touchpoint, rating, scale, rating_10, 1 from incoming"),
    ),
    "ops_metrics": (
        ["date", "metric", "value", "channel", "region", "product"],
        ("insert into ops_metrics (date, metric, value, channel, region, product, batch_id,"
        " first_batch_id) select date, metric, value, channel, region, product, 1, 1"
        " from incoming"),
    ),
    "customers": (
        ["customer_id", "region", "channel", "segment", "lifetime_value", "status"],
        ("insert into customers (customer_id, region, channel, segment, lifetime_value, status,"
        " batch_id, first_batch_id) select customer_id, region, channel, segment,"
        " lifetime_value, status, 1, 1 from incoming"),
    ),
    "benchmarks": (
        ["period", "competitor", "metric", "value", "touchpoint"],
        ("insert into benchmarks (period, competitor, metric, value, touchpoint, batch_id,"
        " first_batch_id) select period, competitor, metric, value, touchpoint, 1, 1"
        " from incoming"),
    ),
}
# Key parts that are '' rather than NULL when absent (see 001_core.sql).
EMPTY_DEFAULTS = {"ops_metrics": ("channel", "region", "product"), "benchmarks": ("touchpoint",)}


class Rows:
    """Writes rows straight into a warehouse (the loaders are tested elsewhere)."""

    def __init__(self, db):
        self.db = db

    def complaints(self, rows: list[dict]) -> None:
        self._insert("complaints", rows)

    def responses(self, rows: list[dict]) -> None:
        self._insert("survey_responses", rows)

    def ratings(self, rows: list[dict]) -> None:
        self._insert("survey_ratings", rows)

    def ops(self, rows: list[dict]) -> None:
        self._insert("ops_metrics", rows)

    def customers(self, rows: list[dict]) -> None:
        self._insert("customers", rows)

    def benchmarks(self, rows: list[dict]) -> None:
        self._insert("benchmarks", rows)

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        cols, sql = INSERTS[table]
        empty = EMPTY_DEFAULTS.get(table, ())
        incoming = pd.DataFrame(  # noqa: F841 - read by name in the SQL (a replacement scan)
            [[row.get(c, "" if c in empty else None) for c in cols] for row in rows],
            columns=cols,
        )
        with connect(self.db, write=True) as con:
            con.execute(sql)
            derived.refresh_all(con)  # what a load does for the rows it writes


def complaint_days(counts: dict[date, int], *, product="Router", region="East", channel="Phone",
                   prefix="T") -> list[dict]:
    """`n` complaints on each day, spread over the day."""
    rows = []
    for day, n in counts.items():
        for i in range(n):
            at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=10 + i * 7)
            rows.append({"ticket_id": f"{prefix}{day:%Y%m%d}-{product}-{i}", "created_at": at,
                         "product": product, "region": region, "channel": channel,
                         "touchpoint": "delivery", "category": "delivery delay",
                         "severity": "medium", "status": "closed",
                         "first_response_at": at + timedelta(minutes=30),
                         "resolved_at": at + timedelta(hours=5), "escalated": False,
                         "customer_id": f"C{i % 40}"})
    return rows


def only_rules(db, keep: set[str]) -> None:
    """Switch off every rule but `keep` (focused lifecycle tests; a direct write for speed)."""
    with connect(db, write=True) as con:
        con.execute("update rules set enabled = list_contains(?, rule_id)", [sorted(keep)])


def quiet_year(db, *, seed: int = 11, days: int = 364, end: date = date(2026, 6, 30)) -> None:
    """A quiet synthetic year: stable noise around plausible levels in every table."""
    rng = np.random.default_rng(seed)
    first = end - timedelta(days=days - 1)
    products = ["Router", "Phone X", "Speaker", "Watch", "Tablet"]
    regions = ["North", "South", "East", "West", "Central"]
    channels = ["App", "Website", "Phone", "Store", "WeChat"]
    touchpoints = ["delivery", "app", "payment", "returns/refunds", "store", "phone hotline"]
    writer = Rows(db)
    writer.customers([
        {"customer_id": f"C{i}", "region": regions[i % 5], "channel": channels[i % 5],
         "segment": "regular", "lifetime_value": float(rng.integers(100, 20000)),
         "status": "active"}
        for i in range(5000)
    ])
    complaints, responses, ratings, ops = [], [], [], []
    for d in range(days):
        day = first + timedelta(days=d)
        base = datetime.combine(day, datetime.min.time())
        for k in range(int(rng.poisson(5))):
            at = base + timedelta(minutes=int(rng.integers(0, 1440)))
            urgent = rng.random() < 0.05
            complaints.append({
                "ticket_id": f"Q{d}-{k}", "created_at": at,
                "customer_id": f"C{int(rng.integers(0, 5000))}",
                "product": products[int(rng.integers(0, 5))],
                "region": regions[int(rng.integers(0, 5))],
                "channel": channels[int(rng.integers(0, 5))],
                "touchpoint": touchpoints[int(rng.integers(0, 6))],
                "category": ["delivery delay", "slow refund", "rude staff"][int(rng.integers(0, 3))],
                "severity": "urgent" if urgent else ["low", "medium", "high"][int(rng.integers(0, 3))],
                "status": "closed",
                "first_response_at": at + timedelta(minutes=float(rng.gamma(4, 10))),
                "resolved_at": at + timedelta(hours=float(rng.gamma(2, 4))),
                "escalated": bool(rng.random() < 0.08),
                "compensation_amount": float(rng.choice([0, 0, 0, 50, 200])),
            })
        for k in range(int(rng.poisson(160))):
            rid = f"R{d}-{k}"
            csat = int(rng.choice([1, 2, 3, 4, 5], p=[0.03, 0.05, 0.14, 0.40, 0.38]))
            nps = int(np.clip(round(rng.normal(8, 1.6)), 0, 10))
            touchpoint = touchpoints[int(rng.integers(0, 6))]
            responses.append({
                "response_id": rid, "submitted_at": base + timedelta(minutes=int(rng.integers(0, 1440))),
                "customer_id": f"C{int(rng.integers(0, 5000))}",
                "channel": channels[int(rng.integers(0, 5))],
                "region": regions[int(rng.integers(0, 5))], "touchpoint": touchpoint,
                "nps": nps, "csat": float(csat), "csat_scale": 5, "csat_10": 2.0 * csat,
            })
            ratings.append({"response_id": rid, "touchpoint": touchpoint, "rating": float(csat),
                            "scale": 5, "rating_10": 2.0 * csat})
        for channel in ("Phone", "WeChat"):
            ops.append({"date": base, "metric": "avg_answer_seconds", "channel": channel,
                        "value": float(rng.normal(150, 20))})
        for product in products:
            ops.append({"date": base, "metric": "return_rate", "product": product,
                        "value": float(abs(rng.normal(0.012, 0.003)))})
        ops.append({"date": base, "metric": "negative_mentions", "value": float(rng.poisson(200))})
        ops.append({"date": base, "metric": "orders", "value": float(rng.poisson(2000))})
        if day.day == 1:
            ops.append({"date": base, "metric": "rating_stars", "value": float(rng.normal(4.4, 0.05))})
    writer.complaints(complaints)
    writer.responses(responses)
    writer.ratings(ratings)
    writer.ops(ops)
    bench = []
    month = date(first.year, first.month, 1)
    while month <= end:
        bench.append({"period": month, "competitor": "industry", "metric": "first_response_minutes",
                      "value": float(rng.normal(45, 2)), "touchpoint": ""})
        for touchpoint in touchpoints:
            bench.append({"period": month, "competitor": "industry", "metric": "csat",
                          "value": float(rng.normal(78, 1.5)), "touchpoint": touchpoint})
            bench.append({"period": month, "competitor": "RivalCo", "metric": "csat",
                          "value": float(rng.normal(80, 2.0)), "touchpoint": touchpoint})
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    writer.benchmarks(bench)


@pytest.fixture
def rows(tmp_db) -> Rows:
    return Rows(tmp_db)


@pytest.fixture(scope="session")
def quiet_db_master(tmp_path_factory):
    path = tmp_path_factory.mktemp("quiet") / "quiet.duckdb"
    quiet_year(path)
    return path


@pytest.fixture
def quiet_db(quiet_db_master, tmp_path):
    import shutil

    path = tmp_path / "quiet.duckdb"
    shutil.copy(quiet_db_master, path)
    return path


@pytest.fixture
def make():
    """The helpers above, for test modules (conftest modules are not importable by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(complaint_days=complaint_days, only_rules=only_rules,
                           quiet_year=quiet_year)
