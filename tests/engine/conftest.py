"""The golden warehouse: hand-checked CSV rows under tests/fixtures/engine inserted with SQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from warehouse.storage import derived
from warehouse.storage.db import connect

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "engine"
TABLES = ("customers", "survey_responses", "survey_ratings", "complaints", "benchmarks")


def _frame(table: str) -> pd.DataFrame:
    frame = pd.read_csv(GOLDEN / f"{table}.csv", dtype=str, keep_default_na=False)
    frame = frame.replace({"": None})
    frame["batch_id"] = 1
    if table == "survey_responses":
        csat = pd.to_numeric(frame["csat"])
        scale = pd.to_numeric(frame["csat_scale"])
        frame["csat_10"] = csat.where(scale == 10, csat * 2)
    if table == "survey_ratings":
        rating = pd.to_numeric(frame["rating"])
        frame["rating_10"] = rating.where(pd.to_numeric(frame["scale"]) == 10, rating * 2)
    if table == "benchmarks":
        frame["touchpoint"] = frame["touchpoint"].fillna("")
    if table != "survey_ratings":
        frame["first_batch_id"] = 1
    return frame


def build_golden(path: Path) -> Path:
    """Insert the golden rows into a fresh warehouse at PATH (columns matched by name)."""
    with connect(path, write=True) as con:
        con.execute(
            "insert into batches (batch_id, kind, file_name, status, started_at, finished_at) "
            "values (1, 'golden', 'tests/fixtures/engine', 'loaded', "
            "timestamp '2025-07-01 00:00', timestamp '2025-07-01 00:01')"
        )
        for table in TABLES:
            columns = [
                row[0]
                for row in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
            ]
            frame = _frame(table).reindex(columns=columns)
            if "outlier" in columns:
                frame["outlier"] = False
            con.from_df(frame.astype(object).where(frame.notna(), None)).insert_into(table)
        derived.refresh_all(con)  # what a load does for the tickets it writes
    return path


@pytest.fixture(scope="session")
def golden_master(tmp_path_factory) -> Path:
    return build_golden(tmp_path_factory.mktemp("golden") / "golden.duckdb")


@pytest.fixture
def golden_db(golden_master: Path, private_copy) -> Path:
    """A private copy of the golden warehouse a test may change."""
    return private_copy(golden_master)


def build_rows(path: Path, **tables: list[dict]) -> Path:
    """A fresh warehouse at PATH holding the rows a test spells out (table -> list of dicts;
    columns not given are null), as a load would leave them (derived tables refreshed)."""
    with connect(path, write=True) as con:
        con.execute(
            "insert into batches (batch_id, kind, file_name, status, started_at, finished_at) "
            "values (1, 'test', 'rows', 'loaded', timestamp '2025-07-01 00:00', "
            "timestamp '2025-07-01 00:01')"
        )
        for table, rows in tables.items():
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position", [table]).fetchall()]
            frame = pd.DataFrame(rows).reindex(columns=columns)
            frame["batch_id"] = 1
            if "first_batch_id" in columns:
                frame["first_batch_id"] = 1
            if "outlier" in columns:
                frame["outlier"] = False
            con.from_df(frame.astype(object).where(frame.notna(), None)).insert_into(table)
        derived.refresh_all(con)
    return path


@pytest.fixture
def rows_db(tmp_path):
    """rows_db(**tables) -> a warehouse holding just those rows."""
    return lambda **tables: build_rows(tmp_path / "rows.duckdb", **tables)
