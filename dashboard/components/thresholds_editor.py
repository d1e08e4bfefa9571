"""The threshold rule table and an editor for one rule's levels (changes kept with history)."""

from __future__ import annotations

import json
import math

import pandas as pd
import streamlit as st

from dashboard.components import data, rule_params
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import column_config, show_table
from dashboard.i18n import language, t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer
from warehouse.alerting import rules

_SHOWN = ["rule_id", "name", "kind", "metric", "window_label", "direction", "yellow", "red",
          "enabled", "updated_by", "updated_at"]
_FLASH = "settings_rule_flash"  # the confirmation shown after the rerun that redraws the table


def _rules_frame() -> pd.DataFrame | None:
    rules = data.shown(data.list_rules)
    if rules is None:
        return None
    frame = pd.DataFrame(rules).copy()
    if frame.empty:
        return frame
    name_col = "name_zh" if language() == "zh-CN" and "name_zh" in frame else "name_en"
    frame["name"] = frame.get(name_col, frame["rule_id"])
    return frame


def _word(column: str, value) -> str:
    """A rule's kind or direction in the UI language (unknown values as stored)."""
    key = f"settings.{column}_{value}"
    text = t(key)
    return value if text == key else text


def _level(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def thresholds_section(viewer: Viewer) -> None:
    """The rules; analysts and admins edit the yellow/red levels and switch rules on or off."""
    st.subheader(t("settings.rules"))
    if flash := st.session_state.pop(_FLASH, None):
        st.success(flash)
    frame = _rules_frame()
    if frame is None or frame.empty:
        st.info(t("settings.no_rules"))
        return
    shown = frame[[c for c in _SHOWN if c in frame]]
    shown = shown.assign(**{c: shown[c].map(lambda v, c=c: _word(c, v))
                            for c in ("kind", "direction") if c in shown})
    if "window_label" in shown:  # day / week / month in the UI language (24h, 48h as they are)
        shown = shown.assign(window_label=shown["window_label"].map(lambda v: _word("grain", v)))
    show_table(shown, hide_index=True, key="rules_table", column_config=column_config(shown))
    download_buttons(frame.drop(columns=["params", "scope_dims"], errors="ignore"), "threshold_rules",
                     key="rules_dl")
    if not can(viewer, "edit_thresholds"):
        return
    labels = dict(zip(frame["rule_id"], frame["name"]))
    rule_id = st.selectbox(
        t("settings.rule_pick"), list(labels), format_func=lambda r: f"{r} — {labels[r]}",
        key="settings_rule_pick",
    )
    rule = frame.set_index("rule_id").loc[rule_id]
    with st.form(key=f"settings_rule_form_{rule_id}"):
        cols = st.columns(3)
        yellow = _level_input(cols[0], t("settings.yellow"), rule.get("yellow"), f"settings_rule_yellow_{rule_id}")
        red = _level_input(cols[1], t("settings.red"), rule.get("red"), f"settings_rule_red_{rule_id}")
        enabled = cols[2].checkbox(t("settings.enabled"), value=bool(rule.get("enabled", True)),
                                   key=f"settings_rule_enabled_{rule_id}")
        st.markdown(f"**{t('settings.params')}**")
        params = rule_params.param_inputs(rule_id, _params(rule.get("params")),
                                          str(rule.get("grain") or "week"))
        submitted = st.form_submit_button(t("settings.rule_save"), key=f"settings_rule_save_{rule_id}")
    if submitted:
        _save(rule_id, rule, {"yellow": yellow, "red": red, "enabled": enabled}, params, viewer)


def _level_input(col, label: str, value, key: str) -> float | None:
    """A number, or an empty box for 'no level at this colour'."""
    current = _level(value)
    text = col.text_input(label, value="" if current is None else f"{current:g}", key=key,
                          placeholder=t("settings.no_level"))
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # the rules module refuses it with a message


def _params(value) -> dict:
    if isinstance(value, str):
        return json.loads(value or "{}")
    return dict(value or {})


def _save(rule_id: str, rule, wanted: dict, params: dict, viewer: Viewer) -> None:
    changes = {k: v for k, v in wanted.items() if v != _level(rule.get(k))}
    wrong = rule_params.problems(params)
    if wrong:
        for message in wrong:
            st.error(message)
        return
    if params != _params(rule.get("params")):
        changes["params"] = params
    if not changes:
        st.info(t("settings.rule_unchanged"))
        return
    try:
        data.write(rules.update_rule, rule_id, changes, user=viewer)
    except (ValueError, TypeError, KeyError) as exc:
        st.error(t("settings.rule_refused", message=str(exc)))
        return
    st.session_state[_FLASH] = t("settings.rule_saved", rule=rule_id)
    st.rerun()


def rule_history_section(viewer: Viewer) -> None:
    history = data.shown(data.call, rules.rule_history, viewer=viewer)
    if history is not None and len(history):
        with st.expander(t("settings.rule_history")):
            show_table(pd.DataFrame(history), hide_index=True, key="rule_history_table")
