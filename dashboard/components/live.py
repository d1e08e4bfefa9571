"""Live data areas: fragments that rerun on their own, picking up new batches without a reload."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.components import data
from dashboard.components.auth import expire_if_idle
from dashboard.i18n import fmt_datetime, setting, t


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
    """'Data as of …, refreshes every 30 s' — meant to sit inside a live area."""
    try:
        when = data.data_as_of()
    except data.WarehouseBusy:
        when = None
    st.caption(f"{t('common.data_as_of', when=fmt_datetime(when))} · "
               f"{t('common.refresh_every', seconds=refresh_seconds())}")
