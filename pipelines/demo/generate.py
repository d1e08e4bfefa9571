"""generate_demo: build the demo year, write it as exports and load them through the real loader."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pipelines.demo.export import write_exports
from pipelines.demo.incidents import incidents
from pipelines.demo.tables import build_tables
from warehouse.alerting import evaluation
from warehouse.config.settings import resolve_db
from warehouse.storage.db import connect

_COUNT_SQL = {
    "customers": "select count(*) from customers",
    "survey_responses": "select count(*) from survey_responses",
    "survey_ratings": "select count(*) from survey_ratings",
    "complaints": "select count(*) from complaints",
    "benchmarks": "select count(*) from benchmarks",
    "ops_metrics": "select count(*) from ops_metrics",
}
TABLES = tuple(_COUNT_SQL)
# Any of these holding rows means someone's data is there: the demo must not mix into it.
_DATA_TABLES = ("customers", "survey_responses", "complaints")


def _counts(db) -> dict[str, int]:
    with connect(db) as con:
        return {t: int(con.execute(_COUNT_SQL[t]).fetchone()[0]) for t in TABLES}


def _within(tell: Callable[[float, str], None], low: float, span: float):
    """A file's own progress (0..1) as a stretch of the whole demo's progress."""
    return lambda share, message: tell(low + span * share, message)


def generate_demo(
    db=None,
    *,
    seed: int = 7,
    end: date | None = None,
    if_empty: bool = False,
    files_dir: str | Path | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> dict:
    """Load a demo year ending on `end` (default yesterday, UTC) into the warehouse.

    With `if_empty`, nothing happens when the warehouse already holds customers, responses or
    complaints. `files_dir` keeps the generated export files there (else a temporary folder).
    Returns a summary: status, table counts, batch ids and rows per load, the incidents and
    the alert evaluation that follows the loads (so a fresh demo shows its alerts at once).
    """
    # Imported here: the loader's command line imports this package for its `demo` command.
    from pipelines.ingest import ingest_file, undo_batch

    began = time.monotonic()
    path = resolve_db(db)
    end = end or datetime.now(UTC).date() - timedelta(days=1)
    summary = {"db": str(path), "seed": seed, "start": (end - timedelta(days=364)).isoformat(),
               "end": end.isoformat()}
    if if_empty:
        before = _counts(path)
        if any(before[t] for t in _DATA_TABLES):
            held = ", ".join(f"{before[t]:,} {t}" for t in _DATA_TABLES if before[t])
            return {**summary, "status": "skipped",
                    "message": f"The warehouse already holds data ({held}); demo not loaded.",
                    "counts": before}

    def tell(share: float, message: str) -> None:
        if progress:
            progress(share, message)

    tell(0.0, "generating the demo year")
    frames = build_tables(seed, end)
    batches: dict[str, int] = {}
    loads: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cxrisk-demo-") as tmp:
        folder = Path(files_dir) if files_dir else Path(tmp)
        files = write_exports(frames, folder)
        try:
            for i, (kind, file) in enumerate(files.items()):
                low, span = 0.1 + 0.9 * i / len(files), 0.9 / len(files)
                tell(low, f"loading {file.name}")
                result = ingest_file(
                    kind, file, db=path, user="demo", file_name=file.name,
                    progress=_within(tell, low, span) if progress else None,
                )
                batches[kind] = result.batch_id
                loads[kind] = result.as_dict()
        except BaseException:
            # All or nothing for the demo as a whole, too: take back what already landed.
            for batch_id in reversed(list(batches.values())):
                undo_batch(batch_id, db=path, user="demo")
            raise
    tell(0.98, "evaluating alerts")
    evaluated = evaluation.evaluate(db=path)
    tell(1.0, "demo loaded")
    return {
        **summary,
        "status": "loaded",
        "counts": _counts(path),
        "batches": batches,
        "loads": loads,
        "incidents": [i.as_dict() for i in incidents(end)],
        "alerts": {k: evaluated[k] for k in ("opened", "escalated", "resolved", "errors")},
        "seconds": round(time.monotonic() - began, 1),
    }
