"""Improvement list pieces: one-click items from the Pareto, the risk matrix or an alert, the
list with overdue items marked, and the edit form with the item's history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import data
from dashboard.components.downloads import download_buttons
from dashboard.components.table_labels import show_table
from dashboard.i18n import fmt_date, fmt_datetime, fmt_int, fmt_number, t, translator
from warehouse.access.permissions import can
from warehouse.access.scope import Filters, Viewer
from warehouse.kpi import complaints
from warehouse.reports import improvements as imp

SOURCES = ("category", "risk_item", "alert", "manual")
OVERDUE_STYLE = "background-color: #f9d6d2"


def _choices(source: str, filters: Filters, viewer: Viewer) -> dict[str, str]:
    """source ref -> label of what an item can be made from (highest first)."""
    if source == "category":
        found = data.shown(data.call, complaints.pareto, filters=filters, viewer=viewer)
        return {} if found is None else {
            str(r.category): f"{r.category} — {fmt_int(r.complaints)}"
            for r in found.itertuples() if r.category != "(none)"}
    if source == "risk_item":
        found = data.shown(data.risk_items, filters, viewer)
        return {} if found is None else {
            str(r.item_id): f"{r.label} — {fmt_number(r.score, 2)}" for r in found.itertuples()}
    found = data.shown(data.list_alerts, viewer)
    return {} if found is None else {
        str(r.id): f"#{r.id} {r.rule_name_en} — {r.scope}" for r in found.itertuples()}


def _create(viewer: Viewer, **fields) -> None:
    try:
        item = data.write(imp.create_item, user=viewer, **fields)
    except (ValueError, PermissionError) as exc:
        st.error(t("improvements.failed", reason=exc))
        return
    st.toast(t("improvements.added", title=item["title"]), icon=":material/playlist_add:")
    st.session_state["impr_item"] = int(item["item_id"])


def add_button(viewer: Viewer, filters: Filters, source_kind: str, source_ref,
               key: str) -> None:
    """"Add to the improvement list": one click makes a prefilled item from this category, risk
    item or alert (for those who may edit the list), and links to it."""
    if not can(viewer, "edit_improvements"):
        return
    if st.button(t("improvements.add_from_here"), key=key, icon=":material/playlist_add:"):
        _create(viewer, source_kind=source_kind, source_ref=str(source_ref), filters=filters)
        st.page_link("pages/improvements.py", label=t("improvements.open_list"),
                     icon=":material/checklist:")


def add(viewer: Viewer, filters: Filters) -> None:
    """A tab per source: pick one and add it with one click (prefilled), or write one by hand."""
    tr = translator()
    tabs = st.tabs([tr(f"improvements.from.{s}") for s in SOURCES])
    for source, tab in zip(SOURCES[:3], tabs[:3]):
        with tab:
            options = _choices(source, filters, viewer)
            if not options:
                st.info(t("improvements.nothing"))
                continue
            ref = st.selectbox(t("improvements.pick"), list(options), key=f"impr_{source}",
                               format_func=options.get)
            if st.button(t("improvements.add_button"), key=f"impr_add_{source}",
                         icon=":material/playlist_add:"):
                _create(viewer, source_kind=source, source_ref=ref, filters=filters)
    with tabs[3], st.form("impr_manual", clear_on_submit=True):
        title = st.text_input(t("improvements.col.title"), key="impr_manual_title")
        left, right = st.columns(2)
        owner = left.text_input(t("improvements.col.owner"), key="impr_manual_owner")
        due = right.date_input(t("improvements.col.due"), value=None, key="impr_manual_due")
        if st.form_submit_button(t("improvements.add_button"), icon=":material/playlist_add:"):
            _create(viewer, title=title, owner=owner, due_date=due, filters=filters)


def table(items: pd.DataFrame) -> None:
    """The list as people read it, overdue rows shaded; downloads with the raw figures."""
    tr = translator()
    shown = pd.DataFrame({
        "ID": items["item_id"],
        tr("improvements.col.title"): items["title"],
        tr("improvements.col.source"): [tr(f"improvements.source.{s}") for s in items["source_kind"]],
        tr("improvements.col.owner"): items["owner"].fillna("—"),
        tr("improvements.col.due"): [fmt_date(d) + (f" ({tr('improvements.overdue')})" if o else "")
                                     for d, o in zip(items["due_date"], items["overdue"])],
        tr("improvements.col.status"): [tr(f"improvements.status.{s}") for s in items["status"]],
        tr("improvements.col.affected"): items["affected_customers"],
        tr("improvements.col.complaints"): items["complaints"],
        tr("improvements.col.gain"): pd.to_numeric(items["expected_gain"]).round(1),
        tr("improvements.col.window"): [f"{fmt_date(a)} – {fmt_date(b)}" for a, b in
                                        zip(items["window_start"], items["window_end"])],
    })
    overdue = list(items["overdue"])
    styled = shown.style.apply(
        lambda row: [OVERDUE_STYLE if overdue[row.name] else ""] * len(row), axis=1)
    show_table(styled, hide_index=True, width="stretch", key="impr_table")
    download_buttons(items, "improvements",
                     "impr_download")


def editor(items: pd.DataFrame, viewer: Viewer) -> None:
    labels = {int(r.item_id): f"#{r.item_id} {r.title}" for r in items.itertuples()}
    chosen = st.selectbox(t("improvements.item"), list(labels), key="impr_item",
                          format_func=labels.get)
    if chosen is None:
        return
    item = items[items["item_id"] == chosen].iloc[0]
    if can(viewer, "edit_improvements"):
        _form(item, viewer)
    history = data.shown(data.call, imp.item_history, int(chosen), viewer=viewer)
    if history is not None and not history.empty:
        with st.expander(t("improvements.history")):
            show_table(pd.DataFrame({
                t("improvements.col.changed_at"): [fmt_datetime(v) for v in history["changed_at"]],
                t("improvements.col.changed_by"): history["changed_by"],
                t("improvements.col.change"): [_change(b, a) for b, a in
                                               zip(history["before"], history["after"])],
            }), hide_index=True, width="stretch", key="impr_history")


def _change(before, after) -> str:
    after = after or {}
    if before is None:
        return ", ".join(f"{k}: {v}" for k, v in after.items() if v is not None)
    return "; ".join(f"{k}: {before.get(k)} → {v}" for k, v in after.items())


def _form(item: pd.Series, viewer: Viewer) -> None:
    tr = translator()
    key = int(item["item_id"])
    with st.form(key=f"impr_form_{key}"):
        title = st.text_input(tr("improvements.col.title"), item["title"], key=f"impr_t_{key}")
        a, b, c = st.columns(3)
        owner = a.text_input(tr("improvements.col.owner"), item["owner"] or "", key=f"impr_o_{key}")
        due = b.date_input(tr("improvements.col.due"), None if pd.isna(item["due_date"])
                           else item["due_date"], key=f"impr_d_{key}")
        status = c.selectbox(tr("improvements.col.status"), imp.STATUSES, key=f"impr_s_{key}",
                             index=imp.STATUSES.index(item["status"]),
                             format_func=lambda s: tr(f"improvements.status.{s}"))
        gain = a.number_input(tr("improvements.col.gain"), min_value=0.0, step=0.5,
                              value=None if pd.isna(item["expected_gain"])
                              else float(item["expected_gain"]), key=f"impr_g_{key}")
        note = st.text_area(tr("improvements.col.note"), item["note"] or "", key=f"impr_n_{key}")
        left, right = st.columns(2)
        save = left.form_submit_button(tr("improvements.save"), type="primary",
                                       icon=":material/save:")
        recount = right.form_submit_button(tr("improvements.recount"), icon=":material/refresh:")
    try:
        if save:
            data.write(imp.update_item, key, title=title, owner=owner, due_date=due,
                       status=status, expected_gain=gain, note=note, user=viewer)
        elif recount:
            data.write(imp.recompute, key, user=viewer)
    except (ValueError, PermissionError) as exc:
        st.error(tr("improvements.failed", reason=exc))
        return
    if save or recount:
        st.toast(t("common.saved"), icon=":material/save:")
        st.rerun()
