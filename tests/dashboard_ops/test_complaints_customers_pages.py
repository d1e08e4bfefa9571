"""Complaints and Customers pages on a hand-made warehouse (expected values counted by hand)."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.components.downloads import csv_bytes


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _table(at, rows_with: str) -> pd.DataFrame:
    """The first table on the page that has the column ROWS_WITH."""
    return next(d.value for d in at.dataframe if rows_with in d.value.columns)


def test_complaints_page_shows_sla_pareto_and_the_whole_table(ops_db, open_app):
    at = open_app(ops_db, "complaints")
    _no_exception(at)
    # 6 + 3 + 2 = 11 of 12 is 91.7 %: the third category is the one that crosses 80 %
    assert "3 of 4 categories cause 80 % of complaints." in [c.value for c in at.caption]
    charts = [c for c in at.get("plotly_chart")]
    assert len(charts) >= 2  # SLA by severity and the Pareto
    table = _table(at, "ticket_id")
    assert sorted(table["ticket_id"]) == sorted(f"T{i}" for i in range(1, 13))
    keys = {b.key for b in at.get("download_button")}
    assert {"complaints_table_dl_csv", "complaints_table_dl_xlsx",
            "complaints_pareto_dl_csv", "complaints_sla_dl_csv"} <= keys


def test_searching_the_text_narrows_the_table(ops_db, open_app):
    at = open_app(ops_db, "complaints")
    at.text_input(key="complaints_search").set_value("refund").run()
    _no_exception(at)
    assert sorted(_table(at, "ticket_id")["ticket_id"]) == [f"T{i}" for i in range(1, 7)]
    at.text_input(key="complaints_search").set_value("态度差").run()
    assert sorted(_table(at, "ticket_id")["ticket_id"]) == ["T10", "T11"]
    at.text_input(key="complaints_search").set_value("no ticket says this").run()
    _no_exception(at)
    assert not [d for d in at.dataframe if "ticket_id" in d.value.columns]
    assert any("No complaints match" in i.value for i in at.info)


def test_the_downloaded_table_neutralises_formula_cells(ops_db, open_app):
    at = open_app(ops_db, "complaints")
    table = _table(at, "ticket_id")
    text = csv_bytes(table).decode("utf-8-sig")
    assert "'=1+2 billing error" in text
    assert ",=1+2" not in text


def test_a_department_head_sees_only_their_region(ops_db, open_app):
    at = open_app(ops_db, "complaints", role="dept_head", regions=("North",))
    _no_exception(at)
    table = _table(at, "ticket_id")
    # region is North for i // 2 even: tickets 1, 4, 5, 8, 9, 12
    assert sorted(table["ticket_id"]) == sorted(["T1", "T4", "T5", "T8", "T9", "T12"])
    assert set(table["region"]) == {"North"}


def test_customers_page_lists_tiers_and_flagged_customers_with_reasons(ops_db, open_app):
    at = open_app(ops_db, "customers")
    _no_exception(at)
    tiles = {m.label: m.value for m in at.metric}
    # C4 has churned: high = C1, C5; mid = C2; low = C3
    assert tiles["High (> 10,000)"] == "2"
    assert tiles["Mid (1,000–10,000)"] == "1"
    assert tiles["Low (≤ 1,000)"] == "1"
    at_risk = [c.value for c in at.caption if "at risk of churning" in c.value]
    assert at_risk == ["1 at risk of churning", "1 at risk of churning", "0 at risk of churning"]
    table = _table(at, "customer_id")
    reasons = dict(zip(table["customer_id"], table["reason_text"]))
    assert set(reasons) == {"C1", "C2"}
    # C1 was last active on 1 May; the newest data is from 13–30 June, depending on which source
    # the warehouse counts: 43–60 days
    days = int(re.fullmatch(r"inactive (\d+) days", reasons["C1"]).group(1))
    assert 43 <= days <= 60
    assert reasons["C2"] == "order value -60 %"
    at.segmented_control(key="customers_tier").set_value("high").run()
    assert list(_table(at, "customer_id")["customer_id"]) == ["C1"]


def test_customers_reasons_read_in_chinese(ops_db, open_app):
    at = open_app(ops_db, "customers")
    at.session_state["lang"] = "zh-CN"
    at.run()
    _no_exception(at)
    reasons = dict(zip(*(_table(at, "customer_id")[c] for c in ("customer_id", "reason_text"))))
    assert re.fullmatch(r"连续 \d+ 天未活跃", reasons["C1"])
    assert reasons["C2"] == "平均订单金额变化 -60%"
