"""Time notification rounds against local receivers: an idle round, a burst, event-to-receiver latency."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warehouse.alerting.notify import dispatch, targets
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect, ensure_warehouse


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _receiver() -> tuple[ThreadingHTTPServer, list]:
    got: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            got.append((_now(), body["title"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, got


def _open_alerts(db: Path, count: int) -> dict[int, datetime]:
    """COUNT red product alerts with their 'opened' events, as the lifecycle writes them."""
    opened = {}
    with connect(db, write=True) as con:
        for i in range(count):
            at = _now()
            clocks = json.dumps([{"task": "incident meeting", "due_at": str(at + timedelta(hours=1))}])
            alert_id = sqlfiles.one(con, "rules/alert_insert.sql", {
                "rule_id": "complaints_per_product_24h", "scope": f"product=P{i}",
                "scope_dim": "product", "scope_value": f"P{i}", "scope_channel": None,
                "scope_region": None, "level": "red", "value": 25.0, "limit_value": 20.0,
                "peak_value": 25.0, "baseline_value": None, "baseline_sd": None,
                "metric_value": 25.0, "period_start": at - timedelta(hours=24),
                "last_breach_at": at, "opened_at": at, "response_level": "II",
                "due_at": at + timedelta(hours=1), "clocks": clocks, "created_at": at,
                "audience": "", "audience_channels": [], "audience_regions": [], "state": "firing",
                "inside_periods": 0, "resolved_at": None, "phase": "outbreak", "recovered": None,
                "recovery_value": None,
            })["alert_id"]
            sqlfiles.execute(con, "rules/alert_event_insert.sql", {
                "alert_id": alert_id, "at": at, "event": "opened", "user": "system",
                "from_state": None, "to_state": "firing", "level": "red", "value": 25.0,
                "note": None, "recorded_at": _now()})
            opened[alert_id] = _now()
    return opened


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=50, help="alerts in the burst (default 50)")
    parser.add_argument("--targets", type=int, default=5, help="webhook targets (default 5)")
    args = parser.parse_args(argv)
    db = Path(tempfile.mkdtemp(prefix="bench_notify_")) / "notify.duckdb"
    ensure_warehouse(db)
    server, got = _receiver()
    port = server.server_address[1]
    for i in range(args.targets):
        targets.add_target(targets.build(f"hook{i}", webhook=f"http://127.0.0.1:{port}/h{i}",
                                         digest=False), user="bench", db=db)

    def read() -> None:
        with connect(db) as con:
            con.execute("select 1").fetchone()

    baseline = statistics.median(_time(read) for _ in range(20))
    idle = statistics.median(_time(lambda: dispatch(db=db)) for _ in range(20))
    print(f"{'plain read (baseline)':<44} {baseline * 1000:8.1f} ms")
    print(f"{'idle round (nothing new)':<44} {idle * 1000:8.1f} ms  ({idle / baseline:.1f}× baseline)")

    opened = _open_alerts(db, args.alerts)
    started = time.perf_counter()
    summary = dispatch(db=db)
    burst = time.perf_counter() - started
    print(f"{'burst round':<44} {burst:8.2f} s  ({summary['sent']} messages, "
          f"{burst / max(summary['sent'], 1) * 1000:.1f} ms each)")
    latency = [(at - opened[int(title.rsplit('#', 1)[1].rstrip(')'))]).total_seconds()
               for at, title in got]
    print(f"{'event recorded → receiver':<44} median {statistics.median(latency):.2f} s, "
          f"max {max(latency):.2f} s")
    again = dispatch(db=db)
    print(f"{'second round after the burst':<44} {again['sent']} sent (exactly once: "
          f"{len(got)} received for {args.alerts} alerts × {args.targets} targets)")
    server.shutdown()
    return 0 if len(got) == args.alerts * args.targets and again["sent"] == 0 else 1


def _time(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
