"""Composite satisfaction index: AHP weights from a pairwise matrix, scores, sensitivity."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Filters, Viewer
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect

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
    found = con.execute("select value from app_settings where key = ?", [SETTING_KEY]).fetchone()
    if found:
        return json.loads(found[0])["matrix"]
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
    with connect(db, write=True) as con:
        con.execute("begin transaction")
        try:
            before = con.execute(
                "select value from app_settings where key = ?", [SETTING_KEY]
            ).fetchone()
            text = json.dumps(after)
            con.execute("delete from app_settings where key = ?", [SETTING_KEY])
            con.execute(
                "insert into app_settings (key, value, changed_by, changed_at) "
                "values (?, ?, ?, now()::timestamp)",
                [SETTING_KEY, text, user],
            )
            con.execute(
                "insert into settings_history (key, before, after, changed_by, changed_at) "
                "values (?, ?, ?, ?, now()::timestamp)",
                [SETTING_KEY, before[0] if before else None, text, user],
            )
            audit.record(con, user, "edit_weights", SETTING_KEY,
                         {"before": json.loads(before[0]) if before else None, "after": after})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return {"weights": dict(zip(COMPONENTS, weights)), "lambda_max": lambda_max, "ci": ci,
            "cr": cr}


def _region_components(con, filters: Filters, viewer: Viewer) -> pd.DataFrame:
    from warehouse.kpi import metrics  # metrics uses this module for the CSI itself

    bound = metrics.params(filters, viewer)
    regions = sqlfiles.df(con, "marts/csi_regions.sql", bound)["region"].tolist()
    records = []
    for region in regions:
        values = metrics._values(con, filters.with_(region=(region,)), viewer)
        records.append({"region": region, **{c: values[c][0] for c in COMPONENTS},
                        "responses": values["responses"][0]})
    return pd.DataFrame(records, columns=["region", *COMPONENTS, "responses"])


def csi_by_region(*, filters: Filters, viewer: Viewer, db=None) -> pd.DataFrame:
    """[region, nps, csat_pct, ces, complaint_rate_per_1000, responses, csi, rank]."""
    with connect(db) as con:
        frame = _region_components(con, filters, viewer)
        weights = current_weights(con)
    return _rank(frame, weights)


def _rank(frame: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    frame = frame.copy()
    frame["csi"] = [score(r, weights) for r in frame.to_dict("records")]
    frame["csi"] = frame["csi"].astype("float64")
    frame = frame.sort_values(["csi", "region"], ascending=[False, True], na_position="last")
    frame["rank"] = range(1, len(frame) + 1)
    return frame.reset_index(drop=True)


def sensitivity(*, filters: Filters, viewer: Viewer, db=None, step: float = 0.10,
                weights: tuple[tuple[str, float], ...] | None = None) -> pd.DataFrame:
    """Each weight moved by ±step (others rescaled): does the region ranking change?

    WEIGHTS ((component, weight) pairs) are the ones to test, e.g. a matrix being edited;
    default: the weights in force. Rows: [criterion, change_pct, weights, ranking,
    ranking_changed]; the first row is the base.
    """
    with connect(db) as con:
        frame = _region_components(con, filters, viewer)
        base = dict(weights) if weights else current_weights(con)
    base_ranking = _rank(frame, base)["region"].tolist()
    rows = [{"criterion": "base", "change_pct": 0.0, "weights": base,
             "ranking": base_ranking, "ranking_changed": False}]
    for component in COMPONENTS:
        for sign in (+1, -1):
            moved = dict(base)
            moved[component] = base[component] * (1 + sign * step)
            total = sum(moved.values())
            moved = {k: v / total for k, v in moved.items()}
            ranking = _rank(frame, moved)["region"].tolist()
            rows.append({"criterion": component, "change_pct": sign * step * 100,
                         "weights": moved, "ranking": ranking,
                         "ranking_changed": ranking != base_ranking})
    return pd.DataFrame(rows)
