"""The composite index per region, ranked, and whether a ±10 % weight change reorders the regions."""

from __future__ import annotations

import pandas as pd

from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import metrics
from warehouse.kpi.csi import COMPONENTS, current_weights, score
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect


def _region_components(con, filters: Filters, viewer: Viewer) -> pd.DataFrame:
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
