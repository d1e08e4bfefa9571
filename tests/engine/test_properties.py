"""Properties over random filter requests and scopes: ranges hold, filters never enlarge."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import metrics

CHANNELS = ["App", "Store", "Web", "Phone", "Fax"]
REGIONS = ["North", "South", "East", "West"]
TOUCHPOINTS = ["app", "store", "website", "delivery", "phone hotline"]
SEGMENTS = ["VIP", "regular", "new"]
COUNTS = ("responses", "complaints")
DAY0 = date(2025, 3, 1)

filter_requests = st.builds(
    Filters,
    start=st.one_of(st.none(), st.integers(0, 120).map(lambda d: DAY0 + timedelta(days=d))),
    end=st.one_of(st.none(), st.integers(0, 130).map(lambda d: DAY0 + timedelta(days=d))),
    channel=st.lists(st.sampled_from(CHANNELS), max_size=2),
    region=st.lists(st.sampled_from(REGIONS), max_size=2),
    touchpoint=st.lists(st.sampled_from(TOUCHPOINTS), max_size=2),
    segment=st.lists(st.sampled_from(SEGMENTS), max_size=1),
    exclude_suspect=st.booleans(),
)
scopes = st.builds(
    Viewer,
    name=st.just("head"),
    role=st.just("dept_head"),
    channels=st.lists(st.sampled_from(CHANNELS), max_size=2),
    regions=st.lists(st.sampled_from(REGIONS), max_size=2),
)
PROPERTY = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(filters=filter_requests)
def test_scores_stay_in_range(golden_master, filters):
    values = metrics.kpi_values(filters=filters, viewer=SYSTEM, db=golden_master)
    for key, low, high in (("nps", -100, 100), ("csat_pct", 0, 100), ("negative_rate_pct", 0, 100),
                           ("sla_first_response_pct", 0, 100), ("repeat_rate_pct", 0, 100),
                           ("fcr_pct", 0, 100), ("csi", 0, 100), ("ces", 1, 7)):
        assert values[key] is None or low - 1e-9 <= values[key] <= high + 1e-9, key


@PROPERTY
@given(filters=filter_requests, extra_region=st.sampled_from(REGIONS),
       extra_touchpoint=st.sampled_from(TOUCHPOINTS))
def test_adding_a_filter_never_enlarges_counts(golden_master, filters, extra_region,
                                               extra_touchpoint):
    base = metrics.kpi_values(filters=filters, viewer=SYSTEM, db=golden_master)
    narrower = [
        filters.with_(region=filters.region or (extra_region,)),
        filters.with_(touchpoint=filters.touchpoint or (extra_touchpoint,)),
        filters.with_(exclude_suspect=True),
    ]
    for narrow in narrower:
        values = metrics.kpi_values(filters=narrow, viewer=SYSTEM, db=golden_master)
        for key in COUNTS:
            # None: the window holds no data of that source, whatever the filters
            assert (values[key] is None) == (base[key] is None), (key, narrow)
            assert (values[key] or 0) <= (base[key] or 0), (key, narrow)


@PROPERTY
@given(viewer=scopes, filters=filter_requests)
def test_scoped_reads_hold_only_rows_in_scope(golden_master, viewer, filters):
    cells = metrics.touchpoint_matrix("complaints", by="region", filters=filters, viewer=viewer,
                                      db=golden_master)
    allowed_regions = set(viewer.regions)
    if not viewer.channels and not viewer.regions:
        assert cells.empty
    if allowed_regions:
        assert {c.lower() for c in cells["col"]} <= allowed_regions
    for touchpoint, col in list(zip(cells["touchpoint"], cells["col"]))[:4]:
        rows = metrics.drill(touchpoint, by="region", col=col, filters=filters,
                             viewer=viewer, db=golden_master)
        for frame in (v for v in rows.values() if hasattr(v, "columns")):  # counts ride along
            for channel, region in zip(frame["channel"], frame["region"]):
                assert not viewer.channels or str(channel).lower() in viewer.channels
                assert not viewer.regions or str(region).lower() in viewer.regions
    # The scoped total never exceeds the unscoped one.
    scoped = metrics.kpi_values(filters=filters, viewer=viewer, db=golden_master)
    everyone = metrics.kpi_values(filters=filters, viewer=SYSTEM, db=golden_master)
    for key in COUNTS:
        assert (scoped[key] or 0) <= (everyone[key] or 0)
