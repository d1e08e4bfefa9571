"""Customers: churn-risk flags with their reasons, and lifetime-value tiers (warehouse/docs/metrics.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from warehouse.access.scope import Filters, Viewer
from warehouse.kpi.metrics import params, query
from warehouse.storage.db import connect

INACTIVE_DAYS = 30
AOV_DROP_PCT = 50.0
BEHAVIOUR_SIGMA = 2.0
BASELINE_MIN = 3
# Lifetime value tiers: high > 10,000, mid 1,000-10,000, low <= 1,000 (in the app's currency).
TIER_HIGH = 10_000.0
TIER_LOW = 1_000.0
TIERS = ("high", "mid", "low", "unknown")


def _bound(filters: Filters, viewer: Viewer, **extra) -> dict:
    return params(
        filters,
        viewer,
        inactive_days=INACTIVE_DAYS,
        aov_drop_pct=AOV_DROP_PCT,
        sigma=BEHAVIOUR_SIGMA,
        baseline_min=BASELINE_MIN,
        tier_high=TIER_HIGH,
        tier_low=TIER_LOW,
        **extra,
    )


def churn_risk(
    *, filters: Filters, viewer: Viewer, db=None, as_of: date | None = None, limit: int = 5000
) -> pd.DataFrame:
    """Customers (not churned) with at least one churn signal, highest lifetime value first.

    Columns: customer_id, region, channel, segment, status, lifetime_value, last_active_date,
    days_inactive, aov_change_pct, behaviour_z, tier, reasons (list), reason_text.
    `as_of` defaults to the data's newest activity date. Date filters do not apply (the
    behaviour baseline uses each customer's whole survey history up to as_of).
    """
    # $churn_as_of, not $as_of: the latter is the complaints' as-of the models fill in
    bound = _bound(filters.with_(start=None, end=None), viewer, churn_as_of=as_of,
                   today=datetime.now(UTC).date(), limit=int(limit))
    with connect(db) as con:
        frame = query(con, "marts/churn_risk.sql", bound)
    reason_columns = ["reason_inactive", "reason_order_value", "reason_behaviour"]
    frame["reasons"] = [
        [r for r in row if isinstance(r, str)] for row in frame[reason_columns].itertuples(False)
    ]
    return frame.drop(columns=reason_columns)


def tier_counts(*, filters: Filters, viewer: Viewer, db=None) -> pd.DataFrame:
    """[tier, customers, lifetime_value] for customers who have not churned."""
    with connect(db) as con:
        return query(con, "marts/tier_counts.sql", _bound(filters, viewer))
