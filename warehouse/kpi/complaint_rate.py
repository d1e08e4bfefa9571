"""Complaint rate per 1,000: over orders where the ops data covers the window, else per customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from warehouse.storage import sqlfiles

# The two bases (glossary: warehouse/docs/metrics.md, "Complaint rate").
ORDERS = "orders"
ACTIVE_CUSTOMERS_30D = "active_customers_30d"
# Customer-based rates are per 30 days, so a week, a month and a year compare.
RATE_DAYS = 30


@dataclass(frozen=True)
class Basis:
    """The denominator of one window: orders (when covered) or active customers × days / 30."""

    name: str | None
    orders: float | None = None
    active: int | None = None
    days: int | None = None
    # The orders would have covered the request but a segment filter rules them out.
    orders_blocked: bool = False

    def rate(self, complaints: float | None) -> float | None:
        """Complaints per 1,000 orders, or per 1,000 active customers per 30 days."""
        complaints = complaints or 0
        if self.name == ORDERS:
            return 1000.0 * complaints / self.orders
        if self.name == ACTIVE_CUSTOMERS_30D:
            if not complaints:
                return 0.0
            if not self.days:
                return None
            return 1000.0 * complaints / self.active * RATE_DAYS / self.days
        return None

    @property
    def n(self) -> float | None:
        return self.orders if self.name == ORDERS else self.active


def _day(value: Any) -> date | None:
    if value is None or (not isinstance(value, (date, datetime)) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


def orders_cover(row: dict[str, Any], start: Any, end: Any) -> bool:
    """Whether the orders of an order_periods row cover the window [start, end) (datetimes or
    None): from its first day (or the first complaint, for an open window) through the day
    before its last complaint. The ops export may lag the tickets by a day, so today's tickets
    arriving before today's order count do not switch the basis."""
    first = _day(start)
    c_first, c_last = _day(row.get("complaints_first")), _day(row.get("complaints_last"))
    o_first, o_last = _day(row.get("orders_first")), _day(row.get("orders_last"))
    orders = row.get("orders")
    if orders is None or pd.isna(orders) or orders <= 0 or o_first is None:
        return False
    need_first = first or c_first or o_first
    need_last = max(need_first, (c_last or need_first) - timedelta(days=1))
    return o_first <= need_first and o_last >= need_last


def choose(row: dict[str, Any], active: int | None, start: Any, end: Any,
           use_orders: bool, orders_blocked: bool = False) -> Basis:
    """The basis of one window [start, end) (datetimes or None) from an order_periods row:
    its orders when USE_ORDERS (decided for every window of a comparison together), else its
    active customers × days / 30."""
    if use_orders:
        return Basis(ORDERS, orders=float(row["orders"]))
    if not active:
        return Basis(None, orders_blocked=orders_blocked)
    first, last = _day(start), _day(end) - timedelta(days=1) if end is not None else None
    c_first, c_last = _day(row.get("complaints_first")), _day(row.get("complaints_last"))
    days_first, days_last = first or c_first, last or c_last
    days = (days_last - days_first).days + 1 if days_first and days_last else None
    return Basis(ACTIVE_CUSTOMERS_30D, active=int(active), days=days,
                 orders_blocked=orders_blocked)


def order_rows(con, bound: dict[str, Any], with_complaints: bool = True) -> list[dict[str, Any]]:
    """Orders per bucket that $current_start splits (and, with_complaints, the complaints'
    first and last days): what window_bases chooses from."""
    return sqlfiles.rows(con, "metrics/order_periods.sql",
                         {**bound, "with_complaints": with_complaints})


def window_bases(con, bound: dict[str, Any], active: int | None,
                 complaint_spans: dict[str, dict[str, Any]] | None = None,
                 orders: list[dict[str, Any]] | None = None) -> dict[str, Basis]:
    """{'current': Basis, 'previous': Basis} for the buckets that $current_start splits, on one
    basis: orders when they cover both windows, else active customers for both.

    `complaint_spans` (bucket -> complaints_first / complaints_last), when the caller has them,
    spares reading the complaints again; `orders`, order_rows(..., with_complaints=False) read
    beforehand, spares reading the orders here."""
    if orders is None:
        orders = order_rows(con, bound, with_complaints=complaint_spans is None)
    rows: dict[str, dict[str, Any]] = {r["bucket"]: dict(r) for r in orders}
    for bucket, span in (complaint_spans or {}).items():
        rows.setdefault(bucket, {}).update(
            {k: span.get(k) for k in ("complaints_first", "complaints_last")})
    split = bound.get("current_start")
    current_start = split if split is not None else bound.get("start")
    windows = {"current": (current_start, bound.get("end"))}
    if split is not None:
        windows["previous"] = (bound.get("start"), split)
    # One basis for the whole comparison: orders only when they cover every window compared.
    covered = all(orders_cover(rows.get(w, {}), *span) for w, span in windows.items())
    # Orders carry no segment: a segment filter cannot use them, though the request could.
    segments = bool(bound.get("segments"))
    bases = {w: choose(rows.get(w, {}), active, *span, use_orders=covered and not segments,
                       orders_blocked=covered and segments)
             for w, span in windows.items()}
    bases.setdefault("previous", choose({}, active, bound.get("start"), split, use_orders=False))
    return bases


def _period_days(period: Any, grain: str, bound: dict[str, Any]) -> int:
    """Days of one series period inside the request's window (the first and last may be cut)."""
    begin = pd.Timestamp(period)
    step = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(days=7),
            "month": pd.DateOffset(months=1), "quarter": pd.DateOffset(months=3),
            "year": pd.DateOffset(years=1)}[grain]
    finish = begin + step
    if bound.get("start") is not None:
        begin = max(begin, pd.Timestamp(bound["start"]))
    if bound.get("end") is not None:
        finish = min(finish, pd.Timestamp(bound["end"]))
    return max((finish - begin).days, 1)


def series_rates(con, frame: pd.DataFrame, bound: dict[str, Any], active: int | None
                 ) -> tuple[pd.Series, str | None]:
    """Per period (frame[period, complaints]): the rate on the request's basis, and the basis."""
    basis = window_bases(con, {**bound, "current_start": None}, active)["current"]
    if basis.name == ORDERS:
        orders = sqlfiles.df(con, "metrics/order_series.sql", bound)
        per = dict(zip(pd.to_datetime(orders["period"]), orders["orders"]))
        values = [
            1000.0 * (c or 0) / per[p] if per.get(p) else None
            for p, c in zip(pd.to_datetime(frame["period"]), frame["complaints"].fillna(0))
        ]
    elif basis.name == ACTIVE_CUSTOMERS_30D:
        values = [
            Basis(ACTIVE_CUSTOMERS_30D, active=basis.active,
                  days=_period_days(p, bound["grain"], bound)).rate(c)
            for p, c in zip(frame["period"], frame["complaints"].fillna(0))
        ]
    else:
        values = [None] * len(frame)
    return pd.Series(values, index=frame.index, dtype="float64"), basis.name


def matrix_rates(con, frame: pd.DataFrame, bound: dict[str, Any], active: int | None
                 ) -> tuple[pd.Series, str | None]:
    """Per cell (frame[col, complaints]): orders of the cell's column, or the window's
    customers; every touchpoint of a column shares its denominator."""
    basis = window_bases(con, {**bound, "current_start": None}, active)["current"]
    if basis.name == ORDERS:
        orders = sqlfiles.df(con, "metrics/order_matrix.sql", bound)
        per = dict(zip(orders["col_key"].fillna(""), orders["orders"]))
        values = [
            1000.0 * (c or 0) / per[str(col).strip().lower()]
            if per.get(str(col).strip().lower()) else None
            for col, c in zip(frame["col"].fillna(""), frame["complaints"].fillna(0))
        ]
    else:
        values = [basis.rate(c) for c in frame["complaints"].fillna(0)]
    return pd.Series(values, index=frame.index, dtype="float64"), basis.name
