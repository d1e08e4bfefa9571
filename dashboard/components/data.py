"""Cached reads of the warehouse query API, keyed by filters, viewer and the data version."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.alerting import alerts, chart, monitor, rules
from warehouse.config.settings import resolve_db
from warehouse.kpi import catalog, metrics
from warehouse.risk import matrix as risk_matrix
from warehouse.storage.db import WarehouseBusy
from warehouse.storage.warm import warm_in_background

# A new load or undo changes the key at once; the TTL bounds staleness of alert states that
# other sessions change (acknowledgements).
TTL_SECONDS = 60


def db_path() -> str:
    """The configured warehouse (CXRISK_DB), as every call here passes it."""
    return str(resolve_db())


@st.cache_data(ttl=5, show_spinner=False)
def _version(db: str) -> Any:
    # data_version changes on every load and every undo
    return catalog.data_version(viewer=SYSTEM, db=db)


def version() -> Any:
    """A token of the warehouse's contents (asked at most every 5 s); part of every cache key."""
    try:
        return _version(db_path())
    except WarehouseBusy:
        return None


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=512)
def _call(key: str, _func: Callable, _args: tuple, _kwargs: dict) -> Any:
    # Only `key` is hashed: it names the function and spells out every argument (reprs of frozen
    # dataclasses), plus the data version.
    return _func(*_args, **_kwargs)


def _name(func: Callable) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def call(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """FUNC(*args, **kwargs) of the warehouse's query API, through the cache.

    Keyword arguments must be plain values, Filters or Viewer (their reprs are the key).
    The configured warehouse is passed as db=. Raises WarehouseBusy.
    """
    kwargs = {**kwargs, "db": db_path()}
    key = repr((_name(func), args, sorted(kwargs.items()), version()))
    return _call(key, func, args, kwargs)


def prefetch(*calls: tuple) -> None:
    """Warm the cache with several reads at once: (reader, *args) each, run in threads.

    A page's areas then draw from the cache one after another; the reads overlapped, so a
    new filter set costs about the slowest read instead of their sum. Failures are left for
    the area's own call to report.
    """
    ctx = get_script_run_ctx()

    def run(call: tuple) -> None:
        add_script_run_ctx(threading.current_thread(), ctx)
        try:
            call[0](*call[1:])
        except WarehouseBusy:
            pass  # the area's own call shows the note

    with ThreadPoolExecutor(max_workers=len(calls) or 1) as pool:
        list(pool.map(run, calls))


def changed() -> None:
    """Forget cached results after this session changed something (acknowledge, owner…)."""
    _call.clear()
    _version.clear()


def read_now(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """FUNC(*args, **kwargs) uncached: reads of what changes without a load (the audit log,
    accounts, sessions), a download's every row, and the bookkeeping writes no cached read
    shows (session events)."""
    return func(*args, db=db_path(), **kwargs)


def write(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """FUNC(*args, **kwargs), a warehouse function that changes data; then drop cached reads."""
    result = func(*args, db=db_path(), **kwargs)
    changed()
    return result


# Shortcuts for the frame's pages; other pages use call() with any read function.


def warm() -> None:
    """Have the warehouse's read handle hold the recent data in memory (in the background, once
    per handle), so that the first look at each date range is as fast as later ones."""
    warm_in_background(db_path())


def filter_options(viewer: Viewer) -> dict[str, list[str]]:
    return call(catalog.filter_options, viewer=viewer)


def data_as_of() -> Any:
    return call(catalog.data_as_of, viewer=SYSTEM)


def is_empty() -> bool:
    return call(catalog.is_empty, viewer=SYSTEM)


def kpi_summary(filters: Filters, viewer: Viewer) -> dict[str, dict]:
    return call(metrics.kpi_summary, filters=filters, viewer=viewer)


def metric_series(metric: str, grain: str, filters: Filters, viewer: Viewer):
    return call(metrics.metric_series, metric, grain=grain, filters=filters, viewer=viewer)


def touchpoint_matrix(metric: str, by: str, filters: Filters, viewer: Viewer, min_n: int = 30):
    return call(
        metrics.touchpoint_matrix, metric, by=by, filters=filters, viewer=viewer,
        min_n=min_n,
    )


def drill(touchpoint: str, by: str, col: str, filters: Filters, viewer: Viewer) -> dict:
    return call(metrics.drill, touchpoint, by=by, col=col, filters=filters, viewer=viewer)


def list_alerts(viewer: Viewer, states: tuple[str, ...] | None = None,
                filters: Filters | None = None):
    return call(alerts.list_alerts, viewer=viewer, states=states, filters=filters)


def open_counts(viewer: Viewer) -> dict:
    return call(alerts.open_counts, viewer=viewer)


def alert_events(alert_id: int, viewer: Viewer):
    return call(alerts.alert_events, alert_id, viewer=viewer)


def control_chart(alert_id: int, viewer: Viewer):
    return call(chart.control_chart, alert_id, viewer=viewer)


def risk_items(filters: Filters, viewer: Viewer):
    return call(risk_matrix.risk_items, filters=filters, viewer=viewer)


def monitor_status() -> dict:
    """Whether the monitor runs (its heartbeat), read fresh: it says whether alerts are live."""
    return read_now(monitor.status)


def list_rules():
    return call(rules.list_rules)


def shown(reader, *args: Any, **kwargs: Any) -> Any:
    """READER(*args, **kwargs), or None after a friendly note when it cannot answer right now."""
    from dashboard.i18n import t

    try:
        return reader(*args, **kwargs)
    except WarehouseBusy:
        st.info(t("common.busy"))
    return None
