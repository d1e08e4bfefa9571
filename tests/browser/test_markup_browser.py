"""Text from loaded files is shown as text: a category written as markdown, a Streamlit colour
directive and an image link renders literally on every page, and the image is never fetched."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.browser
HOSTILE = "![x](http://evil.invalid/px.png) **bold** :red[RED] <b>tag</b>"
PASSWORD = "browser-test-pass-1"


@pytest.fixture(scope="module")
def hostile_db(demo_db_master, tmp_path_factory):
    """The demo year plus 80 recent tickets whose category and text are hostile markup."""
    from pipelines.ingest import ingest_file
    from warehouse.access.auth import add_user

    folder = tmp_path_factory.mktemp("markup")
    path = folder / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    csv = folder / "hostile.csv"
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    lines = ["ticket_id,created_at,channel,region,touchpoint,category,severity,status,description"]
    for i in range(80):
        day = date(2026, 6, 1) + timedelta(days=i % 29)
        lines.append(f"HX{i:04d},{day} 10:{i % 60:02d},App,East,delivery,{quoted},high,open,{quoted}")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_file("complaints", csv, db=path)
    add_user("root", "admin", password=PASSWORD, db=path, by="test")
    return path


def _item_id(db) -> str:
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.risk.matrix import risk_items

    items = risk_items(filters=Filters(start=date(2026, 4, 2), end=date(2026, 6, 30)),
                       viewer=SYSTEM, db=db)
    hostile = items["label"].str.lower() == HOSTILE.lower()
    assert hostile.any(), "the hostile category did not become a risk item"
    return str(items.loc[hostile, "item_id"].iloc[0])


def test_hostile_markup_from_data_renders_as_text_and_fetches_nothing(
        app_server, hostile_db, page, open_page, sign_in, problems, screenshot):
    fetched: list[str] = []

    def watch(route) -> None:
        if urlsplit(route.request.url).hostname == "evil.invalid":
            fetched.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.context.route("**/*", watch)
    url = app_server(hostile_db)
    item = quote(_item_id(hostile_db))
    open_page(page, f"{url}/risk-matrix?lang=en&item={item}", heading="Sign in · 登录")
    sign_in(page, "root")
    pages = {
        "risk-matrix": f"{url}/risk-matrix?lang=en&item={item}",
        "touchpoints": f"{url}/touchpoints?lang=en&by=region&cell=delivery|East",
        "complaints": f"{url}/complaints?lang=en&q=evil",
    }
    for name, address in pages.items():
        open_page(page, address)
        page.wait_for_timeout(2000)
        assert problems(page) == [], name
        screenshot(page, f"markup-{name}")
        main = page.locator('[data-testid="stMain"]')
        assert main.locator('img[src*="evil"]').count() == 0, name
        # nothing of the value turned into bold text or a coloured span
        assert main.locator("strong", has_text=re.compile(r"^bold$")).count() == 0, name
        assert main.locator("b", has_text=re.compile(r"^tag$")).count() == 0, name
        assert main.locator("span", has_text=re.compile(r"^RED$")).count() == 0, name
    # the item's heading shows the value as it was loaded
    open_page(page, pages["risk-matrix"])
    page.get_by_role("heading", name=HOSTILE).wait_for()
    assert fetched == [], f"the page fetched {fetched}"
