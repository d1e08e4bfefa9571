"""Every page in Chromium on the demo warehouse, both languages: no exception, no error box."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser
# Pages that always draw a chart on the demo data; the walk waits for it before the screenshot.
CHARTED = ("overview", "touchpoints", "risk-matrix")
CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg'


def _nav_links(page) -> list[tuple[str, str]]:
    """(title, url path) of every sidebar page link, in order."""
    links = page.locator('[data-testid="stSidebarNav"] a').all()
    titles = [link.inner_text().strip().splitlines()[-1].strip() for link in links]
    paths = [urlparse(link.get_attribute("href")).path.strip("/") or "overview" for link in links]
    return list(zip(titles, paths, strict=True))


def test_every_page_opens_cleanly_in_both_languages(app_server, browser_db, page, open_page,
                                                    sign_in, go_to, problems, screenshot):
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=en")  # English first, whatever root chose before
    sign_in(page, "root")
    seen = {}
    for lang, switch in (("en", None), ("zh-CN", "中文")):
        if switch:
            page.locator('[data-testid="stSidebar"]').get_by_role("radio", name=switch).click()
            page.locator('[data-testid="stSidebarNav"] a').filter(has_text="总览").wait_for()
        links = _nav_links(page)
        assert len(links) >= 4
        for title, path in links:
            go_to(page, title)
            assert problems(page) == [], f"{lang} {path}"
            if path in CHARTED:
                page.locator(CHART).first.wait_for(state="visible")
            screenshot(page, f"{lang}-{path}")
            seen.setdefault(path, []).append(page.locator("h1").first.inner_text())
    expected = {"overview", "touchpoints", "risk-matrix", "alerts", "complaints", "customers",
                "benchmarks", "data", "settings", "users", "audit"}
    assert expected <= set(seen), sorted(expected - set(seen))
    # every page's heading differs between the languages
    assert all(len(set(headings)) == 2 for headings in seen.values()), seen


def test_a_copied_link_opens_the_same_view(app_server, browser_db, page, open_page, sign_in,
                                           problems):
    url = app_server(browser_db)
    open_page(page, f"{url}/touchpoints?region=North&preset=last_30&lang=en")
    sign_in(page, "ana")
    page.get_by_role("heading", name="Touchpoints", level=1).wait_for()
    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    assert "North" in region.inner_text()
    assert re.search(r"region=North", page.url) and "preset=last_30" in page.url
    assert problems(page) == []


def test_clicking_a_heatmap_cell_drills_to_its_complaints(app_server, browser_db, page, open_page,
                                                          sign_in, problems, screenshot):
    url = app_server(browser_db)
    open_page(page, f"{url}/touchpoints?region=East&preset=year&lang=en")
    sign_in(page, "ana")
    page.get_by_role("heading", name="Touchpoints", level=1).wait_for()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    # the clickable markers sit on the cells; find the delivery cell of the breakdown's week
    index = page.evaluate("""() => {
        const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const trace = gd.data.find(t => t.type === 'scatter' && t.customdata && t.hovertext);
        return trace.customdata.findIndex(c => c[0] === 'delivery' && c[1] === 'East'); }""")
    assert index >= 0
    cells = chart.locator(".scatterlayer .trace").first.locator("path.point")
    cells.nth(index).click(force=True)
    page.get_by_role("heading", name="Behind delivery · East").wait_for()
    page.get_by_role("tab", name=re.compile(r"^Complaints \(\d+")).wait_for()
    table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    table.wait_for()
    table.scroll_into_view_if_needed()
    assert "description" in table.inner_text() or table.locator("canvas").count()
    assert problems(page) == []
    screenshot(page, "en-touchpoints-drill")
