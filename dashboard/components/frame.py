"""What every page calls first: the frame's viewer and filters, with the frame really run."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.components.auth import current_viewer
from dashboard.components.filters import current_filters
from warehouse.access.scope import Filters, Viewer


def restart_outside_navigation() -> None:
    """Restart a run that Streamlit started in its old pages-folder mode.

    Seeing a dashboard/pages/ folder, Streamlit believes the app uses that mode until
    st.navigation first runs in the process (and on every AppTest run): it then runs a page
    file on its own, without app.py (no sign-in, no sidebar), or app.py as a page whose
    widgets get other ids than in later runs. Such a run is restarted at once in
    st.navigation mode.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def framed() -> tuple[Viewer, Filters]:
    """(viewer, filters) of this run; call it at the top of every page."""
    restart_outside_navigation()
    return current_viewer(), current_filters()
