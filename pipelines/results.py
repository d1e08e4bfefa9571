"""What a load hands from the stager to the write step, and what it reports back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd


@dataclass
class LoadResult:
    batch_id: int
    kind: str
    rows_read: int
    rows_loaded: int
    rows_updated: int
    rows_duplicate: int
    rows_rejected: int
    rejects_path: str | None
    file_name: str = ""
    sha256: str = ""
    seconds: float = 0.0
    # rows repeating a key earlier in the same file: the first is kept, these are in the rejects
    rows_duplicate_in_file: int = 0
    # what the file leaves out (metric fields without a column) and data-quality notes
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Staged:
    """A staged file: the staging database path and everything the write step needs."""

    kind: str
    handoff: Path  # DuckDB file with incoming rows, rejects (and survey ratings) for the write step
    file_name: str
    counts: dict
    rejects: pd.DataFrame
    options: dict
    content: list[str]
    warnings: list[str] = field(default_factory=list)
