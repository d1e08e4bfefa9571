"""What every page calls first: the frame's viewer and filters, with the frame really run."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.components.auth import current_viewer
from dashboard.components.filters import current_filters
from warehouse.scope import Filters, Viewer


def framed() -> tuple[Viewer, Filters]:
    """(viewer, filters) of this run; call it at the top of every page.

    Streamlit runs a file of dashboard/pages/ on its own, without app.py (no sign-in, no
    sidebar), while it still believes the app uses the old pages-folder mode: in a fresh
    server process until st.navigation first runs, and on every AppTest run. Such a run is
    restarted through app.py at once.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return current_viewer(), current_filters()
