"""A person opens each page in Chromium: French heading, no exception box; /healthz checks the database."""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import expect

PAGES = [("", "Accueil"), ("contacts", "Contacts"), ("segments", "Segments"),
         ("communautes", "Communautés & liens"), ("conversions", "Conversions"), ("reglages", "Réglages"),
         ("fiche-contact", "Fiche contact"), ("equipe", "Équipe et espaces")]


def test_healthz_reports_the_database(server):
    """The readiness route answers 200 with the database checked."""
    with urllib.request.urlopen(server + "/healthz", timeout=10) as response:
        body = json.loads(response.read())
    assert response.status == 200
    assert body == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_opens_with_its_heading_and_no_exception(server, page, path, heading):
    """Each page shows its French heading and no Streamlit exception box."""
    page.goto(f"{server}/{path}")
    expect(page.locator("h1").first).to_contain_text(heading, timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_demo_from_home_page_fills_the_dashboard(server, page, tmp_path_factory):
    """From an empty start, « Charger la démo » shows the demo figures; a screenshot is kept to look at."""
    page.goto(f"{server}/")
    expect(page.locator("h1").first).to_contain_text("Accueil", timeout=30_000)
    button = page.locator(".st-key-home_load_demo button")
    expect(button).to_be_visible(timeout=30_000)
    button.click()
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    expect(page.locator("h1").first).to_contain_text("Domaine des Coteaux")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    shot = tmp_path_factory.mktemp("shots") / "home-demo.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
