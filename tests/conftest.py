"""Session fixtures shared by every test folder."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT.parent / "shared" / "data" / "real"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The demo year used in tests ends on a fixed day so scripted incidents sit on known dates.
DEMO_END = date(2026, 6, 30)
DEMO_SEED = 7


@pytest.fixture(scope="session", autouse=True)
def _rejects_outside_repo(tmp_path_factory) -> None:
    """Rejected-row files written during tests go to a temporary folder, not data/."""
    os.environ["CXRISK_REJECTS_DIR"] = str(tmp_path_factory.mktemp("rejects"))
    # Tests check results with their own DuckDB connections to the same files; a cached
    # read handle would hold those files open. tests/warehouse/test_db.py covers the cache.
    os.environ["CXRISK_READ_CACHE"] = "0"


@pytest.fixture(scope="session")
def real_data() -> Path:
    """../shared/data/real, or a skip with the reason when the folder is absent."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real public exports not found at {REAL_DATA} (../shared/data/real is absent)")
    return REAL_DATA


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """A path for a fresh warehouse file (created on first connect)."""
    return tmp_path / "warehouse.duckdb"


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The demo year generated once per test session; do not write to it (use demo_db)."""
    from pipelines.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    generate_demo(db=path, seed=DEMO_SEED, end=DEMO_END)
    return path


@pytest.fixture
def private_copy(tmp_path: Path):
    """private_copy(master) -> a copy of the warehouse file MASTER in this test's own folder.

    Folders build their warehouse once per session and hand each test a copy it may change.
    """

    def _copy(master: Path) -> Path:
        path = tmp_path / master.name
        shutil.copy(master, path)
        return path

    return _copy


@pytest.fixture
def demo_db(demo_db_master: Path, private_copy) -> Path:
    """A private copy of the demo warehouse that a test may change."""
    return private_copy(demo_db_master)


@pytest.fixture
def navigation_mode(monkeypatch) -> None:
    """Run AppTest as a served app runs after its first page view: st.navigation mode.

    AppTest forgets before every run that the app uses st.navigation and, seeing the
    dashboard/pages/ folder, runs the page file alone first; dashboard.components.frame
    then restarts the run through app.py, and a click made for that run (sign-in, create
    user, any button) would be lost. Folders of app tests use it from an autouse fixture.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
