"""Threshold rules as data: the shipped defaults (warehouse/docs/risk_and_alerts.md), validated edits and their history."""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime
from typing import Any

import duckdb
import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer
from warehouse.alerting.engine import DIRECTIONS, KINDS, RULE_GRAINS, Rule
from warehouse.alerting.rule_series import SERIES
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

# Fields a user may change; kind, metric and direction define what a rule means and stay fixed.
EDITABLE = ("name_en", "name_zh", "scope_dims", "grain", "window_label", "yellow", "red",
            "params", "enabled")
# Known parameters per kind with (minimum, maximum, must be an integer).
PARAMS: dict[str, tuple[float, float, bool]] = {
    "min_n": (0, 1e9, False),
    "min_z": (0, 10, False),
    "window_periods": (1, 60, True),
    "prior_periods": (1, 60, True),
    "clear_periods": (1, 60, True),
    "min_prior": (0, 1e9, False),
    "baseline_periods": (2, 120, True),
    "baseline_lag": (0, 120, True),
    "min_baseline": (2, 120, True),
    "min_expected": (0, 1e9, False),
    "pct": (0, 100, False),
    "scale": (1e-9, 1e9, False),
    "watch_ratio": (0, 1, False),
}
TEXT_PARAMS = {
    "change": ("relative", "absolute"),
    "chart": ("p", "u", "i", "benchmark"),
    "mode": ("below_baseline", "falling"),
    "reference": None,
}
FLAG_PARAMS = ("inclusive", "critical")
LIST_PARAMS = ("metrics", "players")


class RuleError(ValueError):
    """A rule edit that cannot be accepted; the message says what to change."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _row_to_rule(row: dict) -> Rule:
    params = row["params"]
    if isinstance(params, str):
        params = json.loads(params)
    return Rule(
        rule_id=row["rule_id"],
        kind=row["kind"],
        metric=row["metric"],
        direction=row["direction"],
        yellow=None if row["yellow"] is None else float(row["yellow"]),
        red=None if row["red"] is None else float(row["red"]),
        grain=row["grain"],
        scope_dims=tuple(row["scope_dims"] or ()),
        window_label=row["window_label"],
        name_en=row["name_en"],
        name_zh=row["name_zh"],
        params=params or {},
        enabled=bool(row["enabled"]),
        position=int(row["position"]),
    )


def load_rules(con: duckdb.DuckDBPyConnection, *, enabled_only: bool = False) -> list[Rule]:
    rules = [_row_to_rule(r) for r in sqlfiles.rows(con, "rules/rules_list.sql")]
    return [r for r in rules if r.enabled] if enabled_only else rules


def get_rule(con: duckdb.DuckDBPyConnection, rule_id: str) -> Rule:
    for rule in load_rules(con):
        if rule.rule_id == rule_id:
            return rule
    raise RuleError(f"No rule {rule_id!r}; see the rule table for the ids.")


def list_rules(db: str | os.PathLike | None = None) -> pd.DataFrame:
    """All rules in display order; params as dicts."""
    with connect(db) as con:
        frame = sqlfiles.df(con, "rules/rules_list.sql")
    frame["params"] = [json.loads(p) if isinstance(p, str) else (p or {}) for p in frame["params"]]
    frame["scope_dims"] = [list(v) if v is not None else [] for v in frame["scope_dims"]]
    return frame


def as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "rule_id": rule.rule_id,
        "name_en": rule.name_en,
        "name_zh": rule.name_zh,
        "kind": rule.kind,
        "metric": rule.metric,
        "scope_dims": list(rule.scope_dims),
        "grain": rule.grain,
        "window_label": rule.window_label,
        "direction": rule.direction,
        "yellow": rule.yellow,
        "red": rule.red,
        "params": dict(rule.params),
        "enabled": rule.enabled,
    }


def _number(name: str, value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RuleError(f"{name} must be a number, not {value!r}.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RuleError(f"{name} must be a number (got {value!r}).") from None
    if math.isnan(number) or math.isinf(number):
        return None if math.isnan(number) else _raise(f"{name} must be a finite number.")
    return number


def _raise(message: str):
    raise RuleError(message)


def validate(rule: Rule) -> None:
    """Refuse a rule that cannot be evaluated or whose levels contradict each other."""
    if rule.kind not in KINDS:
        raise RuleError(f"Unknown kind {rule.kind!r}; one of {', '.join(KINDS)}.")
    if rule.direction not in DIRECTIONS:
        raise RuleError(f"Direction must be one of {', '.join(DIRECTIONS)}.")
    if rule.grain not in RULE_GRAINS:
        raise RuleError(f"Period must be one of {', '.join(RULE_GRAINS)} (got {rule.grain!r}).")
    if not rule.name_en.strip() or not rule.name_zh.strip():
        raise RuleError("A rule needs an English and a Chinese name.")
    if rule.yellow is None and rule.red is None:
        raise RuleError("Give at least one level: yellow or red.")
    _, dims = SERIES[rule.metric]
    bad = [d for d in rule.scope_dims if d not in dims]
    if bad:
        allowed = ", ".join(dims) or "none (company-wide only)"
        raise RuleError(f"{rule.metric} cannot be split by {', '.join(bad)}; allowed: {allowed}.")
    if len(set(rule.scope_dims)) != len(rule.scope_dims):
        raise RuleError("A scope dimension is listed twice.")
    if rule.yellow is not None and rule.red is not None:
        # Levels of a static rule follow its direction; every other kind measures a magnitude
        # (a % change, a gap, σ, a run length, a multiplier) where red is the larger one.
        lower_is_worse = rule.kind == "static" and rule.direction == "below"
        if lower_is_worse and rule.red > rule.yellow:
            raise RuleError(f"Red ({rule.red:g}) must not be above yellow ({rule.yellow:g}) "
                            "for a rule that alerts on low values.")
        if not lower_is_worse and rule.red < rule.yellow:
            raise RuleError(f"Red ({rule.red:g}) must not be below yellow ({rule.yellow:g}).")
    magnitudes = [v for v in (rule.yellow, rule.red) if v is not None]
    if rule.kind in ("spc", "sustained", "spike") and any(v <= 0 for v in magnitudes):
        raise RuleError("Levels of this rule kind must be greater than zero.")
    if rule.kind == "sustained" and any(v != int(v) for v in magnitudes):
        raise RuleError("Levels of a sustained rule count periods: use whole numbers.")
    for key, value in rule.params.items():
        if key in PARAMS:
            low, high, integer = PARAMS[key]
            number = _number(key, value)
            if number is None or not low <= number <= high or (integer and number != int(number)):
                kind = "a whole number" if integer else "a number"
                raise RuleError(f"Parameter {key} must be {kind} between {low:g} and {high:g}.")
        elif key in TEXT_PARAMS:
            allowed = TEXT_PARAMS[key]
            if not isinstance(value, str) or (allowed and value not in allowed):
                raise RuleError(f"Parameter {key} must be one of {', '.join(allowed or [])}.")
        elif key in FLAG_PARAMS:
            if not isinstance(value, bool):
                raise RuleError(f"Parameter {key} must be true or false.")
        elif key in LIST_PARAMS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleError(f"Parameter {key} must be a list of names.")
        else:
            raise RuleError(f"Unknown parameter {key!r} for this rule.")


def _apply(rule: Rule, changes: dict[str, Any]) -> Rule:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        fixed = sorted(unknown)
        raise RuleError(f"These fields cannot be changed: {', '.join(fixed)}. "
                        f"Editable: {', '.join(EDITABLE)}.")
    values = as_dict(rule)
    for key, value in changes.items():
        if key in ("yellow", "red"):
            values[key] = _number(key, value)
        elif key == "enabled":
            if not isinstance(value, bool):
                raise RuleError("enabled must be true or false.")
            values[key] = value
        elif key == "params":
            if not isinstance(value, dict):
                raise RuleError("params must be a mapping of parameter names to values.")
            values[key] = {k: v for k, v in value.items() if v is not None}
        elif key == "scope_dims":
            if isinstance(value, str):
                value = [v for v in value.replace(",", " ").split()]
            values[key] = [str(v).strip().lower() for v in value if str(v).strip()]
        else:
            values[key] = str(value).strip() if value is not None else ""
    values["scope_dims"] = tuple(values["scope_dims"])
    return Rule(**values, position=rule.position)


def update_rule(rule_id: str, changes: dict[str, Any], *, user: Viewer | str,
                db: str | os.PathLike | None = None) -> dict[str, Any]:
    """Change a rule; the before/after pair goes to the rule history and the audit log.

    USER is the signed-in Viewer (checked for edit_thresholds) or, for trusted system callers,
    a name. Returns the rule as stored. Raises RuleError (message safe to show) for invalid
    edits and PermissionDenied when the viewer's role may not edit rules; nothing is written then.
    """
    user = acting_name(user, "edit_thresholds")
    if not user:
        raise RuleError("A rule change needs the name of the user making it.")
    with connect(db, write=True) as con:
        before = get_rule(con, rule_id)
        after = _apply(before, changes)
        validate(after)
        old, new = as_dict(before), as_dict(after)
        if old == new:
            return new
        at = _now()
        with transaction(con):
            sqlfiles.execute(con, "rules/rule_update.sql", {
                "rule_id": rule_id, "name_en": after.name_en, "name_zh": after.name_zh,
                "scope_dims": list(after.scope_dims), "grain": after.grain,
                "window_label": after.window_label, "yellow": after.yellow, "red": after.red,
                "params": json.dumps(after.params, ensure_ascii=False),
                "enabled": after.enabled, "user": user, "at": at,
            })
            changed = {k: {"before": old[k], "after": new[k]} for k in new if old[k] != new[k]}
            sqlfiles.execute(con, "rules/rule_change_insert.sql", {
                "rule_id": rule_id, "user": user, "at": at,
                "before": json.dumps(old, ensure_ascii=False),
                "after": json.dumps(new, ensure_ascii=False),
            })
            audit.record(con, user, "rule_change", rule_id, changed)
    return new


def rule_history(*, viewer: Viewer, db: str | os.PathLike | None = None,
                 rule_id: str | None = None) -> pd.DataFrame:
    """Every rule change, newest first: who, when, before and after (dicts), what changed."""
    with connect(db) as con:
        frame = sqlfiles.df(con, "rules/rule_history.sql", {"rule_id": rule_id})
    frame["before"] = [json.loads(v) if isinstance(v, str) else v for v in frame["before"]]
    frame["after"] = [json.loads(v) if isinstance(v, str) else v for v in frame["after"]]
    frame["changed"] = [
        ", ".join(k for k in (a or {}) if (b or {}).get(k) != a.get(k))
        for b, a in zip(frame["before"], frame["after"])
    ]
    return frame
