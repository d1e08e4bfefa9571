"""Every warehouse write checks the acting viewer's role itself, not only the page that calls it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest_file, undo_batch
from pipelines.profiles import save_profile
from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import Viewer
from warehouse.alerting import alerts, rules
from warehouse.alerting.alerts import AlertError
from warehouse.config import app_settings
from warehouse.kpi import csi
from warehouse.risk import matrix as risk_matrix
from warehouse.text import default_dictionary, save_dictionary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
MANAGER = Viewer("mia", "manager")
DEPT_HEAD = Viewer("dan", "dept_head", channels=("app",), regions=("north",))
ANALYST = Viewer("ana", "analyst")
ADMIN = Viewer("ada", "admin")
# A consistent matrix (every judgement 1) differs from the shipped one, so saving it is a change.
EQUAL_MATRIX = [[1.0] * len(csi.COMPONENTS) for _ in csi.COMPONENTS]


def snapshot(path: Path) -> dict[str, list]:
    """Every table's rows, read with an independent read-only connection."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "order by table_name").fetchall()]
        return {t: sorted(map(repr, con.execute(f'select * from "{t}"').fetchall()))
                for t in tables}
    finally:
        con.close()


def _first(path: Path, sql: str):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _rule(db, user):
    rule_id = _first(db, "select rule_id from rules where enabled order by rule_id limit 1")
    return rules.update_rule(rule_id, {"enabled": False}, user=user, db=db)


def _ack(db, user):
    alert_id = _first(db, "select min(alert_id) from alerts where state = 'firing' "
                          "and scope_channel is distinct from 'app'")
    return alerts.acknowledge(int(alert_id), viewer=user, note="calling the carrier", db=db)


WRITES: dict[str, Callable] = {
    "update_rule": _rule,
    "save_matrix": lambda db, user: csi.save_matrix(EQUAL_MATRIX, user=user, db=db),
    "app_settings.set": lambda db, user: app_settings.set("currency", "USD", user=user, db=db),
    "set_item": lambda db, user: risk_matrix.set_item(
        "touchpoint:delivery", owner="ops lead", status="in_progress", note="new carrier",
        user=user, db=db),
    "save_dictionary": lambda db, user: save_dictionary(
        default_dictionary()[:-1], user=user, db=db),
    "ingest_file": lambda db, user: ingest_file(
        "complaints", FIXTURES / "export_a.csv", db=db, user=user),
    "undo_batch": lambda db, user: undo_batch(1, db=db, user=user),
    "save_profile": lambda db, user: save_profile(
        "my crm", "crm", {"columns": {"cid": "customer_id"}}, db=db, user=user),
    "acknowledge": _ack,
}


@pytest.fixture
def db(scope_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "scope.duckdb"
    shutil.copy(scope_db, path)
    return path


@pytest.mark.parametrize("name", WRITES)
@pytest.mark.parametrize("viewer", [MANAGER, DEPT_HEAD], ids=["manager", "dept_head"])
def test_read_only_roles_change_nothing(db: Path, name: str, viewer: Viewer) -> None:
    before = snapshot(db)
    # A dept_head may acknowledge, but only alerts within scope: out of scope is refused too.
    refused = (PermissionDenied, AlertError) if name == "acknowledge" and viewer is DEPT_HEAD \
        else PermissionDenied
    with pytest.raises(refused):
        WRITES[name](db, viewer)
    assert snapshot(db) == before


@pytest.mark.parametrize("name", WRITES)
def test_allowed_role_does_change_the_warehouse(db: Path, name: str) -> None:
    # The control for the test above: the same call by an allowed role is seen as a change.
    viewer = ADMIN if name == "app_settings.set" else ANALYST
    before = snapshot(db)
    WRITES[name](db, viewer)
    after = snapshot(db)
    assert after != before
    audit = set(after["audit_log"]) - set(before["audit_log"])
    assert any(repr(viewer.name) in row for row in audit)


def test_analyst_may_not_change_settings(db: Path) -> None:
    before = snapshot(db)
    with pytest.raises(PermissionDenied):
        app_settings.set("currency", "USD", user=ANALYST, db=db)
    assert snapshot(db) == before


def test_system_callers_pass_a_name(db: Path) -> None:
    # The command line acts as the system admin and names itself; no viewer is checked.
    assert app_settings.set("currency", "EUR", user="cli", db=db) == "EUR"
    assert _first(db, "select changed_by from app_settings where key = 'currency'") == "cli"
