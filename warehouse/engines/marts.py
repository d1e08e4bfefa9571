"""`marts build`: the tables the pages read, as a lake folder the app can serve from.

The facts pass through from the lake unchanged (their partitions are copied); the tables the
loads derive in the warehouse (the repeat tickets, the filter values, the data facts) are worked
out again from the facts by the engine, with the models in warehouse/sql/lake/derive_*.sql.
The result has the lake's layout and a manifest, so `open_lake` and CXRISK_MARTS read it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warehouse.engines.lake import open_lake
from warehouse.lake.layout import (
    MANIFEST,
    PARTITION,
    SCHEMAS,
    TABLES,
    LakeError,
    partition_dir,
    read_manifest,
)
from warehouse.storage import sqlfiles
from warehouse.storage.derived import REPEAT_WINDOW_DAYS

# What the engine works out, and the model that does it.
DERIVED = {
    "complaint_repeats": "lake/derive_complaint_repeats.sql",
    "filter_values": "lake/derive_filter_values.sql",
    "data_facts": "lake/derive_data_facts.sql",
}
# The facts and dimensions the pages read, copied as they are.
PASSED = tuple(t for t in TABLES if t not in DERIVED and t not in ("viewers", "batches"))
PARAMS = {"repeat_window_seconds": REPEAT_WINDOW_DAYS * 86400}


def _copy_partitions(lake: Path, out: Path, table: str, entry: dict[str, Any]) -> None:
    for month in entry["partitions"]:
        source = partition_dir(lake, table, month) / "part-0.parquet"
        target = partition_dir(out, table, month)
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / "part-0.parquet")


def build(lake: str | os.PathLike, out: str | os.PathLike, engine: str = "duckdb") -> dict[str, Any]:
    """Build the marts of LAKE into OUT (replaced whole) on ENGINE; returns OUT's manifest."""
    lake, out = Path(lake), Path(out)
    source = read_manifest(lake)
    if out.resolve() == lake.resolve():
        raise LakeError("the marts folder must not be the lake itself; give another --out.")
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise LakeError(f"{out} holds other files; give an empty or new folder for the marts.")
    building = out.with_name(out.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    (building / SCHEMAS).mkdir(parents=True)
    tables: dict[str, Any] = {}
    for table in PASSED:
        entry = source["tables"][table]
        _copy_partitions(lake, building, table, entry)
        shutil.copyfile(lake / SCHEMAS / f"{table}.parquet", building / SCHEMAS / f"{table}.parquet")
        tables[table] = entry
    with open_lake(lake, engine) as con:
        for table, model in DERIVED.items():
            shutil.copyfile(
                lake / SCHEMAS / f"{table}.parquet", building / SCHEMAS / f"{table}.parquet"
            )
            sql = sqlfiles.render(sqlfiles.load(model), PARAMS)
            counts = con.write_partitions(
                sql, PARAMS, building / table, building / SCHEMAS / f"{table}.parquet",
                by_month=TABLES[table],
            )
            tables[table] = {
                "partitioned_by": PARTITION if TABLES[table] else None,
                "rows": sum(counts.values()),
                "partitions": {m: {"rows": n} for m, n in sorted(counts.items())},
            }
    digest = hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {
        "format": source["format"],
        "kind": "marts",
        "engine": engine,
        "schema_version": source["schema_version"],
        "data_version": digest,
        "lake_data_version": source["data_version"],
        "built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "tables": tables,
    }
    (building / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    # swap the finished folder in: a reader sees the old marts or the new, never half
    retired = out.with_name(out.name + ".retired")
    shutil.rmtree(retired, ignore_errors=True)
    if out.exists():
        os.replace(out, retired)
    os.replace(building, out)
    shutil.rmtree(retired, ignore_errors=True)
    return manifest
