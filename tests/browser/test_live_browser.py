"""An open Overview follows a load and a monitor cycle by other processes, without a reload."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from warehouse.alerting.evaluation import evaluate

from .conftest import ROOT, add_accounts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


@pytest.fixture
def live_db(demo_db_master, tmp_path):
    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db_master, path)
    evaluate(path)  # the demo's own alerts are open before the burst
    add_accounts(path)
    return path


def _run(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]


def _red_count(page) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text="Red").first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_the_overview_shows_a_new_burst_and_its_alert_without_a_reload(
        app_server, live_db, page, open_page, sign_in, problems, tmp_path):
    url = app_server(live_db, CXRISK_REFRESH_SECONDS="5")
    open_page(page, f"{url}/?lang=en")
    sign_in(page, "root")
    caption = page.get_by_text("Data as of").first
    stamp_before = caption.inner_text()
    assert "30 Jun 2026" in stamp_before  # the demo year's last day
    red_before = int(_red_count(page))
    page.evaluate("() => { window.stillTheSamePage = true; }")  # gone after any reload

    # 25 complaints about one product within the last hour, loaded by the CLI, judged by the
    # monitor (more than 20 within 24 h is red)
    start = datetime.now(UTC) - timedelta(minutes=40)
    rows = [f"L{i},{start + timedelta(minutes=i):%Y-%m-%dT%H:%M:%S}+00:00,Kettle K2,App,East,"
            f"delivery,high,late parcel {i}" for i in range(25)]
    burst = tmp_path / "burst.csv"
    burst.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    _run("pipelines", "ingest", "complaints", str(burst), "--db", str(live_db), "--no-evaluate")
    _run("warehouse", "monitor", "--db", str(live_db), "--once")

    deadline = time.monotonic() + 90  # a few refresh intervals on a busy machine
    while time.monotonic() < deadline:
        if caption.inner_text() != stamp_before and int(_red_count(page)) > red_before:
            break
        time.sleep(1)
    today = datetime.now(UTC)
    assert "30 Jun 2026" not in caption.inner_text(), caption.inner_text()
    assert str(today.year) in caption.inner_text()
    assert int(_red_count(page)) > red_before
    con = duckdb.connect(str(live_db), read_only=True)
    try:
        burst_alert = con.execute(
            "select level from alerts where scope_value = 'Kettle K2' and resolved_at is null"
        ).fetchall()
    finally:
        con.close()
    assert burst_alert == [("red",)]
    assert page.evaluate("() => window.stillTheSamePage === true")
    assert problems(page) == []
