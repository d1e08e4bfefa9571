"""Connections over a lake folder that the SQL models run on as on the warehouse file.

`open_lake(lake, engine)` gives an object with the DB-API subset the models use
(`execute(sql, params)` -> a result with `fetchone`, `fetchall`, `description`, `df`;
`cursor()`, `close()`): warehouse.storage.sqlfiles and warehouse.kpi.metrics take it as they
take a DuckDB connection. Each table of the lake is a view of the same name.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse.lake.layout import PARTITION
from warehouse.lake.views import add_views
from warehouse.storage import sqlfiles

ENGINES = ("duckdb", "spark")


class DuckLake:
    """An in-memory DuckDB database with a view per lake table (read in place, not copied)."""

    def __init__(self, lake: str | os.PathLike) -> None:
        self.con = duckdb.connect()
        self.con.execute("set enable_progress_bar = false")
        add_views(self.con, lake)

    def execute(self, sql: str, params: Any = None):
        return self.con.execute(sql, params)

    def cursor(self):
        # a cursor of the same in-memory database sees the same views
        return self.con.cursor()

    def close(self) -> None:
        self.con.close()

    def write_partitions(self, sql: str, params: dict[str, Any], folder: Path, schema_file: Path,
                         *, by_month: bool) -> dict[str, int]:
        """The rows of SQL (with its `month` column) as Parquet under FOLDER, by month when
        BY_MONTH, with the columns of SCHEMA_FILE; returns rows per month ('' unsplit)."""
        schema = pq.read_schema(schema_file)
        used = {k: params[k] for k in sqlfiles.params_used(sql)}
        table = self.con.sql(sql, params=used).to_arrow_table()
        months = table.column(PARTITION).to_pylist() if by_month else []
        counts: dict[str, int] = {}
        for month in sorted(set(months)) if by_month else [""]:
            part = table.filter(pc.equal(table.column(PARTITION), month)) if by_month else table
            part = part.select(schema.names).cast(schema)
            target = folder / f"{PARTITION}={month}" if by_month else folder
            target.mkdir(parents=True, exist_ok=True)
            pq.write_table(part, target / "part-0.parquet", compression="zstd")
            counts[month] = part.num_rows
        return counts


@contextmanager
def open_lake(lake: str | os.PathLike, engine: str = "duckdb"):
    """A connection over the lake for one unit of work (see the module docstring)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if engine == "spark":
        from warehouse.engines.spark import SparkLake

        con: Any = SparkLake(lake)
    else:
        con = DuckLake(lake)
    try:
        yield con
    finally:
        con.close()


def viewer(con, user: str | None):
    """The lake's account USER as a Viewer (the whole company when None); UnknownUser else."""
    from warehouse.access.auth import UnknownUser
    from warehouse.access.scope import SYSTEM, Viewer

    if not user:
        return SYSTEM
    found = sqlfiles.one(con, "lake/viewer.sql", {"name": user})
    if not found:
        raise UnknownUser(f"No enabled account named {user!r} in the lake; check the name.")
    return Viewer(found["name"], found["role"], tuple(found["channels"] or ()),
                  tuple(found["regions"] or ()))
