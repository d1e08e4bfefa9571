"""The KPI summary and the marts build on DuckDB and on Spark local[2], at 1M and 10M rows.

    .venv/bin/python bench/scaleout.py                       # 1M and 10M (generated once, cached)
    .venv/bin/python bench/scaleout.py --rows 100000 1000000 # a quicker run

Each size's warehouse (N complaints + N survey responses, bench/queries.py's generator) is
exported to a lake under bench/.cache/; then, per engine and size, one worker process opens the
lake, runs the KPI summary of the last year (current and previous period) and builds the marts.
Times are wall-clock seconds of each step (Spark's start is reported on its own); peak memory is
the worker's own (Python) and, for Spark, the JVM's (a child of the worker), both sampled every
0.2 s while the worker runs. The growth columns divide the largest size's figures by the
smallest's: linear growth is the size ratio. Spark runs on the same 2 cores as DuckDB with
spark.driver.memory=2g; on one machine it is expected to be slower.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
END = date(2026, 6, 30)


def _generator():
    spec = importlib.util.spec_from_file_location("bench_queries", ROOT / "bench" / "queries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(rows: int) -> Path:
    """The lake of the N-row warehouse (generated and exported once, then reused)."""
    sys.path.insert(0, str(ROOT))
    from warehouse.lake.export import export

    db = CACHE / f"queries_{rows}.duckdb"
    lake = CACHE / f"lake_{rows}"
    if not db.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        print(f"generating {rows:,} complaints + {rows:,} responses …", flush=True)
        _generator()._generate(db, rows)
        print(f"  {time.perf_counter() - t0:.0f} s", flush=True)
    if not (lake / "_manifest.json").exists():
        t0 = time.perf_counter()
        export(lake, db=db)
        print(f"exported {rows:,} rows to {lake} in {time.perf_counter() - t0:.0f} s", flush=True)
    return lake


class Peaks:
    """The largest resident memory (MB) of the worker itself and of its child processes (the
    JVM), sampled in a thread. The kernel's own accounting does not do here: a child's peak is
    counted only once it has ended and been waited for (the JVM is still running), and a
    process's peak starts from its parent's (the parent that exported a 10M-row lake)."""

    def __init__(self, every: float = 0.2) -> None:
        import threading

        self.own_mb = self.children_mb = 0.0
        self._every = every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._done.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.children_mb = max(self.children_mb, total / 2**20)
            self.own_mb = max(self.own_mb, me.memory_info().rss / 2**20)
            self._done.wait(self._every)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()


def worker(engine: str, lake: Path, out: Path) -> dict:
    with Peaks() as peaks:
        result = _work(engine, lake, out)
    result["python_mb"], result["jvm_mb"] = peaks.own_mb, peaks.children_mb
    return result


def _work(engine: str, lake: Path, out: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.engines.lake import open_lake
    from warehouse.engines.marts import build
    from warehouse.kpi import metrics

    result = {}
    t0 = time.perf_counter()
    if engine == "spark":
        from warehouse.engines import spark

        spark.session()
    result["start_s"] = time.perf_counter() - t0
    filters = Filters(start=END - timedelta(days=364), end=END)  # the last year, and the one before
    with open_lake(lake, engine) as con:
        t0 = time.perf_counter()
        summary = metrics.kpi_summary_on(con, filters=filters, viewer=SYSTEM)
        result["kpi_s"] = time.perf_counter() - t0
    result["complaints"] = summary["complaints"]["value"]
    result["frt_median_minutes"] = summary["frt_median_minutes"]["value"]
    t0 = time.perf_counter()
    manifest = build(lake, out, engine=engine)
    result["marts_s"] = time.perf_counter() - t0
    result["repeats"] = manifest["tables"]["complaint_repeats"]["rows"]
    if engine == "spark":
        spark.stop()
        time.sleep(1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark"])
    parser.add_argument("--worker", nargs=3, metavar=("ENGINE", "LAKE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        engine, lake, out = args.worker
        print(json.dumps(worker(engine, Path(lake), Path(out))))
        return 0
    sizes = sorted(args.rows)
    lakes = {n: prepare(n) for n in sizes}
    results: dict[tuple[str, int], dict] = {}
    for n in sizes:
        for engine in args.engines:
            out = CACHE / f"marts_{engine}_{n}"
            print(f"{engine} at {n:,} rows …", flush=True)
            done = subprocess.run(
                [sys.executable, __file__, "--worker", engine, str(lakes[n]), str(out)],
                capture_output=True, text=True, check=True,
            )
            results[(engine, n)] = json.loads(done.stdout.strip().splitlines()[-1])
    print()
    print(f"{'engine':<8}{'rows':>12}{'start s':>9}{'KPI s':>9}{'marts s':>9}"
          f"{'python MB':>11}{'JVM MB':>9}")
    for (engine, n), r in results.items():
        print(f"{engine:<8}{n:>12,}{r['start_s']:>9.1f}{r['kpi_s']:>9.2f}{r['marts_s']:>9.2f}"
              f"{r['python_mb']:>11.0f}{r['jvm_mb']:>9.0f}")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\ngrowth {small:,} -> {large:,} rows (x{large / small:.0f} data):")
        for engine in args.engines:
            a, b = results[(engine, small)], results[(engine, large)]
            print(f"  {engine:<7} KPI x{b['kpi_s'] / a['kpi_s']:.1f}   marts x{b['marts_s'] / a['marts_s']:.1f}"
                  f"   peak memory x{max(b['python_mb'], b['jvm_mb']) / max(a['python_mb'], a['jvm_mb']):.1f}")
    for n in sizes:
        same = {k: (results[("duckdb", n)][k], results[("spark", n)][k])
                for k in ("complaints", "frt_median_minutes", "repeats")} \
            if ("duckdb", n) in results and ("spark", n) in results else {}
        if same:
            print(f"  {n:,} rows, DuckDB vs Spark: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
