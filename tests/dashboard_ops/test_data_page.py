"""Data page: upload a real export, mapping suggestion/edit/profile, refusals, rejects, undo, a busy
warehouse, and what a read-only role sees."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pipelines import profiles
from warehouse.storage.db import connect

TELCO = "telco_customers_crm.csv"


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _count_rows(path) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _customers(db) -> int:
    with connect(db) as con:
        return con.execute("select count(*) from customers").fetchone()[0]


def _field(at, name: str):
    """The mapping choice of field NAME (its widget key changes with the file and profile)."""
    return next(s for s in at.selectbox if s.label in (name, f"{name} (required)"))


def _upload(at, name: str, content: bytes, kind: str | None = None, profile: str | None = None):
    at.file_uploader(key="data_upload").set_value((name, content, "text/csv")).run()
    if kind:
        at.selectbox(key="data_kind").set_value(kind).run()
    if profile:
        at.selectbox(key="data_profile").set_value(profile).run()
    return at


def test_a_real_export_uploads_with_its_profile_and_its_batch_appears(tmp_db, open_app, real_data):
    expected = _count_rows(real_data / TELCO)  # 7,043 customers, counted with the csv module
    at = open_app(tmp_db, "data", role="analyst")
    _no_exception(at)
    _upload(at, TELCO, (real_data / TELCO).read_bytes(), kind="crm", profile="telco")
    _no_exception(at)
    assert _field(at, "customer_id").value == "customerID"
    at.button(key="data_load").click().run()
    _no_exception(at)
    assert [s.value for s in at.success] == [
        (f"Batch 1: {expected:,} rows loaded, 0 updated, 0 already there, 0 rejected "
        f"(of {expected:,} read).")
    ]
    batches = next(d.value for d in at.dataframe if "batch_id" in d.value.columns)
    row = batches.iloc[0]
    assert (row["file_name"], row["kind"], row["profile"]) == (TELCO, "CRM customers", "telco")
    assert (row["rows_loaded"], row["user_name"]) == (expected, "analyst_user")
    assert _customers(tmp_db) == expected


def test_the_mapping_is_suggested_editable_and_saved_as_a_profile(tmp_db, open_app, real_data):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, TELCO, (real_data / TELCO).read_bytes(), kind="crm")
    # without a profile only the header alias is known
    assert _field(at, "customer_id").value == "customerID"
    assert _field(at, "status").value == "— not in this file —"
    _field(at, "status").set_value("Churn")
    _field(at, "lifetime_value").set_value("TotalCharges").run()
    at.text_input(key="data_profile_name").set_value("telco_mine")
    at.button(key="data_profile_save").click().run()
    _no_exception(at)
    assert "Profile telco_mine saved." in [s.value for s in at.success]
    saved = profiles.get_profile("telco_mine", db=tmp_db)
    assert saved["kind"] == "crm"
    assert saved["columns"]["Churn"] == "status"
    assert saved["columns"]["TotalCharges"] == "lifetime_value"
    assert saved["columns"]["customerID"] == "customer_id"


def test_one_column_for_two_fields_blocks_the_load(tmp_db, open_app, real_data):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, TELCO, (real_data / TELCO).read_bytes(), kind="crm")
    _field(at, "segment").set_value("customerID").run()
    assert any("chosen for more than one field" in w.value for w in at.warning)
    assert at.button(key="data_load").disabled


def test_a_refused_file_shows_the_loaders_message_and_changes_nothing(tmp_db, open_app):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, "empty.csv", b"")
    _no_exception(at)
    assert any(e.value.startswith("The file was not loaded: empty.csv is empty") for e in at.error)
    assert "data_load" not in [b.key for b in at.button]
    with connect(tmp_db) as con:
        assert con.execute("select count(*) from batches").fetchone()[0] == 0


def test_wrong_type_and_too_big_files_get_a_message(tmp_db, open_app):
    from streamlit import config

    before = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)  # the one limit, as .streamlit/config.toml sets it
    try:
        _wrong_type_and_too_big(tmp_db, open_app)
    finally:
        config.set_option("server.maxUploadSize", before)


def _wrong_type_and_too_big(tmp_db, open_app):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, "report.pdf", b"%PDF-1.4")
    _no_exception(at)
    assert [e.value for e in at.error] == [
        ("report.pdf is not a CSV/TSV/TXT or XLSX file. Save the export as CSV or XLSX and "
        "upload it again.")
    ]
    big = b"ticket_id,created_at\n" + b"T1,2026-06-01\n" * 110_000  # 1.6 MB
    _upload(at, "big.csv", big)
    _no_exception(at)
    assert any("over the 1 MB limit" in e.value for e in at.error)
    assert "data_kind" not in [s.key for s in at.selectbox]


def test_rejected_rows_are_listed_and_downloadable(tmp_db, open_app):
    at = open_app(tmp_db, "data", role="analyst")
    survey = b"response_id,submitted_at,nps\nR1,2026-06-01,9\nR2,2026-06-01,11\n"
    _upload(at, "survey.csv", survey, kind="survey")
    at.button(key="data_load").click().run()
    _no_exception(at)
    assert any("1 rows loaded" in s.value and "1 rejected" in s.value for s in at.success)
    rejects = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(rejects["line_no"]) == [3]  # header is line 1, R2 is line 3
    downloads = {b.key for b in at.get("download_button")}
    assert {"data_result_rejects_download_csv", "data_result_rejects_download_xlsx"} <= downloads


def test_undo_removes_the_batch_rows(tmp_db, open_app, real_data):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, TELCO, (real_data / TELCO).read_bytes(), kind="crm", profile="telco")
    at.button(key="data_load").click().run()
    assert _customers(tmp_db) == _count_rows(real_data / TELCO)
    assert at.button(key="data_undo").disabled  # needs the confirmation first
    at.checkbox(key="data_undo_confirm_1").check().run()
    at.button(key="data_undo").click().run()
    _no_exception(at)
    assert "Batch 1 undone." in [s.value for s in at.success]
    assert "data_undo_confirm_1" not in at.session_state  # cleared after use
    assert _customers(tmp_db) == 0
    batches = next(d.value for d in at.dataframe if "batch_id" in d.value.columns)
    assert list(batches["status"]) == ["Undone"]


def test_a_load_waits_for_another_writer_and_then_completes(tmp_db, open_app, real_data):
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, TELCO, (real_data / TELCO).read_bytes(), kind="crm", profile="telco")
    # another process (as the CLI would) holds the write lock for two seconds
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom warehouse.storage.db import connect\n"
        "with connect(sys.argv[1], write=True):\n    print('held', flush=True)\n    time.sleep(2)\n"
    ), str(tmp_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        at.button(key="data_load").click().run()
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    _no_exception(at)
    assert waited > 0.5
    assert any("rows loaded" in s.value for s in at.success)
    assert _customers(tmp_db) == _count_rows(real_data / TELCO)


@pytest.mark.parametrize("role", ["manager", "dept_head"])
def test_read_only_roles_see_the_history_but_no_upload_or_undo(ops_db, open_app, role):
    at = open_app(ops_db, "data", role=role, regions=("North",) if role == "dept_head" else ())
    _no_exception(at)
    assert not at.get("file_uploader")
    assert "data_undo" not in [b.key for b in at.button]
    assert any("cannot" in i.value or "can view" in i.value for i in at.info)
    batches = [d.value for d in at.dataframe if "batch_id" in d.value.columns]
    if role == "dept_head":
        # batches span every channel and region: a department head sees none of them
        assert batches == []
        assert any("analysts, managers and admins" in i.value for i in at.info)
    else:
        assert sorted(batches[0]["file_name"]) == ["crm.csv", "june.csv"]


def test_a_wide_survey_without_dates_loads_with_the_as_of_date(tmp_db, open_app, real_data):
    source = real_data / "airline_satisfaction_survey.csv"
    expected = _count_rows(source)  # 25,976 responses
    at = open_app(tmp_db, "data", role="analyst")
    _upload(at, source.name, source.read_bytes(), kind="survey", profile="airline")
    # no date column: the load waits for an as-of date instead of failing later
    assert any("submitted_at" in w.value for w in at.warning)
    assert at.button(key="data_load").disabled
    at.checkbox(key="data_use_as_of").check().run()
    at.date_input(key="data_as_of").set_value(date(2026, 6, 30)).run()
    assert not at.button(key="data_load").disabled
    at.button(key="data_load").click().run()
    _no_exception(at)
    assert any(f"{expected:,} rows loaded" in s.value and "0 rejected" in s.value
               for s in at.success)
    with connect(tmp_db) as con:
        day = con.execute("select distinct submitted_at::date from survey_responses").fetchall()
    # one day for every answer: 30 June, or its UTC eve when the loader anchors it at local midnight
    assert len(day) == 1 and day[0][0] in (date(2026, 6, 29), date(2026, 6, 30))


def test_an_xlsx_export_with_chinese_headers_loads(tmp_db, open_app, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "投诉"
    sheet.append(["工单号", "创建时间", "渠道", "区域", "描述"])
    sheet.append(["K1", "2026-06-01 10:00", "电话", "华东", "退款慢"])
    sheet.append(["K2", "2026-06-02 11:30", "App", "华南", "物流延迟"])
    path = tmp_path / "工单.xlsx"
    book.save(path)
    at = open_app(tmp_db, "data", role="analyst")
    at.file_uploader(key="data_upload").set_value(
        ("工单.xlsx", path.read_bytes(),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    at.selectbox(key="data_kind").set_value("complaints").run()
    _no_exception(at)
    assert "data_sheet" in [w.key for w in at.text_input]  # a workbook may name its sheet
    assert _field(at, "ticket_id").value == "工单号"
    assert _field(at, "created_at").value == "创建时间"
    at.button(key="data_load").click().run()
    _no_exception(at)
    assert any("2 rows loaded" in s.value for s in at.success)
    with connect(tmp_db) as con:
        found = con.execute("select ticket_id, channel, region from complaints order by 1").fetchall()
    assert found == [("K1", "电话", "华东"), ("K2", "App", "华南")]


EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"


def test_the_kind_is_proposed_and_another_kind_needs_a_confirmation(tmp_db, open_app):
    # complaints_as_survey.csv fits complaints (6 of 8 columns) better than survey (3 of 8)
    at = open_app(tmp_db, "data", role="analyst")
    at.file_uploader(key="data_upload").set_value(
        ("odd.csv", (EXPORTS / "complaints_as_survey.csv").read_bytes(), "text/csv")).run()
    _no_exception(at)
    assert at.selectbox(key="data_kind").value == "complaints"
    assert any("6 of 8 columns match, 75 %" in c.value for c in at.caption)
    at.selectbox(key="data_kind").set_value("survey").run()
    assert any("fit Complaint tickets better" in w.value for w in at.warning)
    assert at.button(key="data_load").disabled
    at.checkbox(key="data_kind_confirm").check().run()
    assert not at.button(key="data_load").disabled


def test_warnings_and_ids_from_content_before_the_load(tmp_db, open_app):
    at = open_app(tmp_db, "data", role="analyst")
    at.file_uploader(key="data_upload").set_value(
        ("ids.csv", (EXPORTS / "no_ids.csv").read_bytes(), "text/csv")).run()
    at.selectbox(key="data_kind").set_value("complaints").run()
    assert at.button(key="data_load").disabled  # no ticket_id column yet
    at.checkbox(key="data_row_id").check().run()
    assert any("No column for first_response_at or resolved_at" in w.value for w in at.warning)
    at.button(key="data_load").click().run()
    _no_exception(at)
    assert any("3 rows loaded" in s.value for s in at.success)
    assert _upload_copies(tmp_db) == []  # the copy went with its load


def _upload_copies(db) -> list:
    from pipelines.ingest import staging_dir

    base = staging_dir(db)
    return list(base.iterdir()) if base.exists() else []
