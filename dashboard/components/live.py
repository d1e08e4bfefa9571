"""Live data areas: fragments that rerun on their own, picking up new batches without a reload."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import expire_if_idle
from dashboard.i18n import display_zone, fmt_datetime, setting, t


def refresh_seconds() -> int:
    """The admin's refresh interval (app_settings), else CXRISK_REFRESH_SECONDS (default 30)."""
    try:
        return max(5, int(setting("refresh_seconds")))
    except (TypeError, ValueError):
        return 30


def live(render: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """Run RENDER(*args, **kwargs) as a fragment that reruns every refresh interval.

    Reads inside RENDER go through the cache keyed by the latest batch, so a rerun costs a
    cache hit until a load lands; then only this area redraws, not the whole page.
    """
    @functools.wraps(render)
    def area(*inner_args: Any, **inner_kwargs: Any) -> None:
        expire_if_idle()  # a timer rerun is not activity: an idle session stops updating
        render(*inner_args, **inner_kwargs)

    st.fragment(area, run_every=refresh_seconds())(*args, **kwargs)


def as_of_caption() -> None:
    """'Data as of …, refreshes every 30 s, times in Asia/Shanghai' — the page's one time-zone
    label; meant to sit inside a live area, where it also re-runs the page when data lands."""
    try:
        when = data.data_as_of()
    except data.WarehouseBusy:
        when = None
    st.caption(f"{t('common.data_as_of', when=fmt_datetime(when))} · "
               f"{t('common.refresh_every', seconds=refresh_seconds())} · "
               f"{t('common.times_in', zone=display_zone().key)}")
    follow_new_data()


SEEN = "live_data_version"


def follow_new_data() -> None:
    """After a load or undo by anyone, run the whole page again once: the sidebar's window
    (presets count back from the newest data), tiles, tables and charts all follow it."""
    seen = data.version()
    before = st.session_state.get(SEEN)
    st.session_state[SEEN] = seen
    if before is not None and seen is not None and seen != before:
        st.rerun(scope="app")
