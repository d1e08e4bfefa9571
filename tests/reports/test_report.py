"""The quarterly report: its figures (PDF text via pdftotext, XLSX cells via openpyxl) equal the
query API's for the same quarter and scope; a department head's report holds only their scope; a
quarter without data says so; every page renders (PNG files in tests/artifacts/report/)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from warehouse.access.auth import load_viewer
from warehouse.access.scope import SYSTEM, Filters
from warehouse.alerting.alerts import list_alerts
from warehouse.kpi import complaints, metrics
from warehouse.reports import improvements as imp
from warehouse.reports.build import build_report, list_reports, report_file
from warehouse.risk.matrix import risk_items

from .conftest import Q_END, Q_START, QUARTER

pytestmark = pytest.mark.slow  # renders seven reports (charts and typesetting)

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "report"
OTHER_REGIONS = ("North", "South", "West", "Central")


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True)
    return done.stdout.decode("utf-8").replace("−", "-")


def pages_to_png(data: bytes, name: str) -> list[Path]:
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / f"{name}.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(folder / f"{name}.pdf"),
                    str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def sheets(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


@pytest.fixture(scope="module")
def built(review_db):
    """Items on the list, then the company and East reports of the quarter, and an empty one."""
    head = load_viewer("east_head", review_db)
    window = Filters(start=Q_START, end=Q_END)
    imp.create_item(source_kind="category", source_ref="delivery delay", filters=window,
                    owner="Wang Fang", due_date="2026-05-31", user=SYSTEM, db=review_db)
    imp.create_item(source_kind="risk_item", source_ref="touchpoint_region:delivery|east",
                    filters=window, owner="Chen Jie", due_date="2026-09-30",
                    note="courier contract review", user=head, db=review_db)
    reports = {
        "en_pdf": build_report(QUARTER, SYSTEM, "en", "pdf", db=review_db),
        "zh_pdf": build_report(QUARTER, SYSTEM, "zh", "pdf", db=review_db),
        "en_xlsx": build_report(QUARTER, SYSTEM, "en", "xlsx", db=review_db),
        "east_pdf": build_report(QUARTER, head, "en", "pdf", db=review_db, by=head),
        "east_xlsx": build_report(QUARTER, head, "zh", "xlsx", db=review_db, by=head),
        "empty_pdf": build_report("2024Q1", SYSTEM, "en", "pdf", db=review_db),
        "empty_xlsx": build_report("2024Q1", SYSTEM, "zh", "xlsx", db=review_db),
    }
    return {"head": head, **reports}


def fmt(value, decimals):
    return f"{value:,.{decimals}f}"


DECIMALS = {"responses": 0, "complaints": 0, "ces": 2, "complaint_rate_per_1000": 2,
            "repeat_rate_pct": 2}


def test_kpi_figures_in_the_pdf_and_xlsx_are_the_query_apis(built, review_db, quarter_filters):
    values = metrics.kpi_values(filters=quarter_filters, viewer=SYSTEM, db=review_db)
    previous = metrics.kpi_values(filters=Filters(start="2026-01-01", end="2026-03-31"),
                                  viewer=SYSTEM, db=review_db)
    text = pdf_text(built["en_pdf"].content)
    kpi_page = text[text.index("KPI summary"):text.index("Risk matrix\n")]
    for key in ("csi", "nps", "csat_pct", "ces", "complaints", "complaint_rate_per_1000",
                "sla_first_response_pct", "fcr_pct", "responses"):
        now, before = values[key], previous[key]
        d = DECIMALS.get(key, 1)
        line = next(li for li in kpi_page.splitlines() if fmt(now, d) in li and fmt(before, d) in li)
        assert fmt(now - before, d).lstrip("-") in line, key
    rows = {r[1]: r for r in sheets(built["en_xlsx"].content)["KPI summary"][1:]}
    for key, value in values.items():
        if key in rows:
            assert rows[key][2] == pytest.approx(value), key
            assert rows[key][3] == pytest.approx(previous[key]), key
    assert "2025Q2" in text and rows["csi"][5] is None  # the demo year starts in July 2025


def test_risk_alerts_pareto_and_improvements_are_the_apis(built, review_db, quarter_filters):
    text = pdf_text(built["en_pdf"].content)
    book = sheets(built["en_xlsx"].content)
    items = risk_items(filters=quarter_filters, viewer=SYSTEM, db=review_db)
    risk_rows = book["Risk matrix"][1:]
    assert [r[3] for r in risk_rows] == list(items["item_id"])
    assert [r[6] for r in risk_rows] == pytest.approx(list(items["score"]))
    for item in items.head(10).itertuples():
        assert f"{item.score:.2f}" in text and str(item.affected_customers) in text.replace(",", "")
    pareto = complaints.pareto(filters=quarter_filters, viewer=SYSTEM, db=review_db)
    sheet = book["Pareto of complaint categories"][1:]
    assert [(r[0], r[1]) for r in sheet] == list(zip(pareto["category"], pareto["complaints"]))
    for row in pareto.itertuples():
        assert re.search(rf"{re.escape(row.category)}\s+{row.complaints:,}\s", text)
    alerts = list_alerts(viewer=SYSTEM, db=review_db)
    active = alerts[(alerts["opened_at"] <= "2026-06-30 23:59") &
                    (alerts["resolved_at"].isna() | (alerts["resolved_at"] >= "2026-04-01"))]
    assert sorted(r[0] for r in book["Alerts of the quarter"][1:]) == sorted(active["id"])
    listed = imp.list_items(viewer=SYSTEM, db=review_db)
    assert sorted(r[1] for r in book["Improvement list"][1:]) == sorted(listed["title"])
    assert "Wang Fang" in text and "Chen Jie" in text and "overdue" in text


# Chinese names of the demo's categories, written here by hand (not read from the product).
CATEGORIES_ZH = {"delivery delay": "配送延迟", "product quality": "产品质量", "slow refund": "退款慢",
                 "rude staff": "服务态度差", "app bug": "App 故障"}


def test_the_chinese_pdf_names_known_values_in_chinese_and_the_xlsx_keeps_them(
        built, review_db, quarter_filters):
    text = pdf_text(built["zh_pdf"].content)
    pareto = complaints.pareto(filters=quarter_filters, viewer=SYSTEM, db=review_db)
    named = pareto[pareto["category"].isin(CATEGORIES_ZH)]
    assert len(named) >= 3
    for row in named.itertuples():
        assert re.search(rf"{re.escape(CATEGORIES_ZH[row.category])}\s+{row.complaints:,}\s", text)
        assert not re.search(rf"{re.escape(row.category)}\s+{row.complaints:,}\s", text)
    # the analyst's workbook (East's, in Chinese) keeps the values as loaded, to join back to
    # the source data
    book = sheets(built["east_xlsx"].content)
    pareto_sheet = next(rows for name, rows in book.items() if "帕累托" in name)
    categories = {r[0] for r in pareto_sheet[1:]}
    assert categories & set(CATEGORIES_ZH) and not categories & set(CATEGORIES_ZH.values())


def test_the_executive_summary_leads_with_three_risks_from_the_data(built):
    text = pdf_text(built["en_pdf"].content)
    first = text[:text.index("\f")]
    risks = first[first.index("The three largest risks"):]
    assert [n for n in ("1.", "2.", "3.") if n in risks] == ["1.", "2.", "3."]
    assert "delivery × East is the highest-scoring item on the risk matrix" in " ".join(
        risks.split())
    summary = sheets(built["en_xlsx"].content)["Executive summary"]
    assert len(summary) == 4 and all(row[1] for row in summary[1:])


def test_a_department_heads_report_holds_only_their_scope(built, review_db, quarter_filters):
    head = built["head"]
    values = metrics.kpi_values(filters=quarter_filters, viewer=head, db=review_db)
    company = metrics.kpi_values(filters=quarter_filters, viewer=SYSTEM, db=review_db)
    assert values["complaints"] < company["complaints"]
    text = pdf_text(built["east_pdf"].content)
    assert "Scope of east_head: regions east" in " ".join(text.split())
    for region in OTHER_REGIONS:
        assert region not in text, region
    assert f"{values['complaints']:,}" in text
    book = sheets(built["east_xlsx"].content)
    kpis = {r[1]: r[2] for r in book["关键指标概览"][1:]}
    assert kpis["complaints"] == values["complaints"]
    assert kpis["nps"] == pytest.approx(values["nps"])
    labels = [r[1] for r in book["风险矩阵"][1:]]
    assert labels and not any(region in label for label in labels for region in OTHER_REGIONS)
    alerts = list_alerts(viewer=head, db=review_db)
    assert {r[0] for r in book["本季度预警"][1:]} <= set(alerts["id"])
    assert [r[1] for r in book["改进清单"][1:]] == ["delivery × East"]
    assert "Wang Fang" not in text and "Chen Jie" in text


def test_a_quarter_without_data_gives_a_report_that_says_so(built):
    assert not built["empty_pdf"].has_data
    text = " ".join(pdf_text(built["empty_pdf"].content).split())
    assert "There is no survey or complaint data for 2024Q1 in this scope" in text
    about = sheets(built["empty_xlsx"].content)["说明"]
    assert any("2024Q1 在此范围内没有调查或投诉数据" in str(row[1]) for row in about)


def test_reports_are_kept_listed_by_scope_and_audited(built, review_db):
    head = built["head"]
    everyone = list_reports(viewer=SYSTEM, db=review_db)
    assert len(everyone) == 7 and set(everyone["data_version"]) == {built["en_pdf"].data_version}
    own = list_reports(viewer=head, db=review_db)
    assert sorted(own["report_id"]) == sorted([built["east_pdf"].report_id,
                                               built["east_xlsx"].report_id])
    name, data, mime = report_file(built["zh_pdf"].report_id, viewer=SYSTEM, db=review_db)
    assert data == built["zh_pdf"].content and mime == "application/pdf" and name.endswith(".pdf")
    with pytest.raises(ValueError, match="visible"):
        report_file(built["en_pdf"].report_id, viewer=head, db=review_db)


def test_every_page_renders_in_both_languages(built):
    for name in ("en_pdf", "zh_pdf", "east_pdf", "empty_pdf"):
        pages = pages_to_png(built[name].content, name)
        assert len(pages) >= (1 if name == "empty_pdf" else 6), name
    zh = pdf_text(built["zh_pdf"].content)
    assert "季度风险评估报告" in zh and "三大风险" in zh and "战略短板" in zh
