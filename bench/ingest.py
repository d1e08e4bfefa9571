"""Ingest benchmark: our full load of an N-row complaints CSV vs DuckDB's own read_csv into a table."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEADER = ["ticket_id", "created_at", "customer_id", "channel", "region", "touchpoint", "category", "severity",
          "status", "first_response_at", "resolved_at", "escalated", "compensation_amount", "description"]


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A clean export: every row valid, ISO times, a short free-text description."""
    rng = random.Random(seed)
    channels = ["app", "web", "phone", "store", "wechat"]
    regions = ["East", "West", "North", "South", "华东", "华南"]
    words = ["late delivery", "refund slow", "rude staff", "app crash", "物流延迟", "退款慢", "态度差"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADER) + "\n")
        for i in range(rows):
            day, hour = 1 + i % 28, i % 24
            fh.write(f"T{i:09d},2025-03-{day:02d} {hour:02d}:{i % 60:02d}:00,C{rng.randrange(200000):06d},"
                     f"{rng.choice(channels)},{rng.choice(regions)},delivery,{rng.choice(words)},"
                     f"{rng.choice(['low', 'high'])},closed,2025-03-{day:02d} {hour:02d}:{(i + 7) % 60:02d}:00,"
                     f"2025-03-{min(day + 1, 28):02d} 10:00:00,{rng.choice(['yes', 'no'])},"
                     f"{rng.randrange(1000)}.5,\"{rng.choice(words)} order {i}\"\n")


# Imports happen before the clock starts in both children, so the times compare the loads.
CHILD = """
import json, resource, sys, time
import duckdb
from pipelines.ingest import ingest_file
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
usage = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
if mode == "ours":
    result = ingest_file("complaints", path, db=db).as_dict()
else:
    con = duckdb.connect(db)
    con.execute("create table t as select * from read_csv(?, header = true)", [path])
    result = {"rows": con.execute("select count(*) from t").fetchone()[0]}
    con.close()
seconds = time.perf_counter() - start
end = resource.getrusage(resource.RUSAGE_SELF)
cpu = end.ru_utime + end.ru_stime - usage.ru_utime - usage.ru_stime
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": end.ru_maxrss / 1024, "result": result}))
"""


def run_child(mode: str, csv_path: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(csv_path), str(db)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    csv_path = cache / f"complaints_{args.rows}.csv"
    if not csv_path.exists():
        t = time.perf_counter()
        generate(csv_path, args.rows)
        print(f"generated {csv_path.name} ({csv_path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f}s")
    with tempfile.TemporaryDirectory(prefix="cxrisk-bench-") as tmp:
        duck = run_child("duckdb", csv_path, Path(tmp) / "duck.duckdb")
        ours = run_child("ours", csv_path, Path(tmp) / "ours.duckdb")
    assert ours["result"]["rows_loaded"] == args.rows == duck["result"]["rows"], (ours, duck)
    ratio = ours["seconds"] / duck["seconds"]
    print(f"rows                 {args.rows:,}")
    cpu_ratio = ours["cpu_seconds"] / duck["cpu_seconds"]
    for label, run in (("duckdb read_csv", duck), ("our ingest", ours)):
        print(f"{label:<20} {run['seconds']:6.2f} s wall  {run['cpu_seconds']:6.2f} s cpu  "
              f"peak RSS {run['peak_rss_mb']:.0f} MB")
    print(f"ratio (ours/duckdb)  {ratio:.2f} wall, {cpu_ratio:.2f} cpu   (target <= 2.0; peak RSS <= 1024 MB at 2M rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
