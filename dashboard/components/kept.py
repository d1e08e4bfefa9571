"""Widget values that survive a language switch and a visit to another page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

PREFIX = "kept."


def kept(key: str, default: Any = None) -> Callable[[], None]:
    """Seed widget KEY from its remembered value; returns the on_change that remembers it.

    Streamlit forgets a widget's value when its label changes (another language) or when a
    run does not draw it (another page). The copy under "kept.KEY" is plain session state,
    so it stays; it is written back before the widget is drawn.
    """
    shadow = PREFIX + key
    if shadow in st.session_state:
        st.session_state[key] = st.session_state[shadow]
    elif default is not None and key not in st.session_state:
        st.session_state[key] = default

    def remember() -> None:
        st.session_state[shadow] = st.session_state.get(key)

    return remember


def keep(key: str, value: Any) -> None:
    """Set widget KEY (and its remembered copy) from code, e.g. from a chart click."""
    st.session_state[key] = value
    st.session_state[PREFIX + key] = value


def forget(key: str) -> None:
    st.session_state.pop(key, None)
    st.session_state.pop(PREFIX + key, None)
