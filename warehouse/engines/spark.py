"""Spark SQL over a lake: one session per process, the models translated at run time."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from warehouse.config.settings import get_settings
from warehouse.engines.translate import OVERRIDES, spark_value, to_spark
from warehouse.lake.layout import PARTITION, SCHEMAS, TABLES, read_manifest
from warehouse.storage import sqlfiles

# Small by default: the product's own machines run Spark local mode for checks and benchmarks;
# a cluster sets CXRISK_SPARK_MASTER (and spark-defaults.conf) instead.
DEFAULTS = {
    "spark.driver.memory": "2g",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.ansi.enabled": "false",
}
_MARKER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")
_lock = threading.Lock()
_session = None


def session(**conf: str):
    """The process's SparkSession (started on first use: local[2] unless CXRISK_SPARK_MASTER;
    CONF adds to DEFAULTS when this call starts it)."""
    global _session
    with _lock:
        if _session is None:
            from pyspark.sql import SparkSession

            builder = SparkSession.builder.master(
                get_settings().spark_master
            ).appName("cx-risk-monitor")
            for key, value in {**DEFAULTS, **conf}.items():
                builder = builder.config(key, value)
            _session = builder.getOrCreate()
            _session.sparkContext.setLogLevel("ERROR")
        return _session


def stop() -> None:
    global _session
    with _lock:
        if _session is not None:
            _session.stop()
            _session = None


def spark_schema(schema_file: Path):
    """The Spark columns of a lake table, read from its _schemas/ file here rather than by a
    Spark job (times are wall-clock times without a zone: TIMESTAMP_NTZ)."""
    import pyarrow.parquet as pq
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(pq.read_schema(schema_file), prefer_timestamp_ntz=True)


class SparkResult:
    """The rows of one statement, with the DB-API reads the models use."""

    def __init__(self, frame) -> None:
        self.frame = frame
        self._rows: list[tuple] | None = None
        self.description = [(f.name, str(f.dataType), None, None, None, None, None)
                            for f in frame.schema.fields]

    def _collect(self) -> list[tuple]:
        if self._rows is None:
            self._rows = [tuple(_plain(v) for v in row) for row in self.frame.collect()]
        return self._rows

    def fetchall(self) -> list[tuple]:
        return self._collect()

    def fetchone(self) -> tuple | None:
        rows = self._collect()
        return rows[0] if rows else None

    def df(self) -> pd.DataFrame:
        columns = [d[0] for d in self.description]
        return pd.DataFrame(self._collect(), columns=columns)


def _plain(value: Any) -> Any:
    """Spark's Row values as DuckDB's Python values (lists for arrays, floats for decimals)."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "asDict"):
        return {k: _plain(v) for k, v in value.asDict().items()}
    return value


class SparkLake:
    """The lake's tables as Spark temporary views; `execute` runs a DuckDB-dialect model."""

    def __init__(self, lake: str | os.PathLike) -> None:
        self.root = Path(lake)
        self.manifest = read_manifest(self.root)
        # a session of its own (the same Spark context): its views are this lake's tables,
        # whatever other lakes are open in the process
        self.spark = session().newSession()
        for table, by_month in TABLES.items():
            if table not in self.manifest["tables"]:
                continue
            schema = spark_schema(self.root / SCHEMAS / f"{table}.parquet")
            if self.manifest["tables"][table]["rows"]:
                frame = self.spark.read.schema(schema).parquet(str(self.root / table))
                if by_month and PARTITION in frame.columns:
                    frame = frame.drop(PARTITION)
            else:
                frame = self.spark.createDataFrame([], schema)
            frame.createOrReplaceTempView(table)

    def execute(self, sql: str, params: Any = None) -> SparkResult:
        if isinstance(params, (list, tuple)):
            # positional `?` markers
            text = to_spark(sql)
            args: Any = [spark_value(v) for v in params]
        else:
            params = params or {}
            text = to_spark(sql, params)
            args = {k: spark_value(v) for k, v in params.items()}
        return SparkResult(self.spark.sql(text, args=args or None))

    def run_model(self, name: str, sql: str, params: dict[str, Any]) -> SparkResult:
        """sqlfiles.execute's call: the model NAME translated, or its override's own text."""
        if name in OVERRIDES:
            text = sqlfiles.render(sqlfiles.load(f"spark/{name}"), params)
            args = {k: spark_value(params[k]) for k in set(_MARKER.findall(text))}
            return SparkResult(self.spark.sql(text, args=args or None))
        return self.execute(sql, params)

    def write_partitions(self, sql: str, params: dict[str, Any], folder: Path, schema_file: Path,
                         *, by_month: bool) -> dict[str, int]:
        """As DuckLake.write_partitions, written by Spark's executors (files part-*.parquet)."""
        from pyspark.sql import functions as F

        schema = spark_schema(schema_file)
        used = {k: params[k] for k in sqlfiles.params_used(sql)}
        frame = self.execute(sql, used).frame
        frame = frame.select(
            *[F.col(f.name).cast(f.dataType) for f in schema.fields], F.col(PARTITION)
        ).cache()
        try:
            counts = {r[PARTITION]: r["count"] for r in frame.groupBy(PARTITION).count().collect()}
            if by_month:
                frame.write.mode("overwrite").partitionBy(PARTITION).parquet(str(folder))
            else:
                frame.drop(PARTITION).coalesce(1).write.mode("overwrite").parquet(str(folder))
        finally:
            frame.unpersist()
        return counts or ({} if by_month else {"": 0})

    def cursor(self) -> SparkLake:
        return self

    def close(self) -> None:
        """Nothing to release per request: the session outlives it (stop() ends it)."""
