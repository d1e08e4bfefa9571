"""Metrics on the real public exports equal an independent count over the raw files."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest

from warehouse.access.scope import SYSTEM, Filters
from warehouse.kpi import catalog, metrics

AIRLINE_AS_OF = date(2025, 1, 15)


@pytest.fixture(scope="module")
def real_db(real_data, tmp_path_factory):
    from pipelines.ingest import ingest_file

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    survey = ingest_file("survey", real_data / "airline_satisfaction_survey.csv", db=path,
                         profile="airline", as_of=AIRLINE_AS_OF)
    tickets = ingest_file("complaints", real_data / "cfpb_complaints_sample.csv", db=path,
                          profile="cfpb")
    assert (survey.rows_loaded, survey.rows_rejected) == (25_976, 0)
    assert (tickets.rows_loaded, tickets.rows_rejected) == (6_623, 0)
    return path


def _airline_rows(real_data):
    with open(real_data / "airline_satisfaction_survey.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _cfpb_rows(real_data):
    text = (real_data / "cfpb_complaints_sample.csv").read_text(encoding="utf-8")
    # The export starts with two lines of unzip output before the header.
    start = text.index("Date received,")
    return list(csv.DictReader(io.StringIO(text[start:], newline="")))


def test_airline_csat_per_touchpoint(real_db, real_data):
    rows = _airline_rows(real_data)
    touchpoints = [c for c in rows[0] if c not in {"", "id", "Gender", "Customer Type", "Age",
                   "Type of Travel", "Class", "Flight Distance", "Departure Delay in Minutes",
                   "Arrival Delay in Minutes", "satisfaction"}]
    assert len(touchpoints) == 14
    expected = {}
    for column in touchpoints:
        # 0 means "not applicable", not a score.
        scores = [int(r[column]) for r in rows if r[column] not in ("", "0")]
        expected[column.lower()] = (100.0 * sum(s >= 4 for s in scores) / len(scores), len(scores))
    cells = metrics.touchpoint_matrix("csat_pct", by="channel", filters=Filters(), viewer=SYSTEM,
                                      db=real_db)
    found = {t.lower(): (v, n) for t, v, n in zip(cells["touchpoint"], cells["value"], cells["n"])}
    assert set(found) == set(expected)
    for touchpoint, (value, n) in expected.items():
        assert found[touchpoint][1] == n, touchpoint
        assert found[touchpoint][0] == pytest.approx(value), touchpoint
    # The whole survey: every applicable rating counts once.
    total = metrics.kpi_values(filters=Filters(), viewer=SYSTEM, db=real_db)
    assert total["responses"] == len(rows)
    top = sum(round(v * n / 100) for v, n in expected.values())
    assert total["csat_pct"] == pytest.approx(100.0 * top / sum(n for _, n in expected.values()))


def test_cfpb_counts_by_channel(real_db, real_data):
    expected = Counter(r["Submitted via"] for r in _cfpb_rows(real_data))
    cells = metrics.touchpoint_matrix("complaints", by="channel", filters=Filters(),
                                      viewer=SYSTEM, db=real_db)
    found = Counter()
    for col, n in zip(cells["col"], cells["n"]):
        found[col] += int(n)
    assert found == expected
    for channel, count in expected.items():
        assert metrics.kpi_values(filters=Filters(channel=(channel,)), viewer=SYSTEM,
                                  db=real_db)["complaints"] == count


def test_cfpb_counts_by_region_and_year(real_db, real_data):
    expected = Counter((r["State"], r["Date received"][:4]) for r in _cfpb_rows(real_data))
    regions = catalog.filter_options(viewer=SYSTEM, db=real_db)["regions"]
    assert set(regions) == {state for state, _ in expected if state}
    found = Counter()
    for region in regions:
        series = metrics.metric_series("complaints", grain="year", filters=Filters(region=(region,)),
                                       viewer=SYSTEM, db=real_db)
        for period, value in zip(series["period"], series["value"]):
            found[(region, str(period.year))] = int(value)
    assert found == {k: v for k, v in expected.items() if k[0]}
    yearly = metrics.metric_series("complaints", grain="year", filters=Filters(), viewer=SYSTEM,
                                   db=real_db)
    by_year = Counter()
    for (_, year), n in expected.items():
        by_year[year] += n
    assert {str(p.year): int(v) for p, v in zip(yearly["period"], yearly["value"])} == by_year
