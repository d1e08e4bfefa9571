"""Golden fixtures: broken files are refused with a clear message and change nothing; messy ones load."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.errors import IngestError
from pipelines.ingest import ingest_file, list_batches, preview, rejects_frame, undo_batch
from warehouse.storage import schema as warehouse_schema

ROOT = Path(__file__).resolve().parents[2]

REFUSED = [
    ("empty.csv", "is empty"),
    ("header_only.csv", "no data rows"),
    ("binary.csv", "looks binary"),
    ("crm_for_wrong_kind.csv", "looks like a crm export"),
    ("missing_required.csv", "Missing required column for created_at.*'创建时间'"),
    ("duplicate_headers.csv", "Duplicate header names: 'channel' \\(columns 3 and 4\\)"),
    ("ambiguous_dates.csv", "--dayfirst.*--monthfirst"),
]


@pytest.mark.parametrize(("name", "message"), REFUSED)
def test_refused_files_change_nothing(fixture_file, tmp_db, snapshot, name, message):
    ingest_file("complaints", fixture_file("export_a.csv"), db=tmp_db)
    before = snapshot(tmp_db)
    with pytest.raises(IngestError, match=message):
        ingest_file("complaints", fixture_file(name), db=tmp_db)
    assert snapshot(tmp_db) == before


LOADED = [
    ("gbk.csv", 2, {"G1": ("2025-03-07 06:05:00", "电话", "华东")}),
    ("bom.csv", 2, {"B1": ("2025-03-01 02:00:00", "web", None)}),
    ("junk_then_header.csv", 3, {}),
    ("repeated_header_blank_lines.csv", 6, {}),
    ("semicolon.csv", 2, {"S1": ("2025-03-01 00:00:00", "web", None)}),
    ("tab.tsv", 2, {}),
    ("pipe.csv", 2, {}),
    ("dayfirst.csv", 2, {"D2": ("2025-03-07 02:00:00", None, None)}),
    ("monthfirst.csv", 2, {"M2": ("2025-07-03 02:00:00", None, None)}),
    ("excel_serial.csv", 2, {"E1": ("2023-03-15 00:00:00", None, None), "E2": ("2023-03-15 04:00:00", None, None)}),
    ("long_field.csv", 1, {}),
    ("formula.csv", 2, {"F1": ("2025-03-01 00:00:00", "+cmd", None)}),
]


@pytest.mark.parametrize(("name", "count", "expected"), LOADED)
def test_messy_files_load(fixture_file, tmp_db, query, name, count, expected):
    result = ingest_file("complaints", fixture_file(name), db=tmp_db)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (count, count, 0)
    for ticket, values in expected.items():
        got = query(tmp_db, "select created_at::varchar, channel, region from complaints where ticket_id = ?",
                    [ticket])
        assert got == [values]


def test_text_cells_are_kept_as_written(fixture_file, tmp_db, query):
    ingest_file("complaints", fixture_file("formula.csv"), db=tmp_db)
    ingest_file("complaints", fixture_file("long_field.csv"), db=tmp_db)
    assert query(tmp_db, "select description from complaints where ticket_id = 'F1'")[0][0] == "=SUM(A1:A2)"
    assert query(tmp_db, "select length(description) from complaints where ticket_id = 'L1'")[0][0] == 10000
    amounts = ingest_file("complaints", fixture_file("semicolon.csv"), db=tmp_db)
    assert amounts.rows_duplicate == 0
    assert query(tmp_db, "select compensation_amount from complaints where ticket_id = 'S1'")[0][0] == 1234.5


def test_xlsx_named_sheet_and_junk_rows(fixture_file, tmp_db, query):
    with pytest.raises(IngestError, match="No header row|Missing required"):
        ingest_file("complaints", fixture_file("complaints.xlsx"), db=tmp_db)
    result = ingest_file("complaints", fixture_file("complaints.xlsx"), db=tmp_db, sheet="Complaints")
    assert (result.rows_read, result.rows_loaded) == (3, 3)
    got = dict(query(tmp_db, "select ticket_id, created_at::varchar from complaints"))
    assert got == {"X1": "2025-03-07 06:05:00", "X2": "2023-03-15 00:00:00", "X3": "2025-03-09 00:00:00"}


def test_rejects_have_line_field_reason(fixture_file, tmp_db):
    result = ingest_file("complaints", fixture_file("bad_values.csv"), db=tmp_db)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (6, 2, 4)
    frame = rejects_frame(result.batch_id, db=tmp_db)
    got = [(int(r.line_no), r.field if isinstance(r.field, str) else None, r.reason.split(":")[0])
           for r in frame.itertuples()]
    assert got == [(4, "created_at", "not a date/time"), (5, "compensation_amount", "not a number"),
                   (5, "escalated", "not yes/no"), (6, None, "row has 6 fields; the header has 5"),
                   (7, "ticket_id", "required value is empty")]
    with open(result.rejects_path, encoding="utf-8-sig", newline="") as fh:
        assert [r["line_no"] for r in csv.DictReader(fh)] == ["4", "5", "5", "6", "7"]


def test_survey_scores_out_of_range_rejected(fixture_file, tmp_db, query):
    result = ingest_file("survey", fixture_file("survey_long.csv"), db=tmp_db)
    assert (result.rows_loaded, result.rows_rejected) == (2, 2)
    reasons = set(rejects_frame(result.batch_id, db=tmp_db)["reason"])
    assert reasons == {"out of range 0..10: 11", "out of range 1..5: 0"}
    assert query(tmp_db, "select response_id, touchpoint, rating, rating_10 from survey_ratings order by 1") == [
        ("S1", "delivery", 5.0, 10.0), ("S4", "delivery", 2.0, 4.0)]
    ten = ingest_file("survey", fixture_file("survey_ten_point.csv"), db=tmp_db)
    assert ten.rows_loaded == 2
    assert query(tmp_db, "select csat_scale, csat_10 from survey_responses where response_id = 'P1'") == [(10, 9.0)]


def test_wide_survey_with_map_and_as_of(fixture_file, tmp_db, query):
    with pytest.raises(IngestError, match="--as-of"):
        ingest_file("survey", fixture_file("survey_wide.csv"), db=tmp_db)
    profile = {"name": "wide", "kind": "survey", "ratings": ["Online boarding", "Baggage handling"],
               "zero_is_na": True}
    result = ingest_file("survey", fixture_file("survey_wide.csv"), db=tmp_db, profile=profile,
                         mapping={"Seat comfort": "rating:Seats"}, as_of="2025-03-01")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    assert query(tmp_db, "select response_id, touchpoint, rating from survey_ratings order by 1, 2") == [
        ("W1", "Online boarding", 5.0), ("W1", "Seats", 3.0), ("W2", "Baggage handling", 2.0),
        ("W2", "Online boarding", 4.0), ("W3", "Seats", 1.0)]


def test_benchmarks_and_ops(fixture_file, tmp_db, query):
    bench = ingest_file("benchmarks", fixture_file("benchmarks.csv"), db=tmp_db)
    assert (bench.rows_loaded, bench.rows_rejected) == (3, 1)
    assert query(tmp_db, "select period::varchar, period_label from benchmarks order by 2") == [
        ("2025-01-01", "2025"), ("2025-03-01", "2025-03"), ("2025-01-01", "2025Q1")]
    ops = ingest_file("ops", fixture_file("ops.csv"), db=tmp_db)
    assert ops.rows_loaded == 3
    assert query(tmp_db, "select value from ops_metrics where metric = 'negative_mentions'") == [(1200.0,)]


def test_preview_suggests_mapping(fixture_file):
    shown = preview("complaints", fixture_file("gbk.csv"))
    assert shown.encoding == "gb18030" and shown.header_line == 1 and shown.missing_required == []
    assert shown.mapping["投诉编号"] == "ticket_id" and shown.mapping["投诉内容"] == "description"
    assert list(shown.sample["投诉编号"]) == ["G1", "G2"]


def test_overlapping_export_updates_and_undo(fixture_file, tmp_db, query):
    a = ingest_file("complaints", fixture_file("export_a.csv"), db=tmp_db)
    b = ingest_file("complaints", fixture_file("export_b.csv"), db=tmp_db)
    assert (a.rows_loaded, b.rows_loaded, b.rows_updated, b.rows_duplicate) == (5, 3, 1, 1)
    assert query(tmp_db, "select count(*) from complaints")[0][0] == 8
    assert query(tmp_db, "select description from complaints where ticket_id = 'T0004'")[0][0].endswith("(updated)")
    with pytest.raises(IngestError, match="undo those first"):
        undo_batch(a.batch_id, db=tmp_db)
    summary = undo_batch(b.batch_id, db=tmp_db)
    assert (summary["rows_removed"], summary["rows_restored"]) == (3, 1)
    assert query(tmp_db, "select count(*) from complaints")[0][0] == 5
    assert query(tmp_db, "select description, batch_id from complaints where ticket_id = 'T0004'")[0] == (
        "late parcel 4", a.batch_id)
    undo_batch(a.batch_id, db=tmp_db)
    assert query(tmp_db, "select count(*) from complaints")[0][0] == 0
    assert list(list_batches(db=tmp_db)["status"]) == ["undone", "undone"]
    assert query(tmp_db, "select action from audit_log order by audit_id") == [
        ("ingest",), ("ingest",), ("ingest.undo",), ("ingest.undo",)]


def test_in_file_duplicates_first_kept_others_rejected(fixture_file, tmp_db, query):
    # 3 rows, K1 twice: the first K1 (line 2, channel web) is kept; line 3 is listed in the rejects
    # as repeating line 2. One repeat in three rows is above 5 %, so the load needs the override.
    with pytest.raises(IngestError, match=r"1 of 3 rows \(33.3 %\) repeat a ticket_id"):
        ingest_file("complaints", fixture_file("in_file_duplicate.csv"), db=tmp_db)
    result = ingest_file("complaints", fixture_file("in_file_duplicate.csv"), db=tmp_db, allow_duplicates=True)
    assert (result.rows_read, result.rows_loaded, result.rows_duplicate, result.rows_duplicate_in_file,
            result.rows_rejected) == (3, 2, 0, 1, 0)
    assert query(tmp_db, "select channel from complaints where ticket_id = 'K1'") == [("web",)]
    assert query(tmp_db, "select line_no, reason from rejects") == [
        (3, "repeats the ticket_id of line 2 (the first row is kept)")]


def test_current_code_opens_a_version_1_file(fixture_file, tmp_db, query):
    con = duckdb.connect(str(tmp_db))
    con.execute((warehouse_schema.MIGRATIONS_DIR / "001_core.sql").read_text(encoding="utf-8"))
    con.execute("insert into schema_version values (1, now()::timestamp)")
    con.execute("insert into complaints (ticket_id, created_at, batch_id, first_batch_id) "
                "values ('OLD1', timestamp '2024-01-01', 0, 0)")
    con.close()
    ingest_file("complaints", fixture_file("export_a.csv"), db=tmp_db)
    assert query(tmp_db, "select count(*) from complaints")[0][0] == 6
    assert query(tmp_db, "select max(version) from schema_version")[0][0] == warehouse_schema.latest_version()


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pipelines", *map(str, args)], check=False, cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def test_cli_exit_codes_and_json(fixture_file, tmp_db):
    ok = _cli("ingest", "complaints", fixture_file("bad_values.csv"), "--db", tmp_db, "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout.strip().splitlines()[-1])
    assert {k: data[k] for k in ("kind", "rows_read", "rows_loaded", "rows_rejected")} == {
        "kind": "complaints", "rows_read": 6, "rows_loaded": 2, "rows_rejected": 4}
    refused = _cli("ingest", "complaints", fixture_file("missing_required.csv"), "--db", tmp_db)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and "created_at" in refused.stderr
    usage = _cli("ingest", "nonsense", fixture_file("export_a.csv"))
    assert usage.returncode == 2
    listed = _cli("batches", "--db", tmp_db, "--json")
    assert [b["batch_id"] for b in json.loads(listed.stdout)] == [data["batch_id"]]
    assert _cli("undo", data["batch_id"], "--db", tmp_db).returncode == 0
    assert _cli("undo", 999, "--db", tmp_db).returncode == 1
    assert "cfpb" in _cli("profiles").stdout


# A load that stops just before its commit: for argv[3] seconds, or until the file argv[3]
# names exists (so a test decides when it goes on, however busy the machine).
PAUSING_LOAD = """
import os, sys, time
from pipelines.ingest import ingest_file
def progress(fraction, message):
    if message == "committing":
        print("IN_TRANSACTION", flush=True)
        hold = sys.argv[3]
        if hold.replace(".", "", 1).isdigit():
            time.sleep(float(hold))
        else:
            deadline = time.monotonic() + 300
            while not os.path.exists(hold) and time.monotonic() < deadline:
                time.sleep(0.05)
ingest_file("complaints", sys.argv[1], db=sys.argv[2], progress=progress)
print("DONE", flush=True)
"""


def _pausing_load(file, db, pause):
    return subprocess.Popen([sys.executable, "-c", PAUSING_LOAD, str(file), str(db), str(pause)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_load_leaves_warehouse_as_before(fixture_file, tmp_db, snapshot):
    ingest_file("complaints", fixture_file("export_a.csv"), db=tmp_db)
    before = snapshot(tmp_db)
    proc = _pausing_load(fixture_file("export_b.csv"), tmp_db, 60)
    assert proc.stdout.readline().strip() == "IN_TRANSACTION"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(tmp_db) == before


def test_second_writer_waits_and_nothing_doubles(fixture_file, tmp_db, tmp_path, query):
    ingest_file("ops", fixture_file("ops.csv"), db=tmp_db)  # the warehouse exists before both start
    release = tmp_path / "release"
    first = _pausing_load(fixture_file("export_a.csv"), tmp_db, release)
    assert first.stdout.readline().strip() == "IN_TRANSACTION"
    second = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "ingest", "complaints",
         str(fixture_file("export_a.csv")), "--db", str(tmp_db), "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = ""
    while "waiting for another load to finish" not in said and second.poll() is None:
        said += second.stderr.readline()
    assert "waiting for another load to finish" in said  # it saw the first one's lock
    assert second.poll() is None  # and is still waiting while the first holds it
    release.touch()
    assert first.wait(timeout=120) == 0
    out, _ = second.communicate(timeout=120)
    assert second.returncode == 0
    assert json.loads(out.strip().splitlines()[-1])["rows_duplicate"] == 5
    assert query(tmp_db, "select count(*) from complaints")[0][0] == 5


def test_zone_with_daylight_saving_and_fixed_offset(tmp_path, tmp_db, query):
    # New York is UTC-4 in July and UTC-5 in January; Shanghai is UTC+8 all year; dates stay dates.
    path = tmp_path / "ny.csv"
    path.write_text("ticket_id,created_at,resolved_at\nN1,2025-07-01 12:00,2025-07-02\n"
                    "N2,2025-01-15 12:00:30,2025-01-16\n", encoding="utf-8")
    ingest_file("complaints", path, db=tmp_db, profile={"name": "ny", "kind": "complaints",
                                                         "timezone": "America/New_York"})
    assert query(tmp_db, "select ticket_id, created_at::varchar, resolved_at::varchar, source_tz "
                 "from complaints order by 1") == [
        ("N1", "2025-07-01 16:00:00", "2025-07-02 00:00:00", "America/New_York"),
        ("N2", "2025-01-15 17:00:30", "2025-01-16 00:00:00", "America/New_York")]
    path.write_text("ticket_id,created_at\nC1,2025-07-01 12:00\n", encoding="utf-8")
    ingest_file("complaints", path, db=tmp_db)
    assert query(tmp_db, "select created_at::varchar, source_tz from complaints where ticket_id = 'C1'") == [
        ("2025-07-01 04:00:00", "Asia/Shanghai")]
    with pytest.raises(IngestError, match="Unknown time zone"):
        ingest_file("complaints", path, db=tmp_db, profile={"name": "x", "kind": "complaints", "timezone": "Mars/Base"})


def test_saved_profile_is_listed_used_and_audited(fixture_file, tmp_db, query):
    from pipelines import fields
    from pipelines.profiles import get_profile, list_profiles, save_profile

    assert {"cfpb", "airline", "telco"} <= {p["name"] for p in list_profiles(tmp_db)}
    assert "工单号" in next(f for f in fields("complaints") if f.name == "ticket_id").aliases
    save_profile("crm_cn", "complaints", {"columns": {"单号": "ticket_id", "时间": "created_at"}},
                 db=tmp_db, user="ana")
    assert get_profile("crm_cn", tmp_db)["columns"]["单号"] == "ticket_id"
    path = fixture_file("export_a.csv").parent / "export_a.csv"
    data = path.read_text(encoding="utf-8").replace("ticket_id,created_at", "单号,时间", 1)
    renamed = tmp_db.parent / "renamed.csv"
    renamed.write_text(data, encoding="utf-8")
    with pytest.raises(IngestError, match="Missing required column"):
        ingest_file("complaints", renamed, db=tmp_db)
    assert ingest_file("complaints", renamed, db=tmp_db, profile="crm_cn").rows_loaded == 5
    assert ("ana", "profile.save") in query(tmp_db, "select user_name, action from audit_log")
    with pytest.raises(IngestError, match="Unknown field"):
        save_profile("bad", "complaints", {"columns": {"x": "nonsense"}}, db=tmp_db, user="ana")
