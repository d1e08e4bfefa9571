"""Keeps every run in st.navigation mode (see restart_outside_navigation)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


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
