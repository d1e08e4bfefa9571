"""The Data page's checks before a load: the kind the headers fit, what the file leaves out, how
times are read, ids built from content, and value recodes previewed before loading."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import t

# Fields whose words a recode maps to the canonical values (yes/no flags and status words).
RECODE_TYPES = ("bool",)
RECODE_FIELDS = ("status", "severity")


def kind_choice(fits, kinds: list[str], column) -> str | None:
    """The kind selector: the best-fitting kind is proposed (shown with its confidence); a file
    that fits no kind completely leaves the choice to the user, never a silent default."""
    best = fits[0] if fits and fits[0].complete else None
    index = kinds.index(best.kind) if best and best.kind in kinds else None
    kind = column.selectbox(t("data.kind"), kinds, index=index, key="data_kind",
                            placeholder=t("data.kind_choose"), format_func=lambda k: t(f"data.kind_{k}"))
    if best is not None:
        column.caption(t("data.kind_proposed", kind=t(f"data.kind_{best.kind}"), matched=best.matched,
                         columns=best.columns, percent=best.percent))
    elif fits:
        column.caption(t("data.kind_unsure"))
    return kind


def confirmed(prev) -> bool:
    """A file whose headers fit another kind better loads only after an explicit confirmation."""
    other = prev.better_kind
    if other is None:
        return True
    st.warning(t("data.kind_mismatch", chosen=t(f"data.kind_{prev.kind}"), other=t(f"data.kind_{other.kind}"),
                 percent=other.percent))
    return st.checkbox(t("data.kind_confirm", chosen=t(f"data.kind_{prev.kind}")), key="data_kind_confirm")


def show_checks(prev) -> None:
    """What the load would leave out (before loading) and, per date field, how times are read."""
    for warning in prev.warnings:
        st.warning(warning)
    for field, zone in prev.zones.items():
        if zone["with_offset"] and zone["naive"]:
            key = "data.zone_mixed"
        elif zone["with_offset"]:
            key = "data.zone_offset"
        else:
            key = "data.zone_naive"
        st.caption(t(key, field=field, header=zone["header"], offset=zone["with_offset"], naive=zone["naive"],
                     zone=zone["timezone"]))


def row_id_option() -> str | None:
    """Files with no id column: build a stable id from each row's content."""
    return "hash" if st.checkbox(t("data.row_id_hash"), key="data_row_id",
                                 help=t("data.row_id_help")) else None


def recode_editor(kind: str, prev, pipelines, parse_bools, signature: str) -> dict[str, dict[str, str]]:
    """Values as written in the file's yes/no and status columns, and what each becomes; edits
    are the recodes (profile "values") the load applies. The table is the preview."""
    rows = []
    for spec in pipelines.fields(kind):
        header = next((h for h, f in prev.mapping.items() if f == spec.name), None)
        if header is None or header not in prev.sample.columns:
            continue
        if spec.type not in RECODE_TYPES and spec.name not in RECODE_FIELDS:
            continue
        values = sorted({str(v).strip() for v in prev.sample[header] if v is not None and str(v).strip()})
        read = parse_bools(values) if spec.type == "bool" else values
        for value, as_read in zip(values, read):
            shown = t("data.recode_unreadable") if as_read is None else str(as_read).lower()
            rows.append({"field": spec.name, "value": value, "read_as": shown, "becomes": ""})
    if not rows:
        return {}
    st.caption(t("data.recode_help"))
    edited = st.data_editor(pd.DataFrame(rows), hide_index=True, key=f"data_recode_{abs(hash(signature)) % 10**8}",
                            disabled=["field", "value", "read_as"], column_config={
                                "field": t("data.recode_field"), "value": t("data.recode_value"),
                                "read_as": t("data.recode_read_as"), "becomes": t("data.recode_becomes")})
    recodes: dict[str, dict[str, str]] = {}
    for row in edited.to_dict("records"):
        target = str(row.get("becomes") or "").strip()
        if target:
            recodes.setdefault(row["field"], {})[row["value"]] = target
    return recodes
