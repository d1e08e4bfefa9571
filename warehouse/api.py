"""The scripting entry point `warehouse.kpis(...)`: current KPI values as one flat dict."""

from __future__ import annotations

from datetime import date
from typing import Any

from warehouse.access.auth import viewer_for
from warehouse.access.scope import Filters


def kpis(
    db=None,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    channel=None,
    region=None,
    touchpoint=None,
    segment=None,
    category=None,
    severity=None,
    user: str | None = None,
    lake=None,
    engine: str | None = None,
) -> dict[str, Any]:
    """Current value of every KPI for the filters (None where there is no data).

    `user=NAME` answers as that user sees it (their department scope applies). With
    `lake=DIR` the models run over a Parquet lake (`python -m warehouse lake export`) on
    `engine` ("duckdb", the default, or "spark") instead of the warehouse file.
    """
    from warehouse.kpi.metrics import kpi_values, kpi_values_on

    filters = Filters(
        start=start,
        end=end,
        channel=channel,
        region=region,
        touchpoint=touchpoint,
        segment=segment,
        category=category,
        severity=severity,
    )
    if filters.start and filters.end and filters.start > filters.end:
        raise ValueError(f"start {filters.start} is after end {filters.end}")
    if lake is None:
        if engine not in (None, "duckdb"):
            raise ValueError(f"the {engine} engine reads a lake: give lake=DIR (--lake DIR)")
        return kpi_values(filters=filters, viewer=viewer_for(user, db), db=db)
    from warehouse.engines.lake import open_lake, viewer

    with open_lake(lake, engine or "duckdb") as con:
        return kpi_values_on(con, filters=filters, viewer=viewer(con, user))
