"""The improvement list: items from a Pareto category, a risk item, an alert or by hand, their
computed figures (checked against the raw tickets), scope, permissions, history and overdue."""

from __future__ import annotations

import shutil
import statistics
from datetime import date, timedelta

import duckdb
import pytest

from warehouse.access.auth import load_viewer
from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import SYSTEM, Filters
from warehouse.alerting.alerts import list_alerts
from warehouse.reports import improvements as imp
from warehouse.reports.improvements import ImprovementError

from .conftest import Q_END, Q_START

TODAY = date(2026, 7, 15)


@pytest.fixture
def db(review_db, tmp_path):
    path = tmp_path / "improvements.duckdb"
    shutil.copy(review_db, path)
    return path


def raw(db, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def expected_figures(db, where: str, params: list, start: date, end: date) -> dict:
    """Hand computation: complaints and customers in the window; the median of the six months
    before the window's month; the window's complaints per month; the gain above the median."""
    count, customers = raw(db, f"""
        select count(*), count(distinct customer_id) from complaints
        where created_at >= ? and created_at < ? and {where}""",
        [start, end + timedelta(days=1), *params])[0]
    months = []
    month = date(start.year, start.month, 1)
    for _ in range(6):
        month = (month - timedelta(days=1)).replace(day=1)
        nxt = (month + timedelta(days=32)).replace(day=1)
        months.append(raw(db, f"select count(*) from complaints where created_at >= ? and "
                              f"created_at < ? and {where}", [month, nxt, *params])[0][0])
    per_month = count / ((end - start).days + 1) * 365.25 / 12
    baseline = statistics.median(months)
    return {"complaints": count, "affected_customers": customers,
            "baseline_per_month": baseline, "gain_computed": max(0.0, per_month - baseline)}


def test_item_from_a_pareto_category_counts_its_complaints(db):
    item = imp.create_item(source_kind="category", source_ref="delivery delay",
                           filters=Filters(start=Q_START, end=Q_END), user=SYSTEM, db=db,
                           today=TODAY)
    want = expected_figures(db, "lower(trim(category)) = ?", ["delivery delay"], Q_START, Q_END)
    assert item["title"] == "delivery delay"
    assert (item["window_start"], item["window_end"]) == (Q_START, Q_END)
    assert item["complaints"] == want["complaints"] > 0
    assert item["affected_customers"] == want["affected_customers"]
    assert item["baseline_per_month"] == pytest.approx(want["baseline_per_month"])
    assert item["gain_computed"] == pytest.approx(want["gain_computed"])
    assert item["expected_gain"] == pytest.approx(want["gain_computed"])
    assert item["status"] == "open" and item["channels"] == [] == item["regions"]


def test_item_from_a_touchpoint_region_risk_item_counts_that_region(db):
    item = imp.create_item(source_kind="risk_item", source_ref="touchpoint_region:delivery|east",
                           filters=Filters(start=Q_START, end=Q_END), user=SYSTEM, db=db,
                           today=TODAY)
    want = expected_figures(db, "lower(trim(touchpoint)) = ? and lower(trim(region)) = ?",
                            ["delivery", "east"], Q_START, Q_END)
    assert item["title"] == "delivery × East"
    assert item["regions"] == ["east"] and item["touchpoint"] == "delivery"
    assert (item["complaints"], item["affected_customers"]) == (
        want["complaints"], want["affected_customers"])
    assert item["gain_computed"] == pytest.approx(want["gain_computed"])


def test_item_from_an_alert_counts_the_alerts_product_over_its_days(db):
    alerts = list_alerts(viewer=SYSTEM, db=db)
    k5 = alerts[(alerts["rule"] == "complaints_per_product_24h")].iloc[0]
    item = imp.create_item(source_kind="alert", source_ref=int(k5["id"]), user=SYSTEM, db=db,
                           today=TODAY)
    start = k5["period_start"].date()
    end = k5["resolved_at"].date()
    count, customers = raw(db, """select count(*), count(distinct customer_id) from complaints
        where created_at >= ? and created_at < ? and lower(trim(product)) = ?""",
        [start, end + timedelta(days=1), str(k5["scope_value"]).lower()])[0]
    assert item["product"] == str(k5["scope_value"]).lower()
    assert (item["window_start"], item["window_end"]) == (start, end)
    assert (item["complaints"], item["affected_customers"]) == (count, customers)
    assert count > 100  # the East delivery breakdown: about 30 a day on K5


def test_edits_are_checked_kept_in_history_and_audited(db):
    item = imp.create_item(title="Shorter refund queue", owner="Li Wei", due_date="2026-08-31",
                           filters=Filters(start=Q_START, end=Q_END, category=("slow refund",)),
                           user=SYSTEM, db=db, today=TODAY)
    ana = load_viewer("ana", db)
    changed = imp.update_item(item["item_id"], status="in_progress", expected_gain=12.5,
                              note="weekly check", user=ana, db=db, today=TODAY)
    assert (changed["status"], changed["expected_gain"], changed["note"]) == (
        "in_progress", 12.5, "weekly check")
    history = imp.item_history(item["item_id"], viewer=ana, db=db)
    assert list(history["after"].iloc[0]) == ["status", "note", "expected_gain"]
    assert history["before"].iloc[0]["status"] == "open"
    assert history["before"].iloc[-1] is None  # the creation
    actions = [r[0] for r in raw(db, "select action from audit_log where target = ? order by at_utc",
                                  [f"improvement {item['item_id']}"])]
    assert actions == ["improvement_create", "improvement_change"]
    for bad, message in (({"status": "finished"}, "Status"), ({"title": "  "}, "title"),
                         ({"due_date": "31/08/2026"}, "YYYY-MM-DD"),
                         ({"expected_gain": -1}, "negative")):
        with pytest.raises(ImprovementError, match=message):
            imp.update_item(item["item_id"], user=ana, db=db, **bad)


def test_a_recount_keeps_an_edited_gain(db):
    item = imp.create_item(source_kind="category", source_ref="app bug",
                           filters=Filters(start=Q_START, end=Q_END), user=SYSTEM, db=db)
    imp.update_item(item["item_id"], expected_gain=3.0, user=SYSTEM, db=db)
    again = imp.recompute(item["item_id"], user=SYSTEM, db=db)
    assert again["expected_gain"] == 3.0
    assert again["gain_computed"] == pytest.approx(item["gain_computed"])


def test_department_heads_see_and_edit_only_their_scope_managers_only_read(db):
    head = load_viewer("east_head", db)
    boss = load_viewer("boss", db)
    company = imp.create_item(source_kind="category", source_ref="app bug",
                              filters=Filters(start=Q_START, end=Q_END), user=SYSTEM, db=db)
    own = imp.create_item(source_kind="category", source_ref="delivery delay",
                          filters=Filters(start=Q_START, end=Q_END), user=head, db=db)
    assert own["regions"] == ["east"]
    want = expected_figures(db, "lower(trim(category)) = ? and lower(trim(region)) = ?",
                            ["delivery delay", "east"], Q_START, Q_END)
    assert own["complaints"] == want["complaints"]
    assert set(imp.list_items(viewer=head, db=db)["item_id"]) == {own["item_id"]}
    assert set(imp.list_items(viewer=boss, db=db)["item_id"]) == {own["item_id"],
                                                                  company["item_id"]}
    with pytest.raises(ImprovementError, match="visible"):
        imp.update_item(company["item_id"], owner="me", user=head, db=db)
    with pytest.raises(ImprovementError, match="outside your scope"):
        imp.create_item(source_kind="risk_item", source_ref="touchpoint_region:delivery|west",
                        filters=Filters(start=Q_START, end=Q_END), user=head, db=db)
    assert imp.update_item(own["item_id"], owner="Zhang", user=head, db=db)["owner"] == "Zhang"
    with pytest.raises(PermissionDenied):
        imp.update_item(own["item_id"], owner="someone", user=boss, db=db)
    with pytest.raises(PermissionDenied):
        imp.create_item(title="x", user=boss, db=db)


def test_overdue_means_past_due_and_not_finished(db):
    late = imp.create_item(title="Late", due_date=TODAY - timedelta(days=1), user=SYSTEM, db=db)
    done = imp.create_item(title="Done late", due_date=TODAY - timedelta(days=1), status="done",
                           user=SYSTEM, db=db)
    due_today = imp.create_item(title="Due today", due_date=TODAY, user=SYSTEM, db=db)
    no_date = imp.create_item(title="No date", user=SYSTEM, db=db)
    items = imp.list_items(viewer=SYSTEM, db=db, today=TODAY).set_index("item_id")["overdue"]
    assert items[late["item_id"]] and not items[done["item_id"]]
    assert not items[due_today["item_id"]] and not items[no_date["item_id"]]
    assert list(imp.overdue_items(viewer=SYSTEM, db=db, today=TODAY)["item_id"]) == [late["item_id"]]


def test_an_item_by_hand_counts_what_the_filters_name(db):
    item = imp.create_item(title="Refunds", filters=Filters(
        start=Q_START, end=Q_END, category=("slow refund",), region=("North",)), user=SYSTEM, db=db)
    want = expected_figures(db, "lower(trim(category)) = ? and lower(trim(region)) = ?",
                            ["slow refund", "north"], Q_START, Q_END)
    assert (item["category"], item["regions"]) == ("slow refund", ["north"])
    assert item["complaints"] == want["complaints"] > 0
