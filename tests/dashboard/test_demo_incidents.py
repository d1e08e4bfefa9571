"""The demo year's scripted incidents (README, "The demo data") are findable on the monitoring pages."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd

# The README's demo section, with the demo ending 2026-06-30: delivery breakdown in East 2026-04-16..25
# (product Air Conditioner K5, phone answer times), App release bug 2026-05-21..06-03,
# refunds degrading 2025-12-12..2026-04-10, BrightHome ahead on delivery from 2026-03.
INCIDENT_RULES = {
    "Complaints about one product within 24 h": "Air Conditioner K5",
    "Average answer time in service channels (minutes)": "Phone",
    "Negative-review rate of a channel vs previous period (%)": "App",
    "A metric below its baseline by 20 % (periods in a row)": "returns/refunds",
}


def _clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _values(array):
    """A plotly JSON array: a list, or a typed array {"dtype", "bdata"} (base64)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return array


def _tables(at) -> pd.DataFrame:
    return pd.concat([d.value for d in at.dataframe if d.value.columns[0] == "#"])


def test_each_incident_has_its_alert_on_the_alerts_page(app_test, incidents_db):
    at = app_test(incidents_db)
    at.run()
    at.switch_page("pages/alerts.py").run()
    _clean(at)
    alerts = _tables(at)
    for rule, scope in INCIDENT_RULES.items():
        found = alerts[(alerts["Rule"] == rule) & alerts["Scope"].str.contains(scope, regex=False)]
        assert len(found), f"{rule} · {scope}"
    competitor = alerts[alerts["Scope"].str.contains("delivery") & alerts["Rule"].str.contains(
        "competitor")]
    assert len(competitor)


def test_the_competitor_incident_is_an_open_alert_on_the_overview(app_test, incidents_db):
    at = app_test(incidents_db, query={"preset": "year"})
    at.run()
    _clean(at)
    open_alerts = _tables(at)
    assert (open_alerts["Scope"].str.contains("delivery")
            & open_alerts["Rule"].str.contains("competitor")).any()


def test_the_complaints_trend_on_the_overview_peaks_in_the_delivery_breakdown(app_test,
                                                                             incidents_db):
    at = app_test(incidents_db, query={"preset": "year", "region": ["East"]})
    at.run()
    _clean(at)
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend = next(f for f in figures if f["layout"]["title"]["text"] == "Complaints")
    # the whole weeks' line (beside it: the partial last week and the line that joins them)
    line = next(t for t in trend["data"] if t.get("name") == "Complaints")
    weeks, counts = _values(line["x"]), np.asarray(_values(line["y"]), dtype=float)
    peak = str(weeks[int(np.nanargmax(counts))])[:10]
    assert "2026-04-13" <= peak <= "2026-04-20"


def test_touchpoints_drill_from_the_worst_cell_to_the_delivery_complaints(app_test,
                                                                          incidents_db):
    at = app_test(incidents_db, query={"preset": "year", "region": ["East"]})
    at.run()
    at.switch_page("pages/touchpoints.py").run()
    at.selectbox(key="tp_metric").set_value("complaints").run()
    at.button_group(key="tp_by").set_value("week").run()
    _clean(at)
    worst = at.selectbox(key="tp_cell").options[0]
    assert worst.startswith(("delivery · 2026-04-1", "delivery · 2026-04-20"))
    at.selectbox(key="tp_cell").set_value(at.selectbox(key="tp_cell").options[0]
                                          .split(" — ")[0].replace(" · ", "\u241f")).run()
    _clean(at)
    complaints = next(d.value for d in at.dataframe if d.value.columns[0] == "description")
    assert (complaints["category"] == "delivery delay").mean() > 0.5
    assert (complaints["region"] == "East").all()


def test_the_risk_matrix_puts_delivery_in_east_first_and_in_act_now(app_test, incidents_db):
    at = app_test(incidents_db, query={"start": "2026-04-16", "end": "2026-04-25"})
    at.run()
    at.switch_page("pages/risk_matrix.py").run()
    _clean(at)
    picker = at.selectbox(key="rm_item")
    assert picker.options[0].startswith("delivery × East")


def test_an_incident_alert_shows_its_control_chart_with_the_breaching_points(app_test,
                                                                            incidents_db):
    from warehouse.access.scope import SYSTEM
    from warehouse.alerting.alerts import list_alerts

    alerts = list_alerts(viewer=SYSTEM, db=incidents_db)
    spike = alerts[(alerts["rule"] == "complaints_per_product_24h")
                   & alerts["scope"].str.contains("Air Conditioner K5")].iloc[0]
    at = app_test(incidents_db)
    at.run()
    at.switch_page("pages/alerts.py").run()
    at.selectbox(key="al_pick").set_value(int(spike["id"])).run()
    _clean(at)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace.get("name") for trace in chart["data"]]
    assert {"value", "centre line", "control limits", "breaching points"} <= set(names)
    breaches = next(tr for tr in chart["data"] if tr.get("name") == "breaching points")
    assert len(_values(breaches["x"])) >= 1
    events = [d.value for d in at.dataframe if d.value.columns[0] != "#"]
    assert events and len(events[0]) >= 1  # opened (and resolved) events of this alert
