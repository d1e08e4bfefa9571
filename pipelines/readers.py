"""Open a CSV or XLSX export: encoding, separator, header line and the rows, for the stager."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.errors import IngestError

SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
HEAD_BYTES = 1 << 20
HEADER_SEARCH_LINES = 50
csv.field_size_limit(1 << 30)


@dataclass
class RawFile:
    """What sniffing found before any header mapping: the candidate lines to look for a header in."""

    path: Path
    format: str  # csv | xlsx
    encoding: str | None = None
    # CSV: the first physical lines (decoded); XLSX: the sheet's rows as text cells.
    lines: list[str] = field(default_factory=list)
    xlsx_rows: list[list[str | None]] | None = None
    xlsx_line_numbers: list[int] | None = None
    sheet: str | None = None

    def candidates(self, sep: str) -> Iterator[tuple[int, list[str]]]:
        """(1-based line number, cells) of the lines that may be the header."""
        if self.format == "xlsx":
            for i, row in enumerate(self.xlsx_rows[:HEADER_SEARCH_LINES]):
                yield self.xlsx_line_numbers[i], ["" if c is None else str(c) for c in row]
            return
        for i, line in enumerate(self.lines[:HEADER_SEARCH_LINES]):
            if line.strip():
                yield i + 1, next(csv.reader([line], delimiter=sep), [])


def is_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head[:8192]:
        return True
    controls = sum(1 for b in head[:8192] if b < 32 and b not in (9, 10, 13, 12))
    return controls > len(head[:8192]) * 0.01


def detect_encoding(head: bytes, complete: bool) -> str:
    """utf-8 / utf-8-sig / gb18030 (a superset of GBK) / what charset-normalizer finds."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
            return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise IngestError("Could not tell the file's text encoding; save it as UTF-8 CSV and upload again.")
    return best.encoding


def sniff(path: Path, sheet: str | None = None) -> RawFile:
    """Refuse unreadable files early; otherwise return the lines to search for a header."""
    if not path.exists():
        raise IngestError(f"File not found: {path}")
    if path.is_dir():
        raise IngestError(f"{path} is a folder; give the path of a CSV or XLSX file.")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        complete = len(head) < HEAD_BYTES
    if not head.strip():
        raise IngestError(f"{path.name} is empty; export the data again and upload the file with its rows.")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(f"{path.name} is an old-style .xls workbook; save it as .xlsx or CSV and upload again.")
    if sheet:
        raise IngestError("--sheet applies to XLSX workbooks only; this file is text (CSV).")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and is_binary(head):
        raise IngestError(f"{path.name} is not a text or XLSX file (it looks binary); export it as CSV or XLSX.")
    encoding = detect_encoding(head, complete)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    lines = text.splitlines()[: HEADER_SEARCH_LINES + 1]
    return RawFile(path=path, format="csv", encoding=encoding, lines=lines)


def _cell_text(value) -> str | None:
    """Cells become text as a person would type them; the stager converts types."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _sniff_xlsx(path: Path, sheet: str | None) -> RawFile:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(f"{path.name} is not a readable XLSX workbook ({exc}); save it again as .xlsx or CSV.") from None
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise IngestError(f"No sheet named {sheet!r} in {path.name}; sheets: {', '.join(book.sheetnames)}.")
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        rows, numbers = [], []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in row]
            if any(c is not None and str(c).strip() for c in cells):
                rows.append(cells)
                numbers.append(number)
        name = ws.title
    finally:
        book.close()
    if not rows:
        raise IngestError(f"{path.name} (sheet {name!r}) is empty; pick the sheet with the data using --sheet.")
    return RawFile(path=path, format="xlsx", xlsx_rows=rows, xlsx_line_numbers=numbers, sheet=name)


def utf8_copy(raw: RawFile, workdir: Path, encoding: str | None = None) -> Path:
    """A UTF-8 file DuckDB can read: the original when it already is UTF-8, else a transcoded copy."""
    encoding = encoding or raw.encoding
    if encoding in ("utf-8", "utf-8-sig", "ascii"):
        return raw.path
    target = workdir / "source.utf8.csv"
    try:
        with raw.path.open("r", encoding=encoding, newline="") as src, target.open(
            "w", encoding="utf-8", newline=""
        ) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{raw.path.name} is not valid {encoding} text at byte {exc.start}; save it as UTF-8 and upload again."
        ) from None
    return target


def record_lines(path: Path, sep: str, skip: int, width: int) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of every non-blank record after the first `skip` lines.

    Mirrors the DuckDB read: blank lines are skipped, quoted fields may span lines.
    """
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        for _ in range(skip):
            fh.readline()
        reader = csv.reader(fh, delimiter=sep)
        previous = 0
        for cells in reader:
            start = skip + previous + 1
            previous = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip() and width > 1):
                continue
            yield start, cells


def workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="cxrisk-ingest-")


__all__ = [
    "SEPARATORS",
    "SEPARATOR_NAMES",
    "RawFile",
    "detect_encoding",
    "record_lines",
    "sniff",
    "utf8_copy",
    "workdir",
]
