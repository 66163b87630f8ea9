"""The marketer's whole journey holds (issue #12): the workspace and the language chosen in a browser stay the
same across page changes and a reload, with the same figures on screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.browser import expect_sidebar_choice, open_page, pick_in_sidebar, settle, shoot

DEMO = "Domaine des Coteaux (démo)"


def _contacts_figure(page) -> int:
    metric = page.get_by_test_id("stMetric").filter(has_text=re.compile("^(Contacts)")).first
    expect(metric).to_be_visible(timeout=60_000)
    return int(re.sub(r"\D", "", metric.get_by_test_id("stMetricValue").inner_text()))


def _assert_demo_workspace(page, language: str = "fr") -> None:
    expect_sidebar_choice(page, "workspace_picker", DEMO)
    expect_sidebar_choice(page, "language_picker", "English" if language == "en" else "Français")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_demo_workspace_and_language_hold_across_pages_and_reloads(server, page, tmp_path_factory):
    shots = tmp_path_factory.mktemp("journey")
    page.goto(f"{server}/")
    expect(page.locator("h1").first).to_contain_text("Accueil", timeout=30_000)
    page.locator(".st-key-home_load_demo button").click()
    expect(page.locator("h1").first).to_contain_text("Domaine des Coteaux", timeout=120_000)
    settle(page)
    assert _contacts_figure(page) > 1900
    _assert_demo_workspace(page)
    shoot(page, shots, "1-home-demo")

    open_page(page, "Contacts")
    expect(page.locator("h1").first).to_contain_text("Contacts", timeout=30_000)
    _assert_demo_workspace(page)
    page.get_by_role("tab", name="Liste").click()
    expect(page.get_by_text(re.compile(r"affichés sur 19\d\d"))).to_be_visible(timeout=30_000)
    shoot(page, shots, "2-contacts")

    open_page(page, "Segments")
    count = page.get_by_test_id("stMetric").filter(has_text="personnes dans ce segment")
    expect(count).to_contain_text(re.compile(r"\d"), timeout=30_000)
    assert int(re.sub(r"\D", "", count.get_by_test_id("stMetricValue").inner_text())) > 1900
    _assert_demo_workspace(page)
    assert "ws=demo" in page.url

    page.reload()
    expect(page.locator("h1").first).to_contain_text("Segments", timeout=30_000)
    settle(page)
    _assert_demo_workspace(page)
    assert int(re.sub(r"\D", "", count.get_by_test_id("stMetricValue").inner_text())) > 1900
    shoot(page, shots, "3-segments-reloaded")

    # The other workspace chosen in the sidebar, then back: each choice holds on the next page.
    pick_in_sidebar(page, "workspace_picker", "Mon domaine")
    open_page(page, "Accueil")
    expect_sidebar_choice(page, "workspace_picker", "Mon domaine")
    expect(page.locator("h1").first).to_contain_text("Mon domaine")
    pick_in_sidebar(page, "workspace_picker", DEMO)
    open_page(page, "Contacts")
    _assert_demo_workspace(page)

    # English, then a page change and a reload: still English, still the demo.
    pick_in_sidebar(page, "language_picker", "English")
    expect(page.locator("h1").first).to_contain_text("Contacts", timeout=30_000)
    open_page(page, "Home")
    expect(page.locator("h1").first).to_contain_text("Home", timeout=30_000)
    _assert_demo_workspace(page, "en")
    assert _contacts_figure(page) > 1900
    page.reload()
    expect(page.locator("h1").first).to_contain_text("Home", timeout=30_000)
    settle(page)
    _assert_demo_workspace(page, "en")
    assert _contacts_figure(page) > 1900
    assert "lang=en" in page.url and "ws=demo" in page.url
    shoot(page, shots, "4-home-english-reloaded")
