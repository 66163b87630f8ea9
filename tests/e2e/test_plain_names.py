"""A workspace name is shown as written, everywhere (#13 item 11): markdown in it never becomes a link, bold text
or an image fetched from elsewhere in every member's browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.db import LOCAL_USER, Database
from lib.workspaces import ensure_workspace
from tests.support.browser import open_page, settle, shoot

HOSTILE = "[x](https://evil.test) ![i](https://evil.test/i.png) **b**"


@pytest.fixture(scope="module")
def hostile_slug(server, database_of_server):
    database = Database(database_of_server)
    try:
        ensure_workspace(database, LOCAL_USER, "mon-domaine", "Mon domaine")
        ensure_workspace(database, LOCAL_USER, "hostile", HOSTILE)
    finally:
        database.close()
    return "hostile"


def _nothing_rendered_from_the_name(page) -> None:
    assert page.locator("a[href*='evil.test']").count() == 0
    assert page.locator("img[src*='evil.test']").count() == 0
    assert "b" not in [text.strip() for text in page.locator("strong").all_inner_texts()]


def test_a_workspace_name_with_markdown_is_shown_as_written(server, hostile_slug, page, tmp_path_factory):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/?ws={hostile_slug}")
    expect(page.locator("h1").first).to_contain_text("evil.test", timeout=30_000)
    settle(page)
    # as written (an invisible word joiner after « https: » keeps the address from becoming a link)
    assert HOSTILE in page.locator("h1").first.inner_text().replace("\u2060", "")
    _nothing_rendered_from_the_name(page)
    expect(page.get_by_test_id("stSidebar").locator(".st-key-workspace_picker").get_by_role("combobox")
           ).to_have_value(HOSTILE)
    shoot(page, tmp_path_factory.mktemp("names"), "home-hostile-name")
    for name in ("Équipe", "Réglages", "Communautés & liens", "Conversions"):
        open_page(page, name)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        _nothing_rendered_from_the_name(page)
    assert not [url for url in requested if "evil.test" in url]
