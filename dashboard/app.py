"""CX Risk Monitor: sign-in, language, global filters and the page list (run with streamlit)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import current_viewer, sign_out_button, signed_in
from dashboard.components.empty import start_page
from dashboard.components.filters import sidebar_filters
from dashboard.components.navigation import restart_outside_navigation
from dashboard.i18n import LANG_KEY, LANGUAGE_NAMES, LANGUAGES, default_language, t
from warehouse.access import preferences
from warehouse.access.permissions import can

PAGES = Path(__file__).resolve().parent / "pages"
FAVICON = PAGES.parent / "web" / "assets" / "favicon.png"
# (file, url path, icon, the permission needed to see it or None); grouped in the sidebar
SECTIONS = {
    "nav.monitor": [
        ("overview.py", "overview", ":material/dashboard:", None),
        ("touchpoints.py", "touchpoints", ":material/grid_on:", None),
        ("risk_matrix.py", "risk-matrix", ":material/crisis_alert:", None),
        ("alerts.py", "alerts", ":material/notifications_active:", None),
    ],
    "nav.analyse": [
        ("complaints.py", "complaints", ":material/support_agent:", None),
        ("voice.py", "voice", ":material/record_voice_over:", None),
        ("customers.py", "customers", ":material/groups:", None),
        ("benchmarks.py", "benchmarks", ":material/leaderboard:", None),
    ],
    "nav.review": [
        ("improvements.py", "improvements", ":material/checklist:", None),
        ("reports.py", "reports", ":material/picture_as_pdf:", None),
    ],
    "nav.manage": [
        ("data.py", "data", ":material/upload_file:", None),
        ("settings.py", "settings", ":material/tune:", None),
        ("users.py", "users", ":material/manage_accounts:", "manage_users"),
        ("audit.py", "audit", ":material/history:", "view_audit"),
    ],
}
# While the warehouse is empty only these pages make sense next to the start page.
FIRST_RUN_PAGES = ("data.py", "settings.py", "users.py", "audit.py")

# The icon is the app's own file: a Material icon name would be fetched from a font CDN.
st.set_page_config(page_title="CX Risk Monitor", page_icon=str(FAVICON),
                   layout="wide")
restart_outside_navigation()


def _keep_language(viewer) -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGUAGES:
        st.session_state[LANG_KEY] = chosen
        try:  # kept for the user's next sessions; a failure only loses that
            data.read_now(preferences.set_language, chosen, viewer=viewer)
        except (OSError, sqlite3.Error):
            pass


# What people type after ?lang= for the two languages.
LANGUAGE_ALIASES = {"en": "en", "en-us": "en", "en-gb": "en", "english": "en",
                    "zh-cn": "zh-CN", "zh": "zh-CN", "cn": "zh-CN", "zh-hans": "zh-CN", "中文": "zh-CN"}


def _first_language(viewer) -> str:
    """A session's language: the link's ?lang=, else the user's own last choice, else the
    admin's default."""
    asked = LANGUAGE_ALIASES.get(str(st.query_params.get("lang", "")).lower())
    if asked:
        return asked
    try:
        own = data.read_now(preferences.language, viewer=viewer)
    except (OSError, sqlite3.Error):
        own = None
    return own or default_language()


def _language_switch(viewer) -> None:
    """zh-CN / en switch; the first choice comes from ?lang=, the user's own, or the default."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = _first_language(viewer)
    st.session_state["lang_switch"] = st.session_state[LANG_KEY]
    st.sidebar.segmented_control(t("app.language"), LANGUAGES, key="lang_switch",
                                 format_func=LANGUAGE_NAMES.get, on_change=_keep_language,
                                 args=(viewer,))
    st.query_params["lang"] = st.session_state[LANG_KEY]


def _sign_in_gate() -> None:
    """Nobody signed in: leave for the sign-in page from every page path, in a hidden page list.

    The hidden list replaces any page list an earlier run left in the sidebar (a fresh server
    first lists the files of dashboard/pages/), and keeps the page's address, which the sign-in
    page returns to.
    """
    if signed_in():
        return

    def gate(url: str):
        def sign_in() -> None:
            current_viewer()  # sends the browser to the sign-in page and stops the run

        sign_in.__name__ = f"sign_in_{url.replace('-', '_')}"
        return sign_in

    paths = [url for entries in SECTIONS.values() for _, url, _, _ in entries]
    pages = [st.Page(gate(url), title=t("app.title"), url_path=url, default=url == "overview")
             for url in [*paths, "start"]]
    st.navigation(pages, position="hidden").run()
    st.stop()


def _pages(viewer, empty: bool) -> dict[str, list]:
    sections: dict[str, list] = {}
    if empty:
        sections[t("nav.monitor")] = [st.Page(start_page, title=t("nav.start"), url_path="start",
                                              icon=":material/rocket_launch:", default=True)]
    for section, entries in SECTIONS.items():
        for file, url, icon, permission in entries:
            if not (PAGES / file).exists() or (empty and file not in FIRST_RUN_PAGES):
                continue
            if permission and not can(viewer, permission):
                continue
            page = st.Page(f"pages/{file}", title=t(f"nav.{file[:-3]}"), url_path=url, icon=icon,
                           default=not empty and file == "overview.py")
            sections.setdefault(t(section), []).append(page)
    return sections


_sign_in_gate()
viewer = current_viewer()
_language_switch(viewer)
st.sidebar.caption(t("app.signed_in_as", name=viewer.name, role=t(f"role.{viewer.role}")))
sign_out_button()
empty = data.shown(data.is_empty) is True
if not empty:
    data.warm()
    options = data.shown(data.filter_options, viewer) or {}
    as_of = data.shown(data.data_as_of)
    sidebar_filters(options, as_of)
# every page in view: an admin has 14, past the 10 Streamlit shows before a "View more" link
st.navigation(_pages(viewer, empty), expanded=True).run()
