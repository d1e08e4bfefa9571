"""Improvements and Reports pages on the hand-made warehouse (12 June tickets: slow refund ×6,
delivery delay ×3, rude staff ×2, billing ×1; regions alternate North, South in pairs)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from warehouse.access.scope import SYSTEM
from warehouse.reports import improvements as imp
from warehouse.reports.build import list_reports


@pytest.fixture(autouse=True)
def _navigation_mode(navigation_mode) -> None:
    """Clicks reach the page (see tests/conftest.py)."""


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _items_table(at):
    return next(d.value for d in at.dataframe if "ID" in d.value.columns
                and "Owner" in d.value.columns)


def test_an_analyst_adds_a_pareto_category_with_one_click_and_edits_it(ops_db, open_app):
    at = open_app(ops_db, "improvements", role="analyst", query={"preset": "all"})
    _no_exception(at)
    assert at.selectbox(key="impr_category").value == "slow refund"
    at.button(key="impr_add_category").click().run()
    _no_exception(at)
    table = _items_table(at)
    assert list(table["Item"]) == ["slow refund"]
    assert list(table["Complaints"]) == [6]  # T1 … T6
    assert list(table["Affected customers"]) == [5]  # C2, C3, C4, C5, C1, C2 again
    item_id = int(table["ID"].iloc[0])
    at.text_input(key=f"impr_o_{item_id}").set_value("Li Wei")
    at.selectbox(key=f"impr_s_{item_id}").set_value("in_progress")
    at.button(key=f"FormSubmitter:impr_form_{item_id}-Save").click().run()
    _no_exception(at)
    stored = imp.list_items(viewer=SYSTEM, db=ops_db).iloc[0]
    assert (stored["owner"], stored["status"]) == ("Li Wei", "in_progress")


def test_a_manager_reads_the_list_without_editing(ops_db, open_app):
    imp.create_item(title="Refund queue", due_date="2026-06-01", user=SYSTEM, db=ops_db)
    at = open_app(ops_db, "improvements", role="manager")
    _no_exception(at)
    assert any("Your role reads the list" in i.value for i in at.info)
    assert not [b for b in at.button if b.key and b.key.startswith("impr_add")]
    assert "overdue" in _items_table(at)["Due"].iloc[0]


def test_a_department_head_sees_only_items_of_their_scope(ops_db, open_app):
    imp.create_item(title="Company-wide", user=SYSTEM, db=ops_db)
    imp.create_item(title="North only", selection=imp.Selection(regions=("North",)),
                    user=SYSTEM, db=ops_db)
    at = open_app(ops_db, "improvements", role="dept_head", regions=("North",))
    _no_exception(at)
    assert list(_items_table(at)["Item"]) == ["North only"]


def test_generating_a_report_offers_the_file_and_lists_it(ops_db, open_app):
    at = open_app(ops_db, "reports", role="admin")
    _no_exception(at)
    quarter = at.selectbox(key="reports_quarter")
    assert quarter.value == "2026Q1"  # the last full quarter: the data ends on 13 June
    assert quarter.options[:2] == ["2026Q2 (so far)", "2026Q1"]
    quarter.set_value("2026Q2")
    at.segmented_control(key="reports_format").set_value("xlsx")
    at.button(key="FormSubmitter:reports_form-Generate").click().run()
    _no_exception(at)
    assert any("is ready" in s.value for s in at.success)
    kept = list_reports(viewer=SYSTEM, db=ops_db)
    assert list(kept["quarter"]) == ["2026Q2"] and list(kept["fmt"]) == ["xlsx"]
    assert "reports_past_download" in {b.key for b in at.get("download_button")}
    book = openpyxl.load_workbook(io.BytesIO(kept_file(ops_db, int(kept["report_id"].iloc[0]))))
    pareto = list(book["Pareto of complaint categories"].iter_rows(values_only=True))[1:]
    assert [(r[0], r[1]) for r in pareto] == [("slow refund", 6), ("delivery delay", 3),
                                              ("rude staff", 2), ("billing", 1)]


def kept_file(db, report_id: int) -> bytes:
    from warehouse.reports.build import report_file

    return report_file(report_id, viewer=SYSTEM, db=db)[1]


def test_one_click_from_the_complaints_pareto_adds_the_category(ops_db, open_app):
    at = open_app(ops_db, "complaints", role="analyst", query={"preset": "all"})
    _no_exception(at)
    assert at.selectbox(key="complaints_improve_pick").value == "slow refund"  # the largest
    at.selectbox(key="complaints_improve_pick").set_value("delivery delay").run()
    at.button(key="complaints_improve").click().run()
    _no_exception(at)
    [item] = imp.list_items(viewer=SYSTEM, db=ops_db).to_dict("records")
    assert (item["source_kind"], item["source_ref"]) == ("category", "delivery delay")
    assert item["complaints"] == 3  # the three delivery-delay tickets of 12 June


def test_a_manager_gets_no_add_button(ops_db, open_app):
    at = open_app(ops_db, "complaints", role="manager", query={"preset": "all"})
    _no_exception(at)
    assert not [b for b in at.button if b.key == "complaints_improve"]
