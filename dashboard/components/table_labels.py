"""Column headings in the UI language (and readable number/time formats) for st.dataframe."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import strings, t

_PERCENT = ("_pct",)


def column_config(frame: pd.DataFrame) -> dict:
    """st.dataframe column_config for FRAME: each known column gets its heading and format."""
    known = strings()
    config = {}
    for name in frame.columns:
        key = f"table.{name}"
        if key not in known:
            continue
        label = t(key)
        series = frame[name]
        if str(name).endswith(_PERCENT) and pd.api.types.is_numeric_dtype(series):
            config[name] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif pd.api.types.is_datetime64_any_dtype(series):
            config[name] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")
        elif pd.api.types.is_float_dtype(series):
            config[name] = st.column_config.NumberColumn(label, format="%.2f")
        else:
            config[name] = st.column_config.Column(label)
    return config
