"""The app per role: sign-in gate, idle timeout, which pages and controls each role gets."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from warehouse.access import auth
from warehouse.access.scope import Viewer

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "password-123"
ACCOUNTS = {
    "root": ("admin", {}),
    "ana": ("analyst", {}),
    "mgr": ("manager", {}),
    "lin": ("dept_head", {"regions": ["South"]}),
}


@pytest.fixture(autouse=True)
def _navigation_mode(navigation_mode) -> None:
    """Every app test here runs in st.navigation mode (see tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def app_db(scope_db, tmp_path, monkeypatch) -> Path:
    db = tmp_path / "app.duckdb"
    shutil.copy(scope_db, db)
    for name, (role, scope) in ACCOUNTS.items():
        auth.add_user(name, role, password=PASSWORD, db=db, by="system", **scope)
    monkeypatch.setenv("CXRISK_DB", str(db))
    return db


def _app(viewer: Viewer | None = None, *, page: str | None = None, query: dict | None = None,
         last_seen: float | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    if viewer is not None:
        at.session_state["auth.viewer"] = viewer
        at.session_state["auth.last_seen"] = last_seen or time.time()
        at.session_state["auth.checked_at"] = time.time()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def _as(name: str, **kw) -> AppTest:
    role, scope = ACCOUNTS[name]
    return _app(Viewer(name, role, tuple(scope.get("channels", ())), tuple(scope.get("regions", ()))),
                **kw)


def _keys(at: AppTest) -> set[str]:
    kinds = ("button", "file_uploader", "data_editor", "text_input", "text_area", "selectbox",
             "multiselect", "checkbox", "toggle", "number_input", "date_input", "segmented_control")
    return {w.key for kind in kinds for w in getattr(at, kind) if getattr(w, "key", None)}


def _audit(db) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select user_name, action from audit_log order by audit_id").fetchall()
    finally:
        con.close()


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value + "\n".join(e.stack_trace) for e in at.exception]


def test_nobody_signed_in_is_sent_to_the_sign_in_page(app_db):
    """The sign-in form itself is an HTTP page (tests/access/test_sign_in_page.py)."""
    at = _app(page="pages/touchpoints.py")
    _no_exception(at)
    assert [t.value for t in at.title] == ["Sign in · 登录"]
    assert not at.dataframe and not at.metric and "f_region" not in _keys(at)
    assert any("/sign-in?next=" in m.value for m in at.markdown)


def test_an_idle_session_expires(app_db, monkeypatch):
    monkeypatch.setenv("CXRISK_SESSION_IDLE_MINUTES", "5")
    at = _as("ana", last_seen=time.time() - 6 * 60)
    assert [t.value for t in at.title] == ["Sign in · 登录"]
    assert any("idle" in i.value for i in at.info)
    assert ("ana", "session_expired") in _audit(app_db)
    fresh = _as("ana", last_seen=time.time() - 4 * 60)
    assert [t.value for t in fresh.title] != ["Sign in · 登录"]


def test_a_removed_user_is_signed_out_at_the_next_check(app_db):
    auth.remove_user("ana", db=app_db, by="root")
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["auth.viewer"] = Viewer("ana", "analyst")
    at.session_state["auth.last_seen"] = time.time()
    at.session_state["auth.checked_at"] = 0.0
    at.run()
    assert [t.value for t in at.title] == ["Sign in · 登录"]


def test_manager_reads_but_gets_no_control_that_changes_anything(app_db):
    data = _as("mgr", page="pages/data.py")
    _no_exception(data)
    assert not data.file_uploader and not {k for k in _keys(data) if k.startswith("data_undo")}
    settings = _as("mgr", page="pages/settings.py")
    _no_exception(settings)
    keys = _keys(settings)
    assert not {k for k in keys if k.startswith(("settings_rule_", "settings_ahp"))}
    # Values may be shown read-only, but no control that would change them (issue 5 item 3).
    editable = [w.key for kind in ("selectbox", "number_input", "text_input", "data_editor")
                for w in getattr(settings, kind)
                if (w.key or "").startswith("settings_") and not getattr(w, "disabled", False)]
    assert not editable
    assert not [b.key for b in settings.button if (b.key or "").startswith("settings_")]
    alerts = _pick_firing_alert(_as("mgr", page="pages/alerts.py"), app_db)
    assert not [k for k in _keys(alerts) if k.startswith("al_note_")]
    for page in ("pages/users.py", "pages/audit.py"):
        _not_shown(_as("mgr", page=page), page)


def _not_shown(at: AppTest, page: str) -> None:
    """An admin page asked for by a role without access: not in the navigation, so another
    page opens, or (if reached anyway) only the refusal."""
    _no_exception(at)
    titles = [t.value for t in at.title]
    assert not {k for k in _keys(at) if k.startswith(("users.", "audit."))}, page
    if titles in (["Users"], ["Audit log"]):
        assert at.warning and not at.dataframe, page


def _pick_firing_alert(at: AppTest, db) -> AppTest:
    con = duckdb.connect(str(db), read_only=True)
    firing = {r[0] for r in con.execute("select alert_id from alerts where state = 'firing'").fetchall()}
    con.close()
    pick = at.selectbox(key="al_pick")
    shown = [int(re.match(r"#(\d+)", label).group(1)) for label in pick.options]
    pick.set_value(next(i for i in shown if i in firing)).run()
    return at


def test_analyst_uploads_undoes_edits_rules_and_acknowledges_but_manages_no_users(app_db):
    data = _as("ana", page="pages/data.py")
    _no_exception(data)
    assert data.file_uploader and "data_undo" in _keys(data)
    settings = _as("ana", page="pages/settings.py")
    assert {k for k in _keys(settings) if k.startswith("settings_rule_save")}
    assert "settings_ahp_save" in _keys(settings)
    alerts = _pick_firing_alert(_as("ana", page="pages/alerts.py"), app_db)
    assert [k for k in _keys(alerts) if k.startswith("al_note_")]
    for page in ("pages/users.py", "pages/audit.py"):
        _not_shown(_as("ana", page=page), page)


def test_admin_manages_users_and_reads_the_audit_log(app_db):
    users = _as("root", page="pages/users.py")
    _no_exception(users)
    listed = users.dataframe[0].value
    assert sorted(listed.iloc[:, 0]) == sorted(ACCOUNTS)
    users.text_input(key="users.add.name").input("Wang")
    users.selectbox(key="users.add.role").set_value("dept_head")
    users.multiselect(key="users.add.regions").set_value(["East"])
    users.text_input(key="users.add.password").input("east-head-pw")
    next(b for b in users.button if "Create user" in b.label).click().run()
    _no_exception(users)
    assert auth.load_viewer("wang", app_db) == Viewer("wang", "dept_head", (), ("east",))

    audit = _as("root", page="pages/audit.py")
    _no_exception(audit)
    shown = audit.dataframe[0].value
    assert ("root", "User added") in set(zip(shown.iloc[:, 1], shown.iloc[:, 2]))
    assert {"system", "root"} <= set(shown.iloc[:, 1])


def _page_text(at: AppTest) -> str:
    """Everything the page shows as data: metrics, tables, markdown, charts' data."""
    parts = [m.value for m in at.markdown] + [m.label + " " + str(m.value) for m in at.metric]
    parts += [d.value.to_csv() for d in at.dataframe if isinstance(d.value, pd.DataFrame)]
    parts += [str(c.proto) for c in at.get("plotly_chart")]
    parts += [str(o) for w in at.multiselect for o in w.options]
    parts += [str(o) for w in at.selectbox for o in w.options]
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/complaints.py", "pages/alerts.py",
                                  "pages/touchpoints.py", "pages/customers.py"])
def test_south_head_with_a_url_for_north_sees_nothing_of_north(app_db, page):
    at = _as("lin", page=page, query={"region": "North", "channel": "App"})
    _no_exception(at)
    text = _page_text(at).lower()
    assert "south" in text or page == "pages/alerts.py"  # in-scope data is shown
    assert "north" not in text, f"{page} shows North data to the South head"
    assert not at.error


def test_south_head_lists_and_acknowledges_only_south_alerts_and_cannot_upload(app_db):
    con = duckdb.connect(str(app_db), read_only=True)
    south = {r[0] for r in con.execute(
        "select alert_id from alerts where scope_dim = 'region' and lower(scope_value) = 'south'"
    ).fetchall()}
    con.close()
    at = _as("lin", page="pages/alerts.py")
    _no_exception(at)
    shown = {int(re.match(r"#(\d+)", label).group(1)) for label in at.selectbox(key="al_pick").options}
    assert shown and shown <= south
    at = _pick_firing_alert(at, app_db)
    assert [k for k in _keys(at) if k.startswith("al_note_")]
    data = _as("lin", page="pages/data.py")
    assert not data.file_uploader and "data_undo" not in _keys(data)


def test_uploads_over_the_size_limit_or_of_another_type_are_refused_with_a_message(app_db):
    from streamlit import config

    # the one upload limit is Streamlit's server.maxUploadSize (.streamlit/config.toml)
    limit = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    try:
        _refused_uploads(app_db)
    finally:
        config.set_option("server.maxUploadSize", limit)


def _refused_uploads(app_db) -> None:
    before = _audit(app_db)
    at = _as("ana", page="pages/data.py")
    big = b"ticket_id,created_at\n" + b"T1,2026-01-01\n" * 90_000  # ~1.2 MB
    at.file_uploader(key="data_upload").upload("big.csv", big, "text/csv").run()
    _no_exception(at)
    assert any("1" in e.value and "big.csv" in e.value for e in at.error), [e.value for e in at.error]
    at = _as("ana", page="pages/data.py")
    at.file_uploader(key="data_upload").upload("tool.exe", b"MZ\x90\x00", "application/x-msdownload").run()
    _no_exception(at)
    assert any("tool.exe" in e.value for e in at.error)
    assert _audit(app_db) == before  # nothing loaded


def test_signing_out_ends_the_session_and_is_audited(app_db):
    at = _as("mgr")
    at.button(key="auth.sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in · 登录"]
    assert "auth.viewer" not in at.session_state
    assert _audit(app_db)[-1] == ("mgr", "sign_out")


def test_a_live_area_of_an_idle_session_stops_showing_data(app_db, monkeypatch):
    from dashboard.components import auth as gate

    monkeypatch.setenv("CXRISK_SESSION_IDLE_MINUTES", "5")

    def script():
        import time as clock

        import streamlit as st

        from dashboard.components.auth import current_viewer, expire_if_idle

        viewer = current_viewer()
        if st.session_state.get("pretend_idle"):
            st.session_state["auth.last_seen"] = clock.time() - 3600
        expire_if_idle()
        st.write(f"data for {viewer.name}")

    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["auth.viewer"] = Viewer("mgr", "manager")
    at.session_state["auth.last_seen"] = time.time()
    at.session_state["auth.checked_at"] = time.time()
    at.run()
    assert [m.value for m in at.markdown] == ["data for mgr"]
    at.session_state["pretend_idle"] = True
    at.run()
    assert [t.value for t in at.title] == ["Sign in · 登录"]
    assert not [m.value for m in at.markdown if "data for" in m.value]
    assert gate.VIEWER_KEY not in at.session_state


def _gate_only():
    from dashboard.components.auth import current_viewer

    current_viewer()


def test_single_sign_on_is_offered_only_when_switched_on_and_configured(app_db, monkeypatch):
    at = AppTest.from_function(_gate_only, default_timeout=60).run()
    assert not [b for b in at.button if b.key == "auth.sso"]  # off by default

    monkeypatch.setenv("CXRISK_AUTH", "oidc")
    at = AppTest.from_function(_gate_only, default_timeout=60).run()
    _no_exception(at)
    assert not [b for b in at.button if b.key == "auth.sso"]  # no [auth] secrets: local only
    assert any("/sign-in?next=" in m.value for m in at.markdown)

    at = AppTest.from_function(_gate_only, default_timeout=60)
    at.secrets["auth"] = {"client_id": "x", "client_secret": "y", "redirect_uri": "http://h/cb",
                          "cookie_secret": "z", "server_metadata_url": "http://h/.well-known"}
    at.run()
    _no_exception(at)
    assert [b for b in at.button if b.key == "auth.sso"]
    assert any("/sign-in?next=" in m.value for m in at.markdown)  # local accounts keep working


def _gate_and_name():
    import streamlit as st

    from dashboard.components.auth import current_viewer

    viewer = current_viewer()
    st.write(f"viewer {viewer.name} {viewer.role} {','.join(viewer.regions)}")


def test_a_single_sign_on_user_gets_the_role_and_scope_of_their_local_account(app_db, monkeypatch):
    import streamlit

    monkeypatch.setenv("CXRISK_AUTH", "oidc")
    monkeypatch.setattr(streamlit, "user", {"is_logged_in": True, "email": "Chen.Li@Example.com"})
    secrets = {"client_id": "x", "client_secret": "y", "redirect_uri": "http://h/cb",
               "cookie_secret": "z", "server_metadata_url": "http://h/.well-known"}

    at = AppTest.from_function(_gate_and_name, default_timeout=60)
    at.secrets["auth"] = secrets
    at.run()
    _no_exception(at)
    assert any("has no account here yet" in e.value for e in at.error)
    assert not [m for m in at.markdown if m.value.startswith("viewer ")]

    auth.add_user("chen.li@example.com", "dept_head", password=PASSWORD, regions=["South"],
                  db=app_db, by="root")
    at = AppTest.from_function(_gate_and_name, default_timeout=60)
    at.secrets["auth"] = secrets
    at.run()
    _no_exception(at)
    assert [m.value for m in at.markdown] == ["viewer chen.li@example.com dept_head south"]
    assert _audit(app_db)[-1] == ("chen.li@example.com", "sign_in_sso")
