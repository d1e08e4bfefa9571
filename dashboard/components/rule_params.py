"""Inputs for a threshold rule's parameters (numbers, period counts, choices, lists, flags),
checked before saving with messages in the UI language."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from dashboard.i18n import t
from warehouse.alerting import rules

# Parameters counted in periods of the rule's grain (shown as a duration: "3 × week").
PERIOD_PARAMS = ("window_periods", "prior_periods", "clear_periods", "baseline_periods",
                 "baseline_lag", "min_baseline")
# The values a list parameter may hold.
LIST_CHOICES = {"metrics": ("nps", "csat"), "players": ("industry", "competitors")}


def _label(name: str, grain: str) -> str:
    text = t(f"settings.param_{name}")
    text = name if text == f"settings.param_{name}" else text
    if name in PERIOD_PARAMS:
        return f"{text} ({t('settings.periods_of', grain=t('settings.grain_' + grain))})"
    return text


def param_inputs(rule_id: str, params: dict[str, Any], grain: str) -> dict[str, Any]:
    """One input per parameter the rule has, in two columns; returns the values entered."""
    entered: dict[str, Any] = {}
    known = [n for n in params if n in rules.PARAMS or n in rules.TEXT_PARAMS
             or n in rules.FLAG_PARAMS or n in rules.LIST_PARAMS]
    cols = st.columns(2)
    for k, name in enumerate(known):
        col, value, key = cols[k % 2], params[name], f"settings_param_{rule_id}_{name}"
        label = _label(name, grain)
        if name in rules.PARAMS:
            whole = rules.PARAMS[name][2]
            entered[name] = col.number_input(
                label, value=int(value) if whole else float(value), step=1 if whole else None,
                format=None if whole else "%g", key=key)
        elif name in rules.FLAG_PARAMS:
            entered[name] = col.checkbox(label, value=bool(value), key=key)
        elif name in rules.LIST_PARAMS:
            options = list(dict.fromkeys([*LIST_CHOICES.get(name, ()), *value]))
            entered[name] = col.multiselect(label, options, default=list(value), key=key)
        elif rules.TEXT_PARAMS[name]:
            options = list(rules.TEXT_PARAMS[name])
            entered[name] = col.selectbox(label, options, index=options.index(value)
                                          if value in options else 0, key=key)
        else:
            entered[name] = col.text_input(label, value=str(value), key=key).strip()
    others = {n: v for n, v in params.items() if n not in known}
    if others:
        st.caption(t("settings.params_other", params=json.dumps(others, ensure_ascii=False)))
    return {**others, **entered}


def problems(params: dict[str, Any]) -> list[str]:
    """What is wrong with the entered parameters, one message each (none: they can be saved)."""
    found = []
    for name, value in params.items():
        label = t(f"settings.param_{name}")
        label = name if label == f"settings.param_{name}" else label
        if name in rules.PARAMS:
            low, high, whole = rules.PARAMS[name]
            if value is None or not (low <= value <= high):
                found.append(t("settings.param_range", name=label, low=f"{low:g}",
                               high=f"{high:g}"))
            elif whole and float(value) != int(value):
                found.append(t("settings.param_whole", name=label))
        elif name in rules.LIST_PARAMS and not value:
            found.append(t("settings.param_list_empty", name=label))
        elif name in rules.TEXT_PARAMS and rules.TEXT_PARAMS[name] is None and not value:
            found.append(t("settings.param_text_empty", name=label))
    return found
