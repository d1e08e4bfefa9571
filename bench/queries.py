"""Time every query the pages use on N complaints + N survey responses, against pandas in memory.

    .venv/bin/python bench/queries.py                 # 10M + 10M rows (generated once, cached)
    .venv/bin/python bench/queries.py --rows 1000000  # a quicker run while developing

The warehouse is generated with DuckDB SQL under bench/.cache/ and reused. The DuckDB side
runs through the public query API (connection opening included) in one worker process, after
warming the read handle as the dashboard does when it opens the warehouse (warehouse.storage.warm.warm:
the newest 400 days of the columns the pages read; its time is the setup printed); the same
aggregations run in pandas on the tables held in memory in another worker process, so each
side's peak memory is measured on its own. Targets (2 cores): p95 <= 100 ms per query,
>= 5x faster than pandas, <= 1/3 of pandas' peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
END = date(2026, 6, 30)
DAYS = 730
CHANNELS = ["App", "Web", "Store", "Phone", "Social", "Email"]
REGIONS = ["North", "South", "East", "West", "Central", "Northeast", "Southwest", "Northwest"]
TOUCHPOINTS = ["website", "app", "store", "phone hotline", "delivery", "payment", "ordering",
               "installation", "after-sales", "billing", "technical support", "returns/refunds"]
CATEGORIES = ["delivery delay", "refund", "rude staff", "product defect", "billing error",
              "app bug", "installation", "price", "availability", "other"]
SEVERITIES = ["low", "medium", "high", "urgent"]


def _generate(db: Path, rows: int) -> None:
    """Write N complaints, N responses (+1 rating each) and N/50 customers with DuckDB SQL.

    Rows are in time order, as exports arrive, so date filters skip whole row groups.
    """
    sys.path.insert(0, str(ROOT))
    from warehouse.storage import derived
    from warehouse.storage.db import connect

    customers = max(rows // 50, 1000)
    bound = {
        "rows": rows,
        "customers": customers,
        "seconds": DAYS * 86400,
        "start": datetime.combine(END - timedelta(days=DAYS - 1), datetime.min.time()),
        "channels": CHANNELS,
        "regions": REGIONS,
        "touchpoints": TOUCHPOINTS,
        "categories": CATEGORIES,
        "severities": SEVERITIES,
    }

    def run(con, sql: str) -> None:
        con.execute(sql, {k: v for k, v in bound.items() if "$" + k in sql})

    with connect(db, write=True) as con:
        con.execute("select setseed(0.42)")
        run(con, """
            insert into customers (customer_id, region, channel, segment, last_active_date,
                avg_order_value, prev_avg_order_value, lifetime_value, status, batch_id,
                first_batch_id)
            select 'C' || i, $regions[1 + i % 8], $channels[1 + i % 6],
                   ['VIP', 'regular', 'new'][1 + i % 3],
                   date '2026-06-30' - cast(random() * 90 as integer),
                   50 + random() * 200, 50 + random() * 200, random() * 30000,
                   case when random() < 0.1 then 'churned' else 'active' end, 1, 1
            from range($customers) as r(i)
        """)
        run(con, """
            insert into complaints (ticket_id, created_at, customer_id, channel, region,
                touchpoint, category, severity, status, first_response_at, resolved_at,
                escalated, compensation_amount, description, batch_id, first_batch_id)
            select 'T' || i, created, 'C' || (hash(i) % $customers),
                   $channels[1 + (hash(i * 7) % 6)::bigint], $regions[1 + (hash(i * 11) % 8)::bigint],
                   $touchpoints[1 + (hash(i * 13) % 12)::bigint], $categories[1 + (hash(i * 17) % 10)::bigint],
                   $severities[1 + (hash(i * 19) % 4)::bigint],
                   case when random() < 0.8 then 'resolved' else 'open' end,
                   created + to_seconds(cast(random() * 14400 as bigint)),
                   case when random() < 0.8
                        then created + to_seconds(cast(random() * 259200 as bigint)) end,
                   random() < 0.08, 0,
                   case i % 4 when 0 then '退款慢，客服不回复' when 1 then 'parcel arrived late'
                        when 2 then 'rude staff at the counter' else 'app crashes on payment' end,
                   1, 1
            from (
                select i, $start + to_seconds(cast(i * $seconds / $rows as bigint)) as created
                from range($rows) as r(i)
            )
            order by created
        """)
        run(con, """
            insert into survey_responses (response_id, submitted_at, customer_id, channel,
                region, touchpoint, segment, nps, csat, csat_scale, csat_10, ces, comment,
                batch_id, first_batch_id)
            select 'R' || i, submitted, 'C' || (hash(i * 3) % $customers),
                   $channels[1 + (hash(i * 29) % 6)::bigint], $regions[1 + (hash(i * 31) % 8)::bigint],
                   $touchpoints[1 + (hash(i * 37) % 12)::bigint], ['VIP', 'regular', 'new'][1 + i % 3],
                   cast(least(10, greatest(0, round(7.5 + 2.2 * sqrt(-2 * ln(random()))
                        * cos(6.283 * random())))) as integer),
                   csat, 5, csat * 2, 1 + (hash(i * 5) % 7)::integer,
                   case when i % 5 = 0 then 'slow delivery' end, 1, 1
            from (
                select i, $start + to_seconds(cast(i * $seconds / $rows as bigint)) as submitted,
                       1 + (hash(i * 23) % 5)::integer as csat
                from range($rows) as r(i)
            )
            order by submitted
        """)
        run(con, """
            insert into survey_ratings (response_id, touchpoint, rating, scale, rating_10, batch_id)
            select response_id, touchpoint, csat, 5, csat_10, 1 from survey_responses
        """)
        derived.refresh_all(con)  # what a load does for the tickets it writes
        con.execute("checkpoint")


def _filter_sets():
    from warehouse.access.scope import SYSTEM, Filters, Viewer

    last = END
    head = Viewer("south_head", "dept_head", regions=("south",))
    return [
        ("last 30 days", Filters(start=last - timedelta(days=29), end=last), SYSTEM),
        ("last 90 days, App", Filters(start=last - timedelta(days=89), end=last,
                                      channel=("app",)), SYSTEM),
        ("quarter, East + delivery", Filters(start=date(2026, 1, 1), end=date(2026, 3, 31),
                                             region=("east",), touchpoint=("delivery",)), SYSTEM),
        ("last 30 days, South head", Filters(start=last - timedelta(days=29), end=last), head),
        ("last 7 days, VIP", Filters(start=last - timedelta(days=6), end=last,
                                     segment=("vip",)), SYSTEM),
    ]


def _duck_cases(db: Path):
    from warehouse.kpi import catalog, complaints, metrics

    return {
        "kpi_summary": lambda f, v: metrics.kpi_summary(filters=f, viewer=v, db=db),
        "series nps/week": lambda f, v: metrics.metric_series("nps", grain="week", filters=f,
                                                              viewer=v, db=db),
        "series complaints/day": lambda f, v: metrics.metric_series(
            "complaints", grain="day", filters=f, viewer=v, db=db),
        "heatmap csat × region": lambda f, v: metrics.touchpoint_matrix(
            "csat_pct", by="region", filters=f, viewer=v, db=db),
        "heatmap complaints × channel": lambda f, v: metrics.touchpoint_matrix(
            "complaints", by="channel", filters=f, viewer=v, db=db),
        "sla by severity": lambda f, v: complaints.sla_by_severity(filters=f, viewer=v, db=db),
        "pareto": lambda f, v: complaints.pareto(filters=f, viewer=v, db=db),
        "search 'late'": lambda f, v: complaints.search("late", filters=f, viewer=v, db=db,
                                                        limit=200),
        "drill cell": lambda f, v: metrics.drill("delivery", by="region", col="east",
                                                 filters=f, viewer=v, db=db),
        "filter options": lambda f, v: catalog.filter_options(viewer=v, db=db),
    }


def _pandas_tables(db: Path):
    """The tables as pandas holds them for a dashboard: loaded once, filter keys normalised."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    responses = con.execute(
        "select response_id, submitted_at, customer_id, channel, region, touchpoint, segment, "
        "nps, csat_10, ces, comment from survey_responses").df()
    ratings = con.execute("select response_id, touchpoint, rating, scale from survey_ratings").df()
    tickets = con.execute(
        "select ticket_id, created_at, customer_id, channel, region, touchpoint, category, "
        "severity, status, first_response_at, resolved_at, escalated, description "
        "from complaints").df()
    customers = con.execute("select customer_id, segment, status, region, channel from customers"
                            ).df()
    con.close()
    for frame in (responses, tickets, customers):
        for column in ("channel", "region", "segment", "touchpoint", "category", "severity"):
            if column in frame:
                frame[column + "_key"] = frame[column].str.strip().str.lower().astype("category")
    ratings["touchpoint_key"] = ratings["touchpoint"].str.strip().str.lower().astype("category")
    return {"responses": responses, "ratings": ratings, "tickets": tickets,
            "customers": customers}


def _pandas_cases(t):
    import numpy as np
    import pandas as pd

    def mask(frame, f, v, when):
        keep = pd.Series(True, index=frame.index)
        if f.start:
            keep &= frame[when] >= pd.Timestamp(f.start)
        if f.end:
            keep &= frame[when] < pd.Timestamp(f.end + timedelta(days=1))
        for column, values in (("channel", f.channel), ("region", f.region),
                               ("touchpoint", f.touchpoint)):
            if values and column + "_key" in frame:
                keep &= frame[column + "_key"].isin(values)
        if f.segment and "segment_key" in frame:
            keep &= frame["segment_key"].isin(f.segment)
        if v.scoped:
            if v.channels:
                keep &= frame["channel_key"].isin(v.channels)
            if v.regions:
                keep &= frame["region_key"].isin(v.regions)
        return frame[keep]

    def responses(f, v):
        return mask(t["responses"], f, v, "submitted_at")

    def tickets(f, v):
        frame = t["tickets"]
        if f.segment:
            ids = t["customers"].loc[t["customers"]["segment"].str.lower().isin(f.segment),
                                     "customer_id"]
            frame = frame[frame["customer_id"].isin(ids)]
        return mask(frame, f.with_(segment=()), v, "created_at")

    def ratings(f, v):
        r = responses(f, v)
        found = t["ratings"][t["ratings"]["response_id"].isin(r["response_id"])]
        return found.merge(r[["response_id", "region", "submitted_at"]], on="response_id")

    def response_kpis(r):
        nps = r["nps"].dropna()
        return {"responses": len(r),
                "nps": 100 * ((nps >= 9).sum() - (nps <= 6).sum()) / max(len(nps), 1),
                "ces": r["ces"].mean(),
                "neg": ((r["nps"] <= 6) | (r["csat_10"] <= 4)).mean()}

    def ticket_kpis(c):
        frt = (c["first_response_at"] - c["created_at"]).dt.total_seconds() / 60
        res = (c["resolved_at"] - c["created_at"]).dt.total_seconds() / 3600
        return {"complaints": len(c), "frt": frt.quantile([0.5, 0.9]).tolist(),
                "res": res.quantile([0.5, 0.9]).tolist(), "sla": (frt <= 120).mean(),
                "esc": c["escalated"].mean()}

    def kpi_summary(f, v):
        out = []
        for period in (f, f.previous_period()):
            r, c = responses(period, v), tickets(period, v)
            g = ratings(period, v)
            c = c.sort_values(["customer_id", "category", "created_at"])
            gap = c.groupby(["customer_id", "category"], observed=True)["created_at"].diff()
            out.append((response_kpis(r), ticket_kpis(c), (g["rating"] >= 4).mean(),
                        (gap <= pd.Timedelta(days=30)).mean()))
        return out

    def series_nps(f, v):
        r = responses(f, v)
        week = r["submitted_at"].dt.to_period("W").dt.start_time
        return r.groupby(week)["nps"].agg(lambda s: 100 * ((s >= 9).sum() - (s <= 6).sum())
                                          / max(s.count(), 1))

    def series_complaints(f, v):
        c = tickets(f, v)
        return c.groupby(c["created_at"].dt.floor("D")).size()

    def heat_csat(f, v):
        g = ratings(f, v)
        return g.groupby([g["touchpoint"], g["region"]])["rating"].agg(
            lambda s: 100 * (s >= 4).mean())

    def heat_complaints(f, v):
        c = tickets(f, v)
        return c.groupby(["touchpoint_key", "channel_key"], observed=True).size()

    def sla(f, v):
        c = tickets(f, v)
        limit = np.where(c["severity_key"] == "urgent", 1800, 7200)
        contact = (c["first_response_at"] - c["created_at"]).dt.total_seconds()
        return (contact <= limit).groupby(c["severity_key"], observed=True).mean()

    def pareto(f, v):
        counts = tickets(f, v).groupby("category_key", observed=True).size()
        counts = counts.sort_values(ascending=False)
        return (100 * counts / counts.sum()).cumsum()

    def search(f, v):
        c = tickets(f, v)
        hit = c["description"].str.contains("late", case=False, regex=False)
        return c[hit].sort_values("created_at", ascending=False).head(200)

    def drill(f, v):
        cell = f.with_(touchpoint=("delivery",), region=("east",))
        r = responses(cell, v).sort_values("submitted_at", ascending=False).head(200)
        c = tickets(cell, v).sort_values("created_at", ascending=False).head(200)
        return r, c

    def options(f, v):
        from warehouse.access.scope import Filters

        everything = Filters()
        r, c = responses(everything, v), tickets(everything, v)
        return {k: sorted(set(r[k].dropna()) | set(c[k].dropna()))
                for k in ("channel", "region", "touchpoint")}

    return {
        "kpi_summary": kpi_summary,
        "series nps/week": series_nps,
        "series complaints/day": series_complaints,
        "heatmap csat × region": heat_csat,
        "heatmap complaints × channel": heat_complaints,
        "sla by severity": sla,
        "pareto": pareto,
        "search 'late'": search,
        "drill cell": drill,
        "filter options": options,
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(side: str, db: Path, runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    if side == "duckdb":
        from warehouse.storage.warm import warm

        cases = _duck_cases(db)
        warm(db)  # as the dashboard does in the background when it opens the warehouse
    else:
        cases = _pandas_cases(_pandas_tables(db))
    setup_s = time.perf_counter() - started
    filter_sets = _filter_sets()
    timings: dict[str, list[float]] = {}
    for name, run in cases.items():
        run(filter_sets[0][1], filter_sets[0][2])  # warm-up (file cache, lazy imports)
        found = []
        for i in range(runs):
            _, filters, viewer = filter_sets[i % len(filter_sets)]
            t0 = time.perf_counter()
            run(filters, viewer)
            found.append((time.perf_counter() - t0) * 1000)
        timings[name] = found
    return {"side": side, "setup_s": setup_s, "timings": timings, "peak_mb": _peak_mb()}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000,
                        help="complaints and survey responses each (default 10,000,000)")
    # 20 runs: with 10, the nearest-rank p95 is simply the slowest run; max is printed as well
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--no-pandas", action="store_true", help="time DuckDB only")
    parser.add_argument("--worker", choices=["duckdb", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    db = args.db or CACHE / f"queries_{args.rows}.duckdb"
    if args.worker:
        print(json.dumps(_worker(args.worker, db, args.runs)))
        return 0
    if db.exists():
        sys.path.insert(0, str(ROOT))
        from warehouse.storage.db import ensure_warehouse

        ensure_warehouse(db)  # a cache from an older schema is brought up to date
    else:
        CACHE.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        print(f"generating {args.rows:,} complaints + {args.rows:,} responses in {db} …",
              flush=True)
        try:
            _generate(db, args.rows)
        except BaseException:
            db.unlink(missing_ok=True)
            raise
        print(f"generated in {time.perf_counter() - t0:.1f} s", flush=True)
    results = {}
    for side in ("duckdb",) if args.no_pandas else ("duckdb", "pandas"):
        print(f"timing {side} …", flush=True)
        done = subprocess.run(
            [sys.executable, __file__, "--worker", side, "--db", str(db), "--runs",
             str(args.runs)],
            check=True, capture_output=True, text=True,
        )
        results[side] = json.loads(done.stdout.strip().splitlines()[-1])
    duck = results["duckdb"]
    pand = results.get("pandas")
    print(f"\n{args.rows:,} complaints + {args.rows:,} survey responses; {args.runs} runs over "
          f"{len(_filter_sets())} filter sets (ms)")
    header = f"{'query':<30}{'p50':>8}{'p95':>8}{'max':>8}"
    if pand:
        header += f"{'pandas p50':>12}{'pandas p95':>12}{'speed-up':>10}"
    print(header)
    worst_p95, worst_ratio = 0.0, float("inf")
    for name, values in duck["timings"].items():
        p50, p95 = _percentile(values, 0.5), _percentile(values, 0.95)
        worst_p95 = max(worst_p95, p95)
        line = f"{name:<30}{p50:>8.1f}{p95:>8.1f}{max(values):>8.1f}"
        if pand:
            q50 = _percentile(pand["timings"][name], 0.5)
            q95 = _percentile(pand["timings"][name], 0.95)
            ratio = q50 / p50 if p50 else float("inf")
            worst_ratio = min(worst_ratio, ratio)
            line += f"{q50:>12.1f}{q95:>12.1f}{ratio:>9.1f}x"
        print(line)
    print(f"\npeak memory: duckdb worker {duck['peak_mb']:.0f} MB (open + warm "
          f"{duck['setup_s']:.1f} s)", end="")
    if pand:
        print(f", pandas worker {pand['peak_mb']:.0f} MB (load {pand['setup_s']:.1f} s) → "
              f"{duck['peak_mb'] / pand['peak_mb']:.2f} of pandas")
        print(f"worst p95 {worst_p95:.1f} ms (target ≤ 100); smallest speed-up "
              f"{worst_ratio:.1f}x (target ≥ 5)")
    else:
        print(f"\nworst p95 {worst_p95:.1f} ms (target ≤ 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
