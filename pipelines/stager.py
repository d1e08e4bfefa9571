"""Stage one file in a private DuckDB: read, type, check every row, and write the hand-off file."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines import hooks as kind_hooks
from pipelines import readers, sqlscripts
from pipelines import spec as kind_spec
from pipelines.errors import IngestError
from pipelines.header import Header, advice, find_header
from pipelines.mapping import duplicate_headers
from pipelines.profiles import get_profile
from pipelines.results import Staged
from warehouse.config.settings import get_settings

# Above this share of a file's rows repeating an earlier row's key, the key column is probably
# not an id at all (a status or a date mapped as the id): the load is refused unless overridden.
REPEAT_LIMIT = 0.05
ROW_ID_MODES = (None, "hash")


def resolve_profile(kind: str, profile: str | dict | None, db) -> dict | None:
    if profile is None or profile == "":
        return None
    spec = profile if isinstance(profile, dict) else get_profile(profile, db)
    if spec.get("kind", kind) != kind:
        raise IngestError(f"Profile {spec.get('name')!r} is for {spec['kind']} exports, not {kind}.")
    return spec


def _sha256(path: Path, out: dict) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    out["sha256"] = digest.hexdigest()


def parse_as_of(as_of) -> str | None:
    if as_of in (None, ""):
        return None
    if isinstance(as_of, datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, date):
        return as_of.isoformat()
    try:
        return date.fromisoformat(str(as_of).strip()).isoformat()
    except ValueError:
        raise IngestError(f"--as-of expects a date as YYYY-MM-DD, got {as_of!r}.") from None


def fixed_offset(tz: str) -> int | None:
    """The zone's UTC offset in seconds when it has not changed since 1992, else None (DST zones)."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise IngestError(f"Unknown time zone {tz!r}; use a name such as Asia/Shanghai or UTC.") from None
    offsets = {zone.utcoffset(datetime(year, month, 1)) for year in range(1992, 2101) for month in (1, 4, 7, 10)}
    return int(offsets.pop().total_seconds()) if len(offsets) == 1 else None


def horizon() -> tuple[datetime, datetime]:
    """The accepted date range: from the earliest-date setting to a day (a setting) past now."""
    settings = get_settings()
    latest = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=settings.date_future_days)
    return datetime.combine(settings.date_earliest, datetime.min.time()), latest


def _empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({"line_no": pd.Series(dtype="Int64"), "field": pd.Series(dtype=object),
                         "reason": pd.Series(dtype=object), "raw": pd.Series(dtype=object)})


class Stager:
    def __init__(self, kind, path, *, db, profile, mapping, sheet, as_of, dayfirst, workdir, progress,
                 row_id=None, allow_duplicates=False):
        self.schema = kind_spec(kind)
        self.hooks = kind_hooks(kind)
        self.kind = kind
        self.path = Path(path)
        self.profile = resolve_profile(kind, profile, db)
        self.mapping = {str(k): str(v) for k, v in (mapping or {}).items() if str(k).strip()}
        self.sheet = sheet
        self.as_of = parse_as_of(as_of)
        self.dayfirst = dayfirst
        self.workdir = Path(workdir)
        self.progress = progress or (lambda f, m: None)
        self.tz = (self.profile or {}).get("timezone") or get_settings().timezone
        if row_id not in ROW_ID_MODES:
            raise IngestError(f"--row-id takes 'hash', got {row_id!r}.")
        self.row_id = row_id
        self.allow_duplicates = bool(allow_duplicates)
        self.notes: list[str] = []

    # -- header -------------------------------------------------------------------------------

    def optional(self) -> tuple[str, ...]:
        optional = self.hooks.optional_fields(as_of=self.as_of)
        if self.row_id == "hash":
            optional += self.schema.key
        return optional

    def header(self) -> tuple[readers.RawFile, Header]:
        settings = get_settings()
        raw = readers.sniff(self.path, self.sheet, max_rows=settings.max_rows,
                            max_bytes=settings.max_uncompressed_mb << 20, max_columns=settings.max_columns)
        found = find_header(raw, self.schema, self.profile, self.mapping, self.optional(),
                            max_columns=settings.max_columns)
        dupes = duplicate_headers(found.headers)
        if dupes:
            raise IngestError("Duplicate header names: " + ", ".join(dupes)
                              + ". Rename one so each column has its own name, then upload again.")
        if self.row_id == "hash":
            if not (sqlscripts.PIPELINES_DIR / self.kind / "row_id.sql").exists():
                raise IngestError(f"--row-id hash is not available for {self.kind} exports: their key "
                                  f"({', '.join(self.schema.key)}) comes from the file's columns.")
            taken = [f for f in self.schema.key if f in found.plan.mapped]
            if taken:
                raise IngestError(f"--row-id hash is for files without an id column, but "
                                  f"{found.plan.mapped[taken[0]]!r} maps to {taken[0]}; load without it.")
        return raw, found

    def warnings(self, head: Header) -> list[str]:
        return advice(head, self.schema, filled=self.hooks.filled_fields(as_of=self.as_of))

    # -- stage --------------------------------------------------------------------------------

    def stage(self) -> Staged:
        self.progress(0.02, "reading the file")
        raw, head = self.header()
        hashed: dict = {}
        hasher = threading.Thread(target=_sha256, args=(self.path, hashed))
        hasher.start()
        con = duckdb.connect(":memory:", config={
            # private to this load; it spills to disk rather than grow the process
            "memory_limit": get_settings().ingest_memory, "temp_directory": str(self.workdir / "spill"),
            "preserve_insertion_order": True,
            # The macros' value lists (yes/no words, missing markers) would each become a join
            # per use, which costs more than the conversion and keeps the typed write serial.
            "disabled_optimizers": "in_clause"})
        try:
            staged = self._run(con, raw, head)
        finally:
            con.close()
            hasher.join()
        staged.options["sha256"] = hashed.get("sha256", "")
        staged.warnings = self.warnings(head) + self.notes
        return staged

    def _csv_source(self, raw: readers.RawFile, head: Header) -> Path:
        """The UTF-8 text DuckDB reads, after the byte checks every CSV gets once."""
        source = getattr(self, "_source", None)
        if source is not None:
            return source
        source = readers.utf8_copy(raw, self.workdir)
        stats = readers.line_stats(source)
        if stats.lone_cr and stats.lines > 1:
            raise IngestError(
                f"{self.path.name} mixes line endings ({stats.lone_cr:,} lone carriage returns among "
                f"{stats.lines:,} lines), so rows would be split in the wrong places; save it again as CSV "
                "(UTF-8) and load that.")
        if stats.lone_cr:
            raise IngestError(
                f"{self.path.name} uses old Mac line endings (carriage returns only); save it again as "
                "CSV (UTF-8) and load that.")
        if stats.lines - head.line > get_settings().max_rows:
            raise IngestError(
                f"{self.path.name} has {stats.lines - head.line:,} lines; a load takes at most "
                f"{get_settings().max_rows:,} rows (setting CXRISK_MAX_ROWS). Split the file and load the parts.")
        if stats.nul:
            source = readers.without_nul(source, self.workdir)
            self.notes.append(f"{stats.nul:,} NUL byte(s) removed (first on line {stats.first_nul_line}); "
                              "they are never part of a value.")
        self._source, self._physical = source, stats.lines
        return source

    def _read(self, con, raw: readers.RawFile, head: Header) -> tuple[int, list[tuple[int, int, str]]]:
        """Load raw0; return (DuckDB-unreadable lines, malformed rows as (line, fields, text))."""
        names = head.plan.names
        if raw.format == "xlsx":
            start = raw.xlsx_line_numbers.index(head.line) + 1
            rows = raw.xlsx_rows[start:]
            self._xlsx_lines = raw.xlsx_line_numbers[start:]
            width = len(names)
            columns = {n: pa.array([(r[i] if i < len(r) else None) for r in rows], pa.string())
                       for i, n in enumerate(names)}
            extra = [(line, len([c for c in r if c is not None]), json.dumps(r, ensure_ascii=False))
                     for line, r in zip(self._xlsx_lines, rows)
                     if len(r) > width and any(c not in (None, "") for c in r[width:])]
            con.register("xlsx_rows", pa.table(columns))
            sqlscripts.run(con, "sql/read_xlsx.sql")
            con.unregister("xlsx_rows")
            return 0, extra
        source = self._csv_source(raw, head)
        params = {"path": str(source), "skip": head.line, "delim": head.separator,
                  "columns": {n: "VARCHAR" for n in names}}
        sqlscripts.run(con, "sql/read_csv.sql", params)
        bad_lines, bad_text = sqlscripts.run(con, "sql/read_errors.sql").fetchone()
        if bad_text and raw.encoding in ("utf-8", "utf-8-sig"):
            # The sample looked like UTF-8 but the rest is not: read it as GB18030 instead.
            del self._source
            raw.encoding = "gb18030"
            source = self._csv_source(raw, head)
            params["path"] = str(source)
            sqlscripts.run(con, "sql/read_csv.sql", params)
            bad_lines, bad_text = sqlscripts.run(con, "sql/read_errors.sql").fetchone()
        # Every physical line must end up loaded or rejected: when DuckDB's records do not cover
        # the file's lines (blank lines, values over several lines, or a broken quote), check the
        # structure line by line; a quote that swallows lines refuses the file with its line.
        read = sqlscripts.run(con, "sql/raw_count.sql").fetchone()[0] + bad_lines
        if read != self._physical - head.line:
            records = readers.check_structure(source, head.separator, head.line, len(names))
            if records != read:
                raise IngestError(
                    f"{self.path.name}: {records:,} rows after the header but only {read:,} could be read; "
                    "save it again as CSV (UTF-8) and load that.")
        return bad_lines, []

    def _lines(self, head: Header, ords: set[int], width: int) -> tuple[dict[int, int], list]:
        """Line numbers of the given row ordinals, and the malformed rows (one pass over the file)."""
        if hasattr(self, "_xlsx_lines"):
            return {o: self._xlsx_lines[o] for o in ords if o < len(self._xlsx_lines)}, []
        found, malformed, ordinal = {}, [], 0
        for line, cells in readers.record_lines(self._source, head.separator, head.line, width):
            if len(cells) != width:
                malformed.append((line, len(cells), head.separator.join(cells)))
                continue
            if ordinal in ords:
                found[ordinal] = line
            ordinal += 1
        return found, malformed

    def _dayfirst(self, con, head: Header) -> bool:
        if self.dayfirst is not None:
            return bool(self.dayfirst)
        columns = [f for f in self.schema.date_fields if f in head.plan.mapped]
        if not columns:
            return False
        pattern = "^(" + "|".join(re.escape(c) for c in columns) + ")$"
        found = sqlscripts.run(con, "sql/detect_dayfirst.sql", {"date_columns": pattern}).fetchone()
        n = len(columns)
        firsts, seconds, counts, examples = (found[i * n:(i + 1) * n] for i in range(4))
        first_max = max((v for v in firsts if v is not None), default=None)
        second_max = max((v for v in seconds if v is not None), default=None)
        differing = sum(counts)
        example = next((v for v in examples if v is not None), None)
        if first_max and first_max > 12:
            return True
        if second_max and second_max > 12:
            return False
        if differing:
            raise IngestError(
                f"Dates such as {example!r} could be day-first or month-first and nothing in the file "
                "decides it; load again with --dayfirst (07/03/2025 = 7 March) or --monthfirst "
                "(07/03/2025 = July 3)."
            )
        return False

    def _options(self, raw: readers.RawFile, head: Header, dayfirst: bool) -> dict:
        return {
            "mapping": head.plan.suggestion(), "profile": (self.profile or {}).get("name"),
            "as_of": self.as_of, "sheet": raw.sheet, "dayfirst": dayfirst, "timezone": self.tz,
            "encoding": raw.encoding, "separator": readers.SEPARATOR_NAMES.get(head.separator),
            "header_line": head.line, "row_id": self.row_id,
        }

    def _content(self, columns, head: Header, placeholders: int = 0) -> list[str]:
        """The columns this file carries: its mapped fields and what the load derives. A field the
        file has no column for is not content, so an update never overwrites it with NULL (nor
        `extra` when the file has no unmapped column and no placeholder to keep)."""
        filled = set(self.hooks.filled_fields(as_of=self.as_of)) | set(self.schema.key)
        fields = set(self.schema.names)
        keep_extra = bool(head.plan.extra_keys) or placeholders > 0
        return [c for c in columns if c not in ("_ord", "_key", "_hash", "_ok", "errors")
                and (c not in fields or c in head.plan.mapped or c in filled)
                and (c != "extra" or keep_extra)]

    def _fast(self, con, raw: readers.RawFile, head: Header, handoff: Path, params: dict) -> Staged | None:
        """The clean-file path: one read straight into the hand-off file, or None when the file
        needs the full path (rejects, repeated keys, placeholders, dates only the slow path reads,
        lines that are not one row each)."""
        script = f"{self.kind}/fast.sql"
        if raw.format != "csv" or self.row_id or not (sqlscripts.PIPELINES_DIR / script).exists():
            return None
        source = self._csv_source(raw, head)
        params = {**params, "path": str(source), "skip": head.line, "delim": head.separator,
                  "columns": {n: "VARCHAR" for n in head.plan.names}}
        sqlscripts.run(con, "sql/handoff_attach.sql", {"handoff": str(handoff)})
        try:
            sqlscripts.run(con, "sql/compression_off.sql")
            try:
                sqlscripts.run(con, script, params)
            except duckdb.Error:
                # Malformed rows or text that is not UTF-8: the full path reports them row by row.
                sqlscripts.run(con, "sql/fast_discard.sql")
                return None
            rows_read, unclean, repeated = sqlscripts.run(con, f"{self.kind}/fast_check.sql").fetchone()
            if unclean or repeated or not rows_read or rows_read != self._physical - head.line:
                sqlscripts.run(con, "sql/fast_discard.sql")
                return None
            sqlscripts.run(con, "sql/fast_rejects.sql")
            content = self._content(sqlscripts.run(con, "sql/handoff_columns.sql").df().columns, head)
        finally:
            sqlscripts.run(con, "sql/compression_auto.sql")
            sqlscripts.run(con, "sql/handoff_detach.sql")
        counts = {"rows_read": int(rows_read), "rows_rejected": 0, "rows_valid": int(rows_read),
                  "rows_infile_duplicate": 0}
        # every date was read without the day/month question, so only a flag can set it
        options = self._options(raw, head, bool(self.dayfirst))
        return Staged(self.kind, handoff, self.path.name, counts, _empty_rejects(), options, content)

    def _stage_params(self, head: Header) -> dict:
        earliest, latest = horizon()
        profile = self.profile or {}
        return {
            "tz": self.tz, "tz_offset": fixed_offset(self.tz), "mapped": list(head.plan.mapped),
            "csat_scale": 5, "extra_keys": ["", *head.plan.extra_keys],
            "earliest": earliest, "latest": latest,
            "early_missing": profile.get("times_before_created") == "missing",
        }

    def _prepare(self, con) -> None:
        """Macros, and the profile's extra missing-value markers and value recodes."""
        sqlscripts.run(con, "sql/macros.sql")
        markers = [str(v).strip().upper() for v in (self.profile or {}).get("missing_values") or []]
        sqlscripts.run(con, "sql/markers_set.sql", {"markers": markers})

    def _recode(self, con, head: Header) -> None:
        """The profile's value recodes ("values": {field: {"Yes": "true"}}) on the raw text."""
        values = (self.profile or {}).get("values") or {}
        pairs = [{"f": field, "s": str(src).strip().lower(), "d": str(dst)}
                 for field, table in values.items() if field in head.plan.mapped and isinstance(table, dict)
                 for src, dst in table.items()]
        if pairs:
            sqlscripts.run(con, "sql/recode.sql", {"recode": pairs})

    def _run(self, con, raw: readers.RawFile, head: Header) -> Staged:
        self._prepare(con)
        handoff = self.workdir / "incoming.duckdb"
        params = self._stage_params(head)
        has_recodes = bool((self.profile or {}).get("values"))
        fast = None if has_recodes else self._fast(con, raw, head, handoff, params)
        if fast is not None:
            return fast
        width = len(head.plan.names)
        bad_lines, xlsx_malformed = self._read(con, raw, head)
        self.progress(0.35, "checking rows")
        if self.row_id == "hash":
            sqlscripts.run(con, f"{self.kind}/row_id.sql")
        self._recode(con, head)
        header_cells = [c.replace("\ufeff", "") if c else None for c in head.cells]
        header_cells = (header_cells + [None] * width)[:width]
        if self.row_id == "hash":
            header_cells.append(None)
        sqlscripts.run(con, "sql/raw.sql", {"header_cells": header_cells})
        dayfirst = self._dayfirst(con, head)
        profile = self.profile or {}
        params["dayfirst"] = dayfirst
        params.update(self.hooks.stage_params(self, con, head, profile))
        sqlscripts.run(con, f"{self.kind}/stage.sql", params)
        self.hooks.after_stage(con, head, params)
        dates = [f for f in self.schema.date_fields
                 if f in head.plan.mapped or f in self.hooks.filled_fields(as_of=self.as_of)]
        if dates:
            sqlscripts.run(con, "sql/horizon.sql", {**params, "date_fields": dates})
        sqlscripts.run(con, "sql/finalise.sql")
        sqlscripts.run(con, "sql/repeats.sql", {"key_field": ", ".join(self.schema.key)})
        fields = [n for n in head.plan.names if n in self.schema.names]
        if fields:
            text = [self.schema.field(f).type in ("text", "id") for f in fields]
            sqlscripts.run(con, "sql/markers.sql", {"marker_fields": fields, "marker_text": text})
        else:
            sqlscripts.run(con, "sql/markers_none.sql")
        placeholders = sqlscripts.run(con, "sql/markers_count.sql").fetchone()[0]
        columns = sqlscripts.run(con, "sql/staged_columns.sql").df().columns
        content = self._content(columns, head, placeholders)
        sqlscripts.run(con, "sql/incoming.sql", {"content": content})
        self.hooks.after_incoming(con)
        self.progress(0.6, "collecting rejects")
        rows_read, rows_rejected, repeated = sqlscripts.run(con, "sql/counts.sql").fetchone()
        headers = head.headers + (["(row id)"] if self.row_id == "hash" else [])
        rejects = sqlscripts.run(con, "sql/rejects.sql", {"headers": headers}).df()
        for field, n, note in sqlscripts.run(con, "sql/notes.sql").fetchall():
            self.notes.append(f"{n:,} {note} ({field}).")
        sqlscripts.run(con, "sql/drop_raw.sql")
        malformed = xlsx_malformed
        if len(rejects) or bad_lines:
            wanted = set(rejects["_ord"].tolist()) | {int(o) for o in rejects["repeat_of"].dropna()}
            lines, more = self._lines(head, wanted, width)
            malformed = malformed + more
            rejects["line_no"] = rejects["_ord"].map(lines).astype("Int64")
            first = rejects["repeat_of"].map(lambda o: lines.get(int(o)) if pd.notna(o) else None)
            repeat = first.notna()
            rejects.loc[repeat, "reason"] = [
                f"repeats the {', '.join(self.schema.key)} of line {int(n)} (the first row is kept)"
                for n in first[repeat]]
        else:
            rejects["line_no"] = pd.Series(dtype="Int64")
        if malformed:
            extra = pd.DataFrame({
                "_ord": -1, "field": None,
                "reason": [f"row has {n} fields; the header has {width}" for _, n, _ in malformed],
                "raw": [text for _, _, text in malformed], "line_no": [line for line, _, _ in malformed],
            })
            rejects = pd.concat([rejects, extra], ignore_index=True)
        rows_read += len(malformed)
        rows_rejected += len(malformed)
        if rows_read == 0:
            raise IngestError(f"{self.path.name} has a header row but no data rows; nothing was loaded.")
        if repeated and repeated > REPEAT_LIMIT * rows_read and not self.allow_duplicates:
            key = ", ".join(self.schema.key)
            column = head.plan.mapped.get(self.schema.key[0], "(row id)")
            raise IngestError(
                f"{repeated:,} of {rows_read:,} rows ({100 * repeated / rows_read:.1f} %) repeat a {key} "
                f"that appears earlier in the file, so the column {column!r} is probably not the id; map "
                f"the real id column (--map \"Header={self.schema.key[0]}\"), use --row-id hash for a file "
                "without ids, or load anyway with --allow-duplicates (the first row of each id is kept).")
        if placeholders:
            self.notes.append(f"{placeholders:,} row(s) had placeholder values ('-', 'N/A', '1900-01-01' …) "
                              "stored as missing; the text as written is kept in extra.missing_as_written.")
        rejects = rejects[["line_no", "field", "reason", "raw"]].sort_values(
            ["line_no", "field"], na_position="last").reset_index(drop=True)
        reject_table = pa.table({
            "line_no": pa.array([None if pd.isna(x) else int(x) for x in rejects["line_no"]], pa.int64()),
            "field": pa.array(rejects["field"].tolist(), pa.string()),
            "reason": pa.array(rejects["reason"].tolist(), pa.string()),
            "raw": pa.array(rejects["raw"].tolist(), pa.string()),
        })
        self.progress(0.65, "preparing rows")
        # The rows for the write step go to a small DuckDB file the write connection attaches:
        # memory stays bounded by DuckDB's buffer limits, and all the work happens before the lock.
        sqlscripts.run(con, "sql/handoff_attach.sql", {"handoff": str(handoff)})
        con.register("reject_table", reject_table)
        sqlscripts.run(con, "sql/handoff.sql")
        self.hooks.after_handoff(con)
        con.unregister("reject_table")
        rows_valid = sqlscripts.run(con, "sql/handoff_count.sql").fetchone()[0]
        sqlscripts.run(con, "sql/handoff_detach.sql")
        counts = {"rows_read": int(rows_read), "rows_rejected": int(rows_rejected),
                  "rows_valid": int(rows_valid), "rows_infile_duplicate": int(repeated)}
        options = self._options(raw, head, dayfirst)
        options.update(self.hooks.options(params))
        sqlscripts.run(con, "sql/staging_cleanup.sql")
        return Staged(self.kind, handoff, self.path.name, counts, rejects, options, content)
