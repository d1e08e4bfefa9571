"""First-run start page: the warehouse is empty, so offer the demo year or an upload."""

from __future__ import annotations

import importlib
from pathlib import Path

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import current_viewer
from dashboard.i18n import t
from pipelines.errors import IngestError
from warehouse.db import WarehouseBusy
from warehouse.permissions import can

DATA_PAGE = Path(__file__).resolve().parent.parent / "pages" / "data.py"


def _load_demo() -> None:
    # The demo generator loads through the same loader as uploads (pipelines' public API).
    generate_demo = importlib.import_module("pipelines.demo").generate_demo
    bar = st.progress(0.0, text=t("start.loading_demo"))
    generate_demo(db=data.db_path(), if_empty=True,
                  progress=lambda share, _step: bar.progress(min(max(share, 0.0), 1.0)))
    data.changed()


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
        try:
            _load_demo()
        except (IngestError, WarehouseBusy, OSError) as exc:  # e.g. a full disk, a long load
            st.error(t("start.demo_failed", error=exc))
        else:
            st.success(t("start.demo_loaded"))
            st.rerun()
    if DATA_PAGE.exists():
        right.page_link("pages/data.py", label=t("start.upload"), icon=":material/upload:")
