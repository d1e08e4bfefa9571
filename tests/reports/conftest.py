"""The demo year with report users and improvement items, built once per test module."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from warehouse.access.auth import add_user
from warehouse.access.scope import Filters

QUARTER = "2026Q2"  # the demo year (ending 2026-06-30) has this as its last full quarter
Q_START, Q_END = date(2026, 4, 1), date(2026, 6, 30)
PASSWORD = "report-test-password-1"


@pytest.fixture(scope="module")
def review_db(demo_db_master: Path, tmp_path_factory) -> Path:
    """A copy of the demo year with a department head for East, a manager and an analyst."""
    path = tmp_path_factory.mktemp("review") / "review.duckdb"
    shutil.copy(demo_db_master, path)
    add_user("east_head", "dept_head", password=PASSWORD, regions=["East"], db=path, by="test")
    add_user("boss", "manager", password=PASSWORD, db=path, by="test")
    add_user("ana", "analyst", password=PASSWORD, db=path, by="test")
    return path


@pytest.fixture(scope="module")
def quarter_filters() -> Filters:
    return Filters(start=Q_START, end=Q_END)
