"""Alert lifecycle in a warehouse: open, escalate, resolve with hysteresis, acknowledge, scope."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import SYSTEM, Viewer
from warehouse.alerting import alerts, evaluation, rules
from warehouse.alerting.alerts import AlertError
from warehouse.alerting.chart import control_chart
from warehouse.storage.db import connect

ROOT = Path(__file__).resolve().parents[2]
LATER = datetime(2026, 6, 1)
ANALYST = Viewer("ana", "analyst")
PRODUCT_RULE = "complaints_per_product_24h"


def days(first: date, counts: list[int]) -> dict[date, int]:
    return {first + timedelta(days=i): n for i, n in enumerate(counts)}


@pytest.fixture
def product_db(tmp_db, rows, make):
    make.only_rules(tmp_db, {PRODUCT_RULE})
    return tmp_db


def one_alert(db) -> dict:
    found = alerts.list_alerts(viewer=SYSTEM, db=db)
    assert len(found) == 1, found[["rule", "scope", "state", "opened_at"]]
    return found.iloc[0].to_dict()


def test_breach_opens_escalates_and_resolves_after_one_window(make, product_db, rows):
    # Mar 1–10 two a day, Mar 11 eight (yellow), Mar 12 25 (red), Mar 13 three, Mar 14 two.
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 25, 3, 2])))
    summary = evaluation.evaluate(product_db, now=LATER)
    assert summary["errors"] == []
    assert (summary["opened"], summary["escalated"], summary["resolved"]) == (1, 1, 1)
    alert = one_alert(product_db)
    assert alert["rule"] == PRODUCT_RULE and alert["scope"] == "product=Router"
    assert alert["level"] == "red" and alert["state"] == "resolved"
    assert alert["opened_at"] == datetime(2026, 3, 12)     # end of the first breaching day
    assert alert["resolved_at"] == datetime(2026, 3, 14)   # end of the first full day back inside
    # 25 complaints: more than a group event (10) and at most 100 → II, meeting within 1 h of
    # the escalation at the end of Mar 12.
    assert alert["response_level"] == "II"
    assert alert["due_at"] == datetime(2026, 3, 13, 1)
    assert alert["value"] == 25 and alert["limit"] == 20
    assert alert["baseline_value"] == 2.0
    # back at the baseline of 2 a day on Mar 14 (3 on Mar 13 is 50 % above it)
    assert alert["recovered"] is True
    events = alerts.alert_events(int(alert["id"]), viewer=SYSTEM, db=product_db)
    assert list(events["event"]) == ["opened", "escalated", "phase", "resolved", "recovered"]
    opened = events.iloc[0]
    assert opened["level"] == "yellow" and opened["value"] == 8


def test_yellow_count_below_a_group_event_is_response_level_iv(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [7, 2])))
    evaluation.evaluate(product_db, now=LATER)
    alert = one_alert(product_db)
    assert (alert["level"], alert["response_level"]) == ("yellow", "IV")
    assert alert["due_at"] == datetime(2026, 3, 12, 2)  # first contact within 2 h
    assert [c["task"] for c in alert["clocks"]] == ["first contact with the customer"]


def test_a_long_breach_is_one_alert_and_evaluating_again_adds_nothing(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8] * 6 + [1, 1])))
    first = evaluation.evaluate(product_db, now=LATER)
    second = evaluation.evaluate(product_db, now=LATER)
    assert first["opened"] == 1 and first["resolved"] == 1
    # same data, same rule, and every complete period already judged: skipped, but logged
    assert second["rules"] == [{"rule": PRODUCT_RULE, "status": "unchanged", "points": 0,
                                "breaches": 0, "opened": 0, "escalated": 0, "resolved": 0}]
    # a later `now` on the same data has nothing new either (the data ends on Mar 19)
    third = evaluation.evaluate(product_db, now=LATER + timedelta(days=30))
    assert third["rules"][0]["status"] == "unchanged"
    # a rule edit changes what is evaluated: the rule runs again, still opening nothing new
    rules.update_rule(PRODUCT_RULE, {"yellow": 6}, user="test", db=product_db)
    fourth = evaluation.evaluate(product_db, now=LATER)
    assert (fourth["rules"][0]["status"], fourth["opened"]) == ("ok", 0)
    alert = one_alert(product_db)
    assert alert["opened_at"] == datetime(2026, 3, 12)
    assert alert["resolved_at"] == datetime(2026, 3, 18)
    log = alerts.evaluation_log(viewer=SYSTEM, db=product_db, rule_id=PRODUCT_RULE)
    assert list(log["status"]) == ["ok", "unchanged", "unchanged", "ok"]
    assert list(log["breaches"]) == [0, 0, 0, 6]


def test_hysteresis_needs_a_full_window_inside(make, product_db, rows):
    rules.update_rule(PRODUCT_RULE, {"params": {"clear_periods": 2}}, user="test", db=product_db)
    # breach, one day inside, breach again, then two days inside
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 2, 9, 2, 2, 2])))
    evaluation.evaluate(product_db, now=LATER)
    alert = one_alert(product_db)
    assert alert["opened_at"] == datetime(2026, 3, 12)
    assert alert["resolved_at"] == datetime(2026, 3, 16)  # end of the 2nd quiet day after Mar 13


def test_without_hysteresis_window_a_new_breach_opens_a_new_alert(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 2, 2, 9, 2])))
    evaluation.evaluate(product_db, now=LATER)
    found = alerts.list_alerts(viewer=SYSTEM, db=product_db).sort_values("opened_at")
    assert list(found["opened_at"]) == [datetime(2026, 3, 12), datetime(2026, 3, 15)]
    assert list(found["state"]) == ["resolved", "resolved"]


def test_step_by_step_evaluation_equals_one_run(make, product_db, rows, tmp_path):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 25, 3, 2, 9, 9, 1])))
    copy = tmp_path / "copy.duckdb"
    shutil.copy(product_db, copy)
    evaluation.evaluate(product_db, now=LATER)
    for day in range(1, 20):
        evaluation.evaluate(copy, now=datetime(2026, 3, day))
    columns = ["rule", "scope", "level", "state", "opened_at", "resolved_at", "response_level",
               "due_at", "value", "recovered"]
    one = alerts.list_alerts(viewer=SYSTEM, db=product_db)[columns].sort_values("opened_at")
    steps = alerts.list_alerts(viewer=SYSTEM, db=copy)[columns].sort_values("opened_at")
    assert one.reset_index(drop=True).equals(steps.reset_index(drop=True))
    assert len(one) == 2


def _cli(db, *args) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", "alerts", "--db", str(db), *args, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_alert_state_survives_restarts_and_the_cli_contract(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 25])))
    before = datetime.now(UTC).replace(tzinfo=None)
    listed = _cli(product_db, "--evaluate")
    after = datetime.now(UTC).replace(tzinfo=None)
    assert [a["state"] for a in listed["alerts"]] == ["firing"]
    alert = listed["alerts"][0]
    assert set(alert) >= {"id", "rule", "scope", "level", "state", "value", "limit", "opened_at",
                          "resolved_at", "response_level", "due_at"}
    assert (alert["rule"], alert["scope"], alert["level"]) == (PRODUCT_RULE, "product=Router", "red")
    # Still open after the run: nobody could know of the March breach before this evaluation,
    # so it opened (and its clock started) when it was detected.
    opened = datetime.fromisoformat(alert["opened_at"])
    assert before <= opened <= after and alert["resolved_at"] is None
    assert datetime.fromisoformat(alert["due_at"]) == opened + timedelta(hours=1)
    assert alert["value"] == 25.0 and alert["limit"] == 20.0 and alert["response_level"] == "II"
    # later data arrives; a new process continues the same alert instead of opening another
    rows.complaints(make.complaint_days(days(date(2026, 3, 13), [2, 2]), prefix="U"))
    assert _cli(product_db, "--evaluate")["alerts"] == []
    every = _cli(product_db, "--all")["alerts"]
    assert [(a["id"], a["state"], a["resolved_at"]) for a in every] == [
        (alert["id"], "resolved", "2026-03-14T00:00:00")]


def test_acknowledge_transitions(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8])))
    evaluation.evaluate(product_db, now=LATER)
    alert_id = int(one_alert(product_db)["id"])
    with pytest.raises(PermissionDenied):
        alerts.acknowledge(alert_id, viewer=Viewer("boss", "manager"), note="seen", db=product_db)
    with pytest.raises(AlertError, match="note"):
        alerts.acknowledge(alert_id, viewer=ANALYST, note="  ", db=product_db)
    done = alerts.acknowledge(alert_id, viewer=ANALYST, note="courier called", db=product_db)
    assert done["state"] == "acknowledged" and done["acknowledged_by"] == "ana"
    assert done["ack_note"] == "courier called" and done["acknowledged_at"] is not None
    with pytest.raises(AlertError, match="acknowledged by ana"):
        alerts.acknowledge(alert_id, viewer=ANALYST, note="again", db=product_db)
    # a scoped head cannot see (or act on) a product-wide alert
    head = Viewer("east", "dept_head", regions=("East",))
    with pytest.raises(AlertError, match="No alert"):
        alerts.acknowledge(alert_id, viewer=head, note="mine?", db=product_db)
    with connect(product_db) as con:
        audit = con.execute(
            "select user_name, action, target from audit_log where action = 'alert_acknowledge'"
        ).fetchall()
    assert audit == [("ana", "alert_acknowledge", f"alert {alert_id}")]
    # escalation to red needs a new acknowledgement; resolving ends the lifecycle
    rows.complaints(make.complaint_days(days(date(2026, 3, 12), [30, 1]), prefix="U"))
    evaluation.evaluate(product_db, now=LATER)
    events = alerts.alert_events(alert_id, viewer=SYSTEM, db=product_db)
    events = events.astype(object).where(events.notna(), None)
    states = [(e.event, e.from_state, e.to_state) for e in events.itertuples()
              if e.event in ("opened", "acknowledged", "escalated", "resolved")]
    assert states == [("opened", None, "firing"), ("acknowledged", "firing", "acknowledged"),
                      ("escalated", "acknowledged", "firing"), ("resolved", "firing", "resolved")]
    with pytest.raises(AlertError, match="is resolved"):
        alerts.acknowledge(alert_id, viewer=ANALYST, note="late", db=product_db)


def test_scoped_heads_see_alerts_inside_their_scope_only(make, tmp_db, rows):
    make.only_rules(tmp_db, {"answer_time_service_channels", PRODUCT_RULE})
    first = datetime(2026, 3, 1)
    rows.ops([{"date": first + timedelta(days=i), "metric": "avg_answer_seconds",
               "channel": "Phone", "value": 700.0 if i == 5 else 150.0} for i in range(8)])
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 5 + [9, 2, 2])))
    evaluation.evaluate(tmp_db, now=LATER)
    every = alerts.list_alerts(viewer=SYSTEM, db=tmp_db)
    assert sorted(every["scope"]) == ["channel=Phone", "product=Router"]
    phone_head = Viewer("ph", "dept_head", channels=("phone",))
    east_head = Viewer("eh", "dept_head", regions=("East",))
    both = Viewer("pe", "dept_head", channels=("Phone",), regions=("East",))
    nobody = Viewer("nb", "dept_head")
    assert list(alerts.list_alerts(viewer=phone_head, db=tmp_db)["scope"]) == ["channel=Phone"]
    assert alerts.list_alerts(viewer=east_head, db=tmp_db).empty
    assert alerts.list_alerts(viewer=both, db=tmp_db).empty  # all regions' phone answers
    assert alerts.list_alerts(viewer=nobody, db=tmp_db).empty
    assert alerts.open_counts(viewer=phone_head, db=tmp_db)["total"] == 0  # it resolved
    phone = every[every["scope"] == "channel=Phone"].iloc[0]
    assert (phone["level"], phone["value"], phone["limit"]) == ("red", 700 / 60, 10.0)
    chart = control_chart(int(phone["id"]), viewer=phone_head, db=tmp_db)
    assert list(chart.columns[:7]) == ["period", "period_end", "value", "centre", "lcl", "ucl",
                                       "yellow_limit"]
    assert len(chart) == 8
    assert list(chart["breach"].fillna("-")) == ["-"] * 5 + ["red", "-", "-"]
    assert (chart["ucl"] == 10.0).all() and (chart["yellow_limit"] == 5.0).all()
    with pytest.raises(AlertError):
        control_chart(int(phone["id"]), viewer=east_head, db=tmp_db)
    with pytest.raises(AlertError):
        alerts.alert_events(int(phone["id"]), viewer=east_head, db=tmp_db)


def test_open_counts_by_level(make, product_db, rows):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [25])))
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [1] * 10 + [6]), product="Speaker"))
    evaluation.evaluate(product_db, now=LATER)
    assert alerts.open_counts(viewer=SYSTEM, db=product_db) == {
        "red": 1, "yellow": 1, "total": 2, "firing": 2}


def test_a_failing_rule_is_logged_and_the_others_still_run(make, product_db, rows, monkeypatch):
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8])))
    rules.update_rule("answer_time_service_channels", {"enabled": True}, user="t", db=product_db)

    def broken(con, rule, viewer):
        if rule.rule_id == "answer_time_service_channels":
            raise RuntimeError("source unreadable")
        return real(con, rule, viewer)

    real = evaluation.load_series
    monkeypatch.setattr(evaluation, "load_series", broken)
    summary = evaluation.evaluate(product_db, now=LATER)
    assert summary["errors"] == [{"rule": "answer_time_service_channels",
                                  "error": "RuntimeError: source unreadable"}]
    assert summary["opened"] == 1
    log = alerts.evaluation_log(viewer=SYSTEM, db=product_db)
    assert set(log["status"]) == {"ok", "error"}


def test_latent_signal_before_any_alert(make, product_db, rows):
    # 5 complaints is inside "> 5" but within the 10 % watch margin: latent, no alert
    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [5])))
    evaluation.evaluate(product_db, now=LATER)
    assert alerts.list_alerts(viewer=SYSTEM, db=product_db).empty
    latent = alerts.signals(viewer=SYSTEM, db=product_db)
    assert list(zip(latent["rule"], latent["scope"], latent["status"], latent["value"])) == [
        (PRODUCT_RULE, "product=Router", "latent", 5.0)]
    assert latent["period_end"].iloc[0] == datetime(2026, 3, 12)
    head = Viewer("east", "dept_head", regions=("East",))
    assert alerts.signals(viewer=head, db=product_db).empty


def test_two_evaluations_at_once_apply_each_period_once(make, product_db, rows):
    from concurrent.futures import ThreadPoolExecutor

    rows.complaints(make.complaint_days(days(date(2026, 3, 1), [2] * 10 + [8, 25, 3, 2])))
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: evaluation.evaluate(product_db, now=LATER), range(2)))
    assert sorted(r["opened"] for r in runs) == [0, 1]
    alert = one_alert(product_db)
    events = alerts.alert_events(int(alert["id"]), viewer=SYSTEM, db=product_db)
    assert list(events["event"]) == ["opened", "escalated", "phase", "resolved", "recovered"]


def test_evaluate_upgrades_an_older_warehouse_first(tmp_db):
    # a file written before the rule tables existed (migrations 001–003 only) is migrated first
    import duckdb

    from warehouse.storage.schema import migrations

    con = duckdb.connect(str(tmp_db))
    for version, path in migrations():
        if version < 4:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("insert into schema_version values (?, now()::timestamp)", [version])
    con.close()
    summary = evaluation.evaluate(tmp_db, now=LATER)
    assert summary["errors"] == [] and len(summary["rules"]) == 17
