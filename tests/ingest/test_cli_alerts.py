"""`python -m pipelines ingest` runs the alert rules after a successful load (unless told not to)."""

from __future__ import annotations

import json

import duckdb

from pipelines.__main__ import main

HEADER = "ticket_id,created_at,product,channel,region,category,severity,description"


def _spike(tmp_path):
    # Eight tickets about one product on one day: above the 24 h yellow limit of 5 (warehouse/docs/risk_and_alerts.md).
    rows = [f"T{i},2025-03-02 {9 + i:02d}:00,router,app,East,delivery,high,late {i}"
            for i in range(8)]
    path = tmp_path / "spike.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _alerts(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select rule_id, scope, level, state from alerts").fetchall()
    finally:
        con.close()


def test_ingest_json_reports_the_alerts_opened(tmp_path, tmp_db, capsys):
    assert main(["ingest", "complaints", str(_spike(tmp_path)), "--db", str(tmp_db), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out.strip().splitlines()[-1])
    found = _alerts(tmp_db)
    assert ("complaints_per_product_24h", "product=router", "yellow", "firing") in found
    assert data["rows_loaded"] == 8
    assert data["alerts_opened"] == len(found)
    assert f"alerts: {len(found)} opened" in err


def test_no_evaluate_loads_without_judging(tmp_path, tmp_db, capsys):
    args = ["ingest", "complaints", str(_spike(tmp_path)), "--db", str(tmp_db), "--json",
            "--no-evaluate"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["rows_loaded"] == 8 and "alerts_opened" not in data
    assert _alerts(tmp_db) == []
