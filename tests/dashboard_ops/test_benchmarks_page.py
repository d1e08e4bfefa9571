"""Benchmarks page on a hand-made warehouse: the gap table flags gaps over 15 %."""

from __future__ import annotations

import json


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def test_gap_table_flags_the_weakness_and_charts_render(ops_db, open_app):
    at = open_app(ops_db, "benchmarks")
    _no_exception(at)
    assert not at.error
    gaps = next(d.value for d in at.dataframe if "gap_pct" in d.value.columns)
    rows = {r["competitor"]: r for r in gaps.to_dict("records")}
    assert set(rows) == {"industry", "RivalCo"}
    assert rows["industry"]["ours"] == 0.0 and rows["industry"]["theirs"] == 40.0
    assert round(rows["industry"]["gap_pct"], 6) == -100.0 and rows["industry"]["weakness"]
    assert round(rows["RivalCo"]["gap_pct"], 6) == 100.0 and not rows["RivalCo"]["weakness"]
    assert any(c.value.startswith("1 gaps over 15 % (highlighted).") for c in at.caption)
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the band and the radar
    # one benchmark metric is one axis: no polygon can be drawn, so the scores are bars
    radar = json.loads(charts[1].proto.spec)
    assert {trace["type"] for trace in radar["data"]} == {"bar"}
    # two months of benchmarks are far from the 24 periods a forecast needs
    assert any("Not enough history" in i.value for i in at.info)
    assert {"benchmarks_gaps_dl_csv", "benchmarks_gaps_dl_xlsx"} <= {
        b.key for b in at.get("download_button")}


def test_a_department_head_gets_our_values_from_their_scope_only(ops_db, open_app):
    at = open_app(ops_db, "benchmarks", role="dept_head", regions=("South",))
    _no_exception(at)
    gaps = next(d.value for d in at.dataframe if "gap_pct" in d.value.columns)
    # South = odd i → R1, R3, R5 promoters, R7, R9 detractors: NPS = 60 % − 40 % = +20
    assert set(gaps["ours"].round(6)) == {20.0}


def test_a_window_with_one_benchmark_month_keeps_the_page_working(ops_db, open_app):
    # the last 7 days of data hold only June's benchmarks: one industry value, no spread
    at = open_app(ops_db, "benchmarks", query={"preset": "last_7"})
    _no_exception(at)
    gaps = next(d.value for d in at.dataframe if "gap_pct" in d.value.columns)
    # June alone: industry 50 → gap (0 − 50) / 50 = −100 %
    assert round(gaps.set_index("competitor").loc["industry", "gap_pct"], 6) == -100.0
    drawn = len(at.get("plotly_chart"))
    explained = [w.value for w in at.warning if "cannot be drawn" in w.value]
    assert drawn + len(explained) >= 2  # the band and the radar: each drawn or explained


def test_the_gap_table_follows_the_competitor_picker(ops_db, open_app):
    at = open_app(ops_db, "benchmarks")
    at.selectbox(key="benchmarks_competitor").set_value("RivalCo").run()
    _no_exception(at)
    gaps = next(d.value for d in at.dataframe if "gap_pct" in d.value.columns)
    assert list(gaps["competitor"]) == ["RivalCo"]
    # the forecast heading names what it forecasts and whose series it is
    assert any("RivalCo" in h.value for h in at.subheader)


def test_the_pickers_are_in_the_link_and_a_link_opens_them(ops_db, open_app):
    at = open_app(ops_db, "benchmarks")
    at.selectbox(key="benchmarks_competitor").set_value("RivalCo").run()
    _no_exception(at)
    assert at.query_params["competitor"] == "RivalCo"
    assert "touchpoint" not in at.query_params  # "all touchpoints" is the default: left out
    # a copied link with the competitor opens the page on it
    again = open_app(ops_db, "benchmarks", role="manager", query={"competitor": "RivalCo"})
    _no_exception(again)
    assert again.selectbox(key="benchmarks_competitor").value == "RivalCo"
    gaps = next(d.value for d in again.dataframe if "gap_pct" in d.value.columns)
    assert list(gaps["competitor"]) == ["RivalCo"]
