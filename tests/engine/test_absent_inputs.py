"""No load of any fixture makes a KPI non-null where its inputs are absent: each fixture file is
loaded into its own warehouse, then random date windows are checked against the raw rows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.errors import IngestError
from pipelines.ingest import ingest_file
from warehouse.access.scope import SYSTEM, Filters
from warehouse.kpi import metrics

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".csv", ".tsv", ".xlsx"))


def _kind(path: Path) -> str:
    name = path.stem
    for prefix, kind in (("survey", "survey"), ("benchmarks", "benchmarks"), ("ops", "ops"),
                         ("crm", "crm")):
        if name.startswith(prefix):
            return kind
    return "complaints"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict[str, Path]:
    """fixture name -> a warehouse holding what its load left (nothing when it was refused)."""
    out = {}
    for path in FILES:
        db = tmp_path_factory.mktemp("absent") / f"{path.stem}.duckdb"
        try:
            ingest_file(_kind(path), path, db=db)
        except IngestError:
            pass  # refused: the warehouse holds nothing, so every KPI must be null
        out[path.name] = db
    return out


# Each KPI and the rows that would be its inputs, counted straight from the tables.
INPUTS = {
    "nps": "select count(*) from survey_responses where nps is not null and {survey}",
    "ces": "select count(*) from survey_responses where ces is not null and {survey}",
    "csat_pct": "select (select count(*) from survey_responses where csat is not null and {survey})"
                " + (select count(*) from survey_ratings t join survey_responses r"
                " using (response_id) where {survey_r})",
    "frt_median_minutes": "select count(*) from complaints where first_response_at is not null"
                          " and {tickets}",
    "fcr_pct": "select count(*) from complaints where (first_response_at is not null"
               " or resolved_at is not null) and {tickets}",
}


def _window(column: str) -> str:
    # column names are this file's constants; the days are bound parameters
    return f"($start is null or {column} >= $start) and ($end is null or {column} < $end)"


def _count(db: Path, sql: str, start: date | None, end: date | None) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        text = sql.format(survey=_window("submitted_at"), survey_r=_window("r.submitted_at"),
                          tickets=_window("created_at"))
        after = end + timedelta(days=1) if end else None
        return con.execute(text, {"start": start, "end": after}).fetchone()[0]
    finally:
        con.close()


def _no_rows(db: Path, table: str) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from query_table(?)", [table]).fetchone()[0] == 0
    finally:
        con.close()


days = st.integers(0, 3000).map(lambda d: date(2018, 1, 1) + timedelta(days=d))


@pytest.mark.slow  # loads every fixture file once (minutes on a busy machine)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from([p.name for p in FILES]), start=st.one_of(st.none(), days),
       length=st.one_of(st.none(), st.integers(0, 400)))
def test_no_kpi_without_its_inputs(loaded, name, start, length):
    db = loaded[name]
    end = start + timedelta(days=length) if start and length is not None else None
    values = metrics.kpi_values(filters=Filters(start=start, end=end), viewer=SYSTEM, db=db)
    for key, sql in INPUTS.items():
        if _count(db, sql, start, end) == 0:
            assert values[key] is None, (name, key, start, end, values[key])
    # the composite index needs survey data; the complaint rate needs tickets and a denominator
    if all(_count(db, INPUTS[k], start, end) == 0 for k in ("nps", "ces", "csat_pct")):
        assert values["csi"] is None, (name, start, end)
    if _no_rows(db, "complaints") or (_no_rows(db, "customers") and _no_rows(db, "ops_metrics")):
        assert values["complaint_rate_per_1000"] is None, (name, start, end)
        if _no_rows(db, "complaints"):
            assert values["complaints"] is None, (name, start, end)
    if _no_rows(db, "survey_responses"):
        assert values["responses"] is None, (name, start, end)
