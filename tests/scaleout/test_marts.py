"""`marts build` on DuckDB and Spark, and the app serving from marts (CXRISK_MARTS)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from warehouse.__main__ import main as cli
from warehouse.access import auth
from warehouse.access.scope import SYSTEM, Filters
from warehouse.engines.marts import DERIVED, build
from warehouse.kpi import metrics
from warehouse.lake.layout import read_manifest
from warehouse.storage.db import connect
from warehouse.storage.readers import close_cached_readers

from .parity import differences

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
QUARTER = Filters(start=date(2026, 1, 1), end=date(2026, 3, 31))
# the columns of each derived table, in the warehouse's order
COLUMNS = {
    "complaint_repeats": ("ticket_id", "created_at", "previous_at", "customer_id", "channel",
                          "region", "touchpoint", "category", "severity"),
    "filter_values": ("source", "field", "value", "channel", "region"),
    "data_facts": ("name", "flag"),
}


def _marts_rows(marts: Path, table: str) -> list[dict]:
    files = sorted(str(p) for p in (marts / table).rglob("*.parquet"))
    if not files:
        return []
    rel = duckdb.read_parquet(files).select(*COLUMNS[table])
    return [dict(zip(COLUMNS[table], row)) for row in rel.fetchall()]


def _stored_rows(db: Path, table: str) -> list[dict]:
    with connect(db) as con:
        rel = con.table(table).select(*COLUMNS[table])
        return [dict(zip(COLUMNS[table], row)) for row in rel.fetchall()]


@pytest.fixture(scope="module")
def duck_marts(demo_lake, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("marts") / "duckdb"
    build(demo_lake, out, engine="duckdb")
    return out


@pytest.mark.parametrize("table", DERIVED)
def test_marts_work_out_what_the_loads_keep(table, duck_marts, demo_db_master):
    """The derive models give the rows the loads maintain incrementally in the warehouse."""
    stored = _stored_rows(demo_db_master, table)
    assert stored, "the demo has rows to compare"
    assert differences(stored, _marts_rows(duck_marts, table)) == []


def test_marts_manifest(duck_marts, demo_lake):
    manifest = read_manifest(duck_marts)
    lake = read_manifest(demo_lake)
    assert manifest["kind"] == "marts" and manifest["lake_data_version"] == lake["data_version"]
    assert manifest["tables"]["complaints"] == lake["tables"]["complaints"]
    assert "viewers" not in manifest["tables"]  # accounts stay in the warehouse


def test_the_app_reads_facts_from_the_marts_and_accounts_from_the_warehouse(
    duck_marts, demo_db, monkeypatch, tmp_path
):
    before = metrics.kpi_values(filters=QUARTER, viewer=SYSTEM, db=demo_db)
    with connect(demo_db, write=True) as con:
        con.execute("delete from complaints")
    auth.add_user("head", "dept_head", password="a long test password 1", channels=("app",),
                  db=demo_db, by="test")
    close_cached_readers()
    monkeypatch.setenv("CXRISK_MARTS", str(duck_marts))
    served = metrics.kpi_values(filters=QUARTER, viewer=SYSTEM, db=demo_db)
    assert served["complaints"] == before["complaints"] > 0  # the marts, not the emptied file
    assert differences([before], [served]) == []
    assert auth.load_viewer("head", demo_db).channels == ("app",)  # from the warehouse file
    monkeypatch.delenv("CXRISK_MARTS")
    close_cached_readers()
    # the file again: no complaints loaded, so no count (not 0)
    assert metrics.kpi_values(filters=QUARTER, viewer=SYSTEM, db=demo_db)["complaints"] is None


def test_pages_open_on_marts(duck_marts, demo_db, monkeypatch):
    monkeypatch.setenv("CXRISK_DB", str(demo_db))
    monkeypatch.setenv("CXRISK_MARTS", str(duck_marts))
    viewer = auth.add_user("admin_user", "admin", password="a long test password 1", db=demo_db,
                           by="test")
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.session_state["auth.viewer"] = viewer
    at.session_state["auth.last_seen"] = time.time()
    at.session_state["auth.checked_at"] = time.time()
    at.session_state["lang"] = "en"
    at.run()
    for page in ("complaints", "customers"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert len(at.dataframe) >= 1, page


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_marts_built_on_spark_equal_duckdb(spark, demo_lake, duck_marts, tmp_path):
    out = tmp_path / "spark"
    manifest = build(demo_lake, out, engine="spark")
    assert manifest["tables"] == read_manifest(duck_marts)["tables"]
    for table in DERIVED:
        assert differences(_marts_rows(duck_marts, table), _marts_rows(out, table)) == [], table


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_kpis_command_on_spark_prints_the_json_of_duckdb(spark, demo_lake, demo_db_master, capsys):
    """What a new user runs: the same JSON from the warehouse file and from the lake on Spark."""
    window = ["--start", "2026-01-01", "--end", "2026-03-31", "--channel", "App", "--json"]
    assert cli(["kpis", "--db", str(demo_db_master), *window]) == 0
    expected = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert cli(["kpis", "--engine", "spark", "--lake", str(demo_lake), *window]) == 0
    got = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert differences([expected], [got]) == []
    assert got["complaints"] == expected["complaints"] > 0
