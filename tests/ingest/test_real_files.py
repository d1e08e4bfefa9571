"""The real public exports load through their profiles with exact counts, exactly once."""

from __future__ import annotations

import csv

import pytest

from pipelines.errors import IngestError
from pipelines.ingest import ingest_file

CASES = [
    ("complaints", "cfpb_complaints_sample.csv", "cfpb", None, "complaints", 2),
    ("crm", "telco_customers_crm.csv", "telco", None, "customers", 0),
    ("survey", "airline_satisfaction_survey.csv", "airline", "2025-06-30", "survey_responses", 0),
]


def csv_rows(path, skip_lines: int) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        for _ in range(skip_lines):
            fh.readline()
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(("kind", "name", "profile", "as_of", "table", "junk"), CASES)
def test_real_file_counts_and_reload(real_data, tmp_db, query, kind, name, profile, as_of, table, junk):
    rows = csv_rows(real_data / name, junk)
    first = ingest_file(kind, real_data / name, db=tmp_db, profile=profile, as_of=as_of)
    assert (first.rows_read, first.rows_loaded, first.rows_rejected) == (len(rows), len(rows), 0)
    assert query(tmp_db, "select count(*) from query_table(?)", [table])[0][0] == len(rows)
    again = ingest_file(kind, real_data / name, db=tmp_db, profile=profile, as_of=as_of)
    assert (again.rows_loaded, again.rows_updated, again.rows_duplicate) == (0, 0, len(rows))
    assert query(tmp_db, "select count(*) from query_table(?)", [table])[0][0] == len(rows)


def test_cfpb_mapping(real_data, tmp_db, query):
    rows = csv_rows(real_data / "cfpb_complaints_sample.csv", 2)
    ingest_file("complaints", real_data / "cfpb_complaints_sample.csv", db=tmp_db, profile="cfpb")
    sample = rows[1]
    got = query(tmp_db, "select channel, region, category, created_at::date::varchar, "
                "json_extract_string(extra, '$.\"Timely response?\"') from complaints where ticket_id = ?",
                [sample["Complaint ID"]])[0]
    assert got == (sample["Submitted via"], sample["State"], sample["Product"], sample["Date received"],
                   sample["Timely response?"])
    channels = {r["Submitted via"] for r in rows}
    assert {r[0] for r in query(tmp_db, "select distinct channel from complaints")} == channels


def test_airline_ratings_skip_not_applicable(real_data, tmp_db, query):
    rows = csv_rows(real_data / "airline_satisfaction_survey.csv", 0)
    touchpoints = ["Inflight wifi service", "Departure/Arrival time convenient", "Ease of Online booking",
                   "Gate location", "Food and drink", "Online boarding", "Seat comfort", "Inflight entertainment",
                   "On-board service", "Leg room service", "Baggage handling", "Checkin service",
                   "Inflight service", "Cleanliness"]
    expected = sum(1 for r in rows for t in touchpoints if r[t] not in ("", "0"))
    ingest_file("survey", real_data / "airline_satisfaction_survey.csv", db=tmp_db, profile="airline",
                as_of="2025-06-30")
    assert query(tmp_db, "select count(*), min(rating), max(rating) from survey_ratings")[0] == (expected, 1, 5)
    labels = {r["satisfaction"] for r in rows}
    assert {r[0] for r in query(tmp_db, "select distinct label from survey_responses")} == labels


def test_airline_without_as_of_is_refused(real_data, tmp_db, query):
    with pytest.raises(IngestError, match="--as-of"):
        ingest_file("survey", real_data / "airline_satisfaction_survey.csv", db=tmp_db, profile="airline")
    assert not tmp_db.exists() or query(tmp_db, "select count(*) from batches")[0][0] == 0


def test_telco_blank_total_charges_stay_missing(real_data, tmp_db, query):
    rows = csv_rows(real_data / "telco_customers_crm.csv", 0)
    blank = sum(1 for r in rows if not r["TotalCharges"].strip())
    churned = sum(1 for r in rows if r["Churn"] == "Yes")
    ingest_file("crm", real_data / "telco_customers_crm.csv", db=tmp_db, profile="telco")
    assert query(tmp_db, "select count(*) from customers where lifetime_value is null "
                 "and list_contains(missing, 'lifetime_value')")[0][0] == blank == 11
    assert query(tmp_db, "select count(*) from customers where status = 'churned'")[0][0] == churned
