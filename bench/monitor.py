"""Time monitor cycles on the benchmark warehouse (N complaints + N survey responses).

    .venv/bin/python bench/monitor.py                 # 10M + 10M rows (generated once, cached)
    .venv/bin/python bench/monitor.py --rows 1000000  # a quicker run while developing

The warehouse is bench/queries.py's (generated once under bench/.cache/ and shared with it); this
script works on a private copy. It times: the first cycle (every rule judged over all history),
a cycle with nothing new (target < 2 s), a cycle after a 10k-row complaints load through the
loader whose newest rows are a burst about one product (target < 10 s; the time from the load's
commit to the alert being stored is printed), and the reads the Overview makes, idle and while a
cycle that reads every rule's data runs in another process (target: no worse than 1.5x idle).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from queries import CACHE, CHANNELS, REGIONS, _generate

HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


def _warehouse(rows: int) -> Path:
    from warehouse.storage.db import ensure_warehouse

    cached = CACHE / f"queries_{rows}.duckdb"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        print(f"generating {rows:,} complaints + {rows:,} responses in {cached} …", flush=True)
        try:
            _generate(cached, rows)
        except BaseException:
            cached.unlink(missing_ok=True)
            raise
        print(f"generated in {time.perf_counter() - t0:.1f} s", flush=True)
    ensure_warehouse(cached)
    copy = CACHE / f"monitor_{rows}.duckdb"
    shutil.copy(cached, copy)
    _record_generated_batch(copy)
    return copy


def _record_generated_batch(db: Path) -> None:
    """The generated rows carry batch 1 but no load recorded it: record it, as a load would,
    so the timed load gets the next batch id as on a real warehouse (the monitor tells new rows
    by their batch)."""
    from warehouse.storage.db import connect

    with connect(db, write=True) as con:
        if con.execute("select count(*) from batches").fetchone()[0]:
            return
        batch = con.execute("select nextval('batch_id_seq')").fetchone()[0]
        con.execute("insert into batches (batch_id, kind, file_name, started_at, finished_at, "
                    "status, rows_loaded) values (?, 'complaints', 'generated', now(), now(), "
                    "'loaded', (select count(*) from complaints))", [batch])


def _load_file(folder: Path, rows: int, burst: int) -> Path:
    """ROWS complaints over the last day (UTC), the last BURST of them about one product."""
    now = datetime.now(UTC).replace(tzinfo=None)
    lines = [HEADER]
    for i in range(rows):
        at = now - timedelta(seconds=86000 * (rows - i) / rows)
        product = "Bench Kettle" if i >= rows - burst else f"Product {i % 40}"
        lines.append(f"M{i},{at:%Y-%m-%dT%H:%M:%S}+00:00,{product},{CHANNELS[i % 6]},"
                     f"{REGIONS[i % 8]},delivery,high,late {i}")
    path = folder / "monitor_load.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cycle(db: Path) -> dict:
    from warehouse.alerting import monitor
    from warehouse.storage.readers import close_cached_readers

    close_cached_readers()
    return monitor.cycle(db)


def _reads(db: Path, runs: int) -> list[float]:
    """The Overview's reads (KPI tiles, weekly trends, open alerts) as one page view, in ms."""
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.alerting import alerts
    from warehouse.kpi import metrics

    end = datetime(2026, 6, 30).date()
    filters = Filters(start=end - timedelta(days=89), end=end)
    took = []
    for _ in range(runs):
        t0 = time.perf_counter()
        metrics.kpi_summary(filters=filters, viewer=SYSTEM, db=db)
        for metric in ("nps", "csat_pct", "complaints"):
            metrics.metric_series(metric, grain="week", filters=filters, viewer=SYSTEM, db=db)
        alerts.list_alerts(viewer=SYSTEM, db=db, states=("firing", "acknowledged"))
        took.append((time.perf_counter() - t0) * 1000)
    return took


def _judge_everything(db: Path, seconds: float) -> None:
    """The read side of a cycle that judges every rule again (what a cycle after a load costs;
    its writes are a few rows), over and over for SECONDS."""
    from datetime import datetime as dt

    from warehouse.alerting.audience import audiences
    from warehouse.alerting.evaluation import judge, sources_now
    from warehouse.alerting.rule_series import data_through
    from warehouse.alerting.rules import load_rules
    from warehouse.storage.db import connect

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with connect(db) as con:
            rules, heads = load_rules(con, enabled_only=True), audiences(con)
            sources, ends = sources_now(con), data_through(con)
        for rule in rules:
            with connect(db) as con:
                judge(con, rule, dt.now(UTC).replace(tzinfo=None), heads, sources, None, ends)


def _busy_cycles(db: Path, seconds: float) -> subprocess.Popen:
    """Another process judging every rule again and again for SECONDS."""
    return subprocess.Popen([sys.executable, __file__, "--busy", str(db), "--seconds",
                             str(seconds)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000,
                        help="complaints and survey responses each (default 10,000,000)")
    parser.add_argument("--load-rows", type=int, default=10_000,
                        help="rows of the timed load (default 10,000)")
    parser.add_argument("--runs", type=int, default=10, help="page views timed per side")
    parser.add_argument("--busy", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=600, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.busy:
        from warehouse.alerting.monitor import step_back

        step_back()  # as `python -m warehouse monitor` does
        _judge_everything(args.busy, args.seconds)
        return 0

    from pipelines.__main__ import main as pipelines_main
    from warehouse.access.scope import SYSTEM
    from warehouse.alerting import alerts
    from warehouse.storage.readers import close_cached_readers

    db = _warehouse(args.rows)
    first = _cycle(db)
    print(f"first cycle (all history, {first['rules_judged']} rules): {first['seconds']:.2f} s, "
          f"{first['opened']} alerts opened", flush=True)
    quiet = [_cycle(db)["seconds"] for _ in range(3)]
    print(f"cycle with nothing new: median {statistics.median(quiet):.3f} s (target < 2 s)",
          flush=True)

    path = _load_file(CACHE, args.load_rows, burst=25)
    close_cached_readers()
    t0 = time.perf_counter()
    assert pipelines_main(["ingest", "complaints", str(path), "--db", str(db), "--no-evaluate",
                           "--json"]) == 0
    loaded = time.perf_counter()
    after = _cycle(db)
    stored = time.perf_counter()
    found = alerts.list_alerts(viewer=SYSTEM, db=db, states=("firing",))
    burst = found[found["scope"] == "product=Bench Kettle"]
    print(f"load of {args.load_rows:,} rows: {loaded - t0:.2f} s; the cycle after it: "
          f"{after['seconds']:.2f} s (target < 10 s), {after['rules_judged']} rules judged; "
          f"load commit → alert stored {stored - loaded:.2f} s (+ up to 1 s until the monitor "
          f"polls); burst alert: {burst[['level', 'value']].to_dict('records')}", flush=True)

    close_cached_readers()
    _reads(db, 2)  # warm
    idle = _reads(db, args.runs)
    busy = _busy_cycles(db, seconds=600)
    time.sleep(1.0)
    try:
        during = _reads(db, args.runs)
    finally:
        busy.terminate()
        busy.wait(30)
    ratio = statistics.median(during) / statistics.median(idle)
    print(f"Overview reads per page view: idle median {statistics.median(idle):.0f} ms, "
          f"during cycles {statistics.median(during):.0f} ms → {ratio:.2f}x (target ≤ 1.5x)")
    db.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
