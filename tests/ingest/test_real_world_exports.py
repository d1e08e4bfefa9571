"""Real exports never give silent wrong numbers: one fixture per class, figures computed by hand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipelines import readers
from pipelines.errors import IngestError
from pipelines.ingest import ingest_file, preview, staging_dir
from warehouse.api import kpis

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
ROOT = Path(__file__).resolve().parents[2]
MARCH = {"start": "2025-03-01", "end": "2025-03-31"}


def test_helpdesk_placeholders_and_unsolved_tickets(tmp_db, query):
    # 8 tickets (local times; every duration is a difference, so the zone does not matter):
    # solved H1 2 h, H2 24 h, H6 2 h, H7 48 h; H3/H4/H8 carry placeholders for "not yet", H5 is
    # on hold with a resolution time that does not count. Hand-computed over solved tickets:
    # resolution median of [2, 2, 24, 48] = 13 h, p90 = 24 + 0.7 * 24 = 40.8 h; resolution SLA
    # (24 h): met H1 H2 H6, breached H7 and the four open ones past 24 h at 03-08 09:00 = 3/8;
    # first contact (resolved within 24 h): H1 H2 H6 = 3/8; first response (2 h): met H1 H2 H4 H5
    # H6 (contact = its resolution, 2 h) H7, breached H3 H8 = 6/8; answer times 30 10 20 5 15 min
    # -> median 15, p90 20 + 0.6 * 10 = 26; repeats: only H7 (C2 delivery again; C1's '-' tickets
    # are "unknown" and never match) = 1/8.
    result = ingest_file("complaints", EXPORTS / "helpdesk_tickets.csv", db=tmp_db)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (8, 8, 0)
    assert any("placeholder" in w for w in result.warnings)
    got = kpis(tmp_db, **MARCH)
    assert got["complaints"] == 8
    assert got["resolution_median_hours"] == pytest.approx(13.0)
    assert got["resolution_p90_hours"] == pytest.approx(40.8)
    assert got["sla_resolution_pct"] == pytest.approx(37.5)
    assert got["fcr_pct"] == pytest.approx(37.5)
    assert got["sla_first_response_pct"] == pytest.approx(75.0)
    assert got["frt_median_minutes"] == pytest.approx(15.0)
    assert got["frt_p90_minutes"] == pytest.approx(26.0)
    assert got["repeat_rate_pct"] == pytest.approx(12.5)
    rows = dict(query(tmp_db, "select ticket_id, extra::varchar from complaints where extra is not null"))
    assert json.loads(rows["H3"]) == {"missing_as_written": {
        "first_response_at": "1900-01-01", "resolved_at": "1900-01-01", "category": "-"}}
    assert json.loads(rows["H8"])["missing_as_written"] == {
        "first_response_at": "N/A", "resolved_at": "—", "category": "N/A"}
    assert query(tmp_db, "select count(*) from complaints where category is null") == [(3,)]
    # Pareto: billing 3 and delivery 2 share the 5 tickets with a known category (60 / 40 %);
    # the 3 unknown ones ('-', N/A) are their own last bar without a share.
    from datetime import date

    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.kpi import complaints

    frame = complaints.pareto(filters=Filters(start=date(2025, 3, 1), end=date(2025, 3, 31)), viewer=SYSTEM,
                              db=tmp_db)
    assert frame["category"].tolist() == ["billing", "delivery", "(none)"]
    assert frame["complaints"].tolist() == [3, 2, 3]
    assert frame["share_pct"].tolist()[:2] == pytest.approx([60.0, 40.0]) and pd.isna(frame["share_pct"][2])


def test_survey_with_an_unrecognised_score_column_warns(tmp_db, tmp_path):
    source = EXPORTS / "survey_unmapped_score.csv"
    prev = preview("survey", source)
    assert any("No column for nps or csat or ces or a touchpoint rating" in w for w in prev.warnings)
    assert any("'Likelihood score (0-10)'" in w and "did you mean nps" in w for w in prev.warnings)
    out = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "survey", str(source), "--db", str(tmp_db),
                          "--json", "--no-evaluate"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "CXRISK_REJECTS_DIR": str(tmp_path / "rejects")})
    assert out.returncode == 0, out.stderr
    assert "warning: No column for nps or csat or ces" in out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["rows_loaded"] == 3 and any("did you mean nps" in w for w in data["warnings"])
    got = kpis(tmp_db, start="2025-04-01", end="2025-04-30")
    assert got["responses"] == 3
    assert (got["nps"], got["csat_pct"], got["ces"], got["csi"]) == (None, None, None, None)


def test_chinese_headers_map_and_suggest():
    from pipelines import spec
    from pipelines.header import closest_field
    from pipelines.mapping import plan

    p = plan(["工单号", "受理日期", "提交渠道", "首次回复时间"], spec("complaints"))
    assert p.mapped == {"ticket_id": "工单号", "created_at": "受理日期", "channel": "提交渠道",
                        "first_response_at": "首次回复时间"}
    assert plan(["答卷编号", "提交时间", "评分"], spec("survey")).mapped["csat"] == "评分"
    assert closest_field("推荐分", spec("survey"), set()) == "nps"
    assert closest_field("zzz", spec("survey"), set()) is None


def test_helpdesk_time_headers_of_common_tools_map():
    from pipelines import spec
    from pipelines.mapping import plan

    # timestamps as Zendesk and Freshdesk exports name them; durations ("First reply time (min)",
    # "Resolution time (in hrs)") are not times of day and stay unmapped
    p = plan(["Id", "Created at", "First reply time at", "Solved at"], spec("complaints"))
    assert p.mapped["first_response_at"] == "First reply time at"
    p = plan(["Ticket ID", "Created time", "Initial response time", "Resolved time",
              "First response time (in hrs)"], spec("complaints"))
    assert p.mapped["first_response_at"] == "Initial response time"
    assert p.mapped["resolved_at"] == "Resolved time"


def test_repeated_ids_above_five_percent_are_refused(tmp_path, tmp_db, query):
    # 100 rows, 10 of them repeat an earlier id: 10 % > 5 % -> refused; with the override the
    # first of each id is kept (90 loaded) and the 10 repeats are rejects naming the first line.
    path = tmp_path / "ids.csv"
    lines = [f"T{i},2025-03-01 10:00,billing" for i in range(1, 91)] + \
            [f"T{i},2025-03-02 10:00,refund" for i in range(1, 11)]
    path.write_text("ticket_id,created_at,category\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"10 of 100 rows \(10.0 %\).*--allow-duplicates"):
        ingest_file("complaints", path, db=tmp_db)
    result = ingest_file("complaints", path, db=tmp_db, allow_duplicates=True)
    assert (result.rows_loaded, result.rows_duplicate_in_file, result.rows_rejected) == (90, 10, 0)
    assert query(tmp_db, "select count(*) from complaints where category = 'refund'") == [(0,)]
    assert query(tmp_db, "select line_no, reason from rejects order by line_no limit 1") == [
        (92, "repeats the ticket_id of line 2 (the first row is kept)")]
    assert oct(os.stat(result.rejects_path).st_mode & 0o777) == "0o600"
    assert Path(result.rejects_path).name.startswith(f"{tmp_db.stem}-")


def test_a_file_of_another_kind_is_proposed_as_that_kind():
    prev = preview("survey", EXPORTS / "complaints_as_survey.csv")
    # complaints: 6 of 8 columns (ticket id, created at, resolved at, category, channel, severity);
    # survey: 3 of 8 (response_id, submitted_at, channel)
    assert prev.fits[0].kind == "complaints" and prev.fits[0].matched == 6 and prev.fits[0].percent == 75
    assert prev.better_kind.kind == "complaints"
    assert preview("complaints", EXPORTS / "complaints_as_survey.csv").better_kind is None


def test_a_partial_crm_file_never_overwrites_with_null(tmp_db, query):
    ingest_file("crm", EXPORTS / "crm_full.csv", db=tmp_db)
    result = ingest_file("crm", EXPORTS / "crm_partial.csv", db=tmp_db)
    # K1 changes segment (updated), K2 already regular (duplicate), K4 is new
    assert (result.rows_loaded, result.rows_updated, result.rows_duplicate) == (1, 1, 1)
    assert query(tmp_db, "select customer_id, region, segment, last_active_date::varchar, lifetime_value "
                 "from customers order by 1") == [
        ("K1", "East", "regular", "2025-05-01", 1200.0), ("K2", "West", "regular", "2025-05-02", 300.0),
        ("K3", "North", "new", "2025-05-03", 50.0), ("K4", None, "VIP", None, None)]


def test_explicit_offsets_are_kept_and_naive_times_take_the_zone(tmp_db, query):
    prev = preview("complaints", EXPORTS / "z_times.csv")
    assert prev.zones["created_at"] == {"header": "created_at", "with_offset": 2, "naive": 1,
                                        "timezone": "Asia/Shanghai"}
    ingest_file("complaints", EXPORTS / "z_times.csv", db=tmp_db)
    # Z1 is UTC already; Z2 is Shanghai local (UTC+8); Z3 carries +02:00.
    assert query(tmp_db, "select ticket_id, created_at::varchar, resolved_at::varchar, source_tz "
                 "from complaints order by 1") == [
        ("Z1", "2025-03-01 10:00:00", "2025-03-01 12:30:00", "UTC"),
        ("Z2", "2025-03-01 02:00:00", "2025-03-01 04:00:00", "Asia/Shanghai"),
        ("Z3", "2025-03-01 08:00:00", "2025-03-01 10:00:00", "UTC+02:00")]


def test_an_unmatched_quote_refuses_the_file_naming_its_line(tmp_path, tmp_db, query):
    # Today's bug: a stray quote on line 501 of 1,000 rows silently dropped 501 rows.
    path = tmp_path / "quote.csv"
    bad = '"bad quote'
    rows = [f"T{i},2025-03-01 10:00,{bad if i == 500 else 'billing'}" for i in range(1, 1001)]
    path.write_text("ticket_id,created_at,category\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match="Line 501 opens a quoted value .* lines 501–1001"):
        ingest_file("complaints", path, db=tmp_db)
    assert not tmp_db.exists() or query(tmp_db, "select count(*) from batches") == [(0,)]


def test_every_line_is_accounted_for_with_blank_lines_and_multiline_values(tmp_path, tmp_db):
    path = tmp_path / "lines.csv"
    path.write_text('ticket_id,created_at,description\nT1,2025-03-01,"two\nlines"\n\nT2,2025-03-01,x\n'
                    "T3,2025-03-01,x,extra\n", encoding="utf-8")
    result = ingest_file("complaints", path, db=tmp_db)
    # 5 physical lines after the header: T1 spans two, one is blank, T3 has a field too many
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)


@pytest.mark.parametrize(("row", "reason"), [
    ("T1,2025-03-01,1e309", "compensation_amount.*not a number: 1e309"),
    ("T1,9999-12-31,5", "created_at.*date 9999-12-31 is outside the accepted range 1990-01-01"),
    ("T1,1989-12-31,5", "created_at.*date 1989-12-31 is outside"),
])
def test_absurd_values_are_rejected_with_the_reason(tmp_path, tmp_db, query, row, reason):
    path = tmp_path / "bad.csv"
    path.write_text(f"ticket_id,created_at,compensation_amount\n{row}\nT2,2025-03-01,5\n", encoding="utf-8")
    result = ingest_file("complaints", path, db=tmp_db)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert re.search(reason, query(tmp_db, "select field || ' ' || reason from rejects")[0][0])


def test_times_before_creation_rejected_or_kept_missing_per_profile(tmp_path, tmp_db, query):
    path = tmp_path / "early.csv"
    path.write_text("ticket_id,created_at,first_response_at,resolved_at\n"
                    "T1,2025-03-02 10:00,2025-03-02 10:30,2025-03-01 10:00\n"
                    "T2,2025-03-01 10:00,2025-03-01 09:00,2025-03-02 10:00\n"
                    "T3,2025-03-01 10:00,2025-03-01 11:00,2025-03-02 10:00\n", encoding="utf-8")
    result = ingest_file("complaints", path, db=tmp_db)
    assert (result.rows_loaded, result.rows_rejected) == (1, 2)
    assert query(tmp_db, "select line_no, field from rejects order by 1") == [
        (2, "resolved_at"), (3, "first_response_at")]
    kept = ingest_file("complaints", path, db=tmp_path / "b.duckdb",
                       profile={"name": "p", "kind": "complaints", "times_before_created": "missing"})
    assert (kept.rows_loaded, kept.rows_rejected) == (3, 0)
    assert "1 first response before creation, kept as missing (first_response_at)." in kept.warnings
    assert query(tmp_path / "b.duckdb", "select ticket_id from complaints where resolved_at is null") == [("T1",)]


def test_files_without_ids_load_with_row_id_hash_exactly_once(tmp_db):
    with pytest.raises(IngestError, match="--row-id hash"):
        ingest_file("complaints", EXPORTS / "no_ids.csv", db=tmp_db)
    first = ingest_file("complaints", EXPORTS / "no_ids.csv", db=tmp_db, row_id="hash")
    again = ingest_file("complaints", EXPORTS / "no_ids.csv", db=tmp_db, row_id="hash")
    assert (first.rows_loaded, again.rows_loaded, again.rows_duplicate) == (3, 0, 3)


def test_profile_recodes_values_and_extends_missing_markers(tmp_db, query):
    profile = {"name": "r", "kind": "complaints", "missing_values": ["unknown"],
               "values": {"escalated": {"escalated": "yes", "not escalated": "no"},
                          "status": {"已处理": "solved", "处理中": "pending"}}}
    result = ingest_file("complaints", EXPORTS / "recode.csv", db=tmp_db, profile=profile)
    assert result.rows_rejected == 0
    assert query(tmp_db, "select ticket_id, escalated, status from complaints order by 1") == [
        ("E1", True, "solved"), ("E2", False, "pending"), ("E3", False, "done")]
    # E2 is pending: its resolution time does not count (E1 2 h, E3 3 h -> median 2.5 h)
    assert kpis(tmp_db, **MARCH)["resolution_median_hours"] == pytest.approx(2.5)


def test_nul_bytes_are_stripped_with_a_note_and_mixed_line_endings_refused(tmp_path, tmp_db):
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"ticket_id,created_at\r\nT1,2025-03-01\r\nT2,2025-03-0\x001\r\n")
    result = ingest_file("complaints", nul, db=tmp_db)
    assert result.rows_loaded == 2 and any("NUL byte(s) removed (first on line 3)" in w for w in result.warnings)
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(b"ticket_id,created_at\nT1,2025-03-01\rT2,2025-03-01\n")
    with pytest.raises(IngestError, match="mixes line endings"):
        ingest_file("complaints", mixed, db=tmp_db)


def test_staging_copies_beside_the_warehouse_and_stale_ones_removed(tmp_path, tmp_db):
    base = staging_dir(tmp_db)
    stale = base / f"{readers.STAGING_PREFIX}999999999-x"  # no such process
    stale.mkdir(parents=True)
    (stale / "source.utf8.csv").write_text("customer data", encoding="utf-8")
    ingest_file("complaints", EXPORTS / "z_times.csv", db=tmp_db)
    assert base.parent == tmp_db.parent and not stale.exists() and list(base.iterdir()) == []
    assert oct(base.stat().st_mode & 0o777) == "0o700"


def test_no_kpi_without_its_inputs(tmp_db):
    # Complaints only: every survey metric is null, not 0 or 100; a window with no data at all
    # gives null for every rate and time, and for the counts ("no tickets loaded for January" is
    # not "0 tickets in January").
    ingest_file("complaints", EXPORTS / "helpdesk_tickets.csv", db=tmp_db)
    got = kpis(tmp_db, **MARCH)
    assert all(got[k] is None for k in ("nps", "csat_pct", "csat_mean", "ces", "negative_rate_pct", "csi"))
    empty = kpis(tmp_db, start="2024-01-01", end="2024-01-31")
    assert empty and all(v is None for v in empty.values()), empty


def test_damaged_warehouse_and_full_disk_are_one_line_messages(tmp_path):
    import errno

    from warehouse.storage.failures import one_line

    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a warehouse" * 1000)
    for command in (["pipelines", "batches"], ["warehouse", "kpis"]):
        out = subprocess.run([sys.executable, "-m", *command, "--db", str(damaged)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, check=False)
        assert out.returncode == 1
        assert out.stderr.strip().count("\n") == 0 and "The warehouse file is damaged" in out.stderr, out.stderr
    full = one_line(OSError(errno.ENOSPC, "No space left on device"), "the load")
    assert full.startswith("The disk holding the warehouse or its temporary files is full, so the load stopped")


def test_question_headers_of_survey_tools_suggest_the_field_they_ask_for():
    from pipelines import spec
    from pipelines.header import closest_field

    survey = spec("survey")
    asks = {
        "How likely are you to recommend us to a friend? (0-10)": "nps",
        "What is the main reason for your score?": "comment",
        "Overall, how satisfied were you? (1-5)": "csat",
        "How easy was it to get your issue resolved?": "ces",
        "您向朋友推荐我们的可能性有多大？": "nps",
        "您给出这个分数的主要原因是什么？": "comment",
    }
    assert {h: closest_field(h, survey, set()) for h in asks} == asks
    # a field already mapped is not offered again
    assert closest_field("Would you recommend us?", survey, {"nps"}) != "nps"
