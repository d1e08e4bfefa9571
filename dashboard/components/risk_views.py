"""Risk matrix pieces: the grid, picking an item, its details and the owner/status/note form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import charts, data, improvement_views
from dashboard.components.kept import forget, from_link, keep, kept, to_link
from dashboard.components.plain_text import plain
from dashboard.i18n import fmt_int, fmt_number, language, t, translator
from warehouse.access.permissions import can
from warehouse.access.scope import Filters, Viewer
from warehouse.config.known_values import item_label
from warehouse.reports.summary import driver
from warehouse.risk import matrix as risk_matrix

ITEM_KEY = "rm_item"
CHART_KEY = "rm_grid"
STATUSES = ("open", "in_progress", "mitigated", "accepted")
VIEWS = ("bubbles", "counts")


def drivers_text(drivers) -> str:
    """Drivers come as a list of phrases or as text; show them as one line, in the reader's
    language (the report's phrase book)."""
    if drivers is None or (isinstance(drivers, float) and pd.isna(drivers)):
        return ""
    lang = "zh" if language() == "zh-CN" else "en"
    if isinstance(drivers, (list, tuple)) or hasattr(drivers, "tolist"):
        return "; ".join(driver(str(d), lang) for d in list(drivers))
    return driver(str(drivers), lang)


def in_words(items: pd.DataFrame) -> pd.DataFrame:
    """ITEMS with their labels in the reader's language (known values translated, the rest as
    loaded)."""
    lang = language()
    return items.assign(label=[item_label(k, v, lang)
                               for k, v in zip(items["item_type"], items["label"])])


def on_click() -> None:
    custom = charts.selected_custom(st.session_state.get(CHART_KEY))
    if custom:
        keep(ITEM_KEY, str(custom[0]))


def band_position(value: float, cuts: tuple[float, ...], top: float) -> float:
    """Where VALUE sits on a 1–5 band axis: band k spans k ± 0.5 between its cut values."""
    edges = (0.0, *cuts, top)
    for k in range(1, 6):
        low, high = edges[k - 1], edges[k]
        if value < high or k == 5:
            share = (min(max(value, low), high) - low) / (high - low) if high > low else 0.5
            return k - 0.5 + share
    return 5.5


def _scale():
    """Band cut values and quadrant lines of warehouse.risk.matrix (its glossary's numbers)."""
    return (risk_matrix.PROBABILITY_CUTS, risk_matrix.IMPACT_CUTS, risk_matrix.HIGH_PROBABILITY,
            risk_matrix.HIGH_IMPACT)


def grid(items: pd.DataFrame) -> None:
    p_cuts, i_cuts, p_line, i_line = _scale()
    shown = items.assign(
        drivers=items["drivers"].map(drivers_text), item_id=items["item_id"].astype(str),
        x=[band_position(p, p_cuts, 1.0) for p in items["probability"]],
        y=[band_position(i, i_cuts, 5.0) for i in items["impact"]],
    )
    axis = {k: t(f"risk.axis.{k}") for k in ("probability", "impact", "score", "affected")}
    quadrants = {k: t(f"risk.quadrant.{k}") for k in ("act_now", "prepare", "automate", "watch")}
    lines = (band_position(p_line, p_cuts, 1.0), band_position(i_line, i_cuts, 5.0))
    tr = translator()
    view = st.segmented_control(t("risk.view"), VIEWS, default=VIEWS[0], key="rm_view",
                                required=True, format_func=lambda v: tr(f"risk.view.{v}"))
    chart, side = st.columns([3, 1])
    with chart:
        if view == "counts":
            charts.show(st, charts.risk_counts(shown, t("risk.counts"), axis), key="rm_counts")
        else:
            fig = charts.risk_grid(shown, t("risk.grid"), axis, quadrants, lines)
            charts.show(st, fig, key=CHART_KEY, on_select=on_click, selection_mode="points")
    with side:
        act_now_list(items)


def act_now_list(items: pd.DataFrame, shown: int = 8) -> None:
    """The items to act on now beside the grid; the highest scores when none is there yet."""
    st.subheader(t("risk.act_now_list"))
    urgent = items[items["quadrant"] == "act_now"].sort_values("score", ascending=False)
    if urgent.empty:
        st.caption(t("risk.act_now_none"))
        urgent = items.sort_values("score", ascending=False)
    lines = [f"{n}. {plain(r.label)} — {fmt_number(r.score, 2)}"
             for n, r in enumerate(urgent.head(shown).itertuples(), 1)]
    st.markdown("  \n".join(lines))


def picker(items: pd.DataFrame):
    ranked = items.sort_values("score", ascending=False)
    labels = {str(r.item_id): f"{r.label} — {fmt_number(r.score, 2)}" for r in ranked.itertuples()}
    from_link(ITEM_KEY, "item", list(labels))
    remember = kept(ITEM_KEY)
    if st.session_state.get(ITEM_KEY) not in labels:
        forget(ITEM_KEY)
    chosen = st.selectbox(t("risk.item"), list(labels), index=None, key=ITEM_KEY,
                          format_func=labels.get, placeholder=t("risk.item_placeholder"),
                          on_change=remember)
    to_link("item", chosen)
    if chosen is None:
        return None
    return next(r for r in ranked.itertuples() if str(r.item_id) == chosen)


def details(item, viewer: Viewer, filters: Filters) -> None:
    st.subheader(plain(item.label))
    a, b, c, d = st.columns(4)
    a.metric(t("risk.probability"), fmt_number(item.probability, 2))
    b.metric(t("risk.impact"), fmt_number(item.impact, 1))
    c.metric(t("risk.axis.affected"), fmt_int(item.affected_customers))
    d.metric(t("risk.quadrant"), t(f"risk.quadrant.{item.quadrant}"))
    st.markdown(f"**{t('risk.drivers')}:** {plain(drivers_text(item.drivers)) or '—'}")
    improvement_views.add_button(viewer, filters, "risk_item", item.item_id,
                                 key=f"rm_improve_{item.item_id}")
    if can(viewer, "edit_risk_items"):
        _edit_form(item, viewer)
    else:
        st.caption(f"{t('risk.owner')}: {plain(item.owner) or '—'} · "
                   f"{t('risk.status')}: {t('risk.status.' + str(item.status or 'open'))}")


def _edit_form(item, viewer: Viewer) -> None:
    with st.form(key=f"rm_form_{item.item_id}"):
        owner = st.text_input(t("risk.owner"), value=item.owner or "", key=f"rm_owner_{item.item_id}")
        tr = translator()
        status = st.selectbox(t("risk.status"), STATUSES, key=f"rm_status_{item.item_id}",
                              index=STATUSES.index(item.status) if item.status in STATUSES else 0,
                              format_func=lambda s: tr(f"risk.status.{s}"))
        note = st.text_area(t("risk.note"), value=item.note or "", key=f"rm_note_{item.item_id}")
        pressed = st.form_submit_button(t("risk.save"), type="primary", icon=":material/save:")
    if pressed:
        try:
            data.write(risk_matrix.set_item, item.item_id, owner=owner.strip() or None,
                       status=status, note=note.strip() or None, user=viewer)
        except ValueError as exc:  # the warehouse says what is wrong with the input
            st.error(t("risk.save_failed", reason=exc))
            return
        st.toast(t("common.saved"), icon=":material/save:")
        st.rerun()


def table(items: pd.DataFrame) -> pd.DataFrame:
    """Items for the table and downloads in the reader's words: type, quadrant, status and
    drivers as text, highest score first."""
    word = translator()
    shown = items.assign(
        drivers=items["drivers"].map(drivers_text),
        item_type=items["item_type"].map(lambda v: word(f"risk.type.{v}")),
        quadrant=items["quadrant"].map(lambda v: word(f"risk.quadrant.{v}")),
        status=items["status"].map(lambda v: word(f"risk.status.{v}")),
    )
    return shown.sort_values("score", ascending=False).drop(columns=["row", "col"], errors="ignore")
