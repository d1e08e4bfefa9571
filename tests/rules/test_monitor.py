"""The monitor judges the present: a burst of complaints within the last hour is one red alert
after one cycle, a second cycle changes nothing, the writer lock is held only while writing, and
department heads get the alerts of their own scope."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from pipelines.__main__ import main as pipelines_main
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.alerting import alerts, monitor
from warehouse.alerting.evaluation import evaluate
from warehouse.storage.db import connect
from warehouse.storage.readers import close_cached_readers

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_RULE = "complaints_per_product_24h"
HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _burst_file(tmp_path: Path, n: int, *, product="Kettle K2", channel="App", region="East",
                minutes_ago=50, prefix="B") -> Path:
    """N complaints about one product, one a minute, the last ones a few minutes ago (UTC)."""
    start = _utc_now() - timedelta(minutes=minutes_ago)
    rows = [f"{prefix}{i},{(start + timedelta(minutes=i)):%Y-%m-%dT%H:%M:%S}+00:00,{product},"
            f"{channel},{region},delivery,high,late parcel {i}" for i in range(n)]
    path = tmp_path / f"{prefix}.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _load(db, path: Path) -> None:
    # --no-evaluate: the monitor, not the loader, is what judges the new data here
    assert pipelines_main(["ingest", "complaints", str(path), "--db", str(db),
                           "--no-evaluate", "--json"]) == 0


def _monitor_once(db) -> dict:
    close_cached_readers()
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", "monitor", "--db", str(db), "--once", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _snapshot(db) -> tuple[list, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute("select * from alerts order by alert_id").fetchall()
        events = con.execute("select * from alert_events order by event_id").fetchall()
    finally:
        con.close()
    return found, events


def _only(db, keep: set[str]) -> None:
    with connect(db, write=True) as con:
        con.execute("update rules set enabled = list_contains(?, rule_id)", [sorted(keep)])


def test_a_burst_within_the_last_hour_is_one_red_alert_after_one_cycle(tmp_path, tmp_db):
    _only(tmp_db, {PRODUCT_RULE})
    before = _utc_now()
    _load(tmp_db, _burst_file(tmp_path, 25))
    assert alerts.list_alerts(viewer=SYSTEM, db=tmp_db).empty  # nothing judged yet
    first = _monitor_once(tmp_db)
    after = _utc_now()
    assert first["errors"] == [] and first["opened"] == 1
    close_cached_readers()
    found = alerts.list_alerts(viewer=SYSTEM, db=tmp_db)
    assert len(found) == 1
    alert = found.iloc[0]
    assert (alert["rule"], alert["scope"], alert["level"], alert["state"]) == (
        PRODUCT_RULE, "product=Kettle K2", "red", "firing")
    assert alert["value"] == 25 and alert["limit"] == 20
    # opened when the monitor saw it (the 21st complaint crossed the line earlier), and the
    # red clock (25 complaints: group event, not nationwide → II, meeting in 1 h) runs from then
    opened = alert["opened_at"].to_pydatetime()
    assert before <= opened <= after
    assert alert["response_level"] == "II"
    assert alert["due_at"].to_pydatetime() == opened + timedelta(hours=1)
    snapshot = _snapshot(tmp_db)
    second = _monitor_once(tmp_db)
    assert (second["opened"], second["escalated"], second["resolved"]) == (0, 0, 0)
    # incremental: nothing loaded since, so no rule had anything new to judge or store
    assert second["rules_judged"] == 0
    assert _snapshot(tmp_db) == snapshot


def test_below_the_line_within_24_hours_is_no_alert_and_more_escalates(tmp_path, tmp_db):
    _only(tmp_db, {PRODUCT_RULE})
    _load(tmp_db, _burst_file(tmp_path, 7, prefix="Y"))  # > 5: yellow
    _monitor_once(tmp_db)
    close_cached_readers()
    found = alerts.list_alerts(viewer=SYSTEM, db=tmp_db)
    assert list(zip(found["level"], found["response_level"])) == [("yellow", "IV")]
    _load(tmp_db, _burst_file(tmp_path, 16, prefix="R", minutes_ago=30))  # 23 in 24 h: red
    _monitor_once(tmp_db)
    close_cached_readers()
    found = alerts.list_alerts(viewer=SYSTEM, db=tmp_db)
    assert list(zip(found["level"], found["state"])) == [("red", "firing")]
    events = alerts.alert_events(int(found.iloc[0]["id"]), viewer=SYSTEM, db=tmp_db)
    assert list(events["event"]) == ["opened", "escalated"]


def test_an_undo_resolves_the_alert_it_made(tmp_path, tmp_db):
    _only(tmp_db, {PRODUCT_RULE})
    _load(tmp_db, _burst_file(tmp_path, 25))
    _monitor_once(tmp_db)
    close_cached_readers()
    with connect(tmp_db) as con:
        batch = con.execute("select max(batch_id) from batches").fetchone()[0]
    close_cached_readers()
    assert pipelines_main(["undo", str(batch), "--db", str(tmp_db)]) == 0
    _monitor_once(tmp_db)
    close_cached_readers()
    alert = alerts.list_alerts(viewer=SYSTEM, db=tmp_db).iloc[0]
    assert alert["state"] == "resolved"
    events = alerts.alert_events(int(alert["id"]), viewer=SYSTEM, db=tmp_db)
    last = events.iloc[-1]
    assert last["event"] == "resolved"
    assert f"undo of batch {batch}" in last["note"]


def test_department_heads_get_the_alerts_of_their_own_scope(tmp_path, tmp_db):
    from warehouse.access import auth

    _only(tmp_db, {PRODUCT_RULE})
    auth.add_user("eastapp", "dept_head", password="a-long-password-1", channels=["App"],
                  regions=["East"], db=tmp_db, by="test")
    auth.add_user("west", "dept_head", password="a-long-password-2", regions=["West"],
                  db=tmp_db, by="test")
    # 12 in East via App and 12 in West via App: 24 company-wide (red), 12 in East + App (yellow)
    _load(tmp_db, _burst_file(tmp_path, 12, prefix="E"))
    _load(tmp_db, _burst_file(tmp_path, 12, region="West", prefix="W"))
    _monitor_once(tmp_db)
    close_cached_readers()
    company = alerts.list_alerts(viewer=SYSTEM, db=tmp_db)
    assert list(zip(company["scope"], company["level"])) == [("product=Kettle K2", "red")]
    east_app = Viewer("eastapp", "dept_head", channels=("App",), regions=("East",))
    mine = alerts.list_alerts(viewer=east_app, db=tmp_db)
    assert list(zip(mine["scope"], mine["level"], mine["value"])) == [
        ("product=Kettle K2", "yellow", 12.0)]
    # the company's red alert (24, both regions) is not theirs to see, nor West's alert
    west = Viewer("west", "dept_head", regions=("West",))
    theirs = alerts.list_alerts(viewer=west, db=tmp_db)
    assert list(zip(theirs["level"], theirs["value"])) == [("yellow", 12.0)]
    assert set(mine["id"]).isdisjoint(theirs["id"])
    # page filters: the Overview filtered to West shows the West head's… nothing company-wide
    assert alerts.list_alerts(viewer=SYSTEM, db=tmp_db, filters=Filters(region=("West",))).empty
    assert len(alerts.list_alerts(viewer=west, db=tmp_db,
                                  filters=Filters(region=("West",)))) == 1
    assert alerts.list_alerts(viewer=west, db=tmp_db, filters=Filters(channel=("Phone",))).empty


def test_the_monitor_writes_only_in_moments_so_loads_and_reads_go_on(tmp_path, tmp_db):
    _only(tmp_db, {PRODUCT_RULE})
    stop = threading.Event()
    cycles: list[dict] = []
    runner = threading.Thread(target=monitor.run, args=(str(tmp_db),),
                              kwargs={"interval": 5, "stop": stop, "report": cycles.append})
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while not cycles and time.monotonic() < deadline:
            time.sleep(0.2)
        assert cycles, "the monitor ran no cycle on start"
        assert monitor.status(tmp_db)["running"] is True
        loaded_at = time.monotonic()
        _load(tmp_db, _burst_file(tmp_path, 25))       # a load while the monitor runs
        with connect(tmp_db) as con:                  # and a read
            assert con.execute("select count(*) from complaints").fetchone()[0] == 25
        while time.monotonic() < deadline:
            if not alerts.list_alerts(viewer=SYSTEM, db=tmp_db).empty:
                break
            time.sleep(0.2)
        waited = time.monotonic() - loaded_at
        # seen within the poll second plus a cycle, well before the 5 s interval came round
        assert not alerts.list_alerts(viewer=SYSTEM, db=tmp_db).empty, cycles
        assert waited < 30
    finally:
        stop.set()
        runner.join(60)
    assert monitor.status(tmp_db)["running"] is False


def test_status_without_a_monitor_says_so(tmp_db):
    assert monitor.status(tmp_db)["running"] is False


def _days_file(tmp_path: Path, name: str, per_day: dict[date, int], product="Kettle K2") -> Path:
    rows = []
    for day, n in per_day.items():
        for i in range(n):
            rows.append(f"{name}{day:%m%d}-{i},{day:%Y-%m-%d}T{8 + i % 12:02d}:{i % 60:02d}:00"
                        f"+00:00,{product},App,East,delivery,high,late {i}")
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_late_rows_for_a_judged_day_are_judged_once_more_and_the_history_says_so(tmp_path,
                                                                                  tmp_db):
    _only(tmp_db, {PRODUCT_RULE})
    _load(tmp_db, _days_file(tmp_path, "A", {date(2026, 3, d): 2 for d in range(1, 11)}))
    evaluate(tmp_db, now=datetime(2026, 3, 11))
    assert alerts.list_alerts(viewer=SYSTEM, db=tmp_db).empty
    # 20 more complaints about 5 March arrive after that day was judged: 22 > 20, red
    _load(tmp_db, _days_file(tmp_path, "L", {date(2026, 3, 5): 20}))
    judged_at = datetime(2026, 3, 11, 0, 30)
    first = evaluate(tmp_db, now=judged_at)
    assert first["opened"] == 1
    alert = alerts.list_alerts(viewer=SYSTEM, db=tmp_db).iloc[0]
    assert (alert["level"], alert["value"], alert["opened_at"]) == ("red", 22.0, judged_at)
    assert alert["period_start"] == datetime(2026, 3, 5)
    events = alerts.alert_events(int(alert["id"]), viewer=SYSTEM, db=tmp_db)
    assert list(events["event"]) == ["opened"]
    assert "late data for the period ending 2026-03-06 00:00" in events["note"].iloc[0]
    # once: judging again (same data, later) adds nothing
    again = evaluate(tmp_db, now=datetime(2026, 3, 11, 1))
    assert (again["opened"], again["escalated"], again["resolved"]) == (0, 0, 0)
    assert len(alerts.alert_events(int(alert["id"]), viewer=SYSTEM, db=tmp_db)) == 1


@pytest.mark.parametrize("setting, expected_step", [("10", 10), ("0", 0), ("40", 19)])
def test_the_monitor_process_steps_back_for_the_dashboard(setting, expected_step):
    # a fresh interpreter: its niceness before and after, as the CLI's start leaves it
    code = ("import os; from warehouse.alerting import monitor; before = os.nice(0); "
            "after = monitor.step_back(); print(before, after)")
    env = {**os.environ, "CXRISK_MONITOR_NICE": setting}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert after == min(before + expected_step, 19)
