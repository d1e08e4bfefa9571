"""Composite satisfaction index: AHP weights from a pairwise matrix, scores, sensitivity."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

# Criteria in matrix order.
COMPONENTS = ("nps", "csat_pct", "ces", "complaint_rate_per_1000")
SETTING_KEY = "csi_pairwise"
MAX_CR = 0.1
# Saaty's random consistency index by matrix size.
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49}
# Shipped default (glossary §CSI): complaint rate matters most, then NPS and CSAT, then CES.
DEFAULT_MATRIX = (
    (1.0, 1.0, 2.0, 1 / 2),
    (1.0, 1.0, 2.0, 1 / 2),
    (1 / 2, 1 / 2, 1.0, 1 / 3),
    (2.0, 2.0, 3.0, 1.0),
)


class InconsistentMatrix(ValueError):
    """A pairwise matrix that is malformed or too inconsistent (CR > 0.1); the message says why."""


def normalise(component: str, value: float | None) -> float | None:
    """A component on 0-100, higher = better (glossary: warehouse/docs/metrics.md, CSI).

    NPS (value + 100) / 2; CSAT top-2 % as is; CES (mean - 1) / 6 × 100; complaint rate
    max(0, 100 - per 1,000), so the 10 % red line (100 per 1,000) scores 0.
    """
    if value is None:
        return None
    if component == "nps":
        return (value + 100.0) / 2.0
    if component == "csat_pct":
        return float(value)
    if component == "ces":
        return min(max((value - 1.0) / 6.0 * 100.0, 0.0), 100.0)
    if component == "complaint_rate_per_1000":
        return max(0.0, 100.0 - value)
    raise KeyError(component)


# The survey components: an index without any of them would be the complaint rate alone.
SURVEY_COMPONENTS = ("nps", "csat_pct", "ces")


def score(values: dict[str, Any], weights: dict[str, float]) -> float | None:
    """Weighted mean of the normalised components present; None without survey data.

    A missing component (e.g. no CRM data for the complaint rate) is left out and the other
    weights are rescaled to sum to 1, so the index stays on 0-100. Without any survey component
    (a window with no survey data) there is no satisfaction index, only a complaint rate.
    """
    parts = [(weights[c], normalise(c, values.get(c))) for c in COMPONENTS]
    if all(v is None for c, (_, v) in zip(COMPONENTS, parts) if c in SURVEY_COMPONENTS):
        return None
    parts = [(w, v) for w, v in parts if v is not None]
    total = sum(w for w, _ in parts)
    if not parts or total <= 0:
        return None
    return sum(w * v for w, v in parts) / total


def _as_matrix(matrix) -> np.ndarray:
    try:
        m = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InconsistentMatrix("The pairwise matrix must hold numbers only.") from None
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] < 1:
        raise InconsistentMatrix("The pairwise matrix must be square.")
    if not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise InconsistentMatrix("Every pairwise judgement must be a positive number.")
    if not np.allclose(np.diag(m), 1.0):
        raise InconsistentMatrix("The diagonal of the pairwise matrix must be 1.")
    if not np.allclose(m * m.T, 1.0, rtol=1e-3):
        raise InconsistentMatrix(
            "The matrix must be reciprocal: if A is 3 times as important as B, B is 1/3 of A."
        )
    return m


def ahp_weights(matrix) -> tuple[list[float], float, float, float]:
    """(weights, lambda_max, CI, CR) from the principal eigenvector of a pairwise matrix."""
    m = _as_matrix(matrix)
    n = m.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(m)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    lambda_max = float(eigenvalues[k].real)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = RANDOM_INDEX.get(n, 1.49)
    cr = ci / ri if ri else 0.0
    return [float(w) for w in weights], lambda_max, float(ci), float(cr)


def _stored_matrix(con) -> list[list[float]]:
    found = sqlfiles.one(con, "app_settings/get.sql", {"key": SETTING_KEY})
    if found:
        return json.loads(found["value"])["matrix"]
    return [list(row) for row in DEFAULT_MATRIX]


def current_matrix(db=None) -> list[list[float]]:
    """The pairwise matrix in force (the shipped default until an admin saves one)."""
    with connect(db) as con:
        return _stored_matrix(con)


def current_weights(con) -> dict[str, float]:
    weights, *_ = ahp_weights(_stored_matrix(con))
    return dict(zip(COMPONENTS, weights))


def save_matrix(matrix, *, user: Viewer | str, db=None) -> dict[str, Any]:
    """Store a new pairwise matrix (refused when CR > 0.1), with history and an audit entry.

    USER is the signed-in Viewer (checked for edit_weights) or a trusted system caller's name.
    """
    user = acting_name(user, "edit_weights")
    m = _as_matrix(matrix)
    if m.shape[0] != len(COMPONENTS):
        raise InconsistentMatrix(f"The matrix must be {len(COMPONENTS)} × {len(COMPONENTS)}.")
    weights, lambda_max, ci, cr = ahp_weights(m)
    if cr > MAX_CR:
        raise InconsistentMatrix(
            f"The judgements are too inconsistent (CR = {cr:.3f} > {MAX_CR}); "
            "revise the comparisons that contradict each other and save again."
        )
    after = {"criteria": list(COMPONENTS), "matrix": m.tolist(), "weights": weights, "cr": cr}
    with connect(db, write=True) as con, transaction(con):
        row = sqlfiles.one(con, "app_settings/get.sql", {"key": SETTING_KEY})
        before = row["value"] if row else None
        text = json.dumps(after)
        sqlfiles.execute(con, "app_settings/upsert.sql", {"key": SETTING_KEY, "value": text, "user": user})
        sqlfiles.execute(con, "app_settings/record_history.sql",
                         {"key": SETTING_KEY, "before": before, "after": text, "user": user})
        audit.record(con, user, "edit_weights", SETTING_KEY,
                     {"before": json.loads(before) if before else None, "after": after})
    return {"weights": dict(zip(COMPONENTS, weights)), "lambda_max": lambda_max, "ci": ci,
            "cr": cr}
