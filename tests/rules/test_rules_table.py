"""The shipped rule table (warehouse/docs/risk_and_alerts.md) and validated edits with history and audit."""

from __future__ import annotations

import math

import pytest

from warehouse.access.scope import SYSTEM
from warehouse.alerting import rules
from warehouse.alerting.rules import RuleError
from warehouse.storage.db import connect

# warehouse/docs/risk_and_alerts.md "Shipped defaults", row by row: (rule id, kind, direction, yellow, red) — yellow/red in
# the rule's unit: minutes for answer time, % for rates and changes, × for the spike, stars,
# periods for runs, σ for the benchmark SPC. None = "—" in the SPEC.
SPEC_TABLE = [
    ("complaints_per_product_24h", "static", "above", 5, 20),
    ("return_rate_per_product_24h", "static", "above", 3, 10),
    ("answer_time_service_channels", "static", "above", 5, 10),
    ("csat_top2", "static", "below", 60, 40),
    ("negative_mentions_per_day", "static", "above", None, 1000),
    ("negative_review_rate_change", "relative_change", "above", 20, 50),
    ("frt_vs_industry", "benchmark_gap", "above", 30, 60),
    ("negative_mentions_spike_48h", "spike", "above", 3, 5),
    ("third_party_rating_drop", "relative_change", "below", None, 1),
    ("composite_index", "static", "below", 80, 70),
    ("complaint_rate", "static", "above", 5, 10),
    ("below_baseline", "sustained", "below", 2, 3),
    ("fcr_falling", "sustained", "below", 3, 5),
    ("kpi_vs_industry", "spc", "below", 1.5, 3),
]


def _level(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def test_the_spec_table_ships_exactly(tmp_db):
    table = rules.list_rules(tmp_db)
    first = table[table["position"] <= 14].sort_values("position")
    got = [(r.rule_id, r.kind, r.direction, _level(r.yellow), _level(r.red))
           for r in first.itertuples()]
    assert got == SPEC_TABLE
    assert list(first["position"]) == list(range(1, 15))
    assert first["enabled"].all() and first["name_zh"].str.len().gt(0).all()
    # the six kinds are all in use, and the documented run parameters are where they belong
    assert set(table["kind"]) == {"static", "relative_change", "benchmark_gap", "spc",
                                  "sustained", "spike"}
    params = dict(zip(table["rule_id"], table["params"]))
    assert params["below_baseline"]["pct"] == 20
    assert params["negative_mentions_spike_48h"]["window_periods"] == 2  # 48 h of days
    assert params["third_party_rating_drop"] == {"change": "absolute", "inclusive": True}
    spc = table[table["kind"] == "spc"]
    assert set(spc["yellow"]) == {1.5} and set(spc["red"]) == {3.0}


def test_update_keeps_history_and_audit(tmp_db):
    after = rules.update_rule("csat_top2", {"yellow": 65, "red": "45"}, user="ana", db=tmp_db)
    assert (after["yellow"], after["red"]) == (65.0, 45.0)
    stored = rules.list_rules(tmp_db).set_index("rule_id").loc["csat_top2"]
    assert (stored["yellow"], stored["red"], stored["updated_by"]) == (65.0, 45.0, "ana")
    history = rules.rule_history(viewer=SYSTEM, db=tmp_db)
    assert len(history) == 1
    change = history.iloc[0]
    assert change["rule_id"] == "csat_top2" and change["changed_by"] == "ana"
    assert (change["before"]["yellow"], change["after"]["yellow"]) == (60.0, 65.0)
    assert change["changed"] == "yellow, red"
    with connect(tmp_db) as con:
        audit = con.execute(
            "select user_name, action, target, detail from audit_log where action = 'rule_change'"
        ).fetchall()
    assert [(a[0], a[1], a[2]) for a in audit] == [("ana", "rule_change", "csat_top2")]
    assert '"before": 60.0' in audit[0][3] and '"after": 65.0' in audit[0][3]
    # saving the same values again is not a change
    rules.update_rule("csat_top2", {"yellow": 65}, user="ana", db=tmp_db)
    assert len(rules.rule_history(viewer=SYSTEM, db=tmp_db)) == 1


@pytest.mark.parametrize(
    ("rule_id", "changes", "message"),
    [
        ("csat_top2", {"yellow": 30}, "must not be above yellow"),        # red 40 > yellow 30
        ("complaints_per_product_24h", {"red": 3}, "must not be below yellow"),
        ("complaints_per_product_24h", {"yellow": "five"}, "must be a number"),
        ("negative_mentions_per_day", {"red": None}, "at least one level"),
        ("below_baseline", {"yellow": 1.5}, "whole numbers"),
        ("kpi_vs_industry", {"yellow": 0}, "greater than zero"),
        ("csat_top2", {"kind": "spike"}, "cannot be changed"),
        ("csat_top2", {"scope_dims": ["product"]}, "cannot be split by product"),
        ("csat_top2", {"grain": "hour"}, "Period must be one of"),
        ("csat_top2", {"params": {"min_n": -1}}, "min_n must be"),
        ("csat_top2", {"params": {"colour": "red"}}, "Unknown parameter"),
        ("csat_top2", {"enabled": "yes"}, "true or false"),
        ("nope", {"yellow": 1}, "No rule"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(tmp_db, rule_id, changes, message):
    before = rules.list_rules(tmp_db)
    with pytest.raises(RuleError, match=message):
        rules.update_rule(rule_id, changes, user="ana", db=tmp_db)
    assert rules.list_rules(tmp_db).equals(before)
    assert rules.rule_history(viewer=SYSTEM, db=tmp_db).empty


def test_switching_a_rule_off_and_scoping_it_differently(tmp_db):
    rules.update_rule("csat_top2", {"enabled": False, "scope_dims": "region, channel"},
                      user="ana", db=tmp_db)
    stored = rules.list_rules(tmp_db).set_index("rule_id").loc["csat_top2"]
    assert not stored["enabled"] and stored["scope_dims"] == ["region", "channel"]
