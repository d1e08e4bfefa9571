"""Time the quarterly report of the demo's last full quarter, section by section.

    .venv/bin/python bench/report.py            # the demo year ending yesterday (as `make run`)
    .venv/bin/python bench/report.py --end 2026-06-30

The demo year is generated once under bench/.cache/ and reused. Each report is built in a fresh
process, as `python -m warehouse report` builds it (imports, chart renderer start and fonts
included), then a second one in the same process, as the Reports page builds the next one.
Per section it prints wall seconds; per report also CPU seconds of the process (all threads),
which the shared machine's load does not inflate. The baseline, measured in the same run, is
one KPI read of the quarter (warehouse.kpi.metrics.kpi_values): the ratio says how many such
reads a report costs. Target (2 cores): a report renders in under 15 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
TARGET_SECONDS = 15.0

# Runs in the worker process: builds the reports asked for and prints one JSON line per report.
WORKER = """
import json, sys, time
from warehouse.access.scope import SYSTEM
from warehouse.kpi.metrics import kpi_values
from warehouse.reports.build import build_report
from warehouse.reports.content import quarter_filters
from warehouse.reports.quarter import Quarter
db, quarter, runs = sys.argv[1], Quarter.parse(sys.argv[2]), json.loads(sys.argv[3])
for lang, fmt in runs:
    wall, cpu = time.perf_counter(), time.process_time()
    report = build_report(quarter, SYSTEM, lang, fmt, db=db, keep=False)
    print(json.dumps({"lang": lang, "fmt": fmt, "seconds": time.perf_counter() - wall,
                      "cpu": time.process_time() - cpu, "bytes": len(report.content),
                      "sections": report.timings}), flush=True)
reads = []
for _ in range(5):
    began = time.perf_counter()
    kpi_values(filters=quarter_filters(quarter), viewer=SYSTEM, db=db)
    reads.append(time.perf_counter() - began)
print(json.dumps({"baseline": sorted(reads)[2]}), flush=True)
"""


def demo(end: date) -> Path:
    path = CACHE / f"report-demo-{end.isoformat()}.duckdb"
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        from pipelines.demo import generate_demo

        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"generating the demo year ending {end} …", flush=True)
        generate_demo(db=path, seed=7, end=end)
    return path


def worker(db: Path, quarter: str, runs: list[tuple[str, str]]) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CXRISK_DB": str(db)}
    done = subprocess.run([sys.executable, "-c", WORKER, str(db), quarter, json.dumps(runs)],
                          capture_output=True, text=True, env=env, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--end", type=date.fromisoformat,
                        default=date.today() - timedelta(days=1),
                        help="last day of the demo year (default yesterday)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from warehouse.reports.quarter import last_full_quarter

    db = demo(args.end)
    quarter = str(last_full_quarter(args.end))
    load = os.getloadavg()[0]
    print(f"quarter {quarter} of the demo ending {args.end}; load average {load:.1f} "
          f"on {os.cpu_count()} cores")
    results = []
    for runs in ([("en", "pdf"), ("zh", "pdf")], [("zh", "pdf")], [("en", "xlsx")]):
        found = worker(db, quarter, runs)
        baseline = found[-1]["baseline"]
        for position, result in enumerate(found[:-1]):
            result["process"] = "fresh" if position == 0 else "warm"
            result["ratio_to_kpi_read"] = result["seconds"] / baseline
            results.append(result)
            sections = "  ".join(f"{k} {v:.2f}" for k, v in result["sections"].items())
            verdict = "ok" if result["seconds"] < TARGET_SECONDS else "OVER TARGET"
            print(f"{result['lang']} {result['fmt']:<4} {result['process']:<5} "
                  f"{result['seconds']:6.2f} s wall, {result['cpu']:6.2f} s CPU, "
                  f"{result['ratio_to_kpi_read']:5.0f}× a KPI read ({baseline * 1000:.0f} ms)"
                  f"  [{verdict}]\n    {sections}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "report.json"
    out.write_text(json.dumps({"quarter": quarter, "end": args.end.isoformat(), "load": load,
                               "target_seconds": TARGET_SECONDS, "runs": results}, indent=2))
    print(f"written {out.relative_to(ROOT)}")
    return 0 if all(r["seconds"] < TARGET_SECONDS for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
