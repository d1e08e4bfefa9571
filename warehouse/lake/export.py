"""`lake export`: the tables the models read as hive-partitioned Parquet, with a manifest.

Layout of DIR (readable by DuckDB and Spark alike):
    _manifest.json                 schema version, data version, rows per table and partition
    _schemas/<table>.parquet       no rows: each table's columns, also when it has no rows yet
    <table>/month=YYYY-MM/part-0.parquet   tables with a time column, one folder per month
    <table>/part-0.parquet         the others

An export compares each partition's row count and content hash (sql/lake/signatures.sql) with
the manifest and rewrites only the partitions that differ; partitions whose rows are gone (an
undo) are removed. Each file is written beside its place and renamed into it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.lake.layout import (
    FORMAT,
    MANIFEST,
    PARTITION,
    SCHEMAS,
    TABLES,
    LakeError,
    partition_dir,
    read_manifest,
)
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect, schema_version

_BATCH_ROWS = 256_000
_PARTIAL = ".part-0.parquet.writing"


def _rows(con, months: list[str]):
    """The rows of the partitions MONTHS of lake_source, ordered by month, as a stream of Arrow
    batches (a relation streams them; a DB-API result would copy them all first). One scan for
    all of them: the month is worked out per row, so a scan per month would read every row each
    time."""
    sql = sqlfiles.load("lake/rows.sql")
    return con.sql(sql, params={"months": months}).to_arrow_reader(_BATCH_ROWS)


def _runs(batch: pa.RecordBatch) -> list[tuple[str, pa.RecordBatch]]:
    """(month, rows) of each run of equal months in BATCH (ordered by month), without the month."""
    months = batch.column(PARTITION)
    keep = [i for i, name in enumerate(batch.schema.names) if name != PARTITION]
    rows = batch.select(keep)
    if batch.num_rows == 0:
        return []
    values = months.to_numpy(zero_copy_only=False)
    starts = [0, *(np.flatnonzero(values[1:] != values[:-1]) + 1).tolist()]
    ends = [*starts[1:], batch.num_rows]
    return [(str(values[a]), rows.slice(a, b - a)) for a, b in zip(starts, ends)]


class _Partitions:
    """Writes each month's rows to its part-0.parquet, renamed into place when complete."""

    def __init__(self, lake: Path, table: str, schema: pa.Schema) -> None:
        self.lake, self.table, self.schema = lake, table, schema
        self.month: str | None = None
        self.writer: pq.ParquetWriter | None = None

    def write(self, month: str, rows: pa.RecordBatch) -> None:
        if month != self.month:
            self.close()
            self.month = month
            folder = partition_dir(self.lake, self.table, month)
            folder.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(folder / _PARTIAL, self.schema, compression="zstd")
        self.writer.write_batch(rows)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            folder = partition_dir(self.lake, self.table, self.month)
            os.replace(folder / _PARTIAL, folder / "part-0.parquet")
            self.writer = None


def _write(con, lake: Path, table: str, months: list[str]) -> pa.Schema:
    """Write the partitions MONTHS of TABLE (lake_source on CON); returns the table's columns."""
    reader = _rows(con, months)
    schema = pa.schema([f for f in reader.schema if f.name != PARTITION])
    parts = _Partitions(lake, table, schema)
    try:
        for batch in reader:
            for month, rows in _runs(batch):
                parts.write(month, rows)
    finally:
        parts.close()
    return schema


def _schema_file(lake: Path, table: str, schema: pa.Schema) -> None:
    folder = lake / SCHEMAS
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_batches([], schema=schema), folder / f"{table}.parquet")


def export(out: str | os.PathLike, db=None) -> dict[str, Any]:
    """Export the warehouse DB to the lake OUT; returns the new manifest plus what was written
    ("written": table -> partitions rewritten, "removed": table -> partitions deleted)."""
    lake = Path(out)
    if lake.exists() and not lake.is_dir():
        raise LakeError(f"{lake} is a file; give a folder for the lake.")
    if lake.is_dir() and any(lake.iterdir()) and not (lake / MANIFEST).exists():
        raise LakeError(f"{lake} holds other files; give an empty or new folder for the lake.")
    before = read_manifest(lake) if (lake / MANIFEST).exists() else {"tables": {}}
    lake.mkdir(parents=True, exist_ok=True)
    tables: dict[str, Any] = {}
    written: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    with connect(db) as con:
        version = schema_version(con)
        if before.get("schema_version") not in (None, version):
            # the columns may differ: every partition is written anew
            before = {"tables": {}}
        for table, by_month in TABLES.items():
            sqlfiles.execute(con, f"lake/{table}.sql")
            found = {r["month"]: r for r in sqlfiles.rows(con, "lake/signatures.sql")}
            old = before["tables"].get(table, {}).get("partitions", {})
            parts = {m: {"rows": r["rows"], "digest": r["digest"]} for m, r in found.items()}
            changed = [
                m for m, entry in parts.items()
                if old.get(m) != entry
                or not (partition_dir(lake, table, m) / "part-0.parquet").exists()
            ]
            # with nothing to write, the scan only gives the columns (for _schemas/)
            _schema_file(lake, table, _write(con, lake, table, changed))
            if changed:
                written[table] = changed
            for month in sorted(set(old) - set(found)):
                folder = partition_dir(lake, table, month)
                if by_month:
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    (folder / "part-0.parquet").unlink(missing_ok=True)
                removed.setdefault(table, []).append(month)
            tables[table] = {
                "partitioned_by": PARTITION if by_month else None,
                "rows": sum(p["rows"] for p in parts.values()),
                "partitions": parts,
            }
            con.execute("drop view if exists lake_source")
    digest = hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {
        "format": FORMAT,
        "schema_version": version,
        "data_version": digest,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "tables": tables,
    }
    partial = lake / (MANIFEST + ".writing")
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, lake / MANIFEST)
    return {**manifest, "written": written, "removed": removed}
