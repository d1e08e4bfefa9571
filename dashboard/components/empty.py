"""First-run start page: the warehouse is empty, so offer the demo year or an upload."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import current_viewer
from dashboard.i18n import t
from warehouse.access.permissions import can
from warehouse.config.settings import PROJECT_ROOT

DATA_PAGE = Path(__file__).resolve().parent.parent / "pages" / "data.py"


def _load_demo() -> str | None:
    """Load the demo year with the loader's own command (as `make run` does); None when done.

    Running the command keeps the dashboard on the loader's public face; a failure comes back
    as the command's last message line.
    """
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "demo", "--if-empty", "--db", data.db_path()],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    data.changed()
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return lines[-1] if lines else f"exit code {done.returncode}"


def start_page() -> None:
    """Rendered instead of the monitoring pages while the warehouse holds no data."""
    viewer = current_viewer()
    st.title(t("start.title"))
    st.write(t("start.body"))
    if not can(viewer, "load_demo"):
        st.info(t("start.ask_analyst"))
        return
    left, right = st.columns(2)
    if left.button(t("start.load_demo"), key="start_load_demo", type="primary",
                   icon=":material/auto_awesome:"):
        with st.spinner(t("start.loading_demo")):
            failure = _load_demo()
        if failure:
            st.error(t("start.demo_failed", error=failure))
        else:
            st.success(t("start.demo_loaded"))
            st.rerun()
    if DATA_PAGE.exists():
        right.page_link("pages/data.py", label=t("start.upload"), icon=":material/upload:")
