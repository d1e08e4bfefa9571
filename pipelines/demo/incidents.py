"""The demo's scripted incidents: where and when they happen, and how strong they are each day."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np

DELIVERY_REGION = "East"
DELIVERY_PRODUCT = "Air Conditioner K5"
APP_CHANNEL = "App"
REFUND_TOUCHPOINT = "returns/refunds"
RIVAL = "BrightHome"
RIVAL_TOUCHPOINT = "delivery"


@dataclass(frozen=True)
class Incident:
    key: str
    title: str
    start: date
    end: date  # last day (inclusive) of the scripted window
    where: str
    signals: str
    caught_by: str
    scope: dict[str, str]  # the dimension values the incident is confined to

    def as_dict(self) -> dict:
        out = asdict(self)
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        return out


def _profile(end: date, first: int, shape: list[float]) -> dict[date, float]:
    """Intensity by day: shape[i] applies on end - first + i (first counts days before end)."""
    day0 = end - timedelta(days=first)
    return {day0 + timedelta(days=i): v for i, v in enumerate(shape) if v > 0}


def delivery_profile(end: date) -> dict[date, float]:
    # Ten bad days, then a short tail while the backlog clears (the "decline" phase).
    shape = [0.5, 0.85, 1, 1, 1, 1, 1, 0.9, 0.6, 0.35, 0.15, 0.1, 0.06, 0.03]
    return _profile(end, 75, shape)


def app_profile(end: date) -> dict[date, float]:
    # A release on day 0, hot-fixed after two weeks.
    return _profile(end, 40, [0.6] + [1.0] * 11 + [0.7, 0.4])


def refund_profile(end: date) -> dict[date, float]:
    # Steady decline over 60 days, 45 days at the bottom, then 20 days of recovery: long
    # enough that three calendar months sit well below the baseline wherever the year ends.
    shape = [i / 60 for i in range(1, 61)] + [1.0] * 45 + [1 - i / 20 for i in range(1, 20)]
    return _profile(end, 200, shape)


def rival_lift(months_before_end: int) -> float:
    """How far the rival's delivery scores have risen, by month (0 = the end date's month)."""
    return {3: 0.25, 2: 0.6, 1: 0.9, 0: 1.0}.get(months_before_end, 0.0)


def daily(profile: dict[date, float], days: np.ndarray) -> np.ndarray:
    """The profile's intensity on each of `days` (datetime64[D]), 0 outside it."""
    lookup = {np.datetime64(d, "D"): v for d, v in profile.items()}
    return np.array([lookup.get(d, 0.0) for d in days], dtype=float)


def incidents(end: date) -> list[Incident]:
    """The four incidents with their windows for the demo year ending on `end`."""
    month_start = end.replace(day=1)
    for _ in range(3):
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    return [
        Incident(
            "delivery_breakdown",
            "Delivery breakdown in East",
            end - timedelta(days=75),
            end - timedelta(days=66),
            f"region {DELIVERY_REGION}; product {DELIVERY_PRODUCT}; channel Phone",
            "complaints about one product > 20 per day (delivery delay), East CSAT drop "
            "(delivery touchpoint below 40 %), phone avg_answer_seconds > 600, East complaint "
            "rate vs orders > 10 %, negative mentions x3 in 48 h, product return rate > 3 %",
            "complaints about one product within 24 h (red); average answer time (red); "
            "CSAT top-2-box (red in East delivery)",
            {"region": DELIVERY_REGION, "product": DELIVERY_PRODUCT, "touchpoint": "delivery",
             "category": "delivery delay", "ops_channel": "Phone"},
        ),
        Incident(
            "app_release_bug",
            "App release bug",
            end - timedelta(days=40),
            end - timedelta(days=27),
            f"channel {APP_CHANNEL}",
            "App negative-review rate +50 % or more vs the previous 14 days; app-bug complaints "
            "(crash, 闪退) about 5x their usual daily count",
            "negative-review rate of a channel vs previous period (red); keyword surge",
            {"channel": APP_CHANNEL, "category": "app bug"},
        ),
        Incident(
            "refund_degradation",
            "Refund process degrading",
            end - timedelta(days=200),
            end - timedelta(days=77),
            f"touchpoint {REFUND_TOUCHPOINT}",
            "returns/refunds CSAT falls steadily from ~81 % to ~40 % over 60 days, stays there "
            "from 141 to 96 days before end, recovers by 76 days before end; slow-refund "
            "complaints double; refund resolution times triple",
            "a metric below its baseline by 20 % for 3 consecutive periods (red)",
            {"touchpoint": REFUND_TOUCHPOINT, "category": "slow refund"},
        ),
        Incident(
            "competitor_ahead",
            "Competitor pulling ahead on delivery",
            month_start,
            end,
            f"competitor {RIVAL}; touchpoint {RIVAL_TOUCHPOINT}",
            "BrightHome's delivery CSAT and NPS rise month by month past ours: gap > 15 % in the "
            "last two months and above the industry mean + 1.5 sigma",
            "benchmark gap > 15 %; KPI vs industry mean (SPC on benchmark)",
            {"competitor": RIVAL, "touchpoint": RIVAL_TOUCHPOINT},
        ),
    ]
