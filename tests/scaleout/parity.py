"""Comparing results of two engines: counts exactly, floats to 1e-9 relative, lists itemwise."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

REL = 1e-9


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _key(row: tuple) -> tuple:
    # floats rounded for ordering only; the comparison itself is relative
    return tuple(
        (0, "") if v is None else (1, round(v, 6) if isinstance(v, float) else str(v)) for v in row
    )


def rows_of(result: list[dict[str, Any]]) -> tuple[list[str], list[tuple]]:
    if not result:
        return [], []
    columns = list(result[0])
    rows = [tuple(_plain(r[c]) for c in columns) for r in result]
    return columns, sorted(rows, key=_key)


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        return math.isclose(a, b, rel_tol=REL, abs_tol=1e-12)
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a == b
    if isinstance(a, date) and isinstance(b, date):
        return a == b
    return a == b


def differences(expected: list[dict], got: list[dict], limit: int = 3) -> list[str]:
    """What differs between two results as rows (empty when they are the same)."""
    cols_a, a = rows_of(expected)
    cols_b, b = rows_of(got)
    if a and b and cols_a != cols_b:
        return [f"columns {cols_a} != {cols_b}"]
    if len(a) != len(b):
        return [f"{len(a)} rows != {len(b)} rows"]
    found = []
    for x, y in zip(a, b):
        bad = [c for c, u, v in zip(cols_a, x, y) if not same_value(u, v)]
        if bad:
            found.append(f"{dict(zip(cols_a, x))} != {dict(zip(cols_b, y))} in {bad}")
            if len(found) >= limit:
                break
    return found
