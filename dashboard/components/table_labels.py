"""Column headings in the UI language (and readable number/time formats) for st.dataframe."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import strings, t

_PERCENT = ("_pct",)


def column_config(frame: pd.DataFrame, prefix: str = "table", shares: tuple[str, ...] = (),
                  every: bool = False) -> dict:
    """st.dataframe column_config for FRAME: each known column (string key PREFIX.NAME) gets its
    heading and format; SHARES (0–1) show as bars; EVERY labels columns without a string too."""
    known = strings()
    config = {}
    for name in frame.columns:
        key = f"{prefix}.{name}"
        if key not in known and not every:
            continue
        label = t(key)
        series = frame[name]
        if name in shares:
            config[name] = st.column_config.ProgressColumn(label, format="percent", min_value=0.0,
                                                           max_value=1.0)
        elif str(name).endswith(_PERCENT) and pd.api.types.is_numeric_dtype(series):
            config[name] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif pd.api.types.is_datetime64_any_dtype(series):
            config[name] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")
        elif pd.api.types.is_float_dtype(series):
            config[name] = st.column_config.NumberColumn(label, format="%.2f")
        else:
            config[name] = st.column_config.Column(label)
    return config


def show_table(data, *, where=None, **kwargs):
    """st.dataframe (or WHERE.dataframe) with missing values shown as "—", never "None"."""
    kwargs.setdefault("placeholder", "—")
    return (where or st).dataframe(data, **kwargs)

