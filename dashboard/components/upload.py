"""The Data page's upload flow: pick a file, preview it, load it with progress, show the result."""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import fmt_int, t
from warehouse.access.scope import Viewer
from warehouse.alerting import evaluation
from warehouse.storage.db import WarehouseBusy
from warehouse.storage.failures import one_line

log = logging.getLogger(__name__)

ALLOWED_TYPES = ("csv", "xlsx", "txt", "tsv")
UPLOAD_KEY = "data_upload"
_SAVED = "data_upload_saved"  # session_state: (sha256, path of the temp copy)
_LOADED = "data_upload_loaded"  # session_state: sha256 of the file the last load took
RESULT_KEY = "data_last_result"


def loader():
    """The loader's public modules, or None when this build has none (pages then say so)."""
    try:
        import pipelines
        from pipelines import errors, ingest, profiles
    except ImportError:
        return None
    return pipelines, ingest, profiles, errors


def upload_limit_mb() -> int:
    """The one upload limit: Streamlit's server.maxUploadSize (.streamlit/config.toml), which the
    server enforces on every upload whatever a page says."""
    return int(st.get_option("server.maxUploadSize"))


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


def saved_copy(uploaded, db=None) -> Path | None:
    """The upload as a file the loader reads (owner-only, beside the warehouse); reruns reuse
    the copy. None once this file is loaded: its copy is gone and the page shows the result."""
    ingest = loader()[1]
    content = uploaded.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    if st.session_state.get(_LOADED) == digest:
        return None
    saved = st.session_state.get(_SAVED)
    if saved and saved[0] == digest and Path(saved[1]).exists():
        return Path(saved[1])
    discard_copy()
    path = ingest.upload_copy(content, uploaded.name, db=db)
    st.session_state[_SAVED] = (digest, str(path))
    return path


def discard_copy() -> None:
    """Remove this session's upload copy (after its load, or when another file replaces it)."""
    saved = st.session_state.pop(_SAVED, None)
    if saved:
        loader()[1].discard_copy(saved[1])


def mark_loaded() -> None:
    """The file in the upload box is loaded: drop its copy and do not offer it again."""
    saved = st.session_state.get(_SAVED)
    if saved:
        st.session_state[_LOADED] = saved[0]
    discard_copy()


_PREVIEW = "data_preview_cache"  # session_state: (arguments, Preview) of the last preview
_FITS = "data_fits_cache"  # session_state: (path, sheet, kinds the headers fit, best first)


def fits(ingest, path: Path, sheet: str | None) -> list:
    """How well each kind fits the file's headers (reused across reruns); [] with the refusal
    shown when the file cannot be read at all."""
    wanted = (str(path), sheet)
    cached = st.session_state.get(_FITS)
    if cached and cached[0] == wanted:
        return cached[1]
    try:
        found = ingest.propose_kinds(path, sheet=sheet)
    except loader()[3].IngestError as exc:
        st.error(t("data.refused", message=str(exc)))
        found = []
    st.session_state[_FITS] = (wanted, found)
    return found


def parse_bools(values: list[str]) -> list[bool | None]:
    """Yes/no words as the loader reads them (for the recode preview)."""
    return loader()[1].read_yes_no(values)


def with_recodes(profiles, name: str | None, recodes: dict) -> str | dict | None:
    """The profile to load with: the chosen one, plus the recodes made on the page."""
    if not recodes:
        return name
    spec = dict(profiles.get_profile(name)) if name else {"name": "page", "kind": None}
    values = {field: dict(table) for field, table in (spec.get("values") or {}).items()}
    for field, table in recodes.items():
        values.setdefault(field, {}).update(table)
    spec["values"] = values
    spec.pop("kind", None)
    return spec


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
        show_table(prev.sample, hide_index=True, key="data_preview_table", height=240)


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
        st.error(one_line(exc, "the load") or t("data.failed", error=type(exc).__name__))
        return None
    bar.progress(1.0, text=t("data.load_done", name=file_name))
    mark_loaded()
    evaluate_alerts(viewer)
    return result


def evaluate_alerts(viewer: Viewer) -> None:
    """Run the alert rules after a load or an undo, so the Alerts page shows the new state."""
    with st.spinner(t("data.evaluating")):
        try:
            summary = data.write(evaluation.evaluate, user=viewer.name)
        except Exception:  # the data change is committed; only the alerts wait for the next run
            log.exception("alert evaluation after a data change failed")
            st.warning(t("data.evaluate_failed"))
            return
    if summary["errors"]:
        log.warning("alert rules failed after a data change: %s", summary["errors"])
        st.warning(t("data.evaluate_failed"))


def _counts(result) -> dict:
    found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {
        "batch_id": found.get("batch_id"),
        "read": fmt_int(found.get("rows_read")),
        "loaded": fmt_int(found.get("rows_loaded")),
        "updated": fmt_int(found.get("rows_updated")),
        "duplicate": fmt_int(found.get("rows_duplicate")),
        "rejected": fmt_int(found.get("rows_rejected")),
        "repeated": fmt_int(found.get("rows_duplicate_in_file") or 0),
    }


def show_result(result, *, db=None) -> None:
    """The summary of the last load and its rejected rows (downloadable)."""
    counts = _counts(result)
    st.success(t("data.loaded", **counts))
    names = ("read", "loaded", "updated", "duplicate", "rejected", "repeated")
    for col, name in zip(st.columns(len(names)), names):
        col.metric(t(f"data.rows_{name}"), counts[name])
    for warning in getattr(result, "warnings", None) or []:
        st.warning(warning)
    if getattr(result, "rows_rejected", 0) or getattr(result, "rows_duplicate_in_file", 0):
        rejects_section(counts["batch_id"], db=db, key="data_result_rejects")


def rejects_section(batch_id: int, *, db=None, key: str) -> None:
    """A batch's rejected rows with line, field and reason, and a CSV download."""
    mods = loader()
    if mods is None:
        return
    frame = mods[1].rejects_frame(batch_id, db=db)
    st.subheader(t("data.rejects"))
    show_table(frame, hide_index=True, key=f"{key}_table", height=240,
               column_config=column_config(frame))
    download_buttons(frame, f"rejects_batch_{batch_id}", key=f"{key}_download")


def as_of_input() -> date | None:
    """A date for files without any date column (the loader refuses them otherwise)."""
    if not st.checkbox(t("data.use_as_of"), key="data_use_as_of"):
        return None
    return st.date_input(t("data.as_of"), key="data_as_of")
