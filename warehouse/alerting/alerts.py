"""Alert lifecycle: evaluate every rule, open/escalate/resolve alerts with hysteresis, acknowledge."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import PermissionDenied, can
from warehouse.access.scope import Viewer
from warehouse.alerting.engine import LEVELS, Rule, assess
from warehouse.alerting.rule_series import data_through, load_series
from warehouse.alerting.rules import as_dict, get_rule, load_rules
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect, ensure_warehouse

STATES = ("firing", "acknowledged", "resolved")
OPEN_STATES = ("firing", "acknowledged")
# Allowed state changes and who makes them: people acknowledge; the engine resolves, and moves an
# acknowledged alert back to firing when it escalates to red (a new clock needs a new owner).
TRANSITIONS = {
    "firing": {"acknowledged": "person", "resolved": "engine"},
    "acknowledged": {"resolved": "engine", "firing": "engine"},
    "resolved": {},
}
# warehouse/docs/risk_and_alerts.md response levels: the tasks of each and the time allowed from the alert (or escalation).
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
GROUP_EVENT = 10          # playbook: 10 or more customers complaining about the same thing
NATIONWIDE_COMPLAINTS = 100
PRE_INCIDENT_PERIODS = 4  # periods before the first breach that make the pre-incident baseline
COUNT_METRICS = ("complaints",)


class AlertError(ValueError):
    """An alert action that cannot be done; the message is safe to show."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def response_level(rule: Rule, level: str, metric_value: float | None) -> str:
    """I–IV per warehouse/docs/risk_and_alerts.md. yellow → III (department head), red → II (incident group).

    For complaint-count rules the count decides where it is known: fewer than 10 complaints is
    not a group event (IV, service team), more than 100 is II. A rule marked `critical`
    (customer safety, regulator) is always I.
    """
    if rule.param("critical", False):
        return "I"
    base = "II" if level == "red" else "III"
    if rule.metric in COUNT_METRICS and metric_value is not None and not math.isnan(metric_value):
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


# ---------------------------------------------------------------- evaluation


@dataclass
class _Tally:
    opened: int = 0
    escalated: int = 0
    resolved: int = 0
    breaches: int = 0
    points: int = 0
    latest: dict[str, dict] = field(default_factory=dict)


def _py(value):
    """Plain Python values for bound parameters and JSON."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _scope_keys(row) -> tuple[str | None, str | None]:
    value = (row.scope_value or "").strip().lower()
    return (value if row.scope_dim == "channel" else None,
            value if row.scope_dim == "region" else None)


def _worse(rule: Rule, now_value: float, before: float | None) -> bool:
    if before is None or now_value is None or math.isnan(now_value) or math.isnan(before):
        return False
    return (now_value - before) > 0 if rule.direction == "above" else (now_value - before) < 0


def _recovered(rule: Rule, alert: dict, metric_value: float) -> bool | None:
    """Back at the pre-incident baseline: not worse than it by more than max(10 %, 1 sd)."""
    base = alert.get("baseline_value")
    if base is None or metric_value is None or math.isnan(base) or math.isnan(metric_value):
        return None
    tolerance = max(abs(base) * 0.10, alert.get("baseline_sd") or 0.0)
    if rule.direction == "above":
        return metric_value <= base + tolerance
    return metric_value >= base - tolerance


def _event(con, alert_id: int, at, event: str, *, user: str | None = None, from_state=None,
           to_state=None, level=None, value=None, note=None) -> None:
    sqlfiles.execute(con, "rules/alert_event_insert.sql", {
        "alert_id": alert_id, "at": _py(at), "event": event, "user": user,
        "from_state": from_state, "to_state": to_state, "level": level, "value": _py(value),
        "note": note, "recorded_at": _now(),
    })


def _save(con, alert: dict) -> None:
    sqlfiles.execute(con, "rules/alert_update.sql", {
        "alert_id": alert["alert_id"], "level": alert["level"], "state": alert["state"],
        "value": _py(alert["value"]), "limit_value": _py(alert["limit_value"]),
        "peak_value": _py(alert["peak_value"]), "metric_value": _py(alert["metric_value"]),
        "last_breach_at": _py(alert["last_breach_at"]),
        "inside_periods": int(alert["inside_periods"]),
        "resolved_at": _py(alert["resolved_at"]), "response_level": alert["response_level"],
        "due_at": _py(alert["due_at"]), "clocks": json.dumps(alert["clocks"], default=str),
        "phase": alert["phase"], "recovered": alert["recovered"],
        "recovery_value": _py(alert["recovery_value"]),
    })


def _pre_incident(history: pd.DataFrame, before: pd.Timestamp) -> tuple[float | None, float]:
    prior = history[(history["period_end"] <= before) & history["status"].isin(["ok", "latent"])]
    prior = prior.tail(PRE_INCIDENT_PERIODS)["metric_value"].dropna()
    if prior.empty:
        return None, 0.0
    sd = float(prior.std(ddof=1)) if len(prior) > 1 else 0.0
    return float(prior.mean()), sd


def _open(con, rule: Rule, row, history: pd.DataFrame, created_at: datetime) -> dict:
    response = response_level(rule, row.level, _py(row.metric_value))
    opened_at = row.period_end.to_pydatetime()
    base, sd = _pre_incident(history, row.period_start)
    channel, region = _scope_keys(row)
    params = {
        "rule_id": rule.rule_id, "scope": row.scope, "scope_dim": row.scope_dim or None,
        "scope_value": row.scope_value or None, "scope_channel": channel, "scope_region": region,
        "level": row.level, "value": _py(row.value), "limit_value": _py(row.limit),
        "peak_value": _py(row.value), "baseline_value": base, "baseline_sd": sd,
        "metric_value": _py(row.metric_value), "period_start": row.period_start.to_pydatetime(),
        "last_breach_at": opened_at, "opened_at": opened_at, "response_level": response,
        "due_at": due_at(response, opened_at),
        "clocks": json.dumps(clocks(response, opened_at)), "created_at": created_at,
    }
    alert_id = sqlfiles.execute(con, "rules/alert_insert.sql", params).fetchone()[0]
    _event(con, alert_id, opened_at, "opened", user="system", to_state="firing",
           level=row.level, value=row.value, note=row.detail or None)
    alert = dict(params, alert_id=alert_id, state="firing", inside_periods=0, resolved_at=None,
                 phase="outbreak", recovered=None, recovery_value=None,
                 clocks=clocks(response, opened_at))
    return alert


def _apply_period(con, rule: Rule, alert: dict | None, row, history: pd.DataFrame,
                  tally: _Tally, created_at: datetime) -> dict | None:
    """One period of one scope through the lifecycle; returns the alert still in play."""
    at = row.period_end.to_pydatetime()
    if row.level in LEVELS:
        tally.breaches += 1
        if alert is None or alert["state"] == "resolved":
            tally.opened += 1
            return _open(con, rule, row, history, created_at)
        previous_metric = alert["metric_value"]
        alert.update(value=_py(row.value), limit_value=_py(row.limit), last_breach_at=at,
                     metric_value=_py(row.metric_value), inside_periods=0)
        if row.level == "red" and alert["level"] == "yellow":
            tally.escalated += 1
            response = response_level(rule, "red", _py(row.metric_value))
            from_state = alert["state"]
            alert.update(level="red", state="firing", response_level=response,
                         due_at=due_at(response, at), clocks=clocks(response, at))
            _event(con, alert["alert_id"], at, "escalated", user="system", from_state=from_state,
                   to_state="firing", level="red", value=row.value, note=row.detail or None)
        elif rule.metric in COUNT_METRICS and alert["response_level"] in ("III", "IV"):
            # A growing complaint count can cross the group-event or nationwide line while open.
            response = response_level(rule, alert["level"], _py(row.metric_value))
            if RESPONSE_ORDER.index(response) > RESPONSE_ORDER.index(alert["response_level"]):
                alert.update(response_level=response, due_at=due_at(response, at),
                             clocks=clocks(response, at))
                _event(con, alert["alert_id"], at, "escalated", user="system",
                       level=alert["level"], value=row.value,
                       note=f"response level {response}")
        if _worse(rule, _py(row.metric_value), previous_metric):
            alert["peak_value"] = _py(row.value)
            if alert["phase"] != "outbreak":
                alert["phase"] = "outbreak"
                _event(con, alert["alert_id"], at, "phase", user="system", value=row.value,
                       note="outbreak")
        elif alert["phase"] == "outbreak" and previous_metric is not None:
            alert["phase"] = "decline"
            _event(con, alert["alert_id"], at, "phase", user="system", value=row.value,
                   note="decline")
        _save(con, alert)
        return alert
    if row.status not in ("ok", "latent") or alert is None:
        return alert
    if rule.kind == "sustained" and row.status == "latent" and alert["state"] in OPEN_STATES:
        # Still beyond the line, only the run is short again: the incident is not over.
        alert["inside_periods"] = 0
        _save(con, alert)
        return alert
    metric = _py(row.metric_value)
    if alert["state"] == "resolved":
        # Recovery is settled at the first period back at the pre-incident baseline.
        if _recovered(rule, alert, metric):
            alert.update(recovered=True, recovery_value=metric)
            _event(con, alert["alert_id"], at, "recovered", user="system", value=metric,
                   note="back at the pre-incident baseline")
            _save(con, alert)
        return alert
    alert["inside_periods"] = int(alert["inside_periods"]) + 1
    alert["metric_value"] = metric
    if alert["phase"] == "outbreak":
        alert["phase"] = "decline"
        _event(con, alert["alert_id"], at, "phase", user="system", value=metric, note="decline")
    if alert["inside_periods"] >= rule.clear_periods:
        tally.resolved += 1
        from_state = alert["state"]
        recovered = _recovered(rule, alert, metric)
        alert.update(state="resolved", resolved_at=at, recovered=recovered,
                     recovery_value=metric if recovered else None)
        _event(con, alert["alert_id"], at, "resolved", user="system", from_state=from_state,
               to_state="resolved", value=metric,
               note=f"inside for {alert['inside_periods']} period(s)")
        if recovered:
            _event(con, alert["alert_id"], at, "recovered", user="system", value=metric,
                   note="back at the pre-incident baseline")
    _save(con, alert)
    return alert


def _load_alert_state(con, rule_id: str) -> dict[str, dict]:
    """Per scope, the alert the engine continues from (open first, else latest unsettled)."""
    current: dict[str, dict] = {}
    for row in sqlfiles.rows(con, "rules/alerts_of_rule.sql", {"rule_id": rule_id}):
        row["clocks"] = json.loads(row["clocks"]) if isinstance(row["clocks"], str) else []
        held = current.get(row["scope"])
        if held is None or (held["state"] == "resolved" and row["state"] in OPEN_STATES):
            current[row["scope"]] = row
    return current


def evaluate_rule_in(con: duckdb.DuckDBPyConnection, rule: Rule, *, now: datetime,
                     user: str) -> dict[str, Any]:
    """Evaluate one rule over the periods after its watermark; caller owns the transaction."""
    assessed = assess(rule, load_series(con, rule), now)
    return apply_assessed(con, rule, assessed, user=user, now=now,
                          signature=data_signature(con, rule))


def data_signature(con: duckdb.DuckDBPyConnection, rule: Rule) -> str:
    """The loaded data and the rule's definition, as one comparable text."""
    data = sqlfiles.one(con, "rules/data_signature.sql")
    return json.dumps({"data": data, "rule": as_dict(rule)}, sort_keys=True, default=str)


def _unchanged(con, rule: Rule, signature: str, now: datetime) -> bool:
    """Nothing new to judge: same data and rule, and no period can have completed since."""
    mark = sqlfiles.one(con, "rules/watermark_get.sql", {"rule_id": rule.rule_id})
    if not mark or mark["data_signature"] != signature or mark["evaluated_now"] is None:
        return False
    if now <= mark["evaluated_now"]:
        return True
    ends = [v for v in data_through(con).values() if v is not None and not pd.isna(v)]
    # Benchmarks are dated by the first day of a month: allow for the month they cover.
    latest = max(pd.Timestamp(v) for v in ends) + pd.Timedelta(days=32) if ends else None
    return latest is not None and mark["evaluated_now"] >= latest


def apply_assessed(con: duckdb.DuckDBPyConnection, rule: Rule, assessed: pd.DataFrame, *,
                   user: str, now: datetime | None = None,
                   signature: str | None = None) -> dict[str, Any]:
    """Apply the assessed periods after the rule's watermark to its alerts and log the run.

    The watermark is read here, inside the caller's write transaction, so two evaluations that
    assessed the same data never apply a period twice.
    """
    created_at = _now()
    mark = sqlfiles.one(con, "rules/watermark_get.sql", {"rule_id": rule.rule_id})
    through = mark["evaluated_through"] if mark else None
    fresh = assessed if through is None else assessed[assessed["period_end"] > pd.Timestamp(through)]
    tally = _Tally()
    state = _load_alert_state(con, rule.rule_id)
    for scope, rows in fresh.groupby("scope", sort=True):
        history = assessed[assessed["scope"] == scope]
        alert = state.get(scope)
        for row in rows.itertuples(index=False):
            tally.points += 1
            alert = _apply_period(con, rule, alert, row, history, tally, created_at)
        last = rows.iloc[-1]
        tally.latest[scope] = {
            "period_end": str(last["period_end"]), "value": _py(last["value"]),
            "limit": _py(last["limit"]), "status": last["status"],
        }
    status = "ok" if not assessed.empty else "no_data"
    if fresh.empty:
        reached = through or datetime(1970, 1, 1)
    else:
        reached = fresh["period_end"].max().to_pydatetime()
    sqlfiles.execute(con, "rules/watermark_set.sql", {
        "rule_id": rule.rule_id, "evaluated_through": reached,
        "data_signature": signature, "evaluated_now": now,
    })
    _log(con, rule.rule_id, user, status=status,
         periods_from=_py(fresh["period_start"].min()) if not fresh.empty else None,
         periods_to=_py(fresh["period_end"].max()) if not fresh.empty else None,
         scopes=int(fresh["scope"].nunique()) if not fresh.empty else 0, tally=tally,
         message=None if status == "ok" else "no data for this rule yet")
    return {"rule": rule.rule_id, "status": status, "points": tally.points,
            "breaches": tally.breaches, "opened": tally.opened, "escalated": tally.escalated,
            "resolved": tally.resolved}


def _log(con, rule_id: str, user: str, *, status: str, periods_from=None, periods_to=None,
         scopes: int = 0, tally: _Tally | None = None, message: str | None = None) -> None:
    tally = tally or _Tally()
    sqlfiles.execute(con, "rules/evaluation_insert.sql", {
        "rule_id": rule_id, "evaluated_at": _now(), "evaluated_by": user,
        "periods_from": periods_from, "periods_to": periods_to, "scopes": scopes,
        "points": tally.points, "breaches": tally.breaches, "opened": tally.opened,
        "escalated": tally.escalated, "resolved": tally.resolved, "status": status,
        "message": message,
        "latest": json.dumps(tally.latest, default=str, ensure_ascii=False),
    })


def evaluate(db: str | os.PathLike | None = None, *, now: datetime | None = None,
             user: str = "system") -> dict[str, Any]:
    """Run every enabled rule over the history it has not evaluated yet and update the alerts.

    Idempotent: a second run finds no new periods and changes nothing but the evaluation log.
    Each rule reads its data on a shared connection and then applies the result in its own short
    write transaction, so pages keep reading while a long evaluation runs; one failing rule is
    logged and the others still run.
    """
    now = now or _now()
    results, errors = [], []
    ensure_warehouse(db)  # a file from an older version gets the rule tables first
    with connect(db) as con:
        enabled = load_rules(con, enabled_only=True)
    for rule in enabled:
        try:
            with connect(db) as con:
                signature = data_signature(con, rule)
                if _unchanged(con, rule, signature, now):
                    assessed = None
                else:
                    assessed = assess(rule, load_series(con, rule), now)
            with connect(db, write=True) as con:
                if assessed is None:
                    _log(con, rule.rule_id, user, status="unchanged",
                         message="no new data since the last evaluation")
                    results.append({"rule": rule.rule_id, "status": "unchanged", "points": 0,
                                    "breaches": 0, "opened": 0, "escalated": 0, "resolved": 0})
                    continue
                con.execute("begin transaction")
                try:
                    results.append(apply_assessed(con, rule, assessed, user=user, now=now,
                                                  signature=signature))
                    con.execute("commit")
                except Exception:
                    con.execute("rollback")
                    raise
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            message = f"{type(exc).__name__}: {exc}"
            errors.append({"rule": rule.rule_id, "error": message})
            with connect(db, write=True) as con:
                _log(con, rule.rule_id, user, status="error", message=message[:2000])
    return {
        "evaluated_at": now.isoformat(sep=" "),
        "rules": results,
        "opened": sum(r["opened"] for r in results),
        "escalated": sum(r["escalated"] for r in results),
        "resolved": sum(r["resolved"] for r in results),
        "errors": errors,
    }


# ---------------------------------------------------------------- reads and actions


def _scope_params(viewer: Viewer) -> dict[str, Any]:
    return {"scoped": viewer.scoped, "scope_channels": list(viewer.channels),
            "scope_regions": list(viewer.regions)}


def _list(con, viewer: Viewer, states, alert_id=None) -> pd.DataFrame:
    wanted = list(states or [])
    unknown = [s for s in wanted if s not in STATES]
    if unknown:
        raise AlertError(f"Unknown alert state {unknown[0]!r}; one of {', '.join(STATES)}.")
    frame = sqlfiles.df(con, "rules/alerts_list.sql",
                        {"states": wanted, "alert_id": alert_id, **_scope_params(viewer)})
    frame["clocks"] = [json.loads(c) if isinstance(c, str) else (c or []) for c in frame["clocks"]]
    # Unknown recovery stays None (not NaN/NA) so callers can test `is True`.
    frame["recovered"] = pd.Series(
        [None if pd.isna(v) else bool(v) for v in frame["recovered"]], index=frame.index,
        dtype=object,
    )
    return frame


def list_alerts(*, viewer: Viewer, db: str | os.PathLike | None = None,
                states: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Alerts the viewer may see, newest first (all states unless `states` is given)."""
    with connect(db) as con:
        return _list(con, viewer, states)


def _visible(con, alert_id: int, viewer: Viewer) -> dict:
    frame = _list(con, viewer, None, int(alert_id))
    if frame.empty:
        # Same message whether it does not exist or is out of scope: nothing is revealed.
        raise AlertError(f"No alert {alert_id} is visible to you.")
    return frame.iloc[0].to_dict()


def acknowledge(alert_id: int, *, viewer: Viewer, note: str,
                db: str | os.PathLike | None = None) -> dict[str, Any]:
    """firing → acknowledged, with who, when and a note (admin, analyst, dept_head in scope)."""
    if not can(viewer, "acknowledge"):
        raise PermissionDenied(f"Your role ({viewer.role}) may not acknowledge alerts.")
    note = (note or "").strip()
    if not note:
        raise AlertError("Write a short note saying who is handling the alert and how.")
    with connect(db, write=True) as con:
        alert = _visible(con, alert_id, viewer)
        if "acknowledged" not in TRANSITIONS[alert["state"]]:
            by = f" by {alert['acknowledged_by']}" if alert.get("acknowledged_by") else ""
            raise AlertError(f"Alert {alert_id} is {alert['state']}{by}; only a firing alert "
                             "can be acknowledged.")
        at = _now()
        con.execute("begin transaction")
        try:
            sqlfiles.execute(con, "rules/alert_acknowledge.sql",
                             {"alert_id": int(alert_id), "user": viewer.name, "at": at,
                              "note": note})
            _event(con, int(alert_id), at, "acknowledged", user=viewer.name,
                   from_state="firing", to_state="acknowledged", level=alert["level"],
                   note=note)
            audit.record(con, viewer.name, "alert_acknowledge", f"alert {alert_id}",
                         {"rule": alert["rule"], "scope": alert["scope"], "note": note})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        return _visible(con, alert_id, viewer)


def alert_events(alert_id: int, *, viewer: Viewer,
                 db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The alert's history: opened, escalated, phase changes, acknowledged, resolved, recovered."""
    with connect(db) as con:
        _visible(con, alert_id, viewer)
        return sqlfiles.df(con, "rules/alert_events.sql", {"alert_id": int(alert_id)})


def open_counts(*, viewer: Viewer, db: str | os.PathLike | None = None) -> dict[str, int]:
    """Open (firing or acknowledged) alerts the viewer may see, by level."""
    frame = list_alerts(viewer=viewer, db=db, states=OPEN_STATES)
    counts = {level: int((frame["level"] == level).sum()) for level in ("red", "yellow")}
    counts["total"] = len(frame)
    counts["firing"] = int((frame["state"] == "firing").sum())
    return counts


def control_chart(alert_id: int, *, viewer: Viewer,
                  db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The series behind an alert's rule and scope with its limits and the breaching periods.

    Columns: period, value (what the rule compares), centre, lcl, ucl (SPC limits; for other
    kinds the red limit on the bad side), yellow_limit, red_limit, n, breach (yellow/red/None),
    metric_value (the underlying metric), status.
    """
    with connect(db) as con:
        alert = _visible(con, alert_id, viewer)
        rule = get_rule(con, alert["rule"])
        series = load_series(con, rule)
    series = series[series["scope"] == alert["scope"]]
    assessed = assess(rule, series, None)
    out = pd.DataFrame({
        "period": assessed["period_start"],
        "period_end": assessed["period_end"],
        "value": assessed["value"].astype(float),
        "metric_value": assessed["metric_value"].astype(float),
        "n": assessed["n"].astype(float),
        "breach": assessed["level"],
        "status": assessed["status"],
    })
    if rule.kind == "spc":
        out["centre"] = assessed["centre"].astype(float)
        out["lcl"] = assessed["lcl"].astype(float)
        out["ucl"] = assessed["ucl"].astype(float)
        out["yellow_limit"] = np.nan
        out["red_limit"] = np.nan
    else:
        out["centre"] = assessed["baseline"].astype(float)
        red = np.nan if rule.red is None else rule.red
        yellow = np.nan if rule.yellow is None else rule.yellow
        if rule.kind == "sustained":
            red = yellow = np.nan  # levels count periods; the limit is the baseline line
            out["centre"] = assessed["baseline"].astype(float)
        out["yellow_limit"] = yellow
        out["red_limit"] = red
        bad_above = rule.direction == "above" or rule.kind in ("relative_change",
                                                                "benchmark_gap", "spike")
        out["ucl"] = red if bad_above else np.nan
        out["lcl"] = np.nan if bad_above else red
        if rule.kind == "relative_change" and rule.direction == "below":
            out["ucl"], out["lcl"] = np.nan, -red if not np.isnan(red) else np.nan
            out["yellow_limit"] = -yellow if not np.isnan(yellow) else np.nan
            out["red_limit"] = out["lcl"]
    columns = ["period", "period_end", "value", "centre", "lcl", "ucl", "yellow_limit",
               "red_limit", "n", "breach", "metric_value", "status"]
    return out[columns].reset_index(drop=True)


def _scope_visible(scope: str, viewer: Viewer) -> bool:
    """The same rule as alerts_list.sql, for scopes written as 'dim=value' or 'all'."""
    if not viewer.scoped:
        return True
    dim, _, value = scope.partition("=")
    value = value.strip().lower()
    if not (viewer.channels or viewer.regions):
        return False
    if viewer.channels and not (dim == "channel" and value in viewer.channels):
        return False
    return not viewer.regions or (dim == "region" and value in viewer.regions)


def signals(*, viewer: Viewer, db: str | os.PathLike | None = None,
            statuses: tuple[str, ...] | None = ("latent", "yellow", "red")) -> pd.DataFrame:
    """Where each rule and scope stood in its latest evaluated period: the latent phase (inside
    but close to a limit, or a run building up) shows here before any alert opens.

    Columns: rule, rule_name_en, rule_name_zh, scope, period_end, value, limit, status.
    """
    with connect(db) as con:
        runs = sqlfiles.rows(con, "rules/latest_evaluations.sql")
    records = []
    for run in runs:
        latest = json.loads(run["latest"]) if isinstance(run["latest"], str) else {}
        for scope, point in latest.items():
            if statuses and point.get("status") not in statuses:
                continue
            if not _scope_visible(scope, viewer):
                continue
            records.append({"rule": run["rule_id"], "rule_name_en": run["name_en"],
                            "rule_name_zh": run["name_zh"], "scope": scope,
                            "period_end": pd.Timestamp(point.get("period_end")),
                            "value": point.get("value"), "limit": point.get("limit"),
                            "status": point.get("status")})
    columns = ["rule", "rule_name_en", "rule_name_zh", "scope", "period_end", "value", "limit",
               "status"]
    return pd.DataFrame(records, columns=columns)


def evaluation_log(*, viewer: Viewer, db: str | os.PathLike | None = None,
                   rule_id: str | None = None, limit: int = 200) -> pd.DataFrame:
    """The most recent evaluation runs (every run of every rule is logged; counts, no values)."""
    with connect(db) as con:
        return sqlfiles.df(con, "rules/evaluations_list.sql",
                           {"rule_id": rule_id, "limit": int(limit)})


def as_json_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The CLI contract: id, rule, scope, level, state, value, limit, opened_at, resolved_at,
    response_level, due_at (timestamps ISO 8601 UTC, missing values null)."""
    keys = ["id", "rule", "scope", "level", "state", "value", "limit", "opened_at",
            "resolved_at", "response_level", "due_at", "phase", "acknowledged_by"]
    rows = []
    for record in frame[keys].to_dict("records"):
        row = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                row[key] = None
            elif isinstance(value, (pd.Timestamp, datetime)):
                row[key] = value.isoformat()
            elif isinstance(value, np.integer):
                row[key] = int(value)
            elif isinstance(value, np.floating):
                row[key] = float(value)
            else:
                row[key] = value
        rows.append(row)
    return rows
