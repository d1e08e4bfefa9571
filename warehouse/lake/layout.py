"""The lake's layout: its tables, month partitions, manifest and schema files (no warehouse access)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MANIFEST = "_manifest.json"
SCHEMAS = "_schemas"
FORMAT = 1
PARTITION = "month"
# Every table a model reads, and whether its rows are split by month (sql/lake/<table>.sql).
TABLES: dict[str, bool] = {
    "complaints": True,
    "survey_responses": True,
    "survey_ratings": True,
    "complaint_repeats": True,
    "ops_metrics": True,
    "benchmarks": True,
    "customers": False,
    "filter_values": False,
    "data_facts": False,
    "batches": False,
    "app_settings": False,
    "viewers": False,
}


class LakeError(ValueError):
    """A lake folder that cannot be used as asked (one line saying what to do)."""


def read_manifest(lake: str | os.PathLike) -> dict[str, Any]:
    """The manifest of the lake at LAKE (LakeError when there is none)."""
    path = Path(lake) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LakeError(
            f"{lake} is not a lake (no {MANIFEST}); run `python -m warehouse lake export --out {lake}`."
        ) from None


def partition_dir(lake: Path, table: str, month: str) -> Path:
    return lake / table / f"{PARTITION}={month}" if TABLES[table] else lake / table
