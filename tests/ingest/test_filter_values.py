"""filter_values and data_facts, kept by every load and undo, against the files themselves.

The filter lists a viewer gets are worked out here with the csv module from the rows that were
loaded: each column's values, trimmed, one per value case-insensitively, only from rows inside
a department head's regions.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipelines.ingest import ingest_file, undo_batch
from warehouse.access.scope import SYSTEM, Viewer
from warehouse.kpi import catalog

COMPLAINTS = [
    ["ticket_id", "created_at", "customer_id", "channel", "region", "touchpoint", "category",
     "severity"],
    ["T1", "2025-06-01 09:00", "C1", "App", "North", "delivery", "Refund", "high"],
    ["T2", "2025-06-02 09:00", "C2", " app ", "South", "Delivery", "refund", "Low"],
    ["T3", "2025-06-03 09:00", "C3", "Web", "South", "payment", "Rude staff", ""],
    ["T4", "2025-06-04 09:00", "C4", "Phone", "East", "hotline", "Billing", "urgent"],
]
SURVEY = [
    ["response_id", "submitted_at", "channel", "region", "touchpoint", "segment", "nps"],
    ["S1", "2025-06-01 10:00", "Store", "West", "checkout", "VIP", "9"],
    ["S2", "2025-06-02 10:00", "App", "South", "app", "new", "3"],
]
FIELDS = {"channels": "channel", "regions": "region", "touchpoints": "touchpoint",
          "segments": "segment", "categories": "category", "severities": "severity"}


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _expected(*files: Path, regions: set[str] | None = None) -> dict[str, set[str]]:
    """Per filter, the lower-cased values of the files' rows (inside `regions` when given)."""
    found: dict[str, set[str]] = {field: set() for field in FIELDS}
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if regions is not None and row["region"].strip().lower() not in regions:
                    continue
                for field, column in FIELDS.items():
                    value = (row.get(column) or "").strip()
                    if value:
                        found[field].add(value.lower())
    return found


def _offered(db: Path, viewer=SYSTEM) -> dict[str, set[str]]:
    options = catalog.filter_options(viewer=viewer, db=db)
    return {field: {v.lower() for v in values} for field, values in options.items()}


def test_filter_lists_follow_loads_and_undo(tmp_path, tmp_db):
    complaints = _write(tmp_path / "complaints.csv", COMPLAINTS)
    survey = _write(tmp_path / "survey.csv", SURVEY)
    first = ingest_file("complaints", complaints, db=tmp_db)
    assert _offered(tmp_db) == _expected(complaints)
    ingest_file("survey", survey, db=tmp_db)
    assert _offered(tmp_db) == _expected(complaints, survey)
    # one entry per value, as written: " app " and "App" are one channel
    channels = catalog.filter_options(viewer=SYSTEM, db=tmp_db)["channels"]
    assert sorted(v.lower() for v in channels) == sorted({v.lower() for v in channels})
    undo_batch(first.batch_id, db=tmp_db)
    assert _offered(tmp_db) == _expected(survey)


def test_department_head_sees_only_values_of_their_regions(tmp_path, tmp_db):
    complaints = _write(tmp_path / "complaints.csv", COMPLAINTS)
    survey = _write(tmp_path / "survey.csv", SURVEY)
    ingest_file("complaints", complaints, db=tmp_db)
    ingest_file("survey", survey, db=tmp_db)
    south = Viewer("south_head", "dept_head", regions=("south",))
    offered = _offered(tmp_db, south)
    assert offered == _expected(complaints, survey, regions={"south"})
    assert "hotline" not in offered["touchpoints"] and "billing" not in offered["categories"]


def test_wide_survey_ratings_are_remembered(tmp_path, tmp_db):
    from warehouse.storage import sqlfiles
    from warehouse.storage.db import connect

    def wide() -> bool:
        with connect(tmp_db) as con:
            return sqlfiles.one(con, "marts/wide_ratings.sql")["wide_ratings"]

    ingest_file("survey", _write(tmp_path / "survey.csv", SURVEY), db=tmp_db)
    assert wide() is False
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
    profile = {"name": "wide", "kind": "survey", "ratings": ["Online boarding", "Baggage handling"],
               "zero_is_na": True}
    batch = ingest_file("survey", fixtures / "survey_wide.csv", db=tmp_db, profile=profile,
                        as_of="2025-03-01")
    assert wide() is True
    undo_batch(batch.batch_id, db=tmp_db)
    assert wide() is False
