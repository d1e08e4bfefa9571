"""Edges of the metrics found by recomputing them independently: a strict 2 σ churn test, the
touchpoint × region risk denominator, and the 12-month benchmark forecast."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from warehouse.access.scope import SYSTEM, Filters
from warehouse.kpi import benchmarks, customers
from warehouse.risk import matrix
from warehouse.storage.db import connect


def _answers(customer: str, scores: list[int], month: int = 3) -> list[dict]:
    return [{"response_id": f"{customer}-{i}", "customer_id": customer, "nps": score,
             "submitted_at": f"2025-{month:02d}-{i + 1:02d} 09:00"} for i, score in enumerate(scores)]


def test_churn_more_than_two_sigma_is_strict(rows_db):
    # Earlier 8 8 9 10 10: mean 9, sample sd sqrt(4 / 4) = 1. A latest 7 is exactly 2 σ below
    # (floating point: -2.0000000000000004), not more; a latest 6 is 3 σ below.
    db = rows_db(
        customers=[{"customer_id": c, "status": "active", "last_active_date": "2025-03-06"}
                   for c in ("edge", "far")],
        survey_responses=_answers("edge", [8, 8, 9, 10, 10, 7]) + _answers("far", [8, 8, 9, 10, 10, 6]),
    )
    frame = customers.churn_risk(filters=Filters(), viewer=SYSTEM, db=db)
    # both active on their last answer (6 March): behaviour is the only possible reason
    assert list(frame["customer_id"]) == ["far"]
    assert frame["behaviour_z"].iloc[0] == pytest.approx(-3.0)


def test_touchpoint_by_region_divides_by_that_regions_customers(rows_db):
    # North: 2 active customers, South: 8. One North customer complains about the app twice:
    # app × North happens to 1 of North's 2 customers (0.5), not 1 of the company's 10.
    people = [{"customer_id": f"n{i}", "region": "North", "status": "active"} for i in range(2)]
    people += [{"customer_id": f"s{i}", "region": "South", "status": "active"} for i in range(8)]
    tickets = [{"ticket_id": f"t{i}", "created_at": f"2025-06-0{i + 1} 10:00",
                "customer_id": "n0", "region": "North", "touchpoint": "app",
                "severity": "low", "escalated": False} for i in range(2)]
    db = rows_db(customers=people, complaints=tickets)
    items = matrix.risk_items(filters=Filters(), viewer=SYSTEM, db=db, min_n=1)
    by_id = items.set_index("item_id")
    assert by_id.loc["touchpoint_region:app|north", "probability"] == pytest.approx(1 / 2)
    # the touchpoint item still divides by the company's 10 customers
    assert by_id.loc["touchpoint:app", "probability"] == pytest.approx(1 / 10)


def _benchmark_months(db, metric: str, values) -> None:
    months = pd.date_range("2022-01-01", periods=len(values), freq="MS")
    with connect(db, write=True) as con:
        for month, value in zip(months, values):
            con.execute(
                "insert into benchmarks (period, competitor, metric, value, touchpoint, batch_id,"
                " first_batch_id) values (?, 'industry', ?, ?, '', 2, 2)",
                [month.date(), metric, float(value)])


def test_forecast_stays_inside_the_metrics_range(golden_db):
    # NPS climbing 1.3 points a month to 97.7: a straight line would pass 100 within 2 months.
    _benchmark_months(golden_db, "nps", [60 + 1.3 * i for i in range(30)])
    ahead = benchmarks.forecast("nps", viewer=SYSTEM, db=golden_db)
    ahead = ahead[ahead["kind"] == "forecast"]
    assert len(ahead) == 12
    assert (ahead[["value", "lower", "upper"]] <= 100).all().all()
    assert (ahead[["value", "lower", "upper"]] >= -100).all().all()


def test_forecast_defaults_to_a_damped_trend_with_its_own_interval(golden_db):
    rng = np.random.default_rng(3)
    history = 40 + 0.5 * np.arange(30) + rng.normal(0, 1, 30)
    _benchmark_months(golden_db, "fcr", history)
    frame = benchmarks.forecast("fcr", viewer=SYSTEM, db=golden_db)
    assert frame.attrs["model"] == benchmarks.DAMPED
    ahead = frame[frame["kind"] == "forecast"].reset_index(drop=True)
    # The interval of ETS(A,Ad,N) (Hyndman et al. 2008, class 1): the h-step variance is
    # σ² (1 + Σ_{j<h} (α + β (φ + … + φ^j))²), from the fitted α, β, φ and σ² = mean residual².
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    fit = ETSModel(pd.Series(history, index=pd.date_range("2000-01-01", periods=30, freq="MS")),
                   error="add", trend="add", damped_trend=True,
                   initialization_method="heuristic").fit(disp=False)
    a, b, phi = fit.smoothing_level, fit.smoothing_trend, fit.damping_trend
    sigma2 = float(np.mean(fit.resid ** 2))
    for h in range(1, 13):
        variance = sigma2 * (1 + sum((a + b * sum(phi ** i for i in range(1, j + 1))) ** 2
                                     for j in range(1, h)))
        half = 1.959963984540054 * math.sqrt(variance)
        row = ahead.iloc[h - 1]
        assert row["upper"] - row["value"] == pytest.approx(half, rel=1e-6)
        assert row["value"] - row["lower"] == pytest.approx(half, rel=1e-6)


def test_forecast_takes_seasonality_when_it_wins_the_hold_out(golden_db):
    # A 12-month wave of ±10 points on a slow rise: the last year is forecast far better with it.
    months = np.arange(36)
    rng = np.random.default_rng(5)
    _benchmark_months(golden_db, "csat", 60 + 0.2 * months + 10 * np.sin(2 * np.pi * months / 12)
                      + rng.normal(0, 0.5, 36))
    frame = benchmarks.forecast("csat", viewer=SYSTEM, db=golden_db)
    assert frame.attrs["model"] == benchmarks.SEASONAL
    errors = frame.attrs["holdout_mae"]
    assert errors[benchmarks.SEASONAL] < errors[benchmarks.DAMPED]
    assert date.fromisoformat(str(frame["period"].iloc[-1])) == date(2025, 12, 1)
