"""The Data page runs the alert rules after an upload and after an undo."""

from __future__ import annotations

import duckdb

HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


def _read(db, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_upload_and_undo_evaluate_the_alert_rules(tmp_db, open_app):
    # Eight tickets about one product on one day: above the 24 h yellow limit of 5 (warehouse/docs/risk_and_alerts.md).
    rows = [f"T{i},2025-03-02 {9 + i:02d}:00,router,app,East,delivery,high,late {i}"
            for i in range(8)]
    content = (HEADER + "\n" + "\n".join(rows) + "\n").encode()
    at = open_app(tmp_db, "data", role="analyst")
    at.file_uploader(key="data_upload").set_value(("spike.csv", content, "text/csv")).run()
    at.selectbox(key="data_kind").set_value("complaints").run()
    at.button(key="data_load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    alerts = _read(tmp_db, "select rule_id, scope, state from alerts")
    assert ("complaints_per_product_24h", "product=router", "firing") in alerts
    runs = _read(tmp_db, "select count(*) from rule_evaluations")[0][0]

    at.checkbox(key="data_undo_confirm_1").check().run()
    at.button(key="data_undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _read(tmp_db, "select count(*) from complaints")[0][0] == 0
    assert _read(tmp_db, "select count(*) from rule_evaluations")[0][0] > runs
    assert _read(tmp_db, "select distinct evaluated_by from rule_evaluations") == [("analyst_user",)]
