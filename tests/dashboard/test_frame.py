"""The frame in AppTest: every page in both languages, URL filters, filters kept across pages."""

from __future__ import annotations

import duckdb
import pytest

PAGES = {
    "pages/overview.py": ("Overview", "总览"),
    "pages/touchpoints.py": ("Touchpoints", "触点分析"),
    "pages/risk_matrix.py": ("Risk matrix", "风险矩阵"),
    "pages/alerts.py": ("Alerts", "预警"),
}


def _clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_every_monitoring_page_renders_in_both_languages(app_test, tiny_db, lang):
    at = app_test(tiny_db, lang=lang)
    at.run()
    _clean(at)
    for page, titles in PAGES.items():
        at.switch_page(page).run()
        _clean(at)
        assert at.title[0].value == titles[lang == "zh-CN"]


def test_language_switch_changes_the_text_and_the_url(app_test, tiny_db):
    at = app_test(tiny_db)
    at.run()
    assert at.title[0].value == "Overview"
    at.button_group(key="lang_switch").set_value("zh-CN").run()
    _clean(at)
    assert at.title[0].value == "总览"
    assert at.multiselect(key="f_region").label == "区域"
    assert at.query_params["lang"] == "zh-CN"


def test_a_link_opens_the_same_view_and_bad_values_are_ignored_with_a_notice(app_test, tiny_db):
    at = app_test(tiny_db, query={"region": ["north"], "channel": ["Bogus"],
                                  "preset": "last_30"})
    at.run()
    _clean(at)
    assert at.multiselect(key="f_region").value == ["North"]  # matched case-insensitively
    assert at.multiselect(key="f_channel").value == []
    assert at.selectbox(key="f_preset").value == "last_30"
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "Bogus" in notices
    assert at.query_params["region"] == "North"
    assert at.query_params["preset"] == "last_30"
    assert "channel" not in at.query_params


def test_crafted_dates_in_a_link_are_ignored_not_an_error(app_test, tiny_db):
    at = app_test(tiny_db, query={"start": "2026-13-45", "end": "x' OR '1'='1"})
    at.run()
    _clean(at)
    assert "YYYY-MM-DD" in " ".join(w.value for w in at.sidebar.warning)
    assert at.selectbox(key="f_preset").value == "last_90"


def test_custom_dates_from_a_link_round_trip(app_test, tiny_db):
    at = app_test(tiny_db, query={"start": "2026-06-01", "end": "2026-06-14"})
    at.run()
    _clean(at)
    assert at.selectbox(key="f_preset").value == "custom"
    assert at.query_params["start"] == "2026-06-01"
    assert at.query_params["end"] == "2026-06-14"


def test_filters_are_kept_when_switching_pages(app_test, tiny_db):
    at = app_test(tiny_db)
    at.run()
    at.multiselect(key="f_region").set_value(["South"]).run()
    at.switch_page("pages/touchpoints.py").run()
    _clean(at)
    assert at.multiselect(key="f_region").value == ["South"]
    assert at.query_params["region"] == "South"
    at.switch_page("pages/overview.py").run()
    assert at.multiselect(key="f_region").value == ["South"]


def test_reset_clears_the_filters(app_test, tiny_db):
    at = app_test(tiny_db, query={"region": ["South"], "preset": "all"})
    at.run()
    at.button(key="f_reset").click().run()
    _clean(at)
    assert at.multiselect(key="f_region").value == []
    assert at.selectbox(key="f_preset").value == "last_90"


def test_a_department_head_only_gets_their_regions_and_a_crafted_link_shows_nothing_else(app_test, tiny_db):
    at = app_test(tiny_db, user="sam", query={"region": ["North"]})
    at.run()
    _clean(at)
    assert at.multiselect(key="f_region").options == ["South"]
    assert at.multiselect(key="f_region").value == []
    assert "North" in " ".join(w.value for w in at.sidebar.warning)
    at.switch_page("pages/alerts.py").run()
    _clean(at)
    # the only open alert is on North: a South head does not see it
    assert not any("North" in str(df.value.to_csv()) for df in at.dataframe)


def test_admin_only_pages_are_listed_only_for_admins(app_test, tiny_db):
    at = app_test(tiny_db, user="mia")
    at.run()
    _clean(at)
    with pytest.raises(ValueError):
        at.switch_page("pages/audit.py")


def test_empty_warehouse_shows_the_start_page(app_test, tmp_path):
    db = tmp_path / "empty.duckdb"
    from warehouse.access.auth import add_user

    add_user("root", "admin", password="empty-test-pass-1", db=db, by="test")
    at = app_test(db)
    at.run()
    _clean(at)
    assert at.title[0].value == "Welcome to CX Risk Monitor"
    assert at.button(key="start_load_demo")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from survey_responses").fetchone()[0] == 0


def test_switching_language_keeps_every_choice(app_test, tiny_db):
    at = app_test(tiny_db, query={"preset": "last_30", "region": ["South"]})
    at.run()
    at.switch_page("pages/touchpoints.py").run()
    at.selectbox(key="tp_metric").set_value("nps").run()
    at.button_group(key="tp_by").set_value("channel").run()
    at.button_group(key="lang_switch").set_value("zh-CN").run()
    _clean(at)
    assert at.title[0].value == "触点分析"
    assert at.selectbox(key="f_preset").value == "last_30"
    assert at.multiselect(key="f_region").value == ["South"]
    assert at.selectbox(key="tp_metric").value == "nps"
    assert at.button_group(key="tp_by").value == "channel"


def test_page_choices_are_kept_after_visiting_another_page(app_test, tiny_db):
    at = app_test(tiny_db)
    at.run()
    at.switch_page("pages/touchpoints.py").run()
    at.selectbox(key="tp_metric").set_value("ces").run()
    at.switch_page("pages/alerts.py").run()
    at.switch_page("pages/touchpoints.py").run()
    _clean(at)
    assert at.selectbox(key="tp_metric").value == "ces"


def test_the_start_page_loads_the_demo_year_and_opens_the_monitoring_pages(app_test, tmp_path,
                                                                        monkeypatch):
    from warehouse.access.auth import add_user

    monkeypatch.setenv("CXRISK_REJECTS_DIR", str(tmp_path / "rejects"))
    db = tmp_path / "first-run.duckdb"
    add_user("ana", "analyst", password="first-run-pass-1", db=db, by="test")
    at = app_test(db, user="ana")
    at.run()
    at.button(key="start_load_demo").click().run(timeout=180)
    _clean(at)
    assert at.title[0].value == "Overview"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from complaints").fetchone()[0] > 1000


def test_a_manager_on_an_empty_warehouse_is_told_whom_to_ask(app_test, tmp_path):
    from warehouse.access.auth import add_user

    db = tmp_path / "empty.duckdb"
    add_user("mia", "manager", password="empty-test-pass-1", db=db, by="test")
    at = app_test(db, user="mia")
    at.run()
    _clean(at)
    assert "start_load_demo" not in [b.key for b in at.button]
    assert "analyst" in at.info[0].value
