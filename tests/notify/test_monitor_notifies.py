"""End to end: a burst of complaints is loaded, one `monitor --once` opens a red alert and each
matching target gets one message; the next `--once` sends nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipelines.__main__ import main as pipelines_main
from warehouse.access import auth
from warehouse.access.scope import SYSTEM, Viewer
from warehouse.alerting import alerts
from warehouse.alerting.notify import outbox, targets
from warehouse.storage.db import connect
from warehouse.storage.readers import close_cached_readers

ROOT = Path(__file__).resolve().parents[2]
HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


def _burst(tmp_path: Path, n: int) -> Path:
    """N complaints about one product in East via App, one a minute over the last hour (UTC)."""
    start = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=50)
    rows = [f"B{i},{start + timedelta(minutes=i):%Y-%m-%dT%H:%M:%S}+00:00,Kettle K2,App,East,"
            f"delivery,high,late parcel {i}" for i in range(n)]
    path = tmp_path / "burst.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _monitor_once(db) -> dict:
    close_cached_readers()
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", "monitor", "--db", str(db), "--once", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_burst_reaches_each_matching_target_once(notify_db, webhook, mailbox, tmp_path):
    with connect(notify_db, write=True) as con:  # only the rule under test
        con.execute("update rules set enabled = rule_id = 'complaints_per_product_24h'")
    for head, region in (("west.head", "West"), ("east.head", "East")):
        auth.add_user(head, "dept_head", password="a-long-password", regions=[region],
                      by="test", db=notify_db)
    for name, fields in {
        "ops-hook": {"webhook": f"{webhook.url}/ops", "lang": "en"},
        "ops-mail": {"email": "duty@example.com", "lang": "zh", "min_level": "red"},
        "csat-only": {"webhook": f"{webhook.url}/csat", "rules": ["csat_top2"]},
        "west-head": {"webhook": f"{webhook.url}/west", "user": "west.head"},
        "east-head": {"webhook": f"{webhook.url}/east", "user": "east.head"},
    }.items():
        targets.add_target(targets.build(name, digest=False, **fields), user="test", db=notify_db)

    loaded = datetime.now(UTC).replace(tzinfo=None)
    assert pipelines_main(["ingest", "complaints", str(_burst(tmp_path, 25)), "--db",
                           str(notify_db), "--no-evaluate", "--json"]) == 0
    first = _monitor_once(notify_db)

    close_cached_readers()
    found = alerts.list_alerts(viewer=SYSTEM, db=notify_db)
    assert list(zip(found["scope"], found["level"])) == [("product=Kettle K2", "red")]
    alert_id = int(found.iloc[0]["id"])
    # the East head has the alert judged on East's data (their own); the company's routes the
    # company's, the West head nothing
    east = Viewer("east.head", "dept_head", regions=("East",))
    [own] = alerts.list_alerts(viewer=east, db=notify_db)["id"]
    assert first["notifications"]["sent"] == 3
    assert sorted(p["path"] for p in webhook.posts) == ["/hook/east", "/hook/ops"]
    by_path = {p["path"]: p["json"] for p in webhook.posts}
    assert by_path["/hook/east"]["title"].endswith(f"(#{own})") and own != alert_id
    webhook.posts[:] = [p for p in webhook.posts if p["path"] == "/hook/ops"]
    assert webhook.posts[0]["json"]["title"] == (
        f"[RED alert] Complaints about one product within 24 h · product = Kettle K2 (#{alert_id})")
    assert "Value 25 against the red limit 20: over by 5 (25%)." in webhook.posts[0]["json"]["message"]
    [mail] = mailbox.messages
    assert mail["subject"].startswith("【红色预警】单一产品24小时投诉量")

    second = _monitor_once(notify_db)
    assert second["notifications"] == {"queued": 0, "sent": 0, "failed": 0, "retrying": 0}
    assert len(webhook.posts) == 1 and len(mailbox.messages) == 1

    # the figure for the closing note: load started → message at the receiver
    sent = outbox.outbox(viewer=SYSTEM, db=notify_db)
    print(f"load → webhook {(webhook.posts[0]['at'] - loaded).total_seconds():.1f} s, "
          f"load → mail {(mail['at'] - loaded).total_seconds():.1f} s, "
          f"event → sent {sent['seconds_to_send'].max():.2f} s")
