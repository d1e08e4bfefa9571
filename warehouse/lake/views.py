"""A view per table of a lake or marts folder, on a DuckDB connection (how reads are served from it)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.lake.layout import PARTITION, SCHEMAS, TABLES, read_manifest


def add_views(con: duckdb.DuckDBPyConnection, lake: str | os.PathLike) -> list[str]:
    """A view per table of the lake (or marts) LAKE on CON; returns their names."""
    root = Path(lake)
    manifest = read_manifest(root)
    names = []
    for table, by_month in TABLES.items():
        if table not in manifest["tables"]:
            continue
        if manifest["tables"][table]["rows"]:
            pattern = str(root / table / ("*/*.parquet" if by_month else "*.parquet"))
            rel = con.read_parquet(pattern, hive_partitioning=by_month)
            if by_month:
                rel = rel.select(duckdb.StarExpression(exclude=[PARTITION]))
        else:
            rel = con.read_parquet(str(root / SCHEMAS / f"{table}.parquet"))
        rel.create_view(table, replace=True)
        names.append(table)
    return names
