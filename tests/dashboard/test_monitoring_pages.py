"""Overview, Touchpoints and Alerts in AppTest: the numbers shown, drill-down, acknowledge."""

from __future__ import annotations

import threading
import time

import duckdb
import pandas as pd


def _clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _raw(db, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def _table(at, first_column: str, index: int = 0) -> pd.DataFrame:
    """The INDEX-th dataframe on the page whose first column is FIRST_COLUMN."""
    return [d.value for d in at.dataframe if d.value.columns[0] == first_column][index]


def _tile(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.endswith(label))


def test_nps_tile_shows_the_nps_of_the_filtered_rows(app_test, tiny_db):
    responses = _raw(tiny_db, "select nps from survey_responses where region = 'South'")
    promoters = (responses["nps"] >= 9).mean() * 100
    detractors = (responses["nps"] <= 6).mean() * 100
    at = app_test(tiny_db, query={"region": ["South"], "preset": "all"})
    at.run()
    _clean(at)
    assert _tile(at, "NPS") == f"{promoters - detractors:,.1f}"


def test_csat_tile_is_red_where_the_shipped_limit_is_breached(app_test, tiny_db):
    # by construction every delivery rating in the North is 1–3 of 5: top-2-box CSAT is 0 %
    at = app_test(tiny_db, query={"region": ["North"], "touchpoint": ["delivery"],
                                  "preset": "all"})
    at.run()
    _clean(at)
    label = next(m.label for m in at.metric if m.label.endswith("CSAT (top-2-box)"))
    assert label.startswith(":red[")
    assert _tile(at, "CSAT (top-2-box)") == "0.0%"


def test_overview_lists_the_open_alert_with_its_clock(app_test, tiny_db):
    at = app_test(tiny_db)
    at.run()
    _clean(at)
    table = _table(at, "#")
    assert list(table["#"]) == [901]
    assert "overdue" in table["Time left"].iloc[0]  # due 2026-06-29, long past
    assert _tile(at, "Red") == "1"


def test_heatmap_cell_drills_to_the_complaints_and_verbatims_behind_it(app_test, tiny_db):
    expected = _raw(tiny_db, """
        select ticket_id from complaints where touchpoint = 'delivery' and region = 'North'""")
    at = app_test(tiny_db, query={"preset": "all"})
    at.run()
    at.switch_page("pages/touchpoints.py").run()
    _clean(at)
    picker = at.selectbox(key="tp_cell")
    # worst first: delivery in the North has 0 % top-2-box
    assert picker.options[0].startswith("delivery · North")
    picker.set_value("delivery\u241fNorth").run()
    _clean(at)
    shown = _table(at, "description")
    assert sorted(shown["ticket_id"]) == sorted(expected["ticket_id"])
    assert shown.columns[0] == "description"
    assert shown["description"].str.contains("物流延迟|退款慢").all()


def test_heatmap_by_week_and_another_metric(app_test, tiny_db):
    at = app_test(tiny_db, query={"preset": "all"})
    at.run()
    at.switch_page("pages/touchpoints.py").run()
    at.selectbox(key="tp_metric").set_value("complaints").run()
    at.button_group(key="tp_by").set_value("week").run()
    _clean(at)
    assert at.selectbox(key="tp_cell").options


def test_an_analyst_acknowledges_an_alert_with_a_note(app_test, tiny_db):
    at = app_test(tiny_db, user="ana")
    at.run()
    at.switch_page("pages/alerts.py").run()
    _clean(at)
    at.selectbox(key="al_pick").set_value(901).run()
    at.text_area(key="al_note_901").input("Courier replaced; East hub on overtime")
    at.button(key="FormSubmitter:al_ack_form_901-Acknowledge").click().run()
    _clean(at)
    row = _raw(tiny_db, "select state, acknowledged_by, ack_note from alerts where alert_id = 901")
    assert row.to_dict("records") == [{"state": "acknowledged", "acknowledged_by": "ana",
                                       "ack_note": "Courier replaced; East hub on overtime"}]
    audit = _raw(tiny_db, "select user_name from audit_log where action = 'alert_acknowledge'")
    assert list(audit["user_name"]) == ["ana"]


def test_acknowledging_without_a_note_is_refused_with_a_message(app_test, tiny_db):
    at = app_test(tiny_db, user="ana")
    at.run()
    at.switch_page("pages/alerts.py").run()
    at.selectbox(key="al_pick").set_value(901).run()
    at.button(key="FormSubmitter:al_ack_form_901-Acknowledge").click().run()
    assert not at.exception
    assert at.warning and "note" in at.warning[0].value
    assert _raw(tiny_db, "select state from alerts where alert_id = 901")["state"][0] == "firing"


def test_a_manager_sees_alerts_but_no_acknowledge_form(app_test, tiny_db):
    at = app_test(tiny_db, user="mia")
    at.run()
    at.switch_page("pages/alerts.py").run()
    at.selectbox(key="al_pick").set_value(901).run()
    _clean(at)
    assert not at.text_area
    history = _table(at, "#", 1)
    assert list(history["#"]) == [902]


def test_risk_matrix_item_details_and_an_analyst_sets_owner_status_and_note(app_test, tiny_db):
    at = app_test(tiny_db, user="ana", query={"preset": "all"})
    at.run()
    at.switch_page("pages/risk_matrix.py").run()
    _clean(at)
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.risk.matrix import risk_items

    items = risk_items(filters=Filters(), viewer=SYSTEM, db=tiny_db)
    selected = items.sort_values("score", ascending=False)["item_id"].iloc[0]
    picker = at.selectbox(key="rm_item")
    assert picker.options[0].startswith(items.set_index("item_id").loc[selected, "label"])
    picker.set_value(selected).run()
    _clean(at)
    assert "Drivers" in " ".join(m.value for m in at.markdown)
    at.text_input(key=f"rm_owner_{selected}").input("Li Wei")
    at.selectbox(key=f"rm_status_{selected}").set_value("in_progress")
    at.text_area(key=f"rm_note_{selected}").input("Courier contract under review")
    at.button(key=f"FormSubmitter:rm_form_{selected}-Save").click().run()
    _clean(at)
    items = risk_items(filters=Filters(), viewer=SYSTEM, db=tiny_db).set_index("item_id")
    assert items.loc[selected, ["owner", "status", "note"]].tolist() == [
        "Li Wei", "in_progress", "Courier contract under review"]


def test_a_manager_sees_the_risk_matrix_without_the_edit_form(app_test, tiny_db):
    at = app_test(tiny_db, user="mia", query={"preset": "all"})
    at.run()
    at.switch_page("pages/risk_matrix.py").run()
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.risk.matrix import risk_items

    first = risk_items(filters=Filters(), viewer=SYSTEM, db=tiny_db)["item_id"].iloc[0]
    at.selectbox(key="rm_item").set_value(first).run()
    _clean(at)
    assert not at.text_input
    assert not at.text_area


def test_a_new_batch_shows_up_without_clearing_any_cache(app_test, tiny_db):
    at = app_test(tiny_db, query={"region": ["South"], "preset": "all"})
    at.run()
    before = _tile(at, "NPS")
    with duckdb.connect(str(tiny_db)) as con:
        con.execute("""
            insert into batches (batch_id, kind, file_name, status, started_at, finished_at)
            values (3, 'survey', 'late.csv', 'loaded', now()::timestamp, now()::timestamp)""")
        con.execute("""
            insert into survey_responses (response_id, submitted_at, channel, region, touchpoint,
                nps, batch_id, first_batch_id)
            select 'L' || i, timestamp '2026-06-30 10:00', 'App', 'South', 'app', 0, 3, 3
            from range(0, 400) t(i)""")
    responses = _raw(tiny_db, "select nps from survey_responses where region = 'South'")
    expected = ((responses["nps"] >= 9).mean() - (responses["nps"] <= 6).mean()) * 100
    time.sleep(5.2)  # the data version is asked at most every 5 s
    at.run()
    _clean(at)
    assert _tile(at, "NPS") == f"{expected:,.1f}" != before


def test_the_overview_lists_the_open_alerts_about_what_the_filters_chose(app_test, tiny_db):
    # alert 901 is about the North region (firing); 902 (App) is resolved
    at = app_test(tiny_db, query={"region": ["South"]})
    at.run()
    _clean(at)
    assert _tile(at, "Red") == "0"
    at = app_test(tiny_db, query={"region": ["North"]})
    at.run()
    _clean(at)
    assert list(_table(at, "#")["#"]) == [901]


def test_the_alerts_page_says_whether_the_monitor_runs(app_test, tiny_db):
    from warehouse.alerting import monitor

    at = app_test(tiny_db)
    at.run()
    at.switch_page("pages/alerts.py").run()
    _clean(at)
    assert any("monitor is not running" in i.value for i in at.info)
    # a monitor's heartbeat: this process, beating now
    stop = threading.Event()
    runner = threading.Thread(target=monitor.run, args=(str(tiny_db),),
                              kwargs={"interval": 3600, "stop": stop})
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while not monitor.status(tiny_db)["last_cycle_at"] and time.monotonic() < deadline:
            time.sleep(0.2)
        at.run()
        _clean(at)
        assert not any("monitor is not running" in i.value for i in at.info)
        assert any("Monitor running" in c.value for c in at.caption)
    finally:
        stop.set()
        runner.join(60)
