"""The load history (batches) with undo and each batch's rejected rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config, show_table
from dashboard.components.upload import evaluate_alerts, loader, rejects_section
from dashboard.i18n import t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer

_SHOWN = [
    "batch_id", "kind", "file_name", "profile", "user_name", "started_at", "status",
    "rows_read", "rows_loaded", "rows_updated", "rows_duplicate", "rows_rejected",
]
_FLASH = "data_batches_flash"  # a message that survives the rerun after an undo


def batches_frame(db=None) -> pd.DataFrame:
    mods = loader()
    if mods is None:
        return pd.DataFrame(columns=_SHOWN)
    frame = mods[1].list_batches(db=db)
    return frame[[c for c in _SHOWN if c in frame.columns]]


def batches_section(viewer: Viewer, *, db=None) -> None:
    """The batches table; analysts and admins may undo a loaded batch and read its rejects."""
    st.subheader(t("data.batches"))
    if flash := st.session_state.pop(_FLASH, None):
        st.success(flash)
    if viewer.scoped:
        # batches span every channel and region: their files, users and counts are not theirs
        st.info(t("data.batches_not_scoped"))
        return
    frame = batches_frame(db)
    if frame.empty:
        st.info(t("data.no_batches"))
        return
    shown = frame.assign(
        kind=frame["kind"].map(lambda k: t(f"data.kind_{k}")),
        status=frame["status"].map(lambda s: t(f"data.status_{s}")),
    )
    show_table(shown, hide_index=True, key="data_batches_table",
               column_config=column_config(shown))
    download_buttons(frame, "batches", key="data_batches_dl")
    if not can(viewer, "undo"):
        return
    loaded = frame.loc[frame["status"] == "loaded", "batch_id"].tolist()
    if not loaded:
        return
    cols = st.columns([2, 3, 2])
    batch_id = cols[0].selectbox(t("data.undo_pick"), loaded, key="data_undo_batch")
    # the confirmation belongs to the batch it names: another batch starts unconfirmed
    confirm_key = f"data_undo_confirm_{batch_id}"
    confirmed = cols[1].checkbox(t("data.undo_confirm", batch_id=batch_id), key=confirm_key)
    if cols[2].button(t("data.undo"), key="data_undo", disabled=not confirmed, type="primary"):
        _undo(int(batch_id), viewer, db)
    with_rejects = frame.loc[frame["rows_rejected"].fillna(0) > 0, "batch_id"].tolist()
    if with_rejects:
        picked = st.selectbox(t("data.batch_rejects"), with_rejects, index=None,
                              placeholder=t("data.choose_batch"), key="data_rejects_batch")
        if picked is not None:
            rejects_section(int(picked), db=db, key="data_batch_rejects")


def _undo(batch_id: int, viewer: Viewer, db) -> None:
    _, ingest, _, errors = loader()
    try:
        ingest.undo_batch(batch_id, db=db, user=viewer)
    except errors.IngestError as exc:
        st.error(str(exc))
        return
    evaluate_alerts(viewer)
    st.session_state.pop(f"data_undo_confirm_{batch_id}", None)
    st.session_state[_FLASH] = t("data.undone", batch_id=batch_id)
    st.rerun()
