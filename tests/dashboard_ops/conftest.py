"""A small hand-made warehouse and a signed-in AppTest for the Complaints … Settings pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.warehouses import build
from warehouse.access import auth

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

# 12 tickets in June 2026. Categories: slow refund ×6, delivery delay ×3, rude staff ×2,
# billing ×1 → Pareto 50 %, 75 %, 91.7 %, 100 %: three categories reach 80 %.
# Six descriptions mention "refund"; T12's description looks like a spreadsheet formula.
OPS_SQL = [
    """
    insert into batches (batch_id, kind, file_name, status, started_at, finished_at, rows_read,
        rows_loaded) values
    (1, 'complaints', 'june.csv', 'loaded', timestamp '2026-06-30 08:00',
     timestamp '2026-06-30 08:01', 12, 12),
    (2, 'crm', 'crm.csv', 'loaded', timestamp '2026-06-30 09:00', timestamp '2026-06-30 09:01', 5, 5)
    """,
    """
    insert into complaints (ticket_id, created_at, customer_id, channel, region, touchpoint,
        product, category, severity, status, first_response_at, resolved_at, escalated,
        compensation_amount, description, batch_id, first_batch_id)
    select 'T' || i, timestamp '2026-06-01 09:00' + to_hours(i * 24),
           'C' || (1 + i % 5), ['App', 'Phone'][1 + i % 2], ['North', 'South'][1 + (i // 2) % 2],
           'after-sales', 'P1',
           case when i <= 6 then 'slow refund' when i <= 9 then 'delivery delay'
                when i <= 11 then 'rude staff' else 'billing' end,
           ['low', 'high'][1 + i % 2], 'resolved',
           timestamp '2026-06-01 10:00' + to_hours(i * 24),
           timestamp '2026-06-01 19:00' + to_hours(i * 24),
           i = 3, 0.0,
           case when i <= 6 then 'Refund took three weeks 退款慢'
                when i <= 9 then 'Parcel late 物流延迟'
                when i <= 11 then 'Rude agent 态度差'
                else '=1+2 billing error' end,
           1, 1
    from range(1, 13) t(i)
    """,
    # Churn signals as of 2026-06-30 (the newest activity): C1 inactive 60 days (high tier),
    # C2 average order value down 60 % (mid tier). C3 low and C5 high are fine; C4 has churned.
    """
    insert into customers (customer_id, region, channel, segment, status, lifetime_value,
        last_active_date, orders_90d, avg_order_value, prev_avg_order_value, batch_id,
        first_batch_id) values
    ('C1', 'North', 'App', 'VIP', 'active', 20000, date '2026-05-01', 0, 100, 100, 2, 2),
    ('C2', 'South', 'Phone', 'regular', 'active', 5000, date '2026-06-29', 3, 40, 100, 2, 2),
    ('C3', 'North', 'Phone', 'new', 'active', 500, date '2026-06-30', 2, 50, 50, 2, 2),
    ('C4', 'South', 'App', 'regular', 'churned', 800, date '2026-01-01', 0, 10, 90, 2, 2),
    ('C5', 'North', 'App', 'VIP', 'active', 15000, date '2026-06-28', 5, 300, 280, 2, 2)
    """,
    # Our NPS in June: 5 promoters (9) and 5 detractors (3) → 50 % − 50 % = 0.
    # Benchmarks for May and June: industry NPS 30 and 50, on average 40 → gap (0 − 40) / 40 =
    # −100 % (a weakness); RivalCo −10 → gap (0 − (−10)) / 10 = +100 % (we are ahead).
    """
    insert into survey_responses (response_id, submitted_at, channel, region, touchpoint, nps,
        batch_id, first_batch_id)
    select 'R' || i, timestamp '2026-06-10 12:00' + to_hours(i), ['App', 'Phone'][1 + i % 2],
           ['North', 'South'][1 + i % 2], 'after-sales', case when i <= 5 then 9 else 3 end, 1, 1
    from range(1, 11) t(i)
    """,
    """
    insert into benchmarks (period, period_label, competitor, metric, value, touchpoint, source,
        batch_id, first_batch_id) values
    (date '2026-05-01', '2026-05', 'industry', 'nps', 30, '', 'own research', 1, 1),
    (date '2026-06-01', '2026-06', 'industry', 'nps', 50, '', 'own research', 1, 1),
    (date '2026-05-01', '2026-05', 'RivalCo', 'nps', -10, '', 'own research', 1, 1),
    (date '2026-06-01', '2026-06', 'RivalCo', 'nps', -10, '', 'own research', 1, 1)
    """,
]


def build_ops(path: Path) -> Path:
    return build(path, statements=OPS_SQL)


@pytest.fixture(scope="session")
def ops_db_master(tmp_path_factory) -> Path:
    return build_ops(tmp_path_factory.mktemp("ops") / "ops.duckdb")


@pytest.fixture
def ops_db(ops_db_master: Path, private_copy) -> Path:
    return private_copy(ops_db_master)


@pytest.fixture
def open_app(monkeypatch):
    """open_app(db, page, role=…, channels=…, regions=…, query=…) -> an AppTest signed in, on
    PAGE; QUERY are URL parameters of the first visit (e.g. {"preset": "last_7"})."""

    def _open(db: Path, page: str, *, role: str = "admin", channels=(), regions=(),
              query: dict | None = None) -> AppTest:
        monkeypatch.setenv("CXRISK_DB", str(db))
        name = f"{role}_user"
        viewer = auth.add_user(name, role, password="a long test password 1", channels=channels,
                               regions=regions, db=db, by="test")
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.session_state["auth.viewer"] = viewer
        at.session_state["auth.last_seen"] = time.time()
        at.session_state["auth.checked_at"] = time.time()
        at.session_state["lang"] = "en"
        for name, value in (query or {}).items():
            at.query_params[name] = value
        at.run()
        at.switch_page(f"pages/{page}.py")
        return at.run()

    return _open

