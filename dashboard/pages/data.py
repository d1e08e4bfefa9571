"""Data: upload an export, check its mapping, load it, and undo loads."""

import streamlit as st

from dashboard.components import upload
from dashboard.components.auth import current_viewer
from dashboard.components.batches import batches_section
from dashboard.components.data import changed
from dashboard.components.mapping_editor import mapping_editor, save_profile_form
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
    if uploaded is not None:
        path = upload.saved_copy(uploaded)
        cols = st.columns(3)
        kind = cols[0].selectbox(t("data.kind"), list(pipelines.KINDS), key="data_kind",
                                 format_func=lambda k: t(f"data.kind_{k}"))
        names = [p["name"] for p in profiles.list_profiles() if p.get("kind") == kind]
        profile = cols[1].selectbox(t("data.profile"), [None, *names], key="data_profile",
                                    format_func=lambda p: p or t("data.profile_none"))
        sheet = None
        if path.suffix.lower() == ".xlsx":
            sheet = cols[2].text_input(t("data.sheet"), key="data_sheet").strip() or None
        as_of = upload.as_of_input() if kind == "survey" else None  # only surveys lack dates
        try:
            prev = upload.preview(ingest, kind, path, profile=profile, sheet=sheet, as_of=as_of)
        except errors.IngestError as exc:
            st.error(t("data.refused", message=str(exc)))
            prev = None
        if prev is not None:
            with st.expander(t("data.preview"), expanded=True):
                upload.show_preview(prev)
            st.subheader(t("data.mapping"))
            signature = f"{path}|{kind}|{profile}|{sheet}"
            mapping = mapping_editor(kind, prev, signature,
                                     filled=("submitted_at",) if as_of else ())
            if mapping is not None:
                save_profile_form(kind, mapping, viewer, base=profile)
            if st.button(t("data.load"), key="data_load", type="primary",
                         disabled=mapping is None):
                result = upload.run_load(kind, path, file_name=uploaded.name, viewer=viewer,
                                  profile=profile, mapping=mapping, sheet=sheet, as_of=as_of)
                if result is not None:  # rerun so the page list and every table see the new batch
                    st.session_state[upload.RESULT_KEY] = result
                    changed()
                    st.rerun()
    if upload.RESULT_KEY in st.session_state:
        upload.show_result(st.session_state[upload.RESULT_KEY])

st.divider()
batches_section(viewer)
