"""The loaded demo year: counts, lineage, if_empty, each incident and the quiet, seen in SQL."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from pipelines.demo import generate_demo
from warehouse.storage.db import connect

END = date(2026, 6, 30)  # tests/conftest.py builds the demo year ending on this day


def day(offset: int) -> date:
    """The day `offset` days before END (offset counts backwards, as in the README's demo section)."""
    return END - timedelta(days=offset)


def query(db, sql: str, params=None) -> pd.DataFrame:
    with connect(db) as con:
        return con.execute(sql, params or []).df()


@pytest.fixture(scope="module")
def survey(demo_db_master) -> pd.DataFrame:
    s = query(
        demo_db_master,
        "select submitted_at, customer_id, channel, region, touchpoint, nps, csat, csat_scale "
        "from survey_responses",
    )
    s["day"] = s["submitted_at"].dt.date
    s["top2"] = s["csat"] >= 4
    s["negative"] = (s["nps"] <= 6) | (s["csat"] <= 2)
    return s


@pytest.fixture(scope="module")
def complaints(demo_db_master) -> pd.DataFrame:
    c = query(
        demo_db_master,
        "select ticket_id, created_at, region, channel, product, category, severity, "
        "first_response_at, resolved_at, description from complaints",
    )
    c["day"] = c["created_at"].dt.date
    return c


@pytest.fixture(scope="module")
def ops(demo_db_master) -> pd.DataFrame:
    o = query(
        demo_db_master, "select date, metric, value, channel, region, product from ops_metrics"
    )
    o["day"] = o["date"].dt.date
    return o


def between(frame: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Rows whose day lies from `first` to `last` days before END, inclusive."""
    return frame[(frame["day"] >= day(first)) & (frame["day"] <= day(last))]


def outside(frame: pd.DataFrame, *windows: tuple[int, int]) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    for first, last in windows:
        keep &= ~((frame["day"] >= day(first)) & (frame["day"] <= day(last)))
    return frame[keep]


# Windows (days before END) an incident touches, with room for its tail and comparison window.
DELIVERY = (76, 60)
APP = (41, 12)
REFUND = (201, 76)


# --- what was loaded ---------------------------------------------------------------------------


def test_every_table_holds_a_year_of_a_mid_size_company(demo_db_master):
    counts = query(
        demo_db_master,
        "select (select count(*) from customers) as customers, "
        "(select count(*) from survey_responses) as responses, "
        "(select count(*) from survey_ratings) as ratings, "
        "(select count(*) from complaints) as complaints, "
        "(select count(*) from benchmarks) as benchmarks, "
        "(select count(*) from ops_metrics) as ops",
    ).iloc[0]
    assert counts["customers"] == 20_000
    assert 55_000 <= counts["responses"] <= 65_000
    assert counts["ratings"] == counts["responses"]  # a long survey: one touchpoint per answer
    assert 13_000 <= counts["complaints"] <= 17_000
    assert counts["benchmarks"] == 36 * 4 * 17
    assert counts["ops"] > 10_000


def test_it_came_through_the_loader_one_batch_per_export(demo_db_master):
    batches = query(
        demo_db_master,
        "select kind, file_name, user_name, status, rows_read, rows_loaded, rows_rejected "
        "from batches order by batch_id",
    )
    assert list(batches["kind"]) == ["crm", "survey", "complaints", "benchmarks", "ops"]
    assert set(batches["user_name"]) == {"demo"} and set(batches["status"]) == {"loaded"}
    assert "complaint_tickets.csv" in set(batches["file_name"])
    rejected = dict(zip(batches["kind"], batches["rows_rejected"], strict=True))
    assert rejected == {"crm": 0, "survey": 4, "complaints": 0, "benchmarks": 0, "ops": 0}
    reasons = query(demo_db_master, "select field from rejects order by line_no")
    assert sorted(reasons["field"]) == ["ces", "csat", "nps", "submitted_at"]


def test_chinese_text_survived_the_gbk_file(complaints):
    chinese = complaints["description"].str.contains("物流延迟|退款|态度|闪退", regex=True)
    assert chinese.sum() > 1_000
    assert complaints["description"].str.contains("refund", case=False).sum() > 300


def test_times_are_stored_in_utc(complaints):
    # Exports are in Shanghai time, 08:00-22:59; in UTC that is 00:00-14:59 of the same day.
    hours = complaints["created_at"].dt.hour
    assert hours.min() == 0 and hours.max() == 14


def test_if_empty_leaves_a_loaded_warehouse_alone(demo_db):
    before = query(demo_db, "select count(*) as n, max(batch_id) as last from batches").iloc[0]
    summary = generate_demo(db=demo_db, seed=7, end=END, if_empty=True)
    assert summary["status"] == "skipped"
    assert "already holds data" in summary["message"]
    after = query(demo_db, "select count(*) as n, max(batch_id) as last from batches").iloc[0]
    assert (after["n"], after["last"]) == (before["n"], before["last"])


# --- customers and service levels --------------------------------------------------------------


def test_customers_have_value_tiers_churn_and_idle_risk(demo_db_master):
    crm = query(demo_db_master, "select * from customers")
    assert 0.01 <= (crm["lifetime_value"] > 10_000).mean() <= 0.10
    assert 0.25 <= ((crm["lifetime_value"] > 1_000) & (crm["lifetime_value"] <= 10_000)).mean()
    assert 0.03 <= (crm["status"] == "churned").mean() <= 0.10
    idle = (pd.Timestamp(END) - pd.to_datetime(crm["last_active_date"])).dt.days
    assert 0.05 <= ((idle >= 30) & (crm["status"] == "active")).mean() <= 0.20
    dropped = crm["avg_order_value"] <= 0.5 * crm["prev_avg_order_value"]
    assert 0.02 <= dropped.mean() <= 0.08
    assert set(crm["segment"]) == {"VIP", "regular", "new"}


def test_first_responses_mostly_in_time_with_some_breaches(complaints):
    minutes = (complaints["first_response_at"] - complaints["created_at"]).dt.total_seconds() / 60
    urgent = complaints["severity"] == "urgent"
    on_time = (minutes <= 120)[~urgent]
    assert 0.85 <= on_time.mean() <= 0.97
    assert 0.85 <= (minutes[urgent] <= 30).mean() <= 0.97
    hours = (complaints["resolved_at"] - complaints["created_at"]).dt.total_seconds() / 3600
    assert 0.70 <= (hours.dropna() <= 24).mean() <= 0.92
    assert complaints["first_response_at"].isna().sum() > 20  # some never answered


def test_three_customers_give_only_the_lowest_score(survey):
    lowest = survey.assign(low=(survey["nps"] == 0) & (survey["csat"] == 1))
    per_customer = lowest.groupby("customer_id")["low"].agg(["sum", "count"])
    only_lowest = per_customer["sum"] == per_customer["count"]
    suspects = per_customer[(per_customer["sum"] >= 10) & only_lowest]
    assert len(suspects) == 3


# --- 1. delivery breakdown in East ------------------------------------------------------------


def test_delivery_breakdown_floods_one_product_in_east(complaints):
    per_day = complaints.dropna(subset=["product"]).groupby(["day", "product"]).size()
    window = per_day[[d for d in per_day.index if day(75) <= d[0] <= day(66)]]
    red_days = window[window > 20]
    assert len(red_days) >= 6
    assert {p for _, p in red_days.index} == {"Air Conditioner K5"}
    east = between(complaints, 73, 69)
    assert (east["region"] == "East").mean() > 0.5


def test_delivery_breakdown_drops_east_csat(survey):
    east_delivery = survey[(survey["region"] == "East") & (survey["touchpoint"] == "delivery")]
    assert between(east_delivery, 74, 67)["top2"].mean() < 0.45
    assert between(east_delivery, 130, 80)["top2"].mean() > 0.70
    east = survey[survey["region"] == "East"]
    drop = between(east, 100, 77)["top2"].mean() - between(east, 74, 67)["top2"].mean()
    assert drop >= 0.06


def test_delivery_breakdown_slows_the_phone_line(ops):
    phone = ops[(ops["metric"] == "avg_answer_seconds") & (ops["channel"] == "Phone")]
    assert (between(phone, 75, 66)["value"] > 600).sum() >= 5
    assert outside(phone, DELIVERY)["value"].max() < 300


# --- 2. app release bug -----------------------------------------------------------------------


def _negative_rate(frame: pd.DataFrame, first: int, last: int) -> float:
    return between(frame, first, last)["negative"].mean()


def test_app_negative_rate_rises_half_again(survey):
    app = survey[survey["channel"] == "App"]
    assert _negative_rate(app, 40, 27) >= 1.5 * _negative_rate(app, 54, 41)
    for channel in ("Website", "Phone", "Store", "WeChat"):
        other = survey[survey["channel"] == channel]
        assert _negative_rate(other, 40, 27) < 1.2 * _negative_rate(other, 54, 41), channel


def test_app_bug_complaints_multiply(complaints):
    bugs = complaints[complaints["category"] == "app bug"]
    usual = outside(bugs, APP).groupby("day").size().median()
    assert len(between(bugs, 39, 28)) / 12 >= 3 * usual


# --- 3. refunds degrading over three months ---------------------------------------------------


def test_refund_csat_sinks_steadily_then_recovers(survey):
    refunds = survey[survey["touchpoint"] == "returns/refunds"]
    monthly = refunds.groupby(refunds["submitted_at"].dt.to_period("M"))["top2"].mean()
    baseline = monthly[:"2025-11"].mean()
    assert (monthly[:"2025-11"] >= 0.9 * baseline).all()
    below = monthly[["2026-01", "2026-02", "2026-03"]]
    assert (below <= 0.8 * baseline).all(), below.to_dict()
    assert monthly["2025-12"] > monthly["2026-01"] > monthly["2026-02"]  # steadily down
    assert monthly["2026-06"] >= 0.9 * baseline
    weekly = refunds.groupby(refunds["submitted_at"].dt.to_period("W"))["top2"].mean()
    run = longest = 0
    for value in weekly:
        run = run + 1 if value <= 0.8 * baseline else 0
        longest = max(longest, run)
    assert longest >= 6


def test_refund_complaints_take_longer_to_resolve(complaints):
    refunds = complaints[complaints["category"] == "slow refund"]
    hours = (refunds["resolved_at"] - refunds["created_at"]).dt.total_seconds() / 3600
    refunds = refunds.assign(hours=hours)
    before = refunds[refunds["day"] < day(205)]["hours"].median()
    assert between(refunds, 140, 97)["hours"].median() >= 2.5 * before


# --- 4. a competitor pulls ahead on delivery --------------------------------------------------


def test_competitor_passes_us_on_delivery(demo_db_master, survey):
    bench = query(
        demo_db_master,
        "select period, competitor, value from benchmarks "
        "where metric = 'csat' and touchpoint = 'delivery'",
    )
    assert set(bench["competitor"]) == {"HomeNest", "BrightHome", "UrbanCasa", "industry"}
    wide = bench.pivot(index="period", columns="competitor", values="value").sort_index()
    assert len(wide) == 36
    delivery = survey[survey["touchpoint"] == "delivery"]
    wide.index = pd.to_datetime(wide.index)
    ours = 100 * delivery.groupby(delivery["submitted_at"].dt.to_period("M"))["top2"].mean()
    ours.index = ours.index.to_timestamp()
    gap = ((wide["BrightHome"] - ours) / ours).dropna()
    assert len(gap) == 12
    assert (gap["2026-05":] > 0.15).all(), gap
    assert (gap[:"2026-01"].abs() < 0.15).all(), gap
    industry = wide["industry"]
    upper = industry.mean() + 1.5 * industry.std()
    assert (wide["BrightHome"].iloc[-2:] > upper).all()
    assert (wide["BrightHome"].iloc[:-4] < upper + 3).all()  # only lately


# --- quiet periods look quiet -----------------------------------------------------------------


def test_no_product_reaches_the_spike_limit_outside_the_breakdown(complaints):
    quiet = outside(complaints.dropna(subset=["product"]), DELIVERY)
    assert quiet.groupby(["day", "product"]).size().max() <= 5
    # Nor in any rolling 24 hours.
    for _, g in quiet.groupby("product"):
        t = g["created_at"].sort_values().reset_index(drop=True)
        ahead = t.searchsorted(t + pd.Timedelta(hours=24))
        assert (ahead - t.index).max() <= 5


def test_weekly_complaint_counts_stay_in_a_narrow_band(complaints):
    quiet = outside(complaints, DELIVERY, APP)
    weeks = quiet.groupby(quiet["created_at"].dt.to_period("W")).size().iloc[1:-1]
    full = weeks[weeks > 0.5 * weeks.median()]  # weeks cut by an incident window drop out
    assert len(full) >= 40
    assert (abs(full / full.median() - 1) <= 0.15).all(), full.describe()


def test_channel_negative_rates_hold_steady_outside_incidents(survey):
    quiet = outside(survey, DELIVERY, APP)
    for channel, g in quiet.groupby("channel"):
        daily = g.groupby("day")["negative"].agg(["sum", "count"])
        daily.index = pd.to_datetime(daily.index)
        daily = daily.asfreq("D")  # incident days become gaps, never silently joined
        rate = daily.rolling(14).sum().pipe(lambda r: r["sum"] / r["count"])
        ratio = (rate / rate.shift(14)).dropna()
        assert len(ratio) > 150 and ratio.max() < 1.2, (channel, ratio.max())


def test_csat_stays_above_the_yellow_limit_outside_incidents(survey):
    quiet = outside(survey, DELIVERY, APP, REFUND)
    week = quiet["submitted_at"].dt.to_period("W")
    for dim in ("channel", "region", "touchpoint"):
        weekly = quiet.groupby([week, dim])["top2"].agg(["mean", "count"])
        weekly = weekly[weekly["count"] >= 30]  # warehouse/docs/metrics.md: smaller cells are greyed, not judged
        assert len(weekly) > 40
        assert weekly["mean"].min() >= 0.6, (dim, weekly["mean"].idxmin())


def test_ops_stay_inside_their_limits_outside_incidents(ops, complaints):
    quiet = outside(ops, DELIVERY)
    by = quiet.groupby("metric")["value"]
    assert by.max()["avg_answer_seconds"] < 300
    assert by.max()["return_rate"] < 3
    assert ops[ops["metric"] == "negative_mentions"]["value"].max() < 1_000
    mentions = ops[ops["metric"] == "negative_mentions"].set_index("day")["value"].sort_index()
    ratio = mentions.rolling(2).sum() / mentions.shift(2).rolling(2).sum()
    assert ratio[[d < day(76) or d > day(60) for d in ratio.index]].max() < 3
    assert ratio.max() >= 3  # the breakdown's flare-up
    stars = ops[ops["metric"] == "rating_stars"]["value"]
    assert stars.max() - stars.min() < 1
    orders = ops[ops["metric"] == "orders"].groupby(["day", "region"])["value"].sum()
    per_region = outside(complaints, DELIVERY).groupby(["day", "region"]).size()
    rate = (per_region / orders).dropna()
    assert rate.max() < 0.05
