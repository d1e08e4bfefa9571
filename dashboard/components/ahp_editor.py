"""Pairwise-comparison (AHP) editor for the composite index weights, with the live consistency ratio."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.filters import CURRENT as FILTERS_OF_RUN
from dashboard.components.table_labels import show_table
from dashboard.i18n import metric_label, t
from warehouse.access.permissions import can
from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import csi, csi_regions

# Saaty's scale: 1 equal … 9 extreme; reciprocals when the right-hand criterion matters more.
SCALE = [Fraction(1, n) for n in range(9, 1, -1)] + [Fraction(n) for n in range(1, 10)]
MAX_CR = 0.10
_FLASH = "settings_ahp_flash"


def scale_label(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"1/{value.denominator}"


def nearest_step(value: float) -> Fraction:
    """The scale step closest to VALUE on a log scale (stored matrices may hold any ratio)."""
    value = float(value) if value and value > 0 else 1.0
    return min(SCALE, key=lambda s: abs(math.log(float(s)) - math.log(value)))


def _criteria_and_matrix(current, components) -> tuple[list[str], list[list[float]]]:
    """current_matrix() gives rows in the order of csi.COMPONENTS (or a dict naming them)."""
    if isinstance(current, dict):
        return list(current["criteria"]), [list(map(float, r)) for r in current["matrix"]]
    return list(components), [list(map(float, row)) for row in current]


def matrix_from_pairs(n: int, pairs: dict[tuple[int, int], float]) -> list[list[float]]:
    """A reciprocal matrix from its upper triangle."""
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in pairs.items():
        matrix[i][j] = float(value)
        matrix[j][i] = 1.0 / float(value)
    return matrix


def ahp_section(viewer: Viewer) -> None:
    """Pairwise comparisons (editable for analysts and admins), weights and CR, live."""
    st.subheader(t("settings.ahp"))
    if flash := st.session_state.pop(_FLASH, None):
        st.success(flash)
    current = data.shown(data.call, csi.current_matrix)
    if current is None:
        return
    criteria, stored = _criteria_and_matrix(current, csi.COMPONENTS)
    if not can(viewer, "edit_weights"):  # the weights in force, without controls
        weights, _lambda_max, _ci, cr = csi.ahp_weights(stored)
        _show_weights(criteria, list(weights), cr)
        sensitivity_section(criteria, list(weights), viewer)
        return
    st.caption(t("settings.ahp_help"))
    pairs: dict[tuple[int, int], float] = {}
    cols = st.columns(2)
    n = len(criteria)
    for k, (i, j) in enumerate((a, b) for a in range(n) for b in range(a + 1, n)):
        label = t("settings.ahp_vs", a=metric_label(criteria[i]), b=metric_label(criteria[j]))
        step = cols[k % 2].select_slider(
            label, options=SCALE, value=nearest_step(stored[i][j]), format_func=scale_label,
            key=f"settings_ahp_{criteria[i]}_{criteria[j]}",
        )
        pairs[(i, j)] = float(step)
    matrix = matrix_from_pairs(n, pairs)
    weights, _lambda_max, _ci, cr = csi.ahp_weights(matrix)
    _show_weights(criteria, list(weights), cr)
    sensitivity_section(criteria, list(weights), viewer)
    if st.button(t("settings.ahp_save"), key="settings_ahp_save", disabled=cr > MAX_CR,
                 type="primary"):
        try:
            data.write(csi.save_matrix, matrix, user=viewer)
        except ValueError as exc:
            st.error(str(exc))
            return
        st.session_state[_FLASH] = t("settings.ahp_saved")
        st.rerun()


def _show_weights(criteria: list[str], weights: list[float], cr: float) -> None:
    table = pd.DataFrame({
        t("settings.criterion"): [metric_label(c) for c in criteria],
        t("settings.weight"): [round(float(w), 3) for w in weights],
    })
    cols = st.columns([2, 1])
    show_table(table, where=cols[0], hide_index=True, key="ahp_weights_table")
    cols[1].metric(t("settings.cr"), f"{cr:.3f}")
    if cr > MAX_CR:
        st.error(t("settings.cr_bad", cr=f"{cr:.3f}"))
    else:
        st.success(t("settings.cr_ok", cr=f"{cr:.3f}"))


def sensitivity_section(criteria: list[str], weights: list[float], viewer: Viewer) -> None:
    """Each weight shown moved by ±10 % (the others rescaled): does the ranking of regions by
    the index change? Over the sidebar's filters, for the weights on screen."""
    # ranking every region twice per weight is a few seconds of reads: asked for, not on every
    # visit of the page
    if not st.toggle(t("settings.sensitivity"), key="ahp_sensitivity_on"):
        return
    # the sidebar's filters of this run, read without restarting it (a restart would drop the
    # click of the threshold form's save button on the same page)
    filters = st.session_state.get(FILTERS_OF_RUN, Filters())
    pairs = tuple(zip(criteria, (round(float(w), 6) for w in weights)))
    found = data.shown(data.call, csi_regions.sensitivity, filters=filters, viewer=viewer,
                       weights=pairs)
    if found is None:
        return
    base = found.iloc[0]
    if len(base["ranking"]) < 2:
        st.info(t("settings.sensitivity_few_regions"))
        return
    moved = found.iloc[1:]
    changed = moved[moved["ranking_changed"].astype(bool)]
    if changed.empty:
        st.success(t("settings.sensitivity_stable", ranking=" > ".join(base["ranking"])))
    else:
        st.warning(t("settings.sensitivity_changes", n=len(changed), of=len(moved)))
    table = pd.DataFrame({
        t("settings.criterion"): [metric_label(c) for c in moved["criterion"]],
        t("settings.sensitivity_change"): [f"{v:+.0f} %" for v in moved["change_pct"]],
        t("settings.sensitivity_changed"): [t("settings.yes") if v else t("settings.no")
                                            for v in moved["ranking_changed"]],
        t("settings.sensitivity_ranking"): [" > ".join(r) for r in moved["ranking"]],
    })
    show_table(table, hide_index=True, key="ahp_sensitivity_table")
