"""Upload a real export through the Data page in Chromium and see its batch appear."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "upload-browser-pass-1"
TELCO = "telco_customers_crm.csv"


@pytest.fixture
def upload_db(tmp_path):
    """An empty warehouse with one analyst account (the upload is its first batch)."""
    from warehouse.access.auth import add_user

    path = tmp_path / "upload.duckdb"
    add_user("uploader", "analyst", password=PASSWORD, db=path, by="test")
    return path


def test_upload_a_real_csv_through_the_data_page(app_server, upload_db, real_data, page,
                                                 open_page, sign_in, go_to, problems, screenshot):
    source = real_data / TELCO
    with source.open(newline="", encoding="utf-8") as handle:
        expected = sum(1 for _ in csv.DictReader(handle))  # 7,043
    url = app_server(upload_db)
    open_page(page, f"{url}/?lang=en")
    sign_in(page, "uploader", PASSWORD)
    go_to(page, "Data")
    page.get_by_role("heading", name="Data", level=1).wait_for()

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(source))
    page.get_by_text("Encoding utf-8, separator comma, header on line 1.").wait_for()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Mapping profile").click()
    page.get_by_role("option", name="telco", exact=True).click()
    # the profile's mapping replaces the suggestion (the old choices leave the page)
    status = page.get_by_role("combobox", name="status", exact=True)
    expect(status).to_have_count(1)
    expect(status).to_have_value("Churn")
    page.get_by_role("button", name="Load into the warehouse").click()

    summary = f"Batch 1: {expected:,} rows loaded, 0 updated, 0 already there, 0 rejected"
    page.get_by_test_id("stAlertContentSuccess").get_by_text(summary).wait_for(timeout=120_000)
    # the page runs once more for the new data (its old elements go as the new ones come)
    expect(page.get_by_role("heading", name="Loaded batches")).to_have_count(1)
    expect(page.get_by_role("combobox", name="Batch to undo")).to_have_value("1")
    assert problems(page) == []
    screenshot(page, "upload-data-page")

    # the batch stays listed for the next visitor (a fresh session reads the warehouse)
    other = page.context.browser.new_context(viewport=page.viewport_size).new_page()
    open_page(other, f"{url}/?lang=en")
    sign_in(other, "uploader", PASSWORD)
    go_to(other, "Data")
    expect(other.get_by_role("heading", name="Loaded batches")).to_have_count(1)
    expect(other.get_by_role("combobox", name="Batch to undo")).to_have_value("1")
    assert problems(other) == []
    other.context.close()
