"""The all-or-nothing write: one transaction per file under the warehouse's write lock; undo."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from pipelines import spec as kind_spec
from pipelines import sqlscripts
from pipelines.errors import IngestError
from warehouse.access import audit
from warehouse.config.settings import get_settings
from warehouse.storage import derived
from warehouse.storage.db import connect


def _structure(con, table: str) -> str:
    """The JSON structure json_transform needs to turn a before-image back into a row."""
    cols = sqlscripts.run(con, "sql/structure.sql", {"table": table}).fetchall()
    return json.dumps({name: dtype for name, dtype in cols})


def write(db, staged, *, user: str, started: datetime, on_wait=None, progress=None):
    """Merge a staged file into the warehouse in one transaction and record the batch."""
    from pipelines.ingest import LoadResult

    tick = progress or (lambda f, m: None)
    counts = staged.counts
    with connect(db, write=True, on_wait=on_wait) as con:
        tick(0.75, "writing to the warehouse")
        con.execute("attach ? as handoff (read_only)", [str(staged.handoff)])
        try:
            sqlscripts.run(con, "sql/handoff_views.sql")
            if staged.kind == "survey":
                sqlscripts.run(con, "survey/handoff_views.sql")
            con.execute("begin transaction")
            try:
                batch_id = con.execute("select nextval('batch_id_seq')").fetchone()[0]
                sqlscripts.run(con, "sql/batch_start.sql", {
                    "batch_id": batch_id, "kind": staged.kind, "file_name": staged.file_name,
                    "sha256": staged.options.get("sha256"), "profile": staged.options.get("profile"),
                    "user": user, "started_at": started,
                    "options": json.dumps(staged.options, ensure_ascii=False, default=str),
                })
                merge_params = {"batch_id": batch_id, "content": staged.content}
                loaded, updated, same = sqlscripts.run(con, f"{staged.kind}/merge.sql", merge_params).fetchone()
                if (sqlscripts.PIPELINES_DIR / staged.kind / "insert_new.sql").exists():
                    # Kinds that add new keys after the merge: without any existing key that is a
                    # plain insert, which DuckDB runs in parallel (a join in the insert does not).
                    script = "insert_new.sql" if updated or same else "insert_all.sql"
                    sqlscripts.run(con, f"{staged.kind}/{script}", merge_params)
                if staged.kind == "complaints":
                    derived.refresh_batch(con, batch_id)
                derived.refresh_values(con, staged.kind)
                rejects_path = None
                if counts["rows_rejected"]:
                    sqlscripts.run(con, "sql/rejects_insert.sql", {"batch_id": batch_id})
                    rejects_dir = get_settings().rejects_dir
                    rejects_dir.mkdir(parents=True, exist_ok=True)
                    path = rejects_dir / f"batch-{batch_id}-{staged.kind}-rejects.csv"
                    staged.rejects.to_csv(path, index=False, encoding="utf-8-sig")
                    rejects_path = str(path)
                result = LoadResult(
                    batch_id=int(batch_id), kind=staged.kind, rows_read=counts["rows_read"],
                    rows_loaded=int(loaded), rows_updated=int(updated),
                    rows_duplicate=int(same) + counts["rows_infile_duplicate"],
                    rows_rejected=counts["rows_rejected"], rejects_path=rejects_path,
                    file_name=staged.file_name, sha256=staged.options.get("sha256", ""),
                )
                sqlscripts.run(con, "sql/batch_finish.sql", {
                    "batch_id": batch_id, "rows_read": result.rows_read, "rows_loaded": result.rows_loaded,
                    "rows_updated": result.rows_updated, "rows_duplicate": result.rows_duplicate,
                    "rows_rejected": result.rows_rejected, "rejects_path": rejects_path,
                })
                audit.record(con, user, "ingest", f"batch:{batch_id}", {
                    k: v for k, v in result.as_dict().items() if k != "seconds"})
                tick(0.95, "committing")
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
        finally:
            sqlscripts.run(con, "sql/handoff_release.sql")
    return result


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
        schema = kind_spec(kind)
        con.execute("begin transaction")
        try:
            written, replaced = sqlscripts.run(con, "sql/batch_rows.sql", {"batch_id": batch_id}).fetchone()
            params = {"batch_id": batch_id, "structure": _structure(con, schema.table)}
            if kind == "survey":
                params["ratings_structure"] = _structure(con, "survey_ratings")
            if kind == "complaints":
                derived.start(con)
                derived.touch_batch(con, batch_id)  # before undo.sql deletes the batch's rows
            sqlscripts.run(con, f"{kind}/undo.sql", params)
            if kind == "complaints":
                derived.refresh(con)
            derived.refresh_values(con, kind)
            sqlscripts.run(con, "sql/batch_undone.sql", {"batch_id": batch_id, "user": user})
            summary = {"batch_id": batch_id, "kind": kind, "file_name": file_name,
                       "rows_removed": int(written - replaced), "rows_restored": int(replaced)}
            audit.record(con, user, "ingest.undo", f"batch:{batch_id}", summary)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return summary


def batches(db) -> pd.DataFrame:
    with connect(db) as con:
        return sqlscripts.run(con, "sql/batches_list.sql").df()


def rejects(db, batch_id: int) -> pd.DataFrame:
    with connect(db) as con:
        return sqlscripts.run(con, "sql/rejects_list.sql", {"batch_id": batch_id}).df()
