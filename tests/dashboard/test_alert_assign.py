"""Alerts page: a message's link opens its alert; an analyst assigns it as a work order."""

from __future__ import annotations

from warehouse.access.scope import Viewer
from warehouse.alerting import assignments


def test_a_link_opens_the_alert_and_it_can_be_assigned(tiny_db, app_test):
    at = app_test(tiny_db, "ana", query={"lang": "en", "alert": "901"}).run()
    at.switch_page("pages/alerts.py").run()
    assert not at.exception
    assert at.selectbox(key="al_pick").value == 901

    at.text_input(key="al_assign_owner_901").set_value("north-team")
    at.text_area(key="al_assign_note_901").set_value("call back every customer")
    at.button(key="FormSubmitter:al_assign_form_901-Assign").click().run()
    assert not at.exception and not at.error
    orders = assignments.assignments(901, viewer=Viewer("ana", "analyst"), db=tiny_db)
    assert list(orders["owner"]) == ["north-team"]
    assert list(orders["note"]) == ["call back every customer"]
    assert list(orders["assigned_by"]) == ["ana"]


def test_a_link_to_an_alert_outside_the_scope_opens_nothing(tiny_db, app_test):
    at = app_test(tiny_db, "sam", query={"lang": "en", "alert": "901"}).run()  # sam: South
    at.switch_page("pages/alerts.py").run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "al_pick" and s.value == 901]
