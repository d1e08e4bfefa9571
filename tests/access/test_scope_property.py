"""A department head sees only their channels/regions through every read of the warehouse API.

Read functions are discovered: every public function of a warehouse module that takes `db`
must either take `viewer` (and is then exercised here) or be listed below with the reason it
returns no customer rows. Three checks per call:
  * rows: every channel/region value in the result (frames, dicts, lists, the CSV download)
    lies inside the scope;
  * equivalence: what a dept_head with scope S asks with filters F equals what an admin gets
    for the filters F ∩ S (an empty intersection matches nothing), so aggregates hold only
    in-scope rows too and crafted values behave as plain values;
  * counts: complaint and response totals equal an independent pandas count over the raw
    tables (tests below).
"""

from __future__ import annotations

import importlib
import inspect
import io
import math
import pkgutil
import shutil
from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import warehouse
from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import Filters, Viewer
from warehouse.reports.quarter import Quarter

INFRA = {"warehouse.config.settings", "warehouse.access.scope", "warehouse.access.permissions",
         "warehouse.__main__",
         # sessions and sign-in throttling: the SQLite sidecar file, no warehouse rows
         "warehouse.access.sidecar", "warehouse.access.sessions", "warehouse.access.throttle"}
# Public functions that read or write the warehouse without returning customer rows.
NOT_ROW_READS = {
    "warehouse.config.app_settings.get": "admin settings, not data",
    "warehouse.config.app_settings.get_all": "admin settings, not data",
    "warehouse.config.app_settings.set": "write (permission checked by the page)",
    "warehouse.kpi.csi.current_matrix": "AHP weights, not data",
    "warehouse.kpi.csi.save_matrix": "write",
    "warehouse.alerting.rules.list_rules": "rule definitions, not data",
    "warehouse.alerting.evaluation.prime": "the monitor's own memory of rule series; returns a count",
    "warehouse.alerting.rules.update_rule": "write",
    "warehouse.api.kpis": "scripting entry: the whole company unless user= (tested below)",
    "warehouse.access.auth.add_user": "write", "warehouse.access.auth.remove_user": "write",
    "warehouse.access.auth.set_access": "write", "warehouse.access.auth.set_scope": "write",
    "warehouse.access.auth.set_password": "write", "warehouse.access.auth.set_disabled": "write",
    "warehouse.access.auth.authenticate": "sign-in", "warehouse.access.auth.locked_until": "sign-in",
    "warehouse.access.auth.load_viewer": "an account, not data",
    "warehouse.access.auth.viewer_for": "an account, not data",
    "warehouse.access.auth.ensure_first_admin": "write",
    "warehouse.lake.export.export": "copies every table to the lake: an operator's command, not a page read",
    "warehouse.access.auth.record_session_event": "write",
    "warehouse.access.auth.flush_pending_audit": "write: copies queued sign-in events",
    "warehouse.access.auth.check_session": "a session token's account, not data",
    "warehouse.alerting.evaluation.evaluate": "write: runs every rule for the whole company (CLI, monitor)",
    "warehouse.alerting.monitor.status": "whether the monitor runs (its heartbeat), not data",
    "warehouse.alerting.monitor.heartbeat_path": "a file name",
    "warehouse.alerting.monitor.interval_seconds": "a setting",
    "warehouse.alerting.monitor.data_version": "a cache key",
    "warehouse.alerting.monitor.after_cycle": "write: what follows a cycle (notifications)",
    "warehouse.alerting.monitor.cycle": "write: runs every rule for the whole company",
    "warehouse.alerting.monitor.run": "write: the monitor process",
    "warehouse.text.dictionary.dictionary": "the category keyword dictionary, not data",
    "warehouse.text.dictionary.save_dictionary": "write",
    "warehouse.risk.matrix.set_item": "write (owner/status/note; the page checks edit_risk_items)",
    "warehouse.alerting.notify.targets.list_targets": "notification targets, not data (admins)",
    "warehouse.alerting.notify.targets.get_target": "a notification target, not data (admins)",
    "warehouse.alerting.notify.targets.add_target": "write (admins)",
    "warehouse.alerting.notify.targets.remove_target": "write (admins)",
    "warehouse.alerting.notify.dispatcher.dispatch": "write: the notification round for the whole company (monitor, CLI)",
    "warehouse.alerting.notify.dispatcher.send_test": "write (admins)",
    "warehouse.alerting.notify.quarterly.messages": "the scheduled report round: each report in its target's account scope (build_report)",
    "warehouse.alerting.notify.outbox.record": "write: results of a notification round",
    "warehouse.alerting.notify.outbox.send_now": "write: a test message",
    "warehouse.alerting.notify.outbox.retry_failed": "write (admins)",
    "warehouse.reports.build.generate": "write: a report for the asker's scope (build_report)",
    "warehouse.reports.improvements.create_item": "write (edit_improvements; a dept_head's "
                                                  "item stays inside their scope)",
    "warehouse.reports.improvements.update_item": "write (only items the user may see)",
    "warehouse.reports.improvements.recompute": "write (only items the user may see)",
}
# Reads that answer nothing on this fixture whatever the example: the check above is then about
# refusals only, so say why it cannot be more.
EMPTY_IN_FIXTURE = {
    "warehouse.alerting.rules.rule_history": "the fixture edits no rule",
    "warehouse.config.app_settings.history": "the fixture changes no setting",
    "warehouse.risk.matrix.item_history": "the fixture edits no risk item",
    "warehouse.alerting.assignments.assignments": "the fixture assigns no alert",
    "warehouse.kpi.catalog.data_version": "a cache token, not rows",
    "warehouse.access.preferences.language": "the viewer's own language choice, not rows",
    "warehouse.text.complaints.category_surges": "the fixture's texts hold no surge",
    "warehouse.text.complaints.keyword_surges": "the fixture's texts hold no surge",
    "warehouse.text.voc.contrast_keywords": "the fixture's few texts hold no word that stands out",
    "warehouse.text.voc.surge_history": "the fixture's texts hold no surge",
    "warehouse.reports.build.scope_users": "generated department heads have no account",
}
# A request known to answer with rows, tried first, for reads whose generated examples rarely do.
KNOWN_ANSWER = {
    "warehouse.kpi.metrics.drill": {"touchpoint": "delivery", "by": "region", "col": "South"},
    # the fixture keeps a company report (1) and one of lin's scope, South (2)
    "warehouse.reports.build.list_reports": {},
    "warehouse.reports.improvements.overdue_items": {},
    "warehouse.reports.build.report_file": {"report_id": 2},
}
# Functions taking `viewer` that change data: never called by the property test.
SCOPED_WRITES = {
    "warehouse.alerting.alerts.acknowledge": "tested in test_permissions.py (dept_head within scope only)",
    "warehouse.access.auth.record_session_event": "audits a sign-out",
    "warehouse.access.preferences.set_language": "the viewer's own language choice, no data "
                                                 "(tests/access/test_preferences.py)",
    "warehouse.alerting.assignments.assign": "tested in tests/dashboard/test_alert_assign.py and "
    "tests/notify (scope checked like acknowledge)",
    "warehouse.reports.build.build_report": "writes the kept report; a department head's report "
                                            "is checked in tests/reports/test_report.py",
}
# Functions whose arguments replace a filter (a heatmap cell names its column value), so the
# admin view of F ∩ S is a different cell; their rows are still checked.
NO_EQUIVALENCE = {
    "warehouse.kpi.metrics.drill": "the cell's column value replaces the channel/region filter",
    "warehouse.kpi.complaints.repeat_complaints": "repeats count earlier in-scope tickets only",
    "warehouse.text.voc.contrast_keywords": "the background is every text the viewer may see, "
    "which for an admin is the whole company whatever the filters",
}
# A ticket is a repeat when the same customer complained before about the same category. For a
# dept_head only earlier tickets inside their scope count (nothing outside may shape what they
# see); an admin filtering the same region counts the customer's whole history. So these
# figures differ by design; test_repeat_rate_counts_only_in_scope_history checks them instead.
REPEAT_METRICS = {"repeat_rate_pct"}
DIMS = ("channel", "region")
EXAMPLES = 6  # per read function; each runs the function twice (dept_head and admin)
NOTHING = "∅ no such value"
CRAFTED = ["North' OR '1'='1", "' or 1=1 --", "%", "south%", "*", "South'); drop table users; --"]
SCOPE_CHANNELS = ["app", "web", "phone", "store", "kiosk"]
SCOPE_REGIONS = ["north", "south", "east", "west", "north' or '1'='1", "atlantis"]


def _modules():
    for info in pkgutil.walk_packages(warehouse.__path__, "warehouse."):
        if info.name in INFRA or info.name.startswith(("warehouse.cli", "warehouse.storage")):
            continue
        yield importlib.import_module(info.name)


def _public_functions():
    for module in _modules():
        for name, func in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            if func.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", func


def _read_functions() -> dict:
    return {
        path: func for path, func in _public_functions()
        if {"viewer", "db"} <= set(inspect.signature(func).parameters)
        and path not in SCOPED_WRITES
    }


READS = _read_functions()


def test_every_public_read_takes_the_viewer():
    missing = [
        path for path, func in _public_functions()
        if "db" in inspect.signature(func).parameters
        and "viewer" not in inspect.signature(func).parameters
        and path not in NOT_ROW_READS
    ]
    assert not missing, (
        "these warehouse functions read the warehouse but take no viewer, so no scope applies; "
        "add a required `viewer: Viewer` keyword, or list them in NOT_ROW_READS with the "
        f"reason they return no customer rows: {missing}"
    )
    for path, func in READS.items():
        param = inspect.signature(func).parameters["viewer"]
        assert param.default is inspect.Parameter.empty, f"{path}: viewer must be required"


def test_the_api_under_test_is_not_empty():
    assert {"warehouse.kpi.metrics.kpi_summary", "warehouse.kpi.catalog.filter_options"} <= set(READS)


# ------------------------------------------------------------------ arguments per function

filter_values = st.lists(st.sampled_from(["South", "north", " EAST ", "West", "atlantis"] + CRAFTED),
                         max_size=3)
channel_values = st.lists(st.sampled_from(["App", "web", "Phone ", "kiosk"] + CRAFTED), max_size=3)


@st.composite
def filters_strategy(draw) -> Filters:
    start = draw(st.none() | st.dates(date(2025, 6, 1), date(2026, 7, 31)))
    end = draw(st.none() | st.dates(start or date(2025, 6, 1), date(2026, 8, 31)))
    return Filters(
        start=start, end=end,
        channel=draw(channel_values), region=draw(filter_values),
        touchpoint=draw(st.lists(st.sampled_from(["delivery", "App", "payment", "x' or '1'='1"]),
                                 max_size=2)),
        segment=draw(st.lists(st.sampled_from(["VIP", "regular", "new"]), max_size=1)),
        category=draw(st.lists(st.sampled_from(["slow refund", "app bug"]), max_size=1)),
        severity=draw(st.lists(st.sampled_from(["low", "urgent"]), max_size=1)),
        exclude_suspect=draw(st.booleans()),
    )


@st.composite
def scope_strategy(draw) -> Viewer:
    channels = draw(st.lists(st.sampled_from(SCOPE_CHANNELS), max_size=2, unique=True))
    regions = draw(st.lists(st.sampled_from(SCOPE_REGIONS), max_size=2, unique=True,
                            min_size=0 if channels else 1))
    return Viewer("head", "dept_head", tuple(channels), tuple(regions))


def _metrics() -> list[str]:
    from warehouse.kpi.metrics import METRICS

    return sorted(METRICS)


# Values for parameters other than viewer/filters/db; a new required parameter needs an entry.
def _alert_ids(db) -> list[int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("select alert_id from alerts order by 1").fetchall()]
    finally:
        con.close()


def _extra_strategies(path: str, db) -> dict:
    by_dim = st.sampled_from(["channel", "region"])
    alert_id = st.sampled_from(_alert_ids(db) + [999_999])
    return {
        "warehouse.alerting.alerts.list_alerts": {
            "states": st.sampled_from([None, ("firing",), ("firing", "acknowledged")]),
        },
        "warehouse.alerting.alerts.alert_events": {"alert_id": alert_id},
        "warehouse.alerting.assignments.assignments": {"alert_id": alert_id},
        "warehouse.kpi.benchmarks.band": {
            "metric": st.sampled_from(["nps", "csat", "csat_pct", "first_response_minutes"]),
            "touchpoint": st.sampled_from([None, "delivery"]),
        },
        "warehouse.alerting.chart.control_chart": {"alert_id": alert_id},
        "warehouse.kpi.metrics.metric_series": {
            "metric": st.sampled_from(_metrics()),
            "grain": st.sampled_from(["day", "week", "month", "quarter"]),
        },
        "warehouse.kpi.metrics.touchpoint_matrix": {
            "metric": st.sampled_from(_metrics()), "by": st.sampled_from(["channel", "region", "week"]),
        },
        "warehouse.kpi.metrics.drill": {
            "touchpoint": st.sampled_from(["delivery", "App", "(none)"]), "by": by_dim,
            "col": st.sampled_from(["North", "South", "app", "(none)", CRAFTED[0]]),
        },
        "warehouse.kpi.complaints.search": {"text": st.sampled_from(["退款", "app", "", "' or '1'='1"])},
        "warehouse.kpi.complaints.search_count": {
            "text": st.sampled_from(["退款", "app", "", "' or '1'='1"]),
        },
        "warehouse.kpi.complaints.pareto": {"by": st.sampled_from(["category", "channel", "region"])},
        "warehouse.kpi.complaints.escalation_fcr": {"by": st.sampled_from(["channel", "region"])},
        "warehouse.access.audit.list_audit": {},
        "warehouse.reports.improvements.get_item": {"item_id": st.sampled_from([1, 2, 3, 4, 99])},
        "warehouse.reports.improvements.item_history": {
            "item_id": st.sampled_from([1, 2, 3, 4, 99])},
        "warehouse.reports.build.report_file": {"report_id": st.sampled_from([1, 2, 99])},
        "warehouse.reports.content.gather": {"quarter": st.sampled_from([
            Quarter(2026, 2), Quarter(2026, 1), Quarter(2024, 1)])},
        "warehouse.text.voc.keyword_weeks": {
            "keywords": st.sampled_from([("退款",), ("app", "delivery"), ("refund", "late")]),
        },
        "warehouse.kpi.benchmarks.forecast": {
            "metric": st.sampled_from(["nps", "csat", "ces"]),
            "touchpoint": st.sampled_from([None, "delivery"]),
        },
    }.get(path, {})


def _has_rows(result) -> bool:
    """Whether a read answered with something to check (a row, a value, an item)."""
    if isinstance(result, pd.DataFrame):
        return not result.empty
    if isinstance(result, dict):
        return any(_has_rows(v) if isinstance(v, (pd.DataFrame, dict, list, tuple)) else v is not None
                   for v in result.values())
    if isinstance(result, (list, tuple)):
        return len(result) > 0
    return result is not None and not isinstance(result, str)


def _call(func, viewer: Viewer, filters: Filters, db, extra: dict):
    params = inspect.signature(func).parameters
    kwargs = dict(extra)
    if "viewer" in params:
        kwargs["viewer"] = viewer
    if "filters" in params:
        kwargs["filters"] = filters
    if "db" in params:
        kwargs["db"] = db
    positional = [kwargs.pop(n) for n, p in params.items()
                  if p.kind is p.POSITIONAL_ONLY and n in kwargs]
    return func(*positional, **kwargs)


def _missing_required(func, extra: dict) -> list[str]:
    return [
        n for n, p in inspect.signature(func).parameters.items()
        if p.default is p.empty and n not in {"viewer", "filters", "db"} | set(extra)
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


# ------------------------------------------------------------------ checks

def _norm(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return str(value).strip().lower()


def _allowed(viewer: Viewer, dim: str) -> set[str]:
    return set(viewer.channels if dim == "channel" else viewer.regions)


def _dims_of(name: str, by: str | None) -> list[str]:
    """Which scope dimension a column or key holds (channel, channels, region, regions, col)."""
    name = str(name).lower()
    found = [d for d in DIMS if name in {d, f"{d}s", f"scope_{d}"}]
    if name in {"col", "group", "key"} and by in DIMS:
        found.append(by)
    return found


def _violations(result, viewer: Viewer, by: str | None, where: str = "result") -> list[str]:
    bad = []

    def check(dim: str, values, label: str) -> None:
        allowed = _allowed(viewer, dim)
        if not allowed:
            return  # this dimension is not restricted for this viewer
        for value in values:
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                key = _norm(item)
                if key in {"(none)", "", None} or key not in allowed:
                    bad.append(f"{label}: {dim} {item!r} outside {sorted(allowed)}")

    if isinstance(result, pd.DataFrame):
        if {"scope_dim", "scope_value"} <= set(result.columns):
            # an alert or risk item for one channel/region; company-wide ones are out of scope
            for dim in DIMS:
                values = [v if d == dim else None
                          for d, v in zip(result["scope_dim"], result["scope_value"])]
                check(dim, values, f"{where}[scope of {dim}]")
        for column in result.columns:
            for dim in _dims_of(column, by):
                check(dim, result[column].tolist(), f"{where}[{column!r}]")
    elif isinstance(result, dict):
        for key, value in result.items():
            dims = _dims_of(key, by)
            if dims and not isinstance(value, (dict, pd.DataFrame)):
                for dim in dims:
                    check(dim, value if isinstance(value, (list, tuple)) else [value],
                          f"{where}[{key!r}]")
            else:
                bad += _violations(value, viewer, by, f"{where}[{key!r}]")
    elif isinstance(result, (list, tuple)):
        for i, item in enumerate(result):
            bad += _violations(item, viewer, by, f"{where}[{i}]")
    elif hasattr(result, "__dataclass_fields__"):
        bad += _violations(vars(result), viewer, by, where)
    return bad[:5]


def _download_violations(result, viewer: Viewer, by: str | None) -> list[str]:
    """The CSV and XLSX a page offers for a frame, read back, hold the same in-scope rows."""
    from dashboard.components.downloads import csv_bytes, xlsx_bytes

    frames = [result] if isinstance(result, pd.DataFrame) else (
        [v for v in result.values() if isinstance(v, pd.DataFrame)] if isinstance(result, dict) else [])
    bad = []
    for frame in frames:
        back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", dtype=str,
                           keep_default_na=False)
        back = back.replace({"": None})
        assert len(back) == len(frame)
        bad += _violations(back, viewer, by, "CSV download")
        sheet = pd.read_excel(io.BytesIO(xlsx_bytes(frame)), dtype=str)
        assert len(sheet) == len(frame)
        bad += _violations(sheet, viewer, by, "XLSX download")
    return bad


def intersect(filters: Filters, viewer: Viewer) -> Filters:
    """The filters an admin would use to see exactly what VIEWER may see of FILTERS."""
    changes = {}
    for dim in DIMS:
        allowed = _allowed(viewer, dim)
        if not allowed:
            continue
        asked = set(getattr(filters, dim))
        both = (asked & allowed) if asked else allowed
        changes[dim] = tuple(sorted(both)) or (NOTHING,)
    return filters.with_(**changes)


def _sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    order = frame.astype(str).sort_values(list(frame.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def assert_same(a, b, where: str = "result") -> None:
    if isinstance(a, pd.DataFrame):
        assert isinstance(b, pd.DataFrame), where
        assert list(a.columns) == list(b.columns), where
        pd.testing.assert_frame_equal(_sorted_frame(a), _sorted_frame(b), check_dtype=False,
                                      obj=where)
    elif isinstance(a, dict):
        assert set(a) == set(b), where
        for key in set(a) - REPEAT_METRICS:
            assert_same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (
            f"{where}: {a} != {b}")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def _is_refusal(exc: Exception) -> bool:
    """PermissionDenied, or a user-facing error class of the warehouse (e.g. AlertError)."""
    return isinstance(exc, PermissionDenied) or type(exc).__module__.startswith("warehouse.")


@pytest.fixture(scope="module")
def read_db(scope_db, tmp_path_factory):
    """A private copy, in case a read function creates its tables on first use, with improvement
    items and kept reports of several scopes."""
    from warehouse.access.scope import SYSTEM
    from warehouse.reports import improvements
    from warehouse.reports.build import build_report

    path = tmp_path_factory.mktemp("scope_reads") / "scope.duckdb"
    shutil.copy(scope_db, path)
    for channels, regions in (((), ()), ((), ("South",)), (("App",), ()), (("App",), ("North",))):
        improvements.create_item(title="item", user=SYSTEM, db=path, due_date="2026-01-01",
                                 selection=improvements.Selection(channels=channels,
                                                                  regions=regions))
    for viewer in (SYSTEM, Viewer("lin", "dept_head", regions=("South",))):
        build_report("2026Q2", viewer, "en", "xlsx", db=path, by="test")
    return path


@pytest.mark.parametrize("path", sorted(READS))
def test_reads_return_only_in_scope_rows(path, read_db):
    func = READS[path]
    strategies = _extra_strategies(path, read_db)
    missing = _missing_required(func, strategies)
    assert not missing, f"{path}: give the property test example values for {missing}"
    equivalence = "filters" in inspect.signature(func).parameters and path not in NO_EQUIVALENCE
    answered = []

    known = [example(viewer=Viewer("lin", "dept_head", regions=("South",)), filters=Filters(),
                     extra=KNOWN_ANSWER[path])] if path in KNOWN_ANSWER else []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(viewer=scope_strategy(), filters=filters_strategy(),
           extra=st.fixed_dictionaries(strategies))
    def check(viewer, filters, extra):
        try:
            scoped = _call(func, viewer, filters, read_db, extra)
        except Exception as exc:  # re-raised below unless it is a refusal the UI shows
            if not _is_refusal(exc):
                raise
            return  # nothing shown at all
        answered.append(_has_rows(scoped))
        by = extra.get("by")
        assert not _violations(scoped, viewer, by), _violations(scoped, viewer, by)
        assert not _download_violations(scoped, viewer, by)
        if equivalence and extra.get("metric") not in REPEAT_METRICS:
            admin = _call(func, Viewer("root", "admin"), intersect(filters, viewer), read_db, extra)
            assert_same(scoped, admin, path)

    for add in known:
        check = add(check)
    check()
    # A check over empty answers only would pass whatever the scope did (a read every generated
    # viewer is refused, such as the audit log, answers nobody here: nothing to check).
    assert any(answered) or not answered or path in EMPTY_IN_FIXTURE, (
        f"{path}: no generated example returned rows; widen its example values")


# ------------------------------------------------------------------ independent counts

def _raw(db, table: str) -> pd.DataFrame:
    sql = {"complaints": "select * from complaints", "responses": "select * from survey_responses"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql[table]).df()
    finally:
        con.close()


def _in(series: pd.Series, values) -> pd.Series:
    return series.fillna("\0").astype(str).str.strip().str.lower().isin(set(values))


def pandas_count(frame: pd.DataFrame, time_col: str, filters: Filters, viewer: Viewer) -> int:
    keep = pd.Series(True, index=frame.index)
    if filters.start:
        keep &= frame[time_col] >= pd.Timestamp(filters.start)
    if filters.end:
        keep &= frame[time_col] < pd.Timestamp(filters.end + timedelta(days=1))
    for dim in ("channel", "region", "touchpoint", "category", "severity"):
        values = getattr(filters, dim)
        if values and dim in frame.columns:
            keep &= _in(frame[dim], values)
    if viewer.scoped:
        if not (viewer.channels or viewer.regions):
            return 0
        if viewer.channels:
            keep &= _in(frame["channel"], viewer.channels)
        if viewer.regions:
            keep &= _in(frame["region"], viewer.regions)
    return int(keep.sum())


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(viewer=scope_strategy(), filters=filters_strategy())
def test_kpi_counts_equal_an_independent_count_of_in_scope_rows(read_db, viewer, filters):
    from warehouse.kpi.metrics import kpi_values

    filters = filters.with_(segment=(), exclude_suspect=False)
    got = kpi_values(filters=filters, viewer=viewer, db=read_db)
    complaints = pandas_count(_raw(read_db, "complaints"), "created_at", filters, viewer)
    only_complaint_filters = filters.category or filters.severity
    assert (got["complaints"] or 0) == complaints
    if not only_complaint_filters:
        responses = pandas_count(_raw(read_db, "responses"), "submitted_at",
                                 filters.with_(category=(), severity=()), viewer)
        assert (got["responses"] or 0) == responses


def test_south_head_sees_south_rows_however_they_are_written_and_nothing_else(read_db):
    from warehouse.kpi.metrics import drill, kpi_values

    south = Viewer("lin", "dept_head", regions=("South",))
    raw = _raw(read_db, "complaints")
    spelled = raw["region"].fillna("").str.strip().str.lower() == "south"
    assert set(raw.loc[spelled, "region"]) == {"South", " south "}  # the fixture mixes spellings
    assert kpi_values(filters=Filters(), viewer=south, db=read_db)["complaints"] == int(spelled.sum())
    # Asking for another region is an empty answer, not an error.
    north = kpi_values(filters=Filters(region=("North",)), viewer=south, db=read_db)
    assert not north["complaints"] and not north["responses"]
    cell = drill("delivery", by="region", col="North", filters=Filters(), viewer=south, db=read_db)
    assert cell["responses"].empty and cell["complaints"].empty
    assert cell["responses_total"] == cell["complaints_total"] == 0


def test_crafted_filter_values_match_nothing_but_their_literal_rows(read_db):
    from warehouse.kpi.metrics import kpi_values

    admin = Viewer("root", "admin")
    raw = _raw(read_db, "complaints")
    literal = int((raw["region"] == "North' OR '1'='1").sum())
    assert literal > 0  # a real row carries that text as its region
    got = kpi_values(filters=Filters(region=("North' OR '1'='1",)), viewer=admin, db=read_db)
    assert got["complaints"] == literal < len(raw)
    for crafted in CRAFTED[1:]:
        got = kpi_values(filters=Filters(region=(crafted,)), viewer=admin, db=read_db)
        assert not got["complaints"] and not got["responses"]


def test_kpis_for_a_user_answer_with_that_users_scope(read_db, tmp_path):
    from warehouse import kpis
    from warehouse.access import auth

    db = tmp_path / "kpis.duckdb"
    shutil.copy(read_db, db)
    auth.add_user("lin", "dept_head", password="south-head-pw", regions=["South"], db=db, by="system")
    raw = _raw(db, "complaints")
    south = int((raw["region"].fillna("").str.strip().str.lower() == "south").sum())
    assert kpis(db=db, user="lin")["complaints"] == south
    assert kpis(db=db, user="lin", region=["North"])["complaints"] in (0, None)
    assert kpis(db=db)["complaints"] == len(raw)


def pandas_repeat_rate(frame: pd.DataFrame, viewer: Viewer, start: date | None) -> float:
    """Repeat share (%) of in-scope tickets from START, counting earlier in-scope tickets only."""
    scoped = frame[_in(frame["region"], viewer.regions)].copy()
    scoped["category_key"] = scoped["category"].fillna("").str.strip().str.lower()
    scoped = scoped.sort_values("created_at")
    scoped["previous_at"] = scoped.groupby(["customer_id", "category_key"])["created_at"].shift()
    gap = (scoped["created_at"] - scoped["previous_at"]).dt.total_seconds()
    scoped["repeat"] = (gap <= 30 * 86400) & (scoped["category_key"] != "") & scoped[
        "customer_id"].fillna("").str.strip().ne("")
    if start:
        scoped = scoped[scoped["created_at"] >= pd.Timestamp(start)]
    return 100.0 * scoped["repeat"].sum() / len(scoped)


@pytest.mark.parametrize("start", [None, date(2026, 3, 1)])
def test_repeat_rate_counts_only_in_scope_history(read_db, start):
    from warehouse.kpi.metrics import kpi_values

    south = Viewer("lin", "dept_head", regions=("south",))
    got = kpi_values(filters=Filters(start=start), viewer=south, db=read_db)["repeat_rate_pct"]
    expected = pandas_repeat_rate(_raw(read_db, "complaints"), south, start)
    assert got == pytest.approx(expected, rel=1e-9)
