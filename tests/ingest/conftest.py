"""Fixtures of the ingestion tests: fixture files, a warehouse per test, rejects in tmp."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture(autouse=True)
def _rejects_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CXRISK_REJECTS_DIR", str(tmp_path / "rejects"))


@pytest.fixture
def fixture_file():
    return lambda name: FIXTURES / name


def query(db, sql: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


SNAPSHOT_TABLES = ("batches", "rejects", "batch_history", "customers", "survey_responses", "survey_ratings",
                   "complaints", "benchmarks", "ops_metrics", "audit_log")


def snapshot(db) -> dict:
    """Row count and content digest of every table a load may touch."""
    out = {}
    for table in SNAPSHOT_TABLES:
        rows = query(db, "select count(*), coalesce(sum(hash(t)), 0) from query_table(?) as t", [table])
        out[table] = rows[0]
    return out


@pytest.fixture(name="query")
def _query_fixture():
    return query


@pytest.fixture(name="snapshot")
def _snapshot_fixture():
    return snapshot
