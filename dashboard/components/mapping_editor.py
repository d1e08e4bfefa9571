"""Column mapping editor: one choice per warehouse field, pre-filled from the loader's suggestion."""

from __future__ import annotations

import hashlib
import re

import streamlit as st

from dashboard.components.upload import loader
from dashboard.i18n import t
from warehouse.access.permissions import can
from warehouse.access.scope import Viewer

_PREFIX = "data_map_"
_SIGNATURE = "data_mapping_token"  # which file/kind/profile the choices belong to
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


EXTRA = "extra"  # the loader's target for "keep this column as extra data"


def _suggested_columns(suggested: dict | None) -> dict[str, str]:
    """field -> source header, from the loader's header -> target suggestion.

    Targets that are not plain fields (survey rating columns "rating:…") are left to the
    profile; this editor only assigns canonical fields.
    """
    chosen: dict[str, str] = {}
    for header, field in (suggested or {}).items():
        if field and ":" not in field and field not in chosen:
            chosen[field] = header
    return chosen


def mapping_editor(kind: str, preview, signature: str, *, filled: tuple[str, ...] = ()
                   ) -> dict[str, str] | None:
    """Render the choices; returns the mapping header -> field, or None while it is incomplete.

    SIGNATURE identifies the file, kind and profile: the choices' widget keys include it, so a
    new file or profile starts from its own suggestion (the browser would otherwise send back the
    previous choices for widgets with the same key). FILLED are required fields the user supplies
    otherwise (a survey without dates gets submitted_at from the as-of date).
    """
    token = hashlib.sha1(signature.encode("utf-8")).hexdigest()[:10]
    if st.session_state.get(_SIGNATURE) != token:
        for key in [k for k in st.session_state if str(k).startswith(_PREFIX)]:
            del st.session_state[key]
        st.session_state[_SIGNATURE] = token
    pipelines = loader()[0]
    headers = [str(h) for h in preview.headers]
    suggested = _suggested_columns(preview.mapping)
    none = t("data.no_column")
    st.caption(t("data.mapping_help"))
    chosen: dict[str, str] = {}
    specs = list(pipelines.fields(kind))
    cols = st.columns(3)
    for i, spec in enumerate(specs):
        options = [none, *headers]
        default = suggested.get(spec.name)
        label = t("data.required", field=spec.name) if spec.required else spec.name
        picked = cols[i % 3].selectbox(
            label,
            options,
            index=options.index(default) if default in options else 0,
            key=f"{_PREFIX}{token}_{spec.name}",
            help=getattr(spec, "description", None) or None,
        )
        if picked != none:
            chosen[spec.name] = picked
    mapping = _checked(chosen, [s.name for s in specs if s.required and s.name not in filled])
    if mapping is None:
        return None
    # A suggested column the user took off a field must not be re-mapped by its alias.
    dropped = {h: EXTRA for f, h in suggested.items() if chosen.get(f) != h and h not in mapping}
    return {**mapping, **dropped}


def _checked(chosen: dict[str, str], required: list[str]) -> dict[str, str] | None:
    missing = [f for f in required if f not in chosen]
    if missing:
        st.warning(t("data.missing_required", fields=", ".join(missing)))
        if "submitted_at" in missing:
            st.caption(t("data.no_dates_hint"))
        return None
    by_column: dict[str, list[str]] = {}
    for field, column in chosen.items():
        by_column.setdefault(column, []).append(field)
    for column, fields in by_column.items():
        if len(fields) > 1:
            st.warning(t("data.duplicate_column", column=column, fields=", ".join(fields)))
            return None
    return {column: field for field, column in chosen.items()}


def save_profile_form(kind: str, mapping: dict[str, str], viewer: Viewer, *, base: str | None = None,
                      db=None, values: dict | None = None) -> None:
    """Save the current mapping as a named profile (analysts and admins).

    Starting from profile BASE keeps its other settings (rating columns, value maps, scales).
    """
    if not can(viewer, "edit_mappings"):
        return
    profiles = loader()[2]
    cols = st.columns([3, 1], vertical_alignment="bottom")
    name = cols[0].text_input(t("data.profile_name"), key="data_profile_name", max_chars=40)
    if cols[1].button(t("data.profile_save"), key="data_profile_save"):
        name = name.strip()
        if not _PROFILE_NAME.match(name):
            st.error(t("data.profile_bad_name"))
            return
        spec = dict(profiles.get_profile(base, db=db)) if base else {}
        spec = {k: v for k, v in spec.items() if k in profiles.PROFILE_KEYS}
        columns = {h: f for h, f in (spec.get("columns") or {}).items() if h not in mapping}
        spec["columns"] = {**columns, **mapping}
        if values:  # the recodes made on the page join the profile's own
            merged = {f: dict(v) for f, v in (spec.get("values") or {}).items()}
            for field, table in values.items():
                merged.setdefault(field, {}).update(table)
            spec["values"] = merged
        try:
            profiles.save_profile(name, kind, spec, db=db, user=viewer)
        except (ValueError, loader()[3].IngestError) as exc:
            st.error(str(exc))
            return
        st.success(t("data.profile_saved", name=name))
