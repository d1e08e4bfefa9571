"""Every whole model plans on an empty warehouse in every combination of its -- @when blocks;
every part says what it provides and needs; `warehouse sql render` prints what would run."""

from __future__ import annotations

import itertools
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.access.scope import SYSTEM, Filters
from warehouse.access.sidecar import SCHEMA as SIDECAR_SCHEMA
from warehouse.engines.lake import DuckLake
from warehouse.kpi.metrics import params
from warehouse.lake.export import export
from warehouse.storage import sqlfiles
from warehouse.storage.db import ensure_warehouse

ROOT = Path(__file__).resolve().parents[2]
# Values for parameters that only some models take and that must have a type to plan.
EXTRA = {
    "limit": 10, "pattern": "%x%", "blank_col": False, "blank_touchpoint": False,
    "aov_drop_pct": 30.0, "baseline_min": 3, "inactive_days": 90, "sigma": 2.0,
    "tier_high": 1000.0, "tier_low": 100.0, "high_value": 1000.0, "item_type": "touchpoint",
    "max_texts": 100, "batch_id": 1, "today": datetime(2026, 1, 1).date(),
}
# Models that read what another model makes first: the view an export's lake/<table>.sql creates.
FIRST = {"lake/rows.sql": "lake/complaints.sql", "lake/signatures.sql": "lake/complaints.sql"}
# Models not planned on the warehouse file, and where they are planned instead.
ELSEWHERE = {
    "access/sidecar/": "the SQLite sidecar: test_sidecar_models_plan_on_sqlite",
    "lake/viewer.sql": "a lake's accounts view: test_lake_viewer_plans_on_an_exported_lake",
    "lake/attach_warehouse.sql": "an ATTACH, not a query: run by tests/scaleout/test_marts.py",
}


def _all_models() -> list[str]:
    return sorted(
        str(p.relative_to(sqlfiles.SQL_DIR)) for p in sqlfiles.SQL_DIR.rglob("*.sql")
        if p.relative_to(sqlfiles.SQL_DIR).parts[0] != "parts"
    )


def _models() -> list[str]:
    return [m for m in _all_models() if not any(m.startswith(k) for k in ELSEWHERE)]


def _variants(name: str, base: dict) -> list[dict]:
    """One set of values per combination of the model's conditions (lists: one value or none)."""
    conditions = sqlfiles.conditions(sqlfiles.load(name))
    found = []
    for combo in itertools.product([False, True], repeat=len(conditions)):
        values = {**EXTRA, **base}
        for condition, on in zip(conditions, combo):
            values[condition] = (["x"] if on else []) if isinstance(base.get(condition), list) else on
        found.append(values)
    return found


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("sql") / "empty.duckdb"
    ensure_warehouse(path)
    con = duckdb.connect(str(path))
    sqlfiles.execute(con, "derived/touch_start.sql")  # the loads' temp table the derived models read
    yield con
    con.close()


def test_there_are_models_with_conditions():
    assert len(_models()) > 80
    assert sum(bool(sqlfiles.conditions(sqlfiles.load(m))) for m in _models()) > 30


@pytest.mark.parametrize("name", _models())
def test_every_variant_of_every_model_plans(name, empty_warehouse):
    base = params(Filters(), SYSTEM, with_complaints=True, every_ticket=False)
    base.update(as_of=datetime(2026, 1, 1), wide_ratings=True)
    if name in FIRST:
        sqlfiles.execute(empty_warehouse, FIRST[name])
    for values in _variants(name, base):
        sql = sqlfiles.render(sqlfiles.load(name), values)
        # Values a write or a lookup takes (names, times, JSON) plan as nulls of any type.
        used = sqlfiles.params_used(sql)
        empty_warehouse.execute("explain " + sql, {k: values.get(k) for k in used})


def test_sidecar_models_plan_on_sqlite():
    names = [m for m in _all_models() if m.startswith("access/sidecar/")]
    assert len(names) > 10
    con = sqlite3.connect(":memory:")
    con.executescript(sqlfiles.load(SIDECAR_SCHEMA))
    for name in names:
        if name != SIDECAR_SCHEMA:
            sql = sqlfiles.load(name)
            con.execute("explain " + sql, {k: None for k in sqlfiles.params_used(sql)})


def test_lake_viewer_plans_on_an_exported_lake(tmp_path):
    db = tmp_path / "empty.duckdb"
    ensure_warehouse(db)
    export(tmp_path / "lake", db=db)
    lake = DuckLake(tmp_path / "lake")
    try:
        assert lake.execute("explain " + sqlfiles.load("lake/viewer.sql"), {"name": "x"}).fetchall()
    finally:
        lake.close()


def test_models_not_planned_here_exist():
    """Each exception above names models that exist (a rename does not leave one unplanned)."""
    for key in ELSEWHERE:
        assert any(m.startswith(key) for m in _all_models()), key


def test_every_part_says_what_it_provides_and_needs():
    parts = sorted((sqlfiles.SQL_DIR / "parts").rglob("*.sql"))
    assert len(parts) >= 20
    bad = []
    for part in parts:
        head = part.read_text(encoding="utf-8").splitlines()[:2]
        if not (head[0].startswith("-- provides: ") and head[1].startswith("-- needs: ")):
            bad.append(str(part.relative_to(sqlfiles.SQL_DIR)))
    assert not bad, f"start these with '-- provides: …' and '-- needs: …' lines: {bad}"


def test_parts_are_only_included_and_models_never():
    """A part is never run by name; a whole model is never pasted into another."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "warehouse").rglob("*.py"))
    for part in (sqlfiles.SQL_DIR / "parts").rglob("*.sql"):
        assert f'"{part.relative_to(sqlfiles.SQL_DIR)}"' not in code
    included = {m for p in sqlfiles.SQL_DIR.rglob("*.sql")
                for m in re.findall(r"@include\s+(\S+)", p.read_text(encoding="utf-8"))}
    assert included and all(name.startswith("parts/") for name in included), included


def test_render_command_prints_the_expanded_model():
    out = subprocess.run(
        [sys.executable, "-m", "warehouse", "sql", "render", "metrics/rating_series.sql",
         "--param", "scoped=true"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout
    directives = [line for line in out.splitlines()
                  if re.match(r"\s*--\s*@(include|when|end)\b", line)]
    assert not directives, directives
    assert "scoped_responses as not materialized" in out  # the included part is pasted in
    assert "len($scope_channels) + len($scope_regions) > 0" in out  # the scoped block is kept
    assert "scoped=True" in out.splitlines()[0]
