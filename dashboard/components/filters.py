"""Global sidebar filters: kept across pages in session state and mirrored in the URL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import streamlit as st

from dashboard.components.navigation import restart_outside_navigation
from dashboard.i18n import fmt_date, t, translator, value_labeller
from warehouse.access.scope import Filters

PRESETS = ("last_7", "last_30", "last_90", "quarter", "year", "all", "custom")
DEFAULT_PRESET = "last_90"
DIMENSIONS = ("channel", "region", "touchpoint", "segment", "category", "severity")
# filter_options() answers with plural keys
OPTION_KEYS = {"channel": "channels", "region": "regions", "touchpoint": "touchpoints",
               "segment": "segments", "category": "categories", "severity": "severities"}
SUSPECT_PARAM = "suspect"  # ?suspect=exclude leaves out ratings of suspect raters
STATE = "filter_state"  # the canonical choice; widgets are re-seeded from it on every page
CURRENT = "filter_current"  # the Filters object of this run, for pages
PENDING = "filter_dates_pending"  # a half-chosen date range
WIDGET = {"preset": "f_preset", "dates": "f_dates", "exclude_suspect": "f_exclude_suspect",
          **{d: f"f_{d}" for d in DIMENSIONS}}


def anchor_day(as_of) -> date:
    """Presets count back from the newest data, so a quiet week still shows the last data."""
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    return datetime.now(UTC).date()


def preset_window(preset: str, anchor: date) -> tuple[date | None, date | None]:
    if preset in ("last_7", "last_30", "last_90"):
        days = int(preset.split("_")[1])
        return anchor - timedelta(days=days - 1), anchor
    if preset == "quarter":
        first_month = 3 * ((anchor.month - 1) // 3) + 1
        return date(anchor.year, first_month, 1), anchor
    if preset == "year":
        return anchor - timedelta(days=364), anchor
    return None, None


def _match(value: str, options: list[str]) -> str | None:
    """The option VALUE names, compared as the warehouse compares (trimmed, case-insensitive)."""
    wanted = value.strip().lower()
    return next((o for o in options if str(o).strip().lower() == wanted), None)


def _from_url(params, options: dict[str, list[str]], anchor: date) -> tuple[dict, list[str]]:
    """The filter state a link asks for, and a notice per value that was ignored."""
    state = {"preset": DEFAULT_PRESET, "dates": preset_window(DEFAULT_PRESET, anchor),
             "exclude_suspect": params.get(SUSPECT_PARAM) == "exclude"}
    notices = []
    preset = params.get("preset")
    if preset in PRESETS and preset != "custom":
        state["preset"], state["dates"] = preset, preset_window(preset, anchor)
    elif preset is not None and preset != "custom":
        notices.append(t("filters.ignored", field=t("filters.period"), value=preset))
    if "start" in params or "end" in params:
        try:
            start = date.fromisoformat(params.get("start", ""))
            end = date.fromisoformat(params.get("end", ""))
            if start > end:
                raise ValueError("start after end")
            state["preset"], state["dates"] = "custom", (start, end)
        except ValueError:
            notices.append(t("filters.bad_dates"))
    for dim in DIMENSIONS:
        chosen = []
        for value in params.get_all(dim):
            found = _match(value, options.get(OPTION_KEYS[dim], []))
            if found is None:
                notices.append(t("filters.ignored", field=t(f"filters.{dim}"), value=value[:60]))
            elif found not in chosen:
                chosen.append(found)
        state[dim] = chosen
    return state, notices


def _to_url(state: dict) -> None:
    params = st.query_params
    for key in ("preset", "start", "end", SUSPECT_PARAM, *DIMENSIONS):
        if key in params:
            del params[key]
    if state.get("exclude_suspect"):
        params[SUSPECT_PARAM] = "exclude"
    if state["preset"] == "custom" and state["dates"][0] and state["dates"][1]:
        params["start"], params["end"] = state["dates"][0].isoformat(), state["dates"][1].isoformat()
    elif state["preset"] != DEFAULT_PRESET:
        params["preset"] = state["preset"]
    for dim in DIMENSIONS:
        if state[dim]:
            params[dim] = list(state[dim])


def _remember(name: str) -> None:
    """Widget callback: copy the widget's value into the canonical state."""
    state = st.session_state[STATE]
    value = st.session_state[WIDGET[name]]
    if name == "preset":
        state["preset"] = value
        if value != "custom":
            state["dates"] = preset_window(value, st.session_state["filter_anchor"])
    elif name == "exclude_suspect":
        state[name] = bool(value)
    elif name == "dates":
        # a range picker reports one date while the user is still choosing the second:
        # keep showing that choice, filter by the previous range until the range is complete
        if isinstance(value, (tuple, list)) and len(value) == 2:
            state["dates"] = (value[0], value[1])
            st.session_state.pop(PENDING, None)
        else:
            st.session_state[PENDING] = value
    else:
        state[name] = list(value)


def _reset() -> None:
    anchor = st.session_state["filter_anchor"]
    st.session_state[STATE] = {"preset": DEFAULT_PRESET,
                               "dates": preset_window(DEFAULT_PRESET, anchor),
                               "exclude_suspect": False, **{d: [] for d in DIMENSIONS}}
    for key in WIDGET.values():
        st.session_state.pop(key, None)


def sidebar_filters(options: dict[str, list[str]], as_of=None) -> Filters:
    """Render the filters in the sidebar and return the Filters of this run.

    OPTIONS are filter_options(viewer=…) (in-scope values only), AS_OF the newest data time.
    """
    anchor = anchor_day(as_of)
    st.session_state["filter_anchor"] = anchor
    if STATE not in st.session_state:
        state, notices = _from_url(st.query_params, options, anchor)
        st.session_state[STATE] = state
        for notice in notices:
            st.sidebar.warning(notice, icon=":material/link_off:")
    state = st.session_state[STATE]
    if state["preset"] != "custom":  # presets follow the data as new batches arrive
        state["dates"] = preset_window(state["preset"], anchor)
    for dim in DIMENSIONS:  # a value may leave the options (undo of a batch): drop it
        state[dim] = [v for v in state.get(dim, []) if v in options.get(OPTION_KEYS[dim], [])]

    bar = st.sidebar
    bar.subheader(t("filters.header"))
    _seed("preset", state["preset"])
    tr = translator()
    bar.selectbox(t("filters.period"), PRESETS, key=WIDGET["preset"],
                  format_func=lambda p: tr(f"filters.preset.{p}"),
                  on_change=_remember, args=("preset",))
    if state["preset"] == "custom":
        start, end = state["dates"]
        _seed("dates", st.session_state.get(PENDING)
              or (start or anchor - timedelta(days=89), end or anchor))
        bar.date_input(t("filters.dates"), key=WIDGET["dates"], on_change=_remember,
                       args=("dates",), format="YYYY-MM-DD")
    elif state["dates"][0]:
        bar.caption(t("filters.window", start=fmt_date(state["dates"][0]),
                      end=fmt_date(state["dates"][1])))
    for dim in DIMENSIONS:
        _seed(dim, state[dim])
        bar.multiselect(t(f"filters.{dim}"), options.get(OPTION_KEYS[dim], []), key=WIDGET[dim],
                        placeholder=t("filters.all"), on_change=_remember, args=(dim,),
                        format_func=value_labeller(dim))
    _seed("exclude_suspect", bool(state.get("exclude_suspect")))
    bar.toggle(t("filters.exclude_suspect"), key=WIDGET["exclude_suspect"], on_change=_remember,
               args=("exclude_suspect",), help=t("filters.exclude_suspect_help"))
    bar.button(t("filters.reset"), key="f_reset", on_click=_reset)

    _to_url(state)
    start, end = state["dates"]
    filters = Filters(start=start, end=end, exclude_suspect=bool(state.get("exclude_suspect")),
                      **{dim: tuple(state[dim]) for dim in DIMENSIONS})
    st.session_state[CURRENT] = filters
    return filters


def _seed(name: str, value) -> None:
    """Draw the widget with the canonical value: Streamlit forgets a widget's own value when
    its label changes (another language) or options change (scope, undo)."""
    st.session_state[WIDGET[name]] = value


def current_filters() -> Filters:
    """The filters the sidebar chose in this run (an unfiltered request before it ran).

    A page run on its own, without app.py, is restarted through it first (see
    dashboard.components.navigation), so the sidebar has always run when this answers.
    """
    restart_outside_navigation()
    return st.session_state.get(CURRENT, Filters())
