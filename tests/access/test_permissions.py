"""Who may do what (issue 5 item 3), and acknowledgements inside a department's scope only."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from warehouse.access.permissions import PERMISSIONS, PermissionDenied, can, require
from warehouse.access.scope import Viewer

# The table of issue 5, written out by hand: action -> roles allowed.
EXPECTED = {
    "upload": {"admin", "analyst"},
    "undo": {"admin", "analyst"},
    "edit_mappings": {"admin", "analyst"},
    "edit_thresholds": {"admin", "analyst"},
    "edit_weights": {"admin", "analyst"},
    "manage_users": {"admin"},
    "view_audit": {"admin"},
    "acknowledge": {"admin", "analyst", "dept_head"},
}
ROLES = ("admin", "analyst", "manager", "dept_head")


def _viewer(role: str) -> Viewer:
    return Viewer(f"a-{role}", role, regions=("south",) if role == "dept_head" else ())


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_permission_table_matches_the_issue(action):
    assert {r for r in ROLES if can(_viewer(r), action)} == EXPECTED[action]


def test_a_manager_may_change_nothing():
    manager = _viewer("manager")
    assert not [action for action in PERMISSIONS if can(manager, action)]
    with pytest.raises(PermissionDenied, match="manager"):
        require(manager, "upload")


def test_unknown_actions_are_a_developer_error():
    with pytest.raises(KeyError):
        can(_viewer("admin"), "launch_rockets")


def _alert(db, dim: str, value: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "select alert_id from alerts where state = 'firing' and scope_dim = ? "
            "and lower(scope_value) = ? order by alert_id limit 1", [dim, value]).fetchone()
    finally:
        con.close()
    assert found, f"the scope fixture must have a firing {dim}={value} alert"
    return found[0]


def test_dept_head_acknowledges_only_inside_their_scope(scope_db, tmp_path):
    from warehouse.alerting.alerts import AlertError, acknowledge, list_alerts

    db = tmp_path / "ack.duckdb"
    shutil.copy(scope_db, db)
    south_alert, app_alert = _alert(db, "region", "south"), _alert(db, "channel", "app")
    south = Viewer("lin", "dept_head", regions=("South",))
    manager = Viewer("mgr", "manager")

    with pytest.raises(PermissionDenied):
        acknowledge(south_alert, viewer=manager, note="looking into it", db=db)
    with pytest.raises(AlertError) as outside:
        acknowledge(app_alert, viewer=south, note="not mine", db=db)
    with pytest.raises(AlertError) as missing:
        acknowledge(999_999, viewer=south, note="nothing here", db=db)
    # Out of scope reads exactly like "does not exist": nothing about the alert is revealed.
    assert str(outside.value).replace(str(app_alert), "N") == str(missing.value).replace("999999", "N")

    done = acknowledge(south_alert, viewer=south, note="South team on it", db=db)
    assert done["state"] == "acknowledged" and done["acknowledged_by"] == "lin"
    assert app_alert not in set(list_alerts(viewer=south, db=db)["id"])

    con = duckdb.connect(str(db), read_only=True)
    entries = con.execute("select user_name, action, target, detail from audit_log "
                          "where action = 'alert_acknowledge'").fetchall()
    con.close()
    assert [(u, a, t) for u, a, t, _ in entries] == [("lin", "alert_acknowledge", f"alert {south_alert}")]
    assert json.loads(entries[0][3])["note"] == "South team on it"
