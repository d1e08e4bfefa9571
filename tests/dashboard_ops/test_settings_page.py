"""Settings page: edit a threshold, CSI pairwise weights with CR (CR > 0.1 refused), general settings."""

from __future__ import annotations

import json
from fractions import Fraction

from warehouse.access.scope import SYSTEM
from warehouse.alerting import rules
from warehouse.config import app_settings
from warehouse.kpi import csi
from warehouse.storage.db import connect


def _no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def _audit(db, action):
    with connect(db) as con:
        return con.execute(
            "select user_name, target, detail from audit_log where action = ? order by audit_id",
            [action],
        ).fetchall()


def test_analyst_edits_a_threshold_and_it_is_kept_with_history(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    _no_exception(at)
    at.selectbox(key="settings_rule_pick").set_value("csat_top2").run()
    at.text_input(key="settings_rule_yellow_csat_top2").set_value("65")
    at.text_input(key="settings_rule_red_csat_top2").set_value("45")
    at.button(key="settings_rule_save_csat_top2").click().run()
    _no_exception(at)
    assert "Rule csat_top2 saved." in [s.value for s in at.success]
    stored = rules.list_rules(ops_db).set_index("rule_id").loc["csat_top2"]
    assert (stored["yellow"], stored["red"]) == (65.0, 45.0)
    history = rules.rule_history(viewer=SYSTEM, db=ops_db, rule_id="csat_top2")
    assert len(history) == 1 and history.iloc[0]["changed_by"] == "analyst_user"


def test_an_invalid_threshold_is_refused_with_the_reason(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    at.selectbox(key="settings_rule_pick").set_value("csat_top2").run()
    # CSAT is bad when low: a red level above the yellow one makes no sense
    at.text_input(key="settings_rule_red_csat_top2").set_value("70")
    at.button(key="settings_rule_save_csat_top2").click().run()
    _no_exception(at)
    assert any(e.value.startswith("Not saved:") and "Red" in e.value for e in at.error)
    stored = rules.list_rules(ops_db).set_index("rule_id").loc["csat_top2"]
    assert (stored["yellow"], stored["red"]) == (60.0, 40.0)


def _ahp(at, a, b):
    return at.select_slider(key=f"settings_ahp_{a}_{b}")


def test_weights_show_cr_live_and_an_inconsistent_matrix_cannot_be_saved(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    _no_exception(at)
    # NPS ≫ CSAT (9), CSAT ≫ CES (9) but CES ≫ NPS (1/9 for NPS vs CES): circular judgements
    _ahp(at, "nps", "csat_pct").set_value(Fraction(9))
    _ahp(at, "csat_pct", "ces").set_value(Fraction(9))
    _ahp(at, "nps", "ces").set_value(Fraction(1, 9))
    for a in ("nps", "csat_pct", "ces"):
        _ahp(at, a, "complaint_rate_per_1000").set_value(Fraction(1))
    at.run()
    _no_exception(at)
    matrix = [[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1], [9, 1 / 9, 1, 1], [1, 1, 1, 1]]
    # the CR an independent eigen-computation gives for this matrix
    import numpy as np

    lam = max(np.linalg.eigvals(np.array(matrix, dtype=float)).real)
    cr = (lam - 4) / 3 / 0.90
    assert cr > 0.1
    assert at.metric[0].value == f"{cr:.3f}"
    assert any("CR = " in e.value and "> 0.10" in e.value for e in at.error)
    assert at.button(key="settings_ahp_save").disabled
    before = csi.current_matrix(ops_db)
    assert before == [list(r) for r in csi.DEFAULT_MATRIX]


def test_consistent_weights_are_saved_and_audited(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    for a, b in [("nps", "csat_pct"), ("nps", "ces"), ("nps", "complaint_rate_per_1000"),
                 ("csat_pct", "ces"), ("csat_pct", "complaint_rate_per_1000"),
                 ("ces", "complaint_rate_per_1000")]:
        _ahp(at, a, b).set_value(Fraction(1))
    _ahp(at, "nps", "csat_pct").set_value(Fraction(2))
    at.run()
    assert not at.button(key="settings_ahp_save").disabled
    at.button(key="settings_ahp_save").click().run()
    _no_exception(at)
    saved = csi.current_matrix(ops_db)
    assert saved[0][1] == 2.0 and abs(saved[1][0] - 0.5) < 1e-9
    assert saved[2][3] == 1.0
    entries = _audit(ops_db, "edit_weights")
    assert len(entries) == 1 and entries[0][0] == "analyst_user"
    assert "Weights saved." in [s.value for s in at.success]


def test_admin_changes_general_settings(ops_db, open_app):
    at = open_app(ops_db, "settings", role="admin")
    at.selectbox(key="settings_currency").set_value("USD")
    at.number_input(key="settings_refresh").set_value(60)
    at.button(key="settings_general_save").click().run()
    _no_exception(at)
    assert app_settings.get("currency", db=ops_db) == "USD"
    assert app_settings.get("refresh_seconds", db=ops_db) == 60
    changes = {(t, json.loads(d)["after"]) for _, t, d in _audit(ops_db, "setting_change")}
    assert changes == {("currency", "USD"), ("refresh_seconds", 60)}


def test_a_manager_sees_settings_but_no_controls_to_change_them(ops_db, open_app):
    at = open_app(ops_db, "settings", role="manager")
    _no_exception(at)
    assert not at.select_slider and not at.text_input and not at.number_input
    assert not [s.key for s in at.selectbox if (s.key or "").startswith("settings_")]
    assert not [b.key for b in at.button if (b.key or "").startswith("settings_")]
    # the values in force are still shown: the rules, the weights with their CR, the settings
    columns = {c for d in at.dataframe for c in d.value.columns}
    assert {"rule_id", "Criterion", "Weight", "Setting"} <= columns
    general = next(d.value for d in at.dataframe if "Setting" in d.value.columns)
    assert dict(zip(general["Setting"], general["Value"]))["Currency"] == "CNY"


def test_rule_parameters_have_their_own_inputs_and_are_checked(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    at.selectbox(key="settings_rule_pick").set_value("below_baseline").run()
    _no_exception(at)
    assert not [a for a in at.text_area if a.key.startswith("settings_rule_params")]
    # a period count outside 2..120 is refused before saving, in the UI language
    at.number_input(key="settings_param_below_baseline_baseline_periods").set_value(500)
    at.button(key="settings_rule_save_below_baseline").click().run()
    _no_exception(at)
    assert any("between 2 and 120" in e.value for e in at.error)
    assert rules.list_rules(ops_db).set_index("rule_id").loc["below_baseline", "params"][
        "baseline_periods"] == 8
    at.number_input(key="settings_param_below_baseline_baseline_periods").set_value(10)
    at.button(key="settings_rule_save_below_baseline").click().run()
    _no_exception(at)
    stored = rules.list_rules(ops_db).set_index("rule_id").loc["below_baseline", "params"]
    assert stored["baseline_periods"] == 10 and stored["pct"] == 20


def test_the_rule_check_speaks_chinese(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    at.session_state["lang"] = "zh-CN"
    at.run()
    at.selectbox(key="settings_rule_pick").set_value("competitor_gap").run()
    at.multiselect(key="settings_param_competitor_gap_metrics").set_value([])
    at.button(key="settings_rule_save_competitor_gap").click().run()
    _no_exception(at)
    assert any("请至少选择一项" in e.value for e in at.error)


def test_the_weight_sensitivity_is_shown_beside_the_weights(ops_db, open_app):
    at = open_app(ops_db, "settings", role="analyst")
    _no_exception(at)
    at.toggle(key="ahp_sensitivity_on").set_value(True).run()
    _no_exception(at)
    shown = [d.value for d in at.dataframe if "Ranking changes" in d.value.columns]
    # one region with survey data or more: eight moves (4 weights × ±10 %), or a note that
    # there are fewer than two regions to rank
    assert (shown and len(shown[0]) == 8) or any("Fewer than two regions" in i.value
                                                  for i in at.info)
