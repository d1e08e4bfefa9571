"""Complaint rate on both bases and the CSI built on it, against values worked out by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from warehouse import kpis
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import csi, metrics
from warehouse.storage.db import connect

JUNE = Filters(start=date(2025, 6, 1), end=date(2025, 6, 30))
# Daily `orders` rows for every day of June 2025 (no other month has orders):
#   App/North 100, Store/South 50, Web/East 40, App/South 10 -> 200 a day, 6,000 in June;
#   North 3,000, South 1,800 (1,500 + 300), East 1,200.
DAILY_ORDERS = (("App", "North", 100), ("Store", "South", 50), ("Web", "East", 40),
                ("App", "South", 10))
# June tickets (tests/fixtures/engine): t1 t2 t8 App/North, t3 t4 Store/South, t5 t6 Web/East,
# t7 App/South; 7 active customers (c4 churned); May has t0 only.


def _with_orders(master, path, first: date, days: int):
    import shutil

    shutil.copy(master, path)
    with connect(path, write=True) as con:
        for channel, region, per_day in DAILY_ORDERS:
            con.execute(
                "insert into ops_metrics (date, metric, value, channel, region, batch_id, "
                "first_batch_id) select ?::timestamp + to_days(i::integer), 'orders', ?,"
                " ?, ?, 1, 1 from range(?) as t(i)",
                [first, float(per_day), channel, region, days],
            )
    return path


@pytest.fixture(scope="module")
def orders_db(tmp_path_factory, golden_master):
    return _with_orders(golden_master, tmp_path_factory.mktemp("orders") / "golden.duckdb",
                        date(2025, 6, 1), 30)


def test_rate_is_per_1000_orders_when_orders_cover_the_window(orders_db):
    values = kpis(orders_db, start="2025-06-01", end="2025-06-30")
    assert values["complaint_rate_basis"] == "orders"
    assert values["complaint_rate_per_1000"] == pytest.approx(8 * 1000 / 6000)
    north = kpis(orders_db, start="2025-06-01", end="2025-06-30", region=["north"])
    assert north["complaint_rate_per_1000"] == pytest.approx(3 * 1000 / 3000)


def test_one_basis_for_the_current_and_the_previous_window(orders_db, tmp_path, golden_master):
    # June orders only: the previous window (2-31 May) has none, so both windows are compared
    # per active customer: June 8 tickets, May t0, 7 active customers, 30 days each.
    rate = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=orders_db)["complaint_rate_per_1000"]
    assert rate["basis"] == "active_customers_30d"
    assert rate["value"] == pytest.approx(1000 * 8 / 7)
    assert rate["previous"] == pytest.approx(1000 * 1 / 7)
    assert rate["delta"] == pytest.approx(1000 * 7 / 7)
    # Orders from 2 May cover both: 6,000 orders in each window.
    both = _with_orders(golden_master, tmp_path / "both.duckdb", date(2025, 5, 2), 60)
    rate = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=both)["complaint_rate_per_1000"]
    assert rate["basis"] == "orders"
    assert (rate["value"], rate["previous"]) == (pytest.approx(8000 / 6000),
                                                 pytest.approx(1000 / 6000))
    assert rate["delta"] == pytest.approx(7000 / 6000)


def test_the_newest_days_tickets_before_its_orders_keep_the_basis(tmp_path, golden_master):
    # The last June ticket (t6) is on 29 June; orders through 28 June still cover the window.
    lagging = _with_orders(golden_master, tmp_path / "lag.duckdb", date(2025, 6, 1), 28)
    values = kpis(lagging, start="2025-06-01", end="2025-06-30")
    assert values["complaint_rate_basis"] == "orders"
    assert values["complaint_rate_per_1000"] == pytest.approx(8 * 1000 / (200 * 28))
    # Orders through 27 June leave two days uncovered: per customer.
    short = _with_orders(golden_master, tmp_path / "short.duckdb", date(2025, 6, 1), 27)
    assert kpis(short, start="2025-06-01", end="2025-06-30")["complaint_rate_basis"] == \
        "active_customers_30d"


def test_a_segment_filter_says_the_index_basis_differs(orders_db):
    # 11-20 June and the ten days before lie inside the June orders; VIP cannot use them.
    open_june = Filters(start=date(2025, 6, 11), end=date(2025, 6, 20))
    summary = metrics.kpi_summary(filters=open_june.with_(segment=("vip",)), viewer=SYSTEM,
                                  db=orders_db)
    assert summary["csi"]["basis_differs"] is True
    assert summary["csi"]["basis"] == "active_customers_30d"
    summary = metrics.kpi_summary(filters=open_june, viewer=SYSTEM, db=orders_db)
    assert summary["csi"]["basis_differs"] is False
    assert summary["csi"]["basis"] == "orders"


def test_dept_head_rate_uses_only_their_orders(orders_db):
    south = Viewer("s", "dept_head", regions=("South",))
    values = metrics.kpi_values(filters=JUNE, viewer=south, db=orders_db)
    # t3 t4 t7 over South's 1,800 orders.
    assert values["complaint_rate_per_1000"] == pytest.approx(3 * 1000 / 1800)
    both = Viewer("a", "dept_head", channels=("app",), regions=("north",))
    values = metrics.kpi_values(filters=JUNE, viewer=both, db=orders_db)
    assert values["complaint_rate_per_1000"] == pytest.approx(3 * 1000 / 3000)


def test_customer_basis_without_covering_orders(orders_db, golden_master):
    # May has no orders: 1 ticket, 7 active customers, 31 days.
    may = kpis(orders_db, start="2025-05-01", end="2025-05-31")
    assert may["complaint_rate_basis"] == "active_customers_30d"
    assert may["complaint_rate_per_1000"] == pytest.approx(1000 / 7 * 30 / 31)
    # Orders from 1 June do not cover a window that starts on 31 May.
    late = kpis(orders_db, start="2025-05-31", end="2025-06-30")
    assert late["complaint_rate_basis"] == "active_customers_30d"
    assert late["complaint_rate_per_1000"] == pytest.approx(1000 * 8 / 7 * 30 / 31)
    # Orders carry no segment: a segment filter falls back to its customers (VIP: c1 c5 c8;
    # their June tickets t1 t2 t5 t7 t8).
    vip = kpis(orders_db, start="2025-06-01", end="2025-06-30", segment=["vip"])
    assert vip["complaint_rate_basis"] == "active_customers_30d"
    assert vip["complaint_rate_per_1000"] == pytest.approx(1000 * 5 / 3)
    # A week is scaled to 30 days: t1 t2 t3 in 1-7 June.
    week = kpis(golden_master, start="2025-06-01", end="2025-06-07")
    assert week["complaint_rate_per_1000"] == pytest.approx(1000 * 3 / 7 * 30 / 7)


def test_series_per_orders_and_per_customers(orders_db, golden_master):
    weekly = metrics.metric_series("complaint_rate_per_1000", grain="week", filters=JUNE,
                                   viewer=SYSTEM, db=orders_db)
    by_week = {p.date(): v for p, v in zip(weekly["period"], weekly["value"])}
    # Week of 26 May inside June = 1 June only (200 orders, t1); 2-8 June t2 t3 of 1,400;
    # 9-15 June t4 t7 t8 of 1,400.
    assert by_week[date(2025, 5, 26)] == pytest.approx(1000 / 200)
    assert by_week[date(2025, 6, 2)] == pytest.approx(2000 / 1400)
    assert by_week[date(2025, 6, 9)] == pytest.approx(3000 / 1400)
    weekly = metrics.metric_series("complaint_rate_per_1000", grain="week", filters=JUNE,
                                   viewer=SYSTEM, db=golden_master)
    by_week = {p.date(): v for p, v in zip(weekly["period"], weekly["value"])}
    # Customers: the cut first week is one day long, the next ones seven.
    assert by_week[date(2025, 5, 26)] == pytest.approx(1000 * 1 / 7 * 30 / 1)
    assert by_week[date(2025, 6, 2)] == pytest.approx(1000 * 2 / 7 * 30 / 7)
    monthly = metrics.metric_series("complaint_rate_per_1000", grain="month", filters=JUNE,
                                    viewer=SYSTEM, db=golden_master)
    assert monthly["value"].iloc[0] == pytest.approx(1000 * 8 / 7)


def test_matrix_divides_by_the_columns_orders(orders_db):
    frame = metrics.touchpoint_matrix("complaint_rate_per_1000", by="region", filters=JUNE,
                                      viewer=SYSTEM, db=orders_db, min_n=0)
    cells = {(t, c): v for t, c, v in zip(frame["touchpoint"], frame["col"], frame["value"])}
    assert cells[("app", "North")] == pytest.approx(3000 / 3000)
    assert cells[("store", "South")] == pytest.approx(2000 / 1800)
    assert cells[("app", "South")] == pytest.approx(1000 / 1800)
    assert cells[("website", "East")] == pytest.approx(2000 / 1200)


def _weights() -> np.ndarray:
    # Power iteration, independent of the eigen-solver in warehouse.kpi.csi.
    m = np.array(csi.DEFAULT_MATRIX)
    w = np.ones(4) / 4
    for _ in range(200):
        w = m @ w
        w = w / w.sum()
    return w


def test_csi_with_the_order_based_rate(orders_db):
    # June: NPS -100/9, CSAT top-2 50 %, CES 41/9, 8 complaints per 6,000 orders.
    parts = [(-100 / 9 + 100) / 2, 50.0, (41 / 9 - 1) / 6 * 100, 100 - 8000 / 6000]
    expected = float(np.dot(_weights(), parts))
    assert kpis(orders_db, start="2025-06-01", end="2025-06-30")["csi"] == pytest.approx(expected)
    monthly = metrics.metric_series("csi", grain="month", filters=JUNE, viewer=SYSTEM,
                                    db=orders_db)
    assert monthly["value"].iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize(("component", "value", "expected"), [
    ("nps", 52.0, 76.0),
    ("nps", -100.0, 0.0),
    ("csat_pct", 85.0, 85.0),
    ("ces", 5.8, 80.0),
    ("ces", 1.0, 0.0),
    ("complaint_rate_per_1000", 12.5, 87.5),
    ("complaint_rate_per_1000", 100.0, 0.0),  # 10 % of orders: red, nothing left
    ("complaint_rate_per_1000", 250.0, 0.0),
])
def test_normalise_by_hand(component, value, expected):
    assert csi.normalise(component, value) == pytest.approx(expected)


def test_quiet_demo_levels_score_above_the_yellow_limit():
    # NPS +52, CSAT 85 %, CES 5.9, 12.5 complaints per 1,000 orders -> 76, 85, 81.67, 87.5.
    expected = float(np.dot(_weights(), [76.0, 85.0, 4.9 / 6 * 100, 87.5]))
    weights = dict(zip(csi.COMPONENTS, _weights()))
    values = {"nps": 52.0, "csat_pct": 85.0, "ces": 5.9, "complaint_rate_per_1000": 12.5}
    assert csi.score(values, weights) == pytest.approx(expected)
    assert expected > 80


def _rule_rate(db, week: date) -> tuple[float, float]:
    import duckdb

    from warehouse.alerting.engine import Rule
    from warehouse.alerting.rule_series import load_series

    rule = Rule(rule_id="rate", kind="static", metric="complaint_rate_pct", direction="above",
                yellow=5, red=10, grain="week")
    con = duckdb.connect(str(db), read_only=True)
    try:
        series = load_series(con, rule)
    finally:
        con.close()
    row = series[series["period_start"].dt.date == week].iloc[0]
    return float(row["value"]), float(row["n"])


def test_rules_complaint_rate_per_order_or_per_customer_month(orders_db, golden_master):
    # Week 2-8 June: t2 t3. With orders: 2 of 1,400 orders in %.
    value, n = _rule_rate(orders_db, date(2025, 6, 2))
    assert (value, n) == (pytest.approx(100 * 2 / 1400), 1400)
    # Without: 7 active customers scaled to a 7-day period (7 × 7 / 30 customer-months).
    value, n = _rule_rate(golden_master, date(2025, 6, 2))
    assert n == pytest.approx(7 * 7 / 30)
    assert value == pytest.approx(100 * 2 / (7 * 7 / 30))
