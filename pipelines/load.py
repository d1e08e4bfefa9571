"""The all-or-nothing write: one transaction per file under the warehouse's write lock; undo."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pandas as pd

from pipelines import hooks as kind_hooks
from pipelines import spec as kind_spec
from pipelines import sqlscripts
from pipelines.errors import IngestError
from pipelines.results import LoadResult, Staged
from warehouse.access import audit
from warehouse.config.settings import get_settings, resolve_db
from warehouse.storage import derived
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction


def _structure(con, table: str) -> str:
    """The JSON structure json_transform needs to turn a before-image back into a row."""
    cols = sqlscripts.run(con, "sql/structure.sql", {"table": table}).fetchall()
    return json.dumps({name: dtype for name, dtype in cols})


def write(db, staged: Staged, *, user: str, started: datetime, on_wait=None, progress=None) -> LoadResult:
    """Merge a staged file into the warehouse in one transaction and record the batch."""
    hooks = kind_hooks(staged.kind)
    tick = progress or (lambda f, m: None)
    counts = staged.counts
    with connect(db, write=True, on_wait=on_wait) as con:
        tick(0.75, "writing to the warehouse")
        sqlscripts.run(con, "sql/handoff_attach_read.sql", {"handoff": str(staged.handoff)})
        try:
            sqlscripts.run(con, "sql/handoff_views.sql")
            hooks.handoff_views(con)
            pending = None
            try:
                with transaction(con):
                    batch_id = sqlscripts.run(con, "sql/batch_next_id.sql").fetchone()[0]
                    options = {**staged.options, "rows_duplicate_in_file": counts["rows_infile_duplicate"],
                               "warnings": staged.warnings}
                    sqlscripts.run(con, "sql/batch_start.sql", {
                        "batch_id": batch_id, "kind": staged.kind, "file_name": staged.file_name,
                        "sha256": staged.options.get("sha256"), "profile": staged.options.get("profile"),
                        "user": user, "started_at": started,
                        "options": json.dumps(options, ensure_ascii=False, default=str),
                    })
                    merge_params = {"batch_id": batch_id, "content": staged.content}
                    loaded, updated, same = sqlscripts.run(con, f"{staged.kind}/merge.sql", merge_params).fetchone()
                    if (sqlscripts.PIPELINES_DIR / staged.kind / "insert_new.sql").exists():
                        # Kinds that add new keys after the merge: without any existing key that is a
                        # plain insert, which DuckDB runs in parallel (a join in the insert does not).
                        script = "insert_new.sql" if updated or same else "insert_all.sql"
                        sqlscripts.run(con, f"{staged.kind}/{script}", merge_params)
                    hooks.after_merge(con, batch_id)
                    derived.refresh_values(con, staged.kind)
                    rejects_path = None
                    if counts["rows_rejected"] or counts["rows_infile_duplicate"]:
                        sqlscripts.run(con, "sql/rejects_insert.sql", {"batch_id": batch_id})
                        path = rejects_file(db, batch_id, staged.kind)
                        pending = _write_private(staged.rejects, path)
                        rejects_path = str(path)
                    result = LoadResult(
                        batch_id=int(batch_id), kind=staged.kind, rows_read=counts["rows_read"],
                        rows_loaded=int(loaded), rows_updated=int(updated), rows_duplicate=int(same),
                        rows_rejected=counts["rows_rejected"], rejects_path=rejects_path,
                        file_name=staged.file_name, sha256=staged.options.get("sha256", ""),
                        rows_duplicate_in_file=counts["rows_infile_duplicate"], warnings=list(staged.warnings),
                    )
                    sqlscripts.run(con, "sql/batch_finish.sql", {
                        "batch_id": batch_id, "rows_read": result.rows_read, "rows_loaded": result.rows_loaded,
                        "rows_updated": result.rows_updated, "rows_duplicate": result.rows_duplicate,
                        "rows_rejected": result.rows_rejected, "rejects_path": rejects_path,
                    })
                    audit.record(con, user, "ingest", f"batch:{batch_id}", {
                        k: v for k, v in result.as_dict().items() if k != "seconds"})
                    tick(0.95, "committing")
            except BaseException:
                if pending is not None:
                    pending.unlink(missing_ok=True)
                raise
            if pending is not None:
                # the rejects file appears under its name only once its batch exists
                os.replace(pending, rejects_path)
        finally:
            sqlscripts.run(con, "sql/handoff_release.sql")
    return result


def rejects_file(db, batch_id: int, kind: str) -> Path:
    """The rejects CSV of a batch, named by warehouse and batch: two warehouses sharing the folder
    never overwrite each other's files."""
    warehouse = resolve_db(db).resolve()
    tag = hashlib.sha256(str(warehouse).encode()).hexdigest()[:8]
    folder = get_settings().rejects_dir
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{warehouse.stem}-{tag}-batch-{batch_id}-{kind}-rejects.csv"


def _write_private(frame: pd.DataFrame, path: Path) -> Path:
    """Write FRAME as CSV next to PATH under a temporary name, readable by the owner only (0600)."""
    pending = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
        frame.to_csv(fh, index=False)
    return pending


def undo(db, batch_id: int, *, user: str) -> dict:
    """Remove what a batch inserted and restore what it replaced, in one transaction."""
    with connect(db, write=True) as con:
        found = sqlscripts.run(con, "sql/batch_get.sql", {"batch_id": batch_id}).fetchone()
        if not found:
            raise IngestError(f"No batch {batch_id}; `python -m pipelines batches` lists them.")
        _, kind, status, file_name = found
        if status == "undone":
            raise IngestError(f"Batch {batch_id} ({file_name}) is already undone.")
        later = [r[0] for r in sqlscripts.run(con, "sql/undo_check.sql", {"batch_id": batch_id}).fetchall()]
        if later:
            raise IngestError(
                f"Batches {', '.join(map(str, later))} changed rows of batch {batch_id} afterwards; "
                "undo those first (newest first)."
            )
        schema, hooks = kind_spec(kind), kind_hooks(kind)
        with transaction(con):
            written, replaced = sqlscripts.run(con, "sql/batch_rows.sql", {"batch_id": batch_id}).fetchone()
            params = {"batch_id": batch_id, "structure": _structure(con, schema.table)}
            params.update(hooks.undo_params(con, _structure))
            hooks.before_undo(con, batch_id)
            sqlscripts.run(con, f"{kind}/undo.sql", params)
            hooks.after_undo(con)
            derived.refresh_values(con, kind)
            sqlscripts.run(con, "sql/batch_undone.sql", {"batch_id": batch_id, "user": user})
            summary = {"batch_id": batch_id, "kind": kind, "file_name": file_name,
                       "rows_removed": int(written - replaced), "rows_restored": int(replaced)}
            audit.record(con, user, "ingest.undo", f"batch:{batch_id}", summary)
    return summary


def batches(db) -> pd.DataFrame:
    with connect(db) as con:
        return sqlscripts.run(con, "sql/batches_list.sql").df()


def rejects(db, batch_id: int) -> pd.DataFrame:
    with connect(db) as con:
        return sqlscripts.run(con, "sql/rejects_list.sql", {"batch_id": batch_id}).df()
