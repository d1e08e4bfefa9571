"""The golden warehouse: hand-checked CSV rows under tests/fixtures/engine inserted with SQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.warehouses import build, one_batch

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "engine"
TABLES = ("customers", "survey_responses", "survey_ratings", "complaints", "benchmarks")


def _frame(table: str) -> pd.DataFrame:
    frame = pd.read_csv(GOLDEN / f"{table}.csv", dtype=str, keep_default_na=False)
    frame = frame.replace({"": None})
    if table == "survey_responses":
        csat = pd.to_numeric(frame["csat"])
        scale = pd.to_numeric(frame["csat_scale"])
        frame["csat_10"] = csat.where(scale == 10, csat * 2)
    if table == "survey_ratings":
        rating = pd.to_numeric(frame["rating"])
        frame["rating_10"] = rating.where(pd.to_numeric(frame["scale"]) == 10, rating * 2)
    if table == "benchmarks":
        frame["touchpoint"] = frame["touchpoint"].fillna("")
    return frame


def build_golden(path: Path) -> Path:
    """Insert the golden rows into a fresh warehouse at PATH (columns matched by name)."""
    return build(path, statements=[one_batch("golden", "tests/fixtures/engine")],
                 tables=[(table, _frame(table), 1) for table in TABLES])


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
    return build(path, statements=[one_batch("test", "rows")],
                 tables=[(table, pd.DataFrame(rows), 1) for table, rows in tables.items()])


@pytest.fixture
def rows_db(tmp_path):
    """rows_db(**tables) -> a warehouse holding just those rows."""
    return lambda **tables: build_rows(tmp_path / "rows.duckdb", **tables)
