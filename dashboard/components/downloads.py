"""Every table downloadable as CSV and XLSX, with spreadsheet formulas neutralised."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.i18n import t

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _listed(value):
    """A list cell (channels of a scope, drivers of a risk item) as text: "east, north"."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with list cells as text, every text cell neutralised and time zones dropped (XLSX
    has none)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = series.dt.tz_localize(None)
        elif not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                  or pd.api.types.is_datetime64_any_dtype(series)):
            out[column] = series.map(_listed).map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark so Excel opens Chinese text correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    # xlsxwriter would otherwise turn "=…" text into formulas and "http…" into links
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as xl:
        safe_frame(frame).to_excel(xl, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame, name: str, key: str,
                     everything: Callable[[], pd.DataFrame] | None = None) -> None:
    """Two buttons (CSV, XLSX) for FRAME; NAME is the file name without extension.

    EVERYTHING, for a table capped for display, reads all its rows in scope when a button is
    clicked, so the file holds the whole list, not the first page of it.
    """
    rows = everything or (lambda: frame)
    left, right = st.columns(2)
    # the bytes are built only when clicked, so big tables cost nothing until then
    left.download_button(t("common.download_csv"), lambda: csv_bytes(rows()), f"{name}.csv",
                         mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                         on_click="ignore")
    right.download_button(t("common.download_xlsx"), lambda: xlsx_bytes(rows()), f"{name}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")
