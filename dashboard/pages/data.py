"""Data: upload an export, check its kind and mapping, load it, and undo loads."""

import streamlit as st

from dashboard.components import upload
from dashboard.components.auth import current_viewer
from dashboard.components.batches import batches_section
from dashboard.components.data import changed
from dashboard.components.mapping_editor import mapping_editor, save_profile_form
from dashboard.components.upload_checks import (
    confirmed,
    kind_choice,
    recode_editor,
    row_id_option,
    show_checks,
)
from dashboard.i18n import t
from warehouse.access.permissions import can

viewer = current_viewer()
st.title(t("data.title"))
st.caption(t("data.caption"))
mods = upload.loader()

if mods is None:
    st.error(t("data.loader_missing"))
elif not can(viewer, "upload"):
    st.info(t("data.read_only"))
else:
    pipelines, ingest, profiles, errors = mods
    st.subheader(t("data.upload"))
    uploaded = upload.pick_file(upload.upload_limit_mb())
    path = upload.saved_copy(uploaded) if uploaded is not None else None
    if path is not None:
        cols = st.columns(3)
        sheet = cols[2].text_input(t("data.sheet"), key="data_sheet").strip() or None \
            if path.suffix.lower() == ".xlsx" else None
        kind = kind_choice(upload.fits(ingest, path, sheet), list(pipelines.KINDS), cols[0])
        names = [p["name"] for p in profiles.list_profiles() if p.get("kind") == kind]
        profile = cols[1].selectbox(t("data.profile"), [None, *names], key="data_profile",
                                    format_func=lambda p: p or t("data.profile_none"))
        as_of = upload.as_of_input() if kind and pipelines.hooks(kind).optional_fields(as_of="any") else None
        row_id = row_id_option() if kind else None
        prev = upload.preview(ingest, kind, path, profile=profile, sheet=sheet, as_of=as_of, row_id=row_id) \
            if kind else None
        if prev is not None:
            with st.expander(t("data.preview"), expanded=True):
                upload.show_preview(prev)
            show_checks(prev)
            st.subheader(t("data.mapping"))
            signature = f"{path}|{kind}|{profile}|{sheet}"
            filled = pipelines.hooks(kind).filled_fields(as_of=as_of) + (pipelines.spec(kind).key if row_id else ())
            mapping = mapping_editor(kind, prev, signature, filled=filled)
            recodes = recode_editor(kind, prev, pipelines, upload.parse_bools, signature)
            if mapping is not None:
                save_profile_form(kind, mapping, viewer, base=profile, values=recodes)
            ready = mapping is not None and confirmed(prev)
            if st.button(t("data.load"), key="data_load", type="primary", disabled=not ready):
                result = upload.run_load(kind, path, file_name=uploaded.name, viewer=viewer,
                                         profile=upload.with_recodes(profiles, profile, recodes),
                                         mapping=mapping, sheet=sheet, as_of=as_of, row_id=row_id)
                if result is not None:  # rerun so the page list and every table see the new batch
                    st.session_state[upload.RESULT_KEY] = result
                    changed()
                    st.rerun()
    if upload.RESULT_KEY in st.session_state:
        upload.show_result(st.session_state[upload.RESULT_KEY])

st.divider()
batches_section(viewer)
