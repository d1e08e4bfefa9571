"""A freshly generated demo already shows its alerts: generate_demo evaluates the rules."""

from __future__ import annotations

import duckdb


def test_demo_has_open_alerts_right_after_generation(demo_db_master):
    con = duckdb.connect(str(demo_db_master), read_only=True)
    try:
        firing = con.execute("select count(*) from alerts where state = 'firing'").fetchone()[0]
        evaluated = con.execute("select count(distinct rule_id) from rule_evaluations").fetchone()[0]
        enabled = con.execute("select count(*) from rules where enabled").fetchone()[0]
    finally:
        con.close()
    assert firing > 0
    assert evaluated == enabled  # every enabled rule ran
