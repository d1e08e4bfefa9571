"""The Data page's upload flow: pick a file, preview it, load it with progress, show the result."""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config
from dashboard.i18n import fmt_int, t
from warehouse.access.scope import Viewer
from warehouse.alerting import evaluation
from warehouse.storage.db import WarehouseBusy

log = logging.getLogger(__name__)

ALLOWED_TYPES = ("csv", "xlsx", "txt", "tsv")
UPLOAD_KEY = "data_upload"
_SAVED = "data_upload_saved"  # session_state: (sha256, path of the temp copy)
RESULT_KEY = "data_last_result"


def loader():
    """The loader's public modules, or None when this build has none (pages then say so)."""
    try:
        import pipelines
        from pipelines import errors, ingest, profiles
    except ImportError:
        return None
    return pipelines, ingest, profiles, errors


def pick_file(limit_mb: int):
    """The drag-and-drop box; returns the upload when its type and size are acceptable."""
    # No type= here: Streamlit would answer a wrong type with an exception, not a message.
    uploaded = st.file_uploader(
        t("data.upload_label", limit=limit_mb), key=UPLOAD_KEY, max_upload_size=limit_mb
    )
    if uploaded is None:
        return None
    # The browser enforces the size limit too, but a request can bypass it: check again here.
    if Path(uploaded.name).suffix.lower().lstrip(".") not in ALLOWED_TYPES:
        st.error(t("data.bad_type", name=uploaded.name))
        return None
    if uploaded.size > limit_mb * 1024 * 1024:
        size = f"{uploaded.size / 1024 / 1024:,.1f}"
        st.error(t("data.too_big", name=uploaded.name, size=size, limit=limit_mb))
        return None
    return uploaded


def saved_copy(uploaded) -> Path:
    """The upload written to a private temp folder under its own name (the loader reads paths,
    and its messages then name the user's file); reruns reuse the copy."""
    data = uploaded.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    saved = st.session_state.get(_SAVED)
    if saved and saved[0] == digest and Path(saved[1]).exists():
        return Path(saved[1])
    if saved:
        shutil.rmtree(Path(saved[1]).parent, ignore_errors=True)
    name = Path(uploaded.name).name.strip() or "upload.csv"
    path = Path(tempfile.mkdtemp(prefix="cxrisk-upload-")) / name
    path.write_bytes(data)
    st.session_state[_SAVED] = (digest, str(path))
    return path


_PREVIEW = "data_preview_cache"  # session_state: (arguments, Preview) of the last preview


def preview(ingest, kind: str, path: Path, **options):
    """ingest.preview for these arguments, reused across reruns (every widget change reruns the
    page, and a large file should not be sniffed again for each click)."""
    wanted = (str(path), kind, tuple(sorted((k, str(v)) for k, v in options.items())))
    cached = st.session_state.get(_PREVIEW)
    if cached and cached[0] == wanted:
        return cached[1]
    found = ingest.preview(kind, path, **options)
    st.session_state[_PREVIEW] = (wanted, found)
    return found


def show_preview(prev) -> None:
    """What the loader detected and the first rows as it reads them."""
    details = {
        "encoding": prev.encoding or "xlsx",
        "separator": prev.separator or "—",
        "header_line": prev.header_line,
    }
    st.caption(t("data.detected", **details))
    if isinstance(prev.sample, pd.DataFrame):
        st.dataframe(prev.sample, hide_index=True, key="data_preview_table", height=240)


def run_load(kind: str, path: Path, *, file_name: str, viewer: Viewer, db=None, **options):
    """Load with a progress bar; the result, or None after showing why nothing was loaded."""
    mods = loader()
    if mods is None:
        st.error(t("data.loader_missing"))
        return None
    _, ingest, _, errors = mods
    bar = st.progress(0.0, text=t("data.loading", name=file_name))

    def progress(fraction: float, message: str = "") -> None:
        text = t("data.loading", name=file_name)
        if "another load" in str(message).lower():  # the CLI or another user is loading now
            text = t("data.waiting")
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=text)

    try:
        result = ingest.ingest_file(
            kind, path, db=db, user=viewer, file_name=file_name, progress=progress, **options
        )
    except errors.IngestError as exc:
        bar.empty()
        st.error(t("data.refused", message=str(exc)))
        return None
    except WarehouseBusy as exc:
        bar.empty()
        st.error(str(exc))
        return None
    except Exception as exc:  # the load is one transaction: nothing changed, say so plainly
        log.exception("load of %s failed", file_name)
        bar.empty()
        st.error(t("data.failed", error=type(exc).__name__))
        return None
    bar.progress(1.0, text=t("data.load_done", name=file_name))
    evaluate_alerts(viewer, db=db)
    return result


def evaluate_alerts(viewer: Viewer, db=None) -> None:
    """Run the alert rules after a load or an undo, so the Alerts page shows the new state."""
    with st.spinner(t("data.evaluating")):
        try:
            summary = evaluation.evaluate(db=db, user=viewer.name)
        except Exception:  # the data change is committed; only the alerts wait for the next run
            log.exception("alert evaluation after a data change failed")
            st.warning(t("data.evaluate_failed"))
            return
    if summary["errors"]:
        log.warning("alert rules failed after a data change: %s", summary["errors"])
        st.warning(t("data.evaluate_failed"))


def _counts(result) -> dict:
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {
        "batch_id": data.get("batch_id"),
        "read": fmt_int(data.get("rows_read")),
        "loaded": fmt_int(data.get("rows_loaded")),
        "updated": fmt_int(data.get("rows_updated")),
        "duplicate": fmt_int(data.get("rows_duplicate")),
        "rejected": fmt_int(data.get("rows_rejected")),
    }


def show_result(result, *, db=None) -> None:
    """The summary of the last load and its rejected rows (downloadable)."""
    counts = _counts(result)
    st.success(t("data.loaded", **counts))
    cols = st.columns(5)
    for col, name in zip(cols, ("read", "loaded", "updated", "duplicate", "rejected")):
        col.metric(t(f"data.rows_{name}"), counts[name])
    if getattr(result, "rows_rejected", 0):
        rejects_section(counts["batch_id"], db=db, key="data_result_rejects")


def rejects_section(batch_id: int, *, db=None, key: str) -> None:
    """A batch's rejected rows with line, field and reason, and a CSV download."""
    mods = loader()
    if mods is None:
        return
    frame = mods[1].rejects_frame(batch_id, db=db)
    st.subheader(t("data.rejects"))
    st.dataframe(frame, hide_index=True, key=f"{key}_table", height=240,
                 column_config=column_config(frame))
    download_buttons(frame, f"rejects_batch_{batch_id}", key=f"{key}_download")


def as_of_input() -> date | None:
    """A date for files without any date column (the loader refuses them otherwise)."""
    if not st.checkbox(t("data.use_as_of"), key="data_use_as_of"):
        return None
    return st.date_input(t("data.as_of"), key="data_as_of")
