"""Alert lifecycle as a pure function: one judged period in, the alert after it and its events out."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from warehouse.alerting.engine import LEVELS, Rule

STATES = ("firing", "acknowledged", "resolved")
OPEN_STATES = ("firing", "acknowledged")
# Allowed state changes and who makes them: people acknowledge; the engine resolves, and moves an
# acknowledged alert back to firing when it escalates to red (a new clock needs a new owner).
TRANSITIONS = {
    "firing": {"acknowledged": "person", "resolved": "engine"},
    "acknowledged": {"resolved": "engine", "firing": "engine"},
    "resolved": {},
}
# Response levels (warehouse/docs/risk_and_alerts.md): the tasks of each and the time allowed
# from the moment the alert opened (or escalated).
CLOCKS: dict[str, list[tuple[str, timedelta]]] = {
    "IV": [("first contact with the customer", timedelta(hours=2))],
    "III": [("cause and plan", timedelta(hours=24))],
    "II": [("incident meeting", timedelta(hours=1)),
           ("first measures public", timedelta(hours=2))],
    "I": [("incident meeting", timedelta(hours=1)),
          ("first measures public", timedelta(hours=2)),
          ("regulator informed", timedelta(hours=2))],
}
RESPONSE_LEADS = {"IV": "service team", "III": "department head", "II": "incident group",
                  "I": "chief executive"}
RESPONSE_ORDER = ("IV", "III", "II", "I")  # least to most severe
GROUP_EVENT = 10          # 10 or more customers complaining about the same thing
NATIONWIDE_COMPLAINTS = 100
# Rule metrics that count complaints: their count decides the response level where it is known.
COMPLAINT_COUNT_METRICS = ("complaints",)


class TransitionError(ValueError):
    """A state change the declared transitions do not allow (a defect, not a user error)."""


def response_level(rule: Rule, level: str, metric_value: float | None) -> str:
    """I–IV: yellow → III (department head), red → II (incident group).

    For complaint-count rules the count decides where it is known: fewer than 10 complaints is
    not a group event (IV, service team), more than 100 is II. A rule marked `critical`
    (customer safety, regulator) is always I.
    """
    if rule.param("critical", False):
        return "I"
    base = "II" if level == "red" else "III"
    if rule.metric in COMPLAINT_COUNT_METRICS and _known(metric_value):
        if metric_value > NATIONWIDE_COMPLAINTS:
            return "II"
        if metric_value < GROUP_EVENT:
            return "IV"
    return base


def clocks(response: str, start: datetime) -> list[dict[str, Any]]:
    return [{"task": task, "due_at": (start + delta).isoformat(sep=" ")}
            for task, delta in CLOCKS[response]]


def due_at(response: str, start: datetime) -> datetime:
    return start + min(delta for _, delta in CLOCKS[response])


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


@dataclass(frozen=True)
class Period:
    """One judged point of one scope: a closed period, or the rolling window ending now (live).

    `at` is when the breach became known: the period end, or for a live window the later of the
    detection time and the event time of the row that crossed the line. `baseline` and
    `baseline_sd` describe the periods before it (the pre-incident level of a new alert).
    """

    scope: str
    scope_dim: str
    scope_value: str
    period_start: datetime
    period_end: datetime
    at: datetime
    status: str                   # ok | latent | yellow | red | insufficient
    level: str | None
    value: float | None
    limit: float | None
    metric_value: float | None
    detail: str = ""
    live: bool = False
    baseline: float | None = None
    baseline_sd: float = 0.0
    note: str | None = None       # why this point is judged (late data, undo), for the history


@dataclass(frozen=True)
class Alert:
    """An alert as the engine sees it (one row of the alerts table)."""

    rule_id: str
    scope: str
    scope_dim: str | None
    scope_value: str | None
    scope_channel: str | None
    scope_region: str | None
    level: str
    state: str
    value: float | None
    limit_value: float | None
    peak_value: float | None
    baseline_value: float | None
    baseline_sd: float
    metric_value: float | None
    period_start: datetime
    last_breach_at: datetime
    opened_at: datetime
    response_level: str
    due_at: datetime
    clocks: tuple[dict[str, Any], ...]
    phase: str = "outbreak"
    inside_periods: int = 0
    resolved_at: datetime | None = None
    recovered: bool | None = None
    recovery_value: float | None = None
    audience: str = ""
    alert_id: int | None = None

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class Event:
    """One line of an alert's history."""

    at: datetime
    event: str                    # opened | escalated | phase | resolved | recovered | rejudged
    from_state: str | None = None
    to_state: str | None = None
    level: str | None = None
    value: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Step:
    """What one period did to an alert: the alert after it, its events, and the tallies."""

    alert: Alert | None
    events: tuple[Event, ...] = ()
    opened: bool = False
    escalated: bool = False
    resolved: bool = False
    new: bool = False             # the alert is a new one (not yet stored)
    changed: bool = False         # the stored alert needs writing


def _move(alert: Alert, to_state: str, by: str = "engine") -> Alert:
    """The alert in TO_STATE, if the declared transitions allow BY to make that change."""
    if to_state != alert.state and TRANSITIONS.get(alert.state, {}).get(to_state) != by:
        raise TransitionError(f"alert {alert.alert_id}: {alert.state} → {to_state} by {by}")
    return replace(alert, state=to_state)


def can_acknowledge(state: str) -> bool:
    return TRANSITIONS.get(state, {}).get("acknowledged") == "person"


def _scope_keys(period: Period) -> tuple[str | None, str | None]:
    value = (period.scope_value or "").strip().lower()
    return (value if period.scope_dim == "channel" else None,
            value if period.scope_dim == "region" else None)


def _worse(rule: Rule, now_value: float | None, before: float | None) -> bool:
    if not _known(now_value) or not _known(before):
        return False
    return (now_value - before) > 0 if rule.direction == "above" else (now_value - before) < 0


def _recovered(rule: Rule, alert: Alert, metric_value: float | None) -> bool | None:
    """Back at the pre-incident baseline: not worse than it by more than max(10 %, 1 sd)."""
    base = alert.baseline_value
    if not _known(base) or not _known(metric_value):
        return None
    tolerance = max(abs(base) * 0.10, alert.baseline_sd or 0.0)
    if rule.direction == "above":
        return metric_value <= base + tolerance
    return metric_value >= base - tolerance


def opened(rule: Rule, period: Period, audience: str = "") -> Step:
    """A new alert for a breaching PERIOD; its clocks run from the moment the breach was known."""
    response = response_level(rule, period.level, period.metric_value)
    channel, region = _scope_keys(period)
    alert = Alert(
        rule_id=rule.rule_id, scope=period.scope, scope_dim=period.scope_dim or None,
        scope_value=period.scope_value or None, scope_channel=channel, scope_region=region,
        level=period.level, state="firing", value=period.value, limit_value=period.limit,
        peak_value=period.value, baseline_value=period.baseline, baseline_sd=period.baseline_sd,
        metric_value=period.metric_value, period_start=period.period_start,
        last_breach_at=period.period_end, opened_at=period.at, response_level=response,
        due_at=due_at(response, period.at), clocks=tuple(clocks(response, period.at)),
        audience=audience,
    )
    note = " · ".join(n for n in (period.note, period.detail) if n) or None
    event = Event(period.at, "opened", to_state="firing", level=period.level,
                  value=period.value, note=note)
    return Step(alert, (event,), opened=True, new=True, changed=True)


def next_state(alert: Alert | None, period: Period, rule: Rule, audience: str = "") -> Step:
    """The alert after one judged PERIOD of its scope (None: no alert in play for the scope).

    Closed periods drive the whole lifecycle. A live point (the rolling window ending now) may
    open, escalate and keep an alert current, but never moves it towards resolving: the next
    closed period does that, after one full window back inside.
    """
    if period.level in LEVELS:
        if alert is None or alert.state == "resolved":
            return opened(rule, period, audience)
        return _breach(alert, period, rule)
    if alert is None or period.live or period.status not in ("ok", "latent"):
        return Step(alert)
    if rule.kind == "sustained" and period.status == "latent" and alert.open:
        # Still beyond the line, only the run is short again: the incident is not over.
        changed = alert.inside_periods != 0
        return Step(replace(alert, inside_periods=0), changed=changed)
    if alert.state == "resolved":
        return _recovery(alert, period, rule)
    return _inside(alert, period, rule)


def _breach(alert: Alert, period: Period, rule: Rule) -> Step:
    at = period.at
    events: list[Event] = []
    escalated = False
    previous_metric = alert.metric_value
    # A live window ends at every evaluation: it keeps the alert's figures current, while the
    # time of the latest breach moves with closed periods only (no write per quiet cycle).
    last = alert.last_breach_at if period.live else max(alert.last_breach_at, period.period_end)
    # An open alert does not step down a level, so a yellow period of a red alert keeps red's
    # limit: the limit shown is always that of the level shown.
    limit = period.limit if period.level == alert.level or period.level == "red" else alert.limit_value
    after = replace(alert, value=period.value, limit_value=limit, last_breach_at=last,
                    metric_value=period.metric_value, inside_periods=0)
    if period.level == "red" and alert.level == "yellow":
        escalated = True
        response = response_level(rule, "red", period.metric_value)
        after = replace(_move(after, "firing"), level="red", response_level=response,
                        due_at=due_at(response, at), clocks=tuple(clocks(response, at)))
        events.append(Event(at, "escalated", from_state=alert.state, to_state="firing",
                            level="red", value=period.value,
                            note=" · ".join(n for n in (period.note, period.detail) if n) or None))
    elif rule.metric in COMPLAINT_COUNT_METRICS and alert.response_level in ("III", "IV"):
        # A growing complaint count can cross the group-event or nationwide line while open.
        response = response_level(rule, alert.level, period.metric_value)
        if RESPONSE_ORDER.index(response) > RESPONSE_ORDER.index(alert.response_level):
            after = replace(after, response_level=response, due_at=due_at(response, at),
                            clocks=tuple(clocks(response, at)))
            events.append(Event(at, "escalated", level=alert.level, value=period.value,
                                note=f"response level {response}"))
    if not period.live:
        # Phases follow closed periods only: a live window moving every minute is no trend.
        if _worse(rule, period.metric_value, previous_metric):
            after = replace(after, peak_value=period.value)
            if alert.phase != "outbreak":
                after = replace(after, phase="outbreak")
                events.append(Event(at, "phase", value=period.value, note="outbreak"))
        elif alert.phase == "outbreak" and previous_metric is not None:
            after = replace(after, phase="decline")
            events.append(Event(at, "phase", value=period.value, note="decline"))
    elif _worse(rule, period.metric_value, alert.peak_value if alert.peak_value is not None
                else previous_metric):
        after = replace(after, peak_value=period.value)
    if period.note and not events:
        events.append(Event(at, "rejudged", level=period.level, value=period.value,
                            note=period.note))
    return Step(after, tuple(events), escalated=escalated, changed=after != alert or bool(events))


def _recovery(alert: Alert, period: Period, rule: Rule) -> Step:
    """Recovery is settled at the first period back at the pre-incident baseline (once)."""
    if alert.recovered or not _recovered(rule, alert, period.metric_value):
        return Step(alert)
    after = replace(alert, recovered=True, recovery_value=period.metric_value)
    event = Event(period.at, "recovered", value=period.metric_value,
                  note="back at the pre-incident baseline")
    return Step(after, (event,), changed=True)


def _inside(alert: Alert, period: Period, rule: Rule) -> Step:
    at = period.at
    metric = period.metric_value
    events: list[Event] = []
    after = replace(alert, inside_periods=alert.inside_periods + 1, metric_value=metric)
    if alert.phase == "outbreak":
        after = replace(after, phase="decline")
        events.append(Event(at, "phase", value=metric, note="decline"))
    if after.inside_periods < rule.clear_periods:
        return Step(after, tuple(events), changed=True)
    recovered = _recovered(rule, after, metric)
    after = replace(_move(after, "resolved"), resolved_at=at, recovered=recovered,
                    recovery_value=metric if recovered else None)
    note = f"inside for {after.inside_periods} period(s)"
    events.append(Event(at, "resolved", from_state=alert.state, to_state="resolved",
                        value=metric, note=note))
    if recovered:
        events.append(Event(at, "recovered", value=metric,
                            note="back at the pre-incident baseline"))
    return Step(after, tuple(events), resolved=True, changed=True)


def withdrawn(alert: Alert, at: datetime, note: str) -> Step:
    """The data that made ALERT no longer holds (an undo): it resolves with that reason."""
    if not alert.open:
        return Step(alert)
    after = replace(_move(alert, "resolved"), resolved_at=at, recovered=None, recovery_value=None)
    event = Event(at, "resolved", from_state=alert.state, to_state="resolved", note=note)
    return Step(after, (event,), resolved=True, changed=True)
