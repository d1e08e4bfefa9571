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


def from_link(key: str, param: str, options=None) -> None:
    """Seed widget KEY from ?PARAM= of the address the session opened with (a copied link),
    once per session and only with a value the widget offers; the remembered value wins after."""
    seeded = f"{PREFIX}linked.{key}"
    if seeded in st.session_state:
        return
    st.session_state[seeded] = True
    asked = st.query_params.get(param)
    if asked is None:
        return
    if options is not None:
        by_text = {str(o): o for o in options}
        if asked not in by_text:
            return
        asked = by_text[asked]
    keep(key, asked)


def to_link(param: str, value: Any, default: Any = None) -> None:
    """Show the page's choice in the address (?PARAM=…), so a copied link reproduces the view."""
    if value is None or value == "" or value == default:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = str(value)
