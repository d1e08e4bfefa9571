"""Judge every rule against the warehouse and store what the lifecycle decides (the thin writer)."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from warehouse.alerting import incremental, lifecycle
from warehouse.alerting.audience import COMPANY, Audience, audiences, parse_audience, redundant
from warehouse.alerting.engine import ASSESSED_COLUMNS, LEVELS, Rule, assess
from warehouse.alerting.lifecycle import Alert, Event, Period, Step
from warehouse.alerting.rule_series import (
    SOURCES,
    data_through,
    live_series,
    load_series,
    rolling_hours,
)
from warehouse.alerting.rules import as_dict, load_rules
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect, ensure_warehouse
from warehouse.storage.transactions import transaction

PRE_INCIDENT_PERIODS = 4  # periods before the first breach that make the pre-incident baseline


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _py(value):
    """Plain Python values for bound parameters and JSON."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


# ---------------------------------------------------------------- what changed since last time


def sources_now(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts and newest batch per source table, and the undo count: one read per cycle."""
    return sqlfiles.one(con, "rules/source_signature.sql") or {}


def signature(rule: Rule, sources: dict[str, Any], heads: list[Audience]) -> str:
    """The rule's definition, the state of the tables it reads, and whose scopes it serves."""
    tables = SOURCES[rule.metric]
    data = {t: [sources.get(f"{t}_rows"), sources.get(f"{t}_batch")] for t in tables}
    data["undone"] = sources.get("undone")
    return json.dumps({"data": data, "rule": as_dict(rule),
                       "audiences": [a.key for a in heads]}, sort_keys=True, default=str)


def _previous(mark: dict | None) -> dict:
    if not mark or not mark.get("data_signature"):
        return {}
    try:
        return json.loads(mark["data_signature"])
    except ValueError:
        return {}


# The shortest period of each grain: no new period of it can have closed sooner than this.
_SHORTEST = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=28)}
_NOTHING_JUDGED = pd.Timestamp(1970, 1, 2)  # the watermark of a rule that judged no period yet
# Where data_through() keeps the end of each source table's data.
_DATA_END = {"complaints": "complaints", "survey_responses": "survey", "survey_ratings": "survey",
             "ops_metrics": "ops", "benchmarks": "benchmarks"}


def _data_end(rule: Rule, ends: dict):
    found = [pd.Timestamp(ends[_DATA_END[t]]) for t in SOURCES[rule.metric]
             if t in _DATA_END and ends.get(_DATA_END[t]) is not None
             and not pd.isna(ends.get(_DATA_END[t]))]
    return max(found) if found else None


def _closed_unchanged(rule: Rule, sig: str, mark: dict | None, now: datetime,
                      ends: dict) -> bool:
    """No closed period to judge: same data and rule, and no new period can have closed since
    (neither the clock nor the data has passed the end of the one after the watermark)."""
    if not mark or mark["data_signature"] != sig or mark["evaluated_now"] is None:
        return False
    if now <= mark["evaluated_now"]:
        return True
    data_end = _data_end(rule, ends)
    if data_end is None or pd.Timestamp(mark["evaluated_now"]) >= data_end:
        return True  # every period the data reaches could be judged last time already
    shortest = _SHORTEST[rule.grain]
    through = pd.Timestamp(mark["evaluated_through"])
    if through <= _NOTHING_JUDGED:
        # no period judged yet (too little data, or none the rule can use): look again once
        # a period has gone by
        return pd.Timestamp(now) < pd.Timestamp(mark["evaluated_now"]) + shortest
    next_end = through + shortest
    return pd.Timestamp(now) < next_end or data_end < next_end


def _live_holds_data(rule: Rule, now: datetime, ends: dict) -> bool:
    """The rolling window ending now (and the one before, for spikes) can hold rows."""
    hours = rolling_hours(rule)
    data_end = _data_end(rule, ends)
    if not hours or data_end is None:
        return False
    return data_end > pd.Timestamp(now) - timedelta(hours=2 * hours) - timedelta(days=1)


def _late_from(con, rule: Rule, before: dict, sources: dict) -> datetime | None:
    """The earliest event time among rows loaded since the last evaluation (late data)."""
    old = before.get("data") or {}
    since = {}
    for table in SOURCES[rule.metric]:
        was = (old.get(table) or [None, None])[1]
        now_batch = sources.get(f"{table}_batch")
        if was is not None and now_batch is not None and now_batch > was:
            since[table] = was
    if not since:
        return None
    found = sqlfiles.one(con, "rules/new_rows_since.sql", {
        "complaints_since": since.get("complaints"),
        "responses_since": since.get("survey_responses"),
        "ops_since": since.get("ops_metrics"),
        "benchmarks_since": since.get("benchmarks"),
    }) or {}
    earliest = found.get("earliest")
    return None if earliest is None else pd.Timestamp(earliest).to_pydatetime()


# ---------------------------------------------------------------- judging


@dataclass
class Judged:
    """What the read phase found for one rule: closed periods, live windows, what changed."""

    assessed: pd.DataFrame
    live: pd.DataFrame
    signature: str
    late_from: datetime | None = None
    undone: bool = False
    undone_batch: int | None = None
    live_only: bool = False       # no closed period changed: only the live window is judged


def judge(con: duckdb.DuckDBPyConnection, rule: Rule, now: datetime, heads: list[Audience],
          sources: dict, mark: dict | None, ends: dict,
          reads: incremental.Reads | None = None) -> Judged | None:
    """Assess the rule for every audience (None: nothing changed since the last run).

    SOURCES is sources_now(), ENDS data_through(), MARK the rule's watermark: read once per
    evaluation for every rule. READS (optional) keeps series reads between evaluations, so a
    read after a load asks only for the periods the new rows touch.
    """
    sig = signature(rule, sources, heads)
    closed_same = _closed_unchanged(rule, sig, mark, now, ends)
    live_needed = _live_holds_data(rule, now, ends)
    if closed_same and not live_needed:
        return None
    before = _previous(mark)
    parts, live_parts = [], []
    for audience in heads:
        viewer = audience.viewer
        if closed_same:
            # only the live window moved: its few rows are all there is to read
            series, frame = None, pd.DataFrame(columns=ASSESSED_COLUMNS)
        else:
            series = load_series(reads.wrap(con) if reads else con, rule, viewer)
            frame = assess(rule, series, now)
        live = live_series(con, rule, now, viewer, series)
        if audience.key != COMPANY:
            frame, live = redundant(audience, frame), redundant(audience, live)
        parts.append(frame.assign(audience=audience.key))
        live_parts.append(live.assign(audience=audience.key))
    assessed = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    live = pd.concat(live_parts, ignore_index=True) if live_parts else pd.DataFrame()
    undone_before = (before.get("data") or {}).get("undone")
    undone = undone_before is not None and (sources.get("undone") or 0) > undone_before
    return Judged(assessed, live, sig, _late_from(con, rule, before, sources), undone,
                  sources.get("undone_batch") if undone else None, live_only=closed_same)


def _pre_incident(history: pd.DataFrame, before) -> tuple[float | None, float]:
    prior = history[(history["period_end"] <= before) & history["status"].isin(["ok", "latent"])]
    prior = prior.tail(PRE_INCIDENT_PERIODS)["metric_value"].dropna()
    if prior.empty:
        return None, 0.0
    sd = float(prior.std(ddof=1)) if len(prior) > 1 else 0.0
    return float(prior.mean()), sd


def _period(row, history: pd.DataFrame, *, live: bool = False, at=None,
            note: str | None = None) -> Period:
    base, sd = (None, 0.0)
    if row.level in LEVELS:
        base, sd = _pre_incident(history, row.period_start)
    level = row.level if row.level in LEVELS else None
    return Period(
        scope=row.scope, scope_dim=row.scope_dim or "", scope_value=row.scope_value or "",
        period_start=pd.Timestamp(row.period_start).to_pydatetime(),
        period_end=pd.Timestamp(row.period_end).to_pydatetime(),
        at=at or pd.Timestamp(row.period_end).to_pydatetime(), status=row.status, level=level,
        value=_py(row.value), limit=_py(row.limit), metric_value=_py(row.metric_value),
        detail=row.detail or "", live=live, baseline=base, baseline_sd=sd, note=note,
    )


# ---------------------------------------------------------------- the writer


@dataclass
class _Tally:
    opened: int = 0
    escalated: int = 0
    resolved: int = 0
    breaches: int = 0
    points: int = 0
    latest: dict[str, dict] = field(default_factory=dict)

    def add(self, step: Step) -> None:
        self.opened += step.opened
        self.escalated += step.escalated
        self.resolved += step.resolved


def _alert_from_row(row: dict) -> Alert:
    clocks = row["clocks"]
    clocks = json.loads(clocks) if isinstance(clocks, str) else (clocks or [])
    return Alert(
        rule_id=row["rule_id"], scope=row["scope"], scope_dim=row["scope_dim"],
        scope_value=row["scope_value"], scope_channel=row["scope_channel"],
        scope_region=row["scope_region"], level=row["level"], state=row["state"],
        value=row["value"], limit_value=row["limit_value"], peak_value=row["peak_value"],
        baseline_value=row["baseline_value"], baseline_sd=row["baseline_sd"] or 0.0,
        metric_value=row["metric_value"], period_start=row["period_start"],
        last_breach_at=row["last_breach_at"], opened_at=row["opened_at"],
        response_level=row["response_level"], due_at=row["due_at"], clocks=tuple(clocks),
        phase=row["phase"], inside_periods=int(row["inside_periods"] or 0),
        resolved_at=row["resolved_at"], recovered=row["recovered"],
        recovery_value=row["recovery_value"], audience=row.get("audience") or COMPANY,
        alert_id=int(row["alert_id"]),
    )


def _alerts_in_play(con, rule_id: str) -> dict[tuple[str, str], Alert]:
    """Per audience and scope, the alert the engine continues from (open first, else latest
    unsettled)."""
    current: dict[tuple[str, str], Alert] = {}
    for row in sqlfiles.rows(con, "rules/alerts_of_rule.sql", {"rule_id": rule_id}):
        alert = _alert_from_row(row)
        key = (alert.audience, alert.scope)
        held = current.get(key)
        if held is None or (held.state == "resolved" and alert.open):
            current[key] = alert
    return current


def _alert_params(alert: Alert) -> dict[str, Any]:
    return {
        "alert_id": alert.alert_id, "rule_id": alert.rule_id, "scope": alert.scope,
        "scope_dim": alert.scope_dim, "scope_value": alert.scope_value,
        "scope_channel": alert.scope_channel, "scope_region": alert.scope_region,
        "audience": alert.audience, "level": alert.level, "state": alert.state,
        "value": _py(alert.value), "limit_value": _py(alert.limit_value),
        "peak_value": _py(alert.peak_value), "baseline_value": _py(alert.baseline_value),
        "baseline_sd": _py(alert.baseline_sd), "metric_value": _py(alert.metric_value),
        "period_start": alert.period_start, "last_breach_at": _py(alert.last_breach_at),
        "opened_at": alert.opened_at, "inside_periods": int(alert.inside_periods),
        "resolved_at": _py(alert.resolved_at), "response_level": alert.response_level,
        "due_at": _py(alert.due_at), "clocks": json.dumps(list(alert.clocks), default=str),
        "phase": alert.phase, "recovered": alert.recovered,
        "recovery_value": _py(alert.recovery_value),
    }


def _write_event(con, alert_id: int, event: Event, recorded_at: datetime,
                 user: str = "system") -> None:
    sqlfiles.execute(con, "rules/alert_event_insert.sql", {
        "alert_id": alert_id, "at": event.at, "event": event.event, "user": user,
        "from_state": event.from_state, "to_state": event.to_state, "level": event.level,
        "value": _py(event.value), "note": event.note, "recorded_at": recorded_at,
    })


class _Writer:
    """Stores each step the lifecycle decides: inserts new alerts, updates changed ones."""

    def __init__(self, con, audience_lists: dict[str, Audience], created_at: datetime):
        self.con = con
        self.audiences = audience_lists
        self.created_at = created_at
        self.stored = 0

    def store(self, step: Step) -> Alert | None:
        alert = step.alert
        if alert is None or not step.changed:
            return alert
        self.stored += 1
        if step.new:
            audience = self.audiences.get(alert.audience, Audience())
            params = {**_alert_params(alert), "audience_channels": list(audience.channels),
                      "audience_regions": list(audience.regions),
                      "created_at": self.created_at}
            alert_id = sqlfiles.execute(self.con, "rules/alert_insert.sql", params).fetchone()[0]
            alert = replace(alert, alert_id=int(alert_id))
        else:
            sqlfiles.execute(self.con, "rules/alert_update.sql", _alert_params(alert))
        for event in step.events:
            _write_event(self.con, alert.alert_id, event, self.created_at)
        return alert


def _detected(step: Step, now: datetime) -> Step:
    """An alert a pass opened (or escalated) and left open is known only from NOW: its opened
    time and response clock run from the later of the crossing and the detection."""
    alert = step.alert
    if alert is None or not alert.open or not (step.opened or step.escalated):
        return step
    start = alert.due_at - min(d for _, d in lifecycle.CLOCKS[alert.response_level])
    if start >= now:
        return step
    after = replace(alert, due_at=lifecycle.due_at(alert.response_level, now),
                    clocks=tuple(lifecycle.clocks(alert.response_level, now)))
    events = step.events
    if step.opened:
        after = replace(after, opened_at=max(alert.opened_at, now))
        events = tuple(replace(e, at=now, note=_joined(e.note, f"breach in the data of "
                                                             f"{alert.period_start:%Y-%m-%d %H:%M}"))
                       if e.event == "opened" else e for e in events)
    return replace(step, alert=after, events=events)


def _joined(*notes: str | None) -> str | None:
    return " · ".join(n for n in notes if n) or None


def apply(con: duckdb.DuckDBPyConnection, rule: Rule, judged: Judged, *, user: str,
          now: datetime) -> dict[str, Any]:
    """Apply the judged periods after the rule's watermark (and the live windows, late data and
    undos) to its alerts, move the watermark and log the run.

    The watermark is read here, inside the caller's write transaction, so two evaluations that
    judged the same data never apply a period twice.
    """
    created_at = _now()
    assessed = judged.assessed
    mark = sqlfiles.one(con, "rules/watermark_get.sql", {"rule_id": rule.rule_id})
    through = mark["evaluated_through"] if mark else None
    if through is not None and mark.get("data_signature") == judged.signature \
            and mark.get("evaluated_now") is not None and mark["evaluated_now"] >= now:
        judged = replace(judged, live=judged.live.iloc[0:0], late_from=None, undone=False)
    fresh = assessed if through is None or assessed.empty else \
        assessed[assessed["period_end"] > pd.Timestamp(through)]
    tally = _Tally()
    state = _alerts_in_play(con, rule.rule_id)
    writer = _Writer(con, {a.key: a for a in _audience_objects(pd.concat(
        [assessed[["audience"]] if not assessed.empty else assessed,
         judged.live[["audience"]] if not judged.live.empty else judged.live]))}, created_at)
    if not assessed.empty:
        for (audience, scope), rows in fresh.groupby(["audience", "scope"], sort=True):
            history = assessed[(assessed["audience"] == audience) & (assessed["scope"] == scope)]
            alert = state.get((audience, scope))
            pending: Step | None = None
            for row in rows.itertuples(index=False):
                tally.points += 1
                tally.breaches += row.level in LEVELS
                step = lifecycle.next_state(alert, _period(row, history), rule, audience)
                tally.add(step)
                if step.new and pending is not None:
                    alert = writer.store(pending)
                    pending = None
                pending = _merge(pending, step)
                alert = pending.alert
                if step.resolved:
                    alert = writer.store(pending)
                    pending = None
            if pending is not None:
                alert = writer.store(_detected(pending, now))
            state[(audience, scope)] = alert
            if audience == COMPANY:
                last = rows.iloc[-1]
                tally.latest[scope] = {
                    "period_end": str(last["period_end"]), "value": _py(last["value"]),
                    "limit": _py(last["limit"]), "status": last["status"],
                }
    _apply_late(con, rule, judged, assessed, through, state, writer, tally, now)
    _apply_live(rule, judged.live, assessed, state, writer, tally, now)
    _apply_undo(rule, judged, assessed, state, writer, tally, now)
    if judged.live_only and not writer.stored:
        return _unchanged_result(rule)  # the live window held nothing new: no trace either
    status = "ok" if not assessed.empty or not judged.live.empty else "no_data"
    if fresh.empty:
        reached = through or datetime(1970, 1, 1)
    else:
        reached = fresh["period_end"].max().to_pydatetime()
    sqlfiles.execute(con, "rules/watermark_set.sql", {
        "rule_id": rule.rule_id, "evaluated_through": reached,
        "data_signature": judged.signature, "evaluated_now": now,
    })
    _log(con, rule.rule_id, user, status=status,
         periods_from=_py(fresh["period_start"].min()) if not fresh.empty else None,
         periods_to=_py(fresh["period_end"].max()) if not fresh.empty else None,
         scopes=int(fresh["scope"].nunique()) if not fresh.empty else 0, tally=tally,
         message=None if status == "ok" else "no data for this rule yet")
    return {"rule": rule.rule_id, "status": status, "points": tally.points,
            "breaches": tally.breaches, "opened": tally.opened, "escalated": tally.escalated,
            "resolved": tally.resolved}


def _merge(pending: Step | None, step: Step) -> Step:
    """Steps of one alert within a pass, folded into one write (events in order)."""
    if pending is None or step.new:
        return step
    if step.alert is None:
        return pending
    return Step(step.alert, pending.events + step.events, opened=pending.opened or step.opened,
                escalated=pending.escalated or step.escalated,
                resolved=pending.resolved or step.resolved, new=pending.new,
                changed=pending.changed or step.changed)


def _audience_objects(assessed: pd.DataFrame) -> list[Audience]:
    keys = set(assessed["audience"]) if "audience" in assessed else set()
    return [parse_audience(key) for key in keys]


def _apply_live(rule: Rule, live: pd.DataFrame, assessed: pd.DataFrame, state: dict,
                writer: _Writer, tally: _Tally, now: datetime) -> None:
    """The rolling windows ending now: they open and escalate alerts, never resolve them."""
    if live.empty:
        return
    for row in live.itertuples(index=False):
        if row.level not in LEVELS:
            continue
        tally.points += 1
        tally.breaches += 1
        key = (row.audience, row.scope)
        history = assessed[(assessed["audience"] == row.audience)
                           & (assessed["scope"] == row.scope)] if not assessed.empty else assessed
        crossed = getattr(row, "crossed_at", None)
        at = max(now, pd.Timestamp(crossed).to_pydatetime()) if crossed is not None \
            and not pd.isna(crossed) else now
        period = _period(row, history if not history.empty else live.iloc[0:0], live=True,
                         at=at)
        step = lifecycle.next_state(state.get(key), period, rule, row.audience)
        tally.add(step)
        state[key] = writer.store(step)


def _apply_late(con, rule: Rule, judged: Judged, assessed: pd.DataFrame, through,
                state: dict, writer: _Writer, tally: _Tally, now: datetime) -> None:
    """Late data for periods already judged: judged once more, and the history says so."""
    if judged.late_from is None or through is None or assessed.empty:
        return
    late = assessed[(assessed["period_end"] <= pd.Timestamp(through))
                    & (assessed["period_end"] > pd.Timestamp(judged.late_from))
                    & assessed["level"].isin(LEVELS)]
    if late.empty:
        return
    spans = sqlfiles.df(con, "rules/alert_spans.sql", {"rule_id": rule.rule_id})
    for row in late.itertuples(index=False):
        tally.points += 1
        tally.breaches += 1
        end = pd.Timestamp(row.period_end)
        note = f"late data for the period ending {end:%Y-%m-%d %H:%M}: judged again"
        covering = spans[(spans["audience"] == row.audience) & (spans["scope"] == row.scope)
                         & (spans["period_start"] <= pd.Timestamp(row.period_start))
                         & (spans["until"] >= end)]
        key = (row.audience, row.scope)
        alert = state.get(key)
        if not covering.empty and (alert is None or not alert.open
                                   or alert.alert_id not in set(covering["alert_id"])):
            # That period had its alert already; it is settled, so only its history learns more.
            _write_event(con, int(covering["alert_id"].iloc[-1]),
                         Event(now, "rejudged", level=row.level, value=_py(row.value),
                               note=note), writer.created_at)
            continue
        period = _period(row, assessed[(assessed["audience"] == row.audience)
                                       & (assessed["scope"] == row.scope)], at=now, note=note)
        step = lifecycle.next_state(alert, period, rule, row.audience)
        tally.add(step)
        state[key] = writer.store(step)


def _apply_undo(rule: Rule, judged: Judged, assessed: pd.DataFrame, state: dict,
                writer: _Writer, tally: _Tally, now: datetime) -> None:
    """After an undo, open alerts whose breach is no longer in the data resolve, saying why."""
    if not judged.undone:
        return
    note = "data withdrawn" + (f" (undo of batch {judged.undone_batch})"
                               if judged.undone_batch else "") + ": the breach no longer holds"
    live = judged.live
    for key, alert in list(state.items()):
        if alert is None or not alert.open:
            continue
        audience, scope = key
        rows = assessed[(assessed["audience"] == audience) & (assessed["scope"] == scope)] \
            if not assessed.empty else assessed
        at_breach = rows[rows["period_end"] == pd.Timestamp(alert.last_breach_at)] \
            if not rows.empty else rows
        holds = not at_breach.empty and at_breach["level"].isin(LEVELS).any()
        if not holds and not live.empty:
            now_rows = live[(live["audience"] == audience) & (live["scope"] == scope)]
            holds = now_rows["level"].isin(LEVELS).any()
        if holds:
            continue
        step = lifecycle.withdrawn(alert, now, note)
        tally.add(step)
        state[key] = writer.store(step)


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


def _unchanged_result(rule: Rule) -> dict[str, Any]:
    return {"rule": rule.rule_id, "status": "unchanged", "points": 0, "breaches": 0,
            "opened": 0, "escalated": 0, "resolved": 0}


def prime(db: str | os.PathLike | None = None) -> int:
    """Read once, and keep, the series a monitor reads again after a load (those of the rules
    on a table whose reads are kept): a monitor that starts on a judged warehouse judges
    nothing in its first cycle, and its first load would otherwise read every period again.
    Reads only; returns the number of series read."""
    tables = {m.table for m in incremental.MODELS.values()}
    with connect(db) as con:
        enabled = load_rules(con, enabled_only=True)
        heads = audiences(con)
        reads = incremental.Reads(db, sources_now(con), keep=True)
    done = 0
    for rule in enabled:
        if not tables & set(SOURCES.get(rule.metric, ())):
            continue
        for audience in heads:
            try:
                with connect(db) as con:
                    load_series(reads.wrap(con), rule, audience.viewer)
                done += 1
            except Exception:  # noqa: BLE001, S110 - the cycle that needs it reports the error
                pass
    return done


def evaluate(db: str | os.PathLike | None = None, *, now: datetime | None = None,
             user: str = "system", log_unchanged: bool = True,
             upgrade: bool = True, keep_reads: bool = False) -> dict[str, Any]:
    """Judge every enabled rule on what it has not judged yet and update the alerts.

    Idempotent: a second run finds nothing new and changes nothing but the evaluation log (the
    monitor passes log_unchanged=False and upgrade=False, having upgraded the file once: its
    quiet cycles take no writer lock at all). Each rule reads
    on a shared connection and applies its result in its own short write transaction, so pages
    and loads keep going while a long evaluation runs; one failing rule is logged and the
    others still run. KEEP_READS (the monitor, a long-running process) keeps the series reads
    for the next evaluation, which after a load then reads only the periods the new rows touch
    (warehouse/alerting/incremental.py).
    """
    now = now or _now()
    results, errors = [], []
    if upgrade:  # a file from an older version gets the rule tables first (a write)
        ensure_warehouse(db)
    with connect(db) as con:
        enabled = load_rules(con, enabled_only=True)
        heads = audiences(con)
        sources = sources_now(con)
        ends = data_through(con)
        marks = {r["rule_id"]: r for r in sqlfiles.rows(con, "rules/watermarks_all.sql")}
    reads = incremental.Reads(db, sources, keep=keep_reads)
    for rule in enabled:
        try:
            with connect(db) as con:
                judged = judge(con, rule, now, heads, sources, marks.get(rule.rule_id), ends,
                               reads)
            if judged is not None and judged.live_only and (
                    judged.live.empty or not judged.live["level"].isin(LEVELS).any()):
                judged = None  # a live window inside its limits changes nothing
            if judged is None:
                results.append(_unchanged_result(rule))
                if log_unchanged:
                    with connect(db, write=True) as con:
                        _log(con, rule.rule_id, user, status="unchanged",
                             message="no new data since the last evaluation")
                continue
            with connect(db, write=True) as con, transaction(con):
                results.append(apply(con, rule, judged, user=user, now=now))
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
