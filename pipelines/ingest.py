"""Public API of the loader: preview a file, ingest it exactly once, list and undo batches."""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pipelines import load, readers
from pipelines.errors import IngestError
from pipelines.header import Header, KindFit, find_header, kind_fits
from pipelines.mapping import clean_headers, plan
from pipelines.parsing import parse_bools
from pipelines.results import LoadResult
from pipelines.stager import Stager
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer
from warehouse.config.settings import resolve_db

Progress = Callable[[float, str], None]
_OFFSET = re.compile(r"\d:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


@dataclass
class Preview:
    kind: str
    headers: list[str]
    encoding: str | None
    separator: str | None
    header_line: int
    sheet: str | None
    mapping: dict[str, str | None]
    missing_required: list[str]
    sample: pd.DataFrame = field(repr=False)
    # what the load would leave out, best-fitting kinds, and per date field how times are read
    warnings: list[str] = field(default_factory=list)
    fits: list[KindFit] = field(default_factory=list)
    zones: dict[str, dict] = field(default_factory=dict)
    timezone: str = "UTC"

    @property
    def better_kind(self) -> KindFit | None:
        """Another kind the headers fit better than the chosen one (the page asks to confirm)."""
        if not self.fits:
            return None
        mine = next((f for f in self.fits if f.kind == self.kind), None)
        best = self.fits[0]
        if best.kind == self.kind or mine is None:
            return None
        if (best.complete, best.confidence) > (mine.complete, mine.confidence):
            return best
        return None


def staging_dir(db=None) -> Path:
    """Where loads keep their temporary copies: beside the warehouse, owner-only."""
    path = resolve_db(db)
    return path.parent / f".{path.stem}-staging"


def ingest_file(kind: str, path, *, db=None, profile=None, mapping: dict | None = None, sheet=None,
                as_of=None, dayfirst: bool | None = None, user: Viewer | str = "cli",
                file_name: str | None = None, progress: Progress | None = None,
                on_wait: Callable[[str], None] | None = None, row_id: str | None = None,
                allow_duplicates: bool = False) -> LoadResult:
    """Load one file all-or-nothing; raises IngestError (nothing changed) when the file is refused.

    USER is the signed-in Viewer (checked for upload) or a trusted system caller's name (the
    command line acts as the system admin). Alerts are not evaluated here; callers do that.
    ROW_ID "hash" builds the key from each row's content (files without an id column);
    ALLOW_DUPLICATES loads a file whose key repeats in more than 5 % of its rows.
    """
    user = acting_name(user, "upload")
    started = datetime.now(UTC).replace(tzinfo=None)
    tick = progress or (lambda f, m: None)
    base = staging_dir(db)
    readers.remove_stale(base)  # copies a killed load left behind
    with readers.workdir(base) as tmp:
        stager = Stager(kind, path, db=db, profile=profile, mapping=mapping, sheet=sheet, as_of=as_of,
                        dayfirst=dayfirst, workdir=tmp, progress=tick, row_id=row_id,
                        allow_duplicates=allow_duplicates)
        staged = stager.stage()
        if file_name:
            staged.file_name = file_name
        tick(0.7, "waiting for the warehouse")

        def waiting(message: str) -> None:
            tick(0.7, message)
            if on_wait:
                on_wait(message)

        result = load.write(db, staged, user=user, started=started, on_wait=waiting, progress=tick)
    tick(1.0, "done")
    result.seconds = (datetime.now(UTC).replace(tzinfo=None) - started).total_seconds()
    return result


def upload_copy(data: bytes, name: str, db=None) -> Path:
    """Write an uploaded file under its own name (the loader's messages then name the user's file)
    to an owner-only folder beside the warehouse; remove its folder with discard_copy after the
    load. A copy a stopped server left behind goes at the next load or upload."""
    base = readers.private_dir(staging_dir(db))
    readers.remove_stale(base)
    folder = Path(tempfile.mkdtemp(prefix=f"{readers.STAGING_PREFIX}{os.getpid()}-upload-", dir=base))
    path = folder / (Path(name).name.strip() or "upload.csv")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def discard_copy(path) -> None:
    """Remove an upload copy made by upload_copy (its whole private folder)."""
    folder = Path(path).parent
    if folder.name.startswith(readers.STAGING_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


def read_yes_no(values: list[str]) -> list[bool | None]:
    """Yes/no words as the loader reads them (for the Data page's recode preview)."""
    return parse_bools(values)


def propose_kinds(path, *, sheet=None) -> list[KindFit]:
    """How well each kind fits the file's headers, best first (the Data page proposes the first)."""
    return kind_fits(readers.sniff(Path(path), sheet))


def _zones(sample: pd.DataFrame, head: Header, date_fields: tuple[str, ...], tz: str) -> dict[str, dict]:
    """Per mapped date field: sample values with their own offset (kept) and naive ones (read in TZ)."""
    found = {}
    for name in date_fields:
        header = head.plan.mapped.get(name)
        if header is None or header not in sample.columns:
            continue
        values = [str(v).strip() for v in sample[header] if v is not None and str(v).strip()]
        offset = sum(1 for v in values if _OFFSET.search(v))
        found[name] = {"header": header, "with_offset": offset, "naive": len(values) - offset, "timezone": tz}
    return found


def preview(kind: str, path, *, profile=None, mapping: dict | None = None, sheet=None, rows: int = 20,
            db=None, as_of=None, row_id: str | None = None) -> Preview:
    """Headers, detected encoding/separator/header line, suggested mapping and a sample, without loading;
    also the warnings the load would give, how well each kind fits, and how times will be read."""
    stager = Stager(kind, path, db=db, profile=profile, mapping=mapping, sheet=sheet, as_of=as_of,
                    dayfirst=None, workdir=staging_dir(db), progress=None, row_id=row_id)
    raw = readers.sniff(stager.path, sheet)
    optional = stager.hooks.optional_fields(as_of="preview") + (stager.schema.key if row_id else ())
    try:
        head = find_header(raw, stager.schema, stager.profile, stager.mapping, optional)
        complete = True
    except IngestError:
        complete = False
        if raw.format == "xlsx":
            first = raw.xlsx_rows[0]
            line, sep = raw.xlsx_line_numbers[0], None
        else:
            line, first = 1, next(raw.candidates(","), (1, []))[1]
            sep = ","
        headers = clean_headers(first)
        head = Header(line, sep, first, headers, plan(headers, stager.schema, stager.profile, stager.mapping))
    if raw.format == "xlsx":
        start = raw.xlsx_line_numbers.index(head.line) + 1
        body = [(r + [None] * len(head.headers))[: len(head.headers)] for r in raw.xlsx_rows[start:start + rows]]
    else:
        body = []
        for cells in csv.reader(raw.lines[head.line:], delimiter=head.separator):
            if cells and len(cells) == len(head.headers):
                body.append(cells)
            if len(body) >= rows:
                break
    sample = pd.DataFrame(body, columns=head.headers) if body else pd.DataFrame(columns=head.headers)
    missing = [f for f in stager.schema.required if f not in head.plan.mapped and f not in optional]
    return Preview(kind, head.headers, raw.encoding, readers.SEPARATOR_NAMES.get(head.separator),
                   head.line, raw.sheet, head.plan.suggestion(), missing, sample,
                   warnings=stager.warnings(head) if complete else [], fits=kind_fits(raw),
                   zones=_zones(sample, head, stager.schema.date_fields, stager.tz), timezone=stager.tz)


def undo_batch(batch_id: int, *, db=None, user: Viewer | str = "cli") -> dict:
    """Remove a batch's rows; USER is a Viewer (checked for undo) or a trusted system caller."""
    return load.undo(db, int(batch_id), user=acting_name(user, "undo"))


def list_batches(*, db=None) -> pd.DataFrame:
    return load.batches(db)


def rejects_frame(batch_id: int, *, db=None) -> pd.DataFrame:
    return load.rejects(db, int(batch_id))
