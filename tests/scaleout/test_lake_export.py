"""`lake export`: every table the models read, by month, with a manifest; incremental; undo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.ingest import ingest_file, undo_batch
from warehouse.lake.export import export
from warehouse.lake.layout import TABLES, LakeError, read_manifest
from warehouse.storage.db import connect, latest_version

ROOT = Path(__file__).resolve().parents[2]
# Two new tickets in May 2026 (the demo year) of a customer the demo does not have, ten days
# apart in one category: the second is a repeat of the first.
NEW_TICKETS = (
    "ticket_id,created_at,customer_id,channel,region,touchpoint,category,severity,status\n"
    "new-1,2026-05-10 09:00:00,lake-test,App,North,app,billing,low,open\n"
    "new-2,2026-05-20 09:00:00,lake-test,App,North,app,billing,low,open\n"
)


def _lake_rows(lake: Path, table: str) -> int:
    pattern = str(lake / table / ("*/*.parquet" if TABLES[table] else "*.parquet"))
    return duckdb.sql(
        "select count(*) from read_parquet($p, hive_partitioning = true)", params={"p": pattern}
    ).fetchall()[0][0] if list(lake.glob(f"{table}/**/*.parquet")) else 0


def _mtimes(lake: Path) -> dict[str, int]:
    return {str(p.relative_to(lake)): p.stat().st_mtime_ns for p in lake.rglob("*.parquet")}


def test_export_holds_every_table_with_the_warehouse_counts(golden_warehouse, tmp_path):
    lake = tmp_path / "lake"
    result = export(lake, db=golden_warehouse)
    manifest = read_manifest(lake)
    assert manifest["schema_version"] == latest_version()
    assert manifest["data_version"] == result["data_version"]
    # the golden rows: 10 tickets in April-June 2025, 12 responses (tests/fixtures/engine)
    complaints = manifest["tables"]["complaints"]
    assert complaints["rows"] == 10
    assert sorted(complaints["partitions"]) == ["2025-04", "2025-05", "2025-06"]
    assert complaints["partitions"]["2025-06"]["rows"] == 8
    assert (lake / "complaints" / "month=2025-06" / "part-0.parquet").exists()
    with connect(golden_warehouse) as con:
        for table in ("complaints", "survey_responses", "survey_ratings", "customers",
                      "complaint_repeats", "filter_values", "benchmarks"):
            stored = len(con.table(table).fetchall())
            assert manifest["tables"][table]["rows"] == stored, table
            assert _lake_rows(lake, table) == stored, table
    # readers get the columns even of an empty table, and no account secrets
    viewers = pq.read_schema(lake / "_schemas" / "viewers.parquet").names
    assert viewers == ["name", "role", "channels", "regions", "disabled"]
    # times stay UTC wall-clock times (no zone), as stored
    created = pq.read_schema(lake / "_schemas" / "complaints.parquet").field("created_at").type
    assert str(created) == "timestamp[us]"


def test_second_export_rewrites_only_what_a_batch_changed_and_an_undo_is_reflected(
    demo_db, tmp_path
):
    lake = tmp_path / "lake"
    first = export(lake, db=demo_db)
    assert export(lake, db=demo_db)["written"] == {}  # nothing changed: nothing written
    before = _mtimes(lake)
    may = lake / "complaints" / "month=2026-05" / "part-0.parquet"
    may_rows = first["tables"]["complaints"]["partitions"]["2026-05"]["rows"]
    assert pq.read_table(may).num_rows == may_rows

    upload = tmp_path / "new_tickets.csv"
    upload.write_text(NEW_TICKETS, encoding="utf-8")
    batch = ingest_file("complaints", upload, db=demo_db)
    second = export(lake, db=demo_db)
    assert second["written"]["complaints"] == ["2026-05"]
    assert second["written"]["complaint_repeats"] == ["2026-05"]
    assert not {"survey_responses", "survey_ratings", "ops_metrics"} & set(second["written"])
    assert second["data_version"] != first["data_version"]
    assert second["tables"]["complaints"]["partitions"]["2026-05"]["rows"] == may_rows + 2
    after = _mtimes(lake)
    untouched = [k for k in before if k.startswith(("complaints/month=2026-04", "survey_"))]
    assert untouched and all(after[k] == before[k] for k in untouched)
    assert pq.read_table(may).num_rows == may_rows + 2

    undo_batch(batch.batch_id, db=demo_db)
    third = export(lake, db=demo_db)
    assert third["written"]["complaints"] == ["2026-05"]
    assert pq.read_table(may).num_rows == may_rows
    assert third["tables"]["complaints"] == first["tables"]["complaints"]
    assert third["tables"]["complaint_repeats"] == first["tables"]["complaint_repeats"]
    # the undone batch stays in the history, marked undone
    assert third["tables"]["batches"]["rows"] == first["tables"]["batches"]["rows"] + 1


def test_a_lake_needs_a_folder_of_its_own(golden_warehouse, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(LakeError, match="holds other files"):
        export(tmp_path, db=golden_warehouse)


def test_command_line_export(golden_warehouse, tmp_path):
    lake = tmp_path / "lake"
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", "lake", "export", "--out", str(lake),
         "--db", str(golden_warehouse)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "partitions written" in done.stdout
    assert json.loads((lake / "_manifest.json").read_text())["tables"]["complaints"]["rows"] == 10
