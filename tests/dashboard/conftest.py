"""A small hand-made warehouse for the dashboard tests (independent of the demo generator)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.warehouses import build

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
# 6 weeks of data ending 2026-06-30: 4 touchpoints × 3 channels × 2 regions.
TINY_SQL = [
    ("insert into batches (batch_id, kind, file_name, status, started_at, finished_at) values "
    "(1, 'survey', 'tiny.csv', 'loaded', timestamp '2026-06-30 12:00', timestamp '2026-06-30 12:01'),"
    "(2, 'complaints', 'tiny_c.csv', 'loaded', timestamp '2026-06-30 12:00', "
    "timestamp '2026-06-30 12:02')"),
    """
    insert into customers (customer_id, region, channel, segment, status, lifetime_value,
                           last_active_date, batch_id, first_batch_id)
    select 'C' || i, ['North', 'South'][1 + i % 2], ['App', 'Phone', 'Store'][1 + i % 3],
           ['VIP', 'regular', 'new'][1 + i % 3], case when i % 10 = 0 then 'churned' else 'active' end,
           (i * 137) % 20000, date '2026-06-01' - (i % 60)::integer, 1, 1
    from range(0, 300) t(i)
    """,
    """
    insert into survey_responses (response_id, submitted_at, customer_id, channel, region,
        touchpoint, segment, nps, csat, csat_scale, csat_10, ces, comment, batch_id, first_batch_id)
    select 'R' || i, timestamp '2026-05-20 08:00' + to_minutes(((i * 97) % 60480)::bigint),
           'C' || (i % 300), ['App', 'Phone', 'Store'][1 + i % 3], ['North', 'South'][1 + (i // 3) % 2],
           ['delivery', 'app', 'payment', 'returns/refunds'][1 + (i // 6) % 4],
           ['VIP', 'regular', 'new'][1 + i % 3],
           case when (i // 6) % 4 = 0 and (i // 3) % 2 = 0 then (i * 7) % 7 else 5 + (i * 7) % 6 end,
           case when (i // 6) % 4 = 0 and (i // 3) % 2 = 0 then 1 + i % 3 else 3 + i % 3 end,
           5,
           2 * case when (i // 6) % 4 = 0 and (i // 3) % 2 = 0 then 1 + i % 3 else 3 + i % 3 end,
           1 + i % 7,
           case when i % 5 = 0 then 'Delivery was late again 快递太慢' else 'fine' end, 1, 1
    from range(0, 1200) t(i)
    """,
    """
    insert into survey_ratings (response_id, touchpoint, rating, scale, rating_10, batch_id)
    select response_id, touchpoint, csat, 5, csat_10, 1 from survey_responses
    """,
    """
    insert into complaints (ticket_id, created_at, customer_id, channel, region, touchpoint,
        product, category, severity, status, first_response_at, resolved_at, escalated,
        compensation_amount, description, batch_id, first_batch_id)
    select 'T' || i, timestamp '2026-05-20 09:00' + to_minutes(((i * 131) % 60480)::bigint),
           'C' || (i % 300), ['App', 'Phone', 'Store'][1 + i % 3], ['North', 'South'][1 + (i // 3) % 2],
           ['delivery', 'app', 'payment', 'returns/refunds'][1 + (i // 6) % 4],
           ['P1', 'P2'][1 + i % 2], ['delivery delay', 'slow refund', 'app bug'][1 + i % 3],
           ['low', 'medium', 'high', 'urgent'][1 + i % 4], 'resolved',
           timestamp '2026-05-20 09:00' + to_minutes(((i * 131) % 60480 + 20 + i % 200)::bigint),
           timestamp '2026-05-20 09:00' + to_minutes(((i * 131) % 60480 + 600 + i % 900)::bigint),
           i % 9 = 0, (i % 4) * 10.0,
           case when i % 2 = 0 then '=HYPERLINK(\"x\") 物流延迟 parcel late' else 'refund slow 退款慢' end,
           2, 2
    from range(0, 240) t(i)
    """,
]


# One firing red alert on the North region and one resolved yellow one on the App channel.
ALERTS_SQL = """
insert into alerts (alert_id, rule_id, scope, scope_dim, scope_value, scope_channel, scope_region,
    level, state, value, limit_value, opened_at, resolved_at, response_level, due_at, phase,
    recovered, created_at)
values
 (901, 'csat_top2', 'region=North', 'region', 'North', null, 'north', 'red', 'firing', 31.5, 40,
  timestamp '2026-06-28 00:00', null, 'III', timestamp '2026-06-29 00:00', 'outbreak', null,
  timestamp '2026-06-28 00:05'),
 (902, 'negative_review_rate_change', 'channel=App', 'channel', 'App', 'app', null, 'yellow',
  'resolved', 24.0, 20, timestamp '2026-06-01 00:00', timestamp '2026-06-15 00:00', 'IV',
  timestamp '2026-06-01 02:00', 'resolved', true, timestamp '2026-06-01 00:05')
"""
PASSWORD = "tiny-test-pass-1"


def build_tiny(path: Path) -> Path:
    from warehouse.access.auth import add_user

    build(path, statements=[*TINY_SQL, ALERTS_SQL])
    add_user("ana", "analyst", password=PASSWORD, db=path, by="test")
    add_user("mia", "manager", password=PASSWORD, db=path, by="test")
    add_user("sam", "dept_head", password=PASSWORD, regions=["South"], db=path, by="test")
    add_user("root", "admin", password=PASSWORD, db=path, by="test")
    return path


@pytest.fixture(scope="session")
def tiny_db_master(tmp_path_factory) -> Path:
    return build_tiny(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture
def tiny_db(tiny_db_master: Path, private_copy) -> Path:
    return private_copy(tiny_db_master)


def _app_test(db: Path, user: str = "root", query: dict | None = None, lang: str | None = None):
    """An AppTest of the whole app on DB, signed in as USER (a real account of the tiny db)."""
    from streamlit.testing.v1 import AppTest

    from warehouse.access.auth import load_viewer

    os.environ["CXRISK_DB"] = str(db)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["auth.viewer"] = load_viewer(user, db=db)
    at.session_state["auth.last_seen"] = time.time()
    at.session_state["auth.checked_at"] = time.time()
    if lang:
        at.session_state["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


@pytest.fixture
def app_test():
    """Factory: app_test(db, user="root", query=None, lang=None) -> AppTest signed in as USER."""
    return _app_test


@pytest.fixture(autouse=True)
def _navigation_mode(navigation_mode) -> None:
    """Every app test here runs in st.navigation mode (see tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch):
    """Each test reads its own warehouse: no cached results or env from another test."""
    import streamlit as st

    monkeypatch.setenv("CXRISK_DB", "")
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="session")
def incidents_db(demo_db_master, tmp_path_factory):
    """The demo warehouse with its alerts evaluated and an admin, root; read only (shared)."""
    from warehouse.access.auth import add_user
    from warehouse.alerting.evaluation import evaluate

    path = tmp_path_factory.mktemp("incidents") / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    evaluate(path)
    add_user("root", "admin", password="incident-test-pass-1", db=path, by="test")
    return path

