"""Lakes of the golden warehouse and the demo year, and one Spark session for the whole run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_ENGINE_CONFTEST = Path(__file__).resolve().parent.parent / "engine" / "conftest.py"


def _build_golden(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("golden_fixture", _ENGINE_CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_golden(path)


@pytest.fixture(scope="session")
def golden_warehouse(tmp_path_factory) -> Path:
    """The hand-checked golden rows (tests/fixtures/engine) in a warehouse; do not write to it."""
    return _build_golden(tmp_path_factory.mktemp("scaleout-golden") / "golden.duckdb")


@pytest.fixture(scope="session")
def golden_lake(golden_warehouse, tmp_path_factory) -> Path:
    from warehouse.lake.export import export

    lake = tmp_path_factory.mktemp("golden-lake") / "lake"
    export(lake, db=golden_warehouse)
    return lake


@pytest.fixture(scope="session")
def demo_lake(demo_db_master, tmp_path_factory) -> Path:
    from warehouse.lake.export import export

    lake = tmp_path_factory.mktemp("demo-lake") / "lake"
    export(lake, db=demo_db_master)
    return lake


@pytest.fixture(scope="session")
def spark():
    """Spark local[2], started once per test session (about half a minute) and stopped after."""
    from warehouse.engines import spark as engine

    # The fixtures are a few thousand rows: compiling each plan to Java byte code took longer
    # than running it interpreted (the KPI path 35 s instead of 70 s on a busy machine).
    session = engine.session(**{"spark.sql.codegen.wholeStage": "false"})
    yield session
    engine.stop()
