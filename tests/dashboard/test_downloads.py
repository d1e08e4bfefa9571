"""CSV/XLSX downloads: formula injection neutralised, Chinese text readable, values kept."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from dashboard.components.downloads import csv_bytes, neutralise, xlsx_bytes

FRAME = pd.DataFrame({
    "text": ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "plain", "物流延迟",
             "\tTAB", "a=b"],
    "number": [-1.5, 2, 3, 4, 5, 6, 7, 8],
})


def test_each_formula_start_gets_a_quote_and_nothing_else_changes():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+1") == "'+1"
    assert neutralise("-1") == "'-1"
    assert neutralise("@x") == "'@x"
    assert neutralise("a=b") == "a=b"
    assert neutralise("退款慢") == "退款慢"
    assert neutralise(-3) == -3  # numbers are numbers, not formulas


def test_csv_cells_read_back_neutralised_and_numbers_untouched():
    text = csv_bytes(FRAME).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["text"] for r in rows] == [
        "'=HYPERLINK(\"http://evil\")", "'+1+1", "'-2+3", "'@SUM(A1)", "plain", "物流延迟",
        "'\tTAB", "a=b",
    ]
    assert rows[0]["number"] == "-1.5"


def test_csv_starts_with_a_byte_order_mark_for_excel():
    assert csv_bytes(FRAME).startswith(b"\xef\xbb\xbf")


def test_xlsx_keeps_formula_text_as_text_not_formula():
    book = load_workbook(io.BytesIO(xlsx_bytes(FRAME)))
    sheet = book.active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'=HYPERLINK(\"http://evil\")"
    assert sheet["A7"].value == "物流延迟"
    assert sheet["B2"].value == -1.5


def test_time_zone_aware_columns_are_written():
    frame = pd.DataFrame({"at": pd.to_datetime(["2026-06-30 10:00"]).tz_localize("UTC")})
    book = load_workbook(io.BytesIO(xlsx_bytes(frame)))
    assert str(book.active["A2"].value).startswith("2026-06-30 10:00")
