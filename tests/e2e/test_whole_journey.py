"""The marketer's whole journey in one browser context, page after page, French then English.

A new workspace; three messy files imported (a salon CSV in Windows-1252 with a WhatsApp opt-in column, a Google
Contacts export, an iPhone vCard); a segment built, saved, reopened and edited; a community aimed at it with a
tracked link, followed by a visitor; a Shopify orders export; the Conversions story and a chart downloaded. After
every step the page is changed and reloaded, and each time the sidebar still holds the same workspace, the figures
are that workspace's, and the language is the one chosen. Screenshots of each step are kept (CERCLE_SHOTS).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.browser import expect_sidebar_choice, open_page, pick_in_sidebar
from tests.support.db import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
FILES = (FIXTURES / "import" / "salon-lyon.csv", FIXTURES / "contacts" / "google_contacts.csv",
         FIXTURES / "contacts" / "iphone_3_0.vcf")
ORDERS = FIXTURES / "orders" / "shopify_orders.csv"
WORKSPACE = "Domaine du Parcours"
SEGMENT = "Parcours rouge"
COMMUNITY = "Cercle du parcours"
LONG = 120_000


class Journey:
    """One browser tab walking the app, with the checks every step repeats."""

    def __init__(self, page: Page, base: str, shots: Path) -> None:
        self.page, self.base, self.shots, self.step, self.language = page, base, shots, 0, "Français"

    def open(self, path: str, heading: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.sees(heading)

    def sees(self, heading: str) -> None:
        expect(self.page.locator("h1").first).to_contain_text(heading, timeout=LONG)
        expect(self.page.get_by_test_id("stException")).to_have_count(0)

    def in_workspace(self, name: str = WORKSPACE) -> None:
        expect_sidebar_choice(self.page, "workspace_picker", name, timeout=LONG)
        expect_sidebar_choice(self.page, "language_picker", self.language, timeout=LONG)

    def click_page(self, label: str, heading: str) -> None:
        open_page(self.page, label)
        self.sees(heading)
        self.in_workspace()

    def reload(self, heading: str) -> None:
        self.page.reload()
        self.sees(heading)
        self.in_workspace()

    def shot(self, name: str) -> None:
        self.step += 1
        self.page.wait_for_timeout(800)
        self.page.screenshot(path=str(self.shots / f"{self.step:02d}-{name}.png"), full_page=True)

    def metric(self, label: str) -> str:
        found = self.page.get_by_test_id("stMetric").filter(has_text=label).first
        expect(found).to_be_visible(timeout=LONG)
        return found.inner_text()


def test_the_whole_journey_holds_page_after_page(server, page, tmp_path_factory):
    shots = Path(os.environ.get("CERCLE_SHOTS") or tmp_path_factory.mktemp("journey"))
    shots.mkdir(parents=True, exist_ok=True)
    j = Journey(page, server, shots)

    # 1. a new workspace, chosen, and kept across a page change and a reload
    j.open("equipe", "Équipe")
    page.get_by_text("Créer un espace de travail").click()
    page.locator(".st-key-team_create_name input").fill(WORKSPACE)
    page.get_by_role("button", name="Créer l'espace").click()
    expect(page.get_by_text(f"Espace « {WORKSPACE} » créé")).to_be_visible(timeout=LONG)
    j.in_workspace()
    j.click_page("Accueil", "Accueil")
    j.reload("Accueil")
    j.shot("new-workspace")

    # 2. three messy files, each imported with its report; the workspace holds after each
    for path in FILES:
        j.click_page("Contacts", "Contacts")
        page.locator(".st-key-contacts_upload input[type=file]").set_input_files(str(path))
        run = page.locator(".st-key-contacts_run_import button")
        expect(run).to_be_enabled(timeout=LONG)
        run.click()
        expect(page.get_by_text("Rapport d'import")).to_be_visible(timeout=LONG)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        j.shot(f"import-{path.stem}")
        j.reload("Contacts")
    j.click_page("Accueil", "Accueil")
    contacts = j.metric("Contacts")
    assert re.search(r"[1-9]", contacts), contacts
    j.shot("home-after-imports")

    # 3. a segment built and saved, then reopened from « Mes segments » and edited
    j.click_page("Segments", "Segments")
    count = page.get_by_test_id("stMetric").filter(has_text="personnes dans ce segment")
    expect(count).to_be_visible(timeout=LONG)
    everyone = count.inner_text()
    interests = page.locator(".st-key-segment_interests input")
    interests.click()
    interests.fill("Vin rouge")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(count).not_to_have_text(everyone, timeout=LONG)
    page.locator(".st-key-segment_name input").fill(SEGMENT)
    page.locator(".st-key-segment_save button").click()
    expect(page.get_by_text(SEGMENT).first).to_be_visible(timeout=LONG)
    j.shot("segment-saved")
    j.reload("Segments")
    page.get_by_role("tab", name="Mes segments").click()
    page.locator(".st-key-segment_pick").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=SEGMENT).click()
    page.locator(".st-key-segment_open button").click()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator(".st-key-segment_name input")).to_have_value(SEGMENT, timeout=LONG)
    expect(page.locator(".st-key-segment_interests")).to_contain_text("Vin rouge")
    j.shot("segment-reopened")

    # 4. a community aimed at the segment, a tracked link, a visitor following it
    j.click_page("Communautés & liens", "Communautés")
    page.locator(".st-key-community_name input").fill(COMMUNITY)
    page.locator(".st-key-community_invite_url input").fill("https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    page.get_by_role("button", name="Créer une communauté").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=LONG)
    page.get_by_role("tab", name="Liens & affiches").click()
    page.locator(".st-key-link_source input").fill("Salon de Lyon")
    page.locator(".st-key-link_destination input").fill(f"{server}/healthz")
    page.get_by_role("button", name="Créer le lien suivi").click()
    expect(page.get_by_text("Lien créé : copiez-le ci-dessous")).to_be_visible(timeout=LONG)
    short_url = re.search(r"(http\S+/r/\S+)", page.locator("code").filter(has_text="/r/").first.inner_text()).group(1)
    visitor = page.context.browser.new_context(user_agent=(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0 Mobile Safari/537.36"))
    tab = visitor.new_page()
    tab.goto(short_url)
    expect(tab.locator("body")).to_contain_text('"status":"ok"')
    visitor.close()
    j.shot("community-and-link")
    j.reload("Communautés")

    # 5. orders in, the Conversions story, a chart downloaded
    j.click_page("Conversions", "Conversions")
    page.get_by_text("Importer les commandes").first.click()
    page.locator(".st-key-orders_upload input[type=file]").set_input_files(str(ORDERS))
    page.locator(".st-key-orders_import button").click()
    expect(page.get_by_text(re.compile(r"5 commandes lues, 2 ventes pour 189,90"))).to_be_visible(timeout=LONG)
    expect(page.get_by_text("Du contact à l'achat", exact=True)).to_be_visible(timeout=LONG)
    j.shot("conversions")
    page.get_by_role("button", name="Images", exact=True).first.click()  # drawn on demand, then offered
    download = page.get_by_role("button", name="PNG", exact=True).first
    expect(download).to_be_visible(timeout=LONG)
    with page.expect_download(timeout=LONG) as caught:
        download.click()
    assert caught.value.suggested_filename.endswith(".png")
    j.reload("Conversions")

    # 6. English, kept across a page change and a reload, same workspace and figures
    pick_in_sidebar(page, "language_picker", "English")
    j.language = "English"
    expect(page.locator("h1").first).to_contain_text("Conversions", timeout=LONG)
    j.click_page("Home", "Home")
    assert j.metric("Contacts") == contacts.replace("Contacts", "Contacts")
    j.reload("Home")
    j.click_page("Segments", "Segments")
    page.get_by_role("tab", name="My segments").click()
    page.locator(".st-key-segment_pick").get_by_test_id("stSelectbox").click()
    expect(page.get_by_role("option", name=SEGMENT)).to_be_visible(timeout=LONG)
    j.shot("english")
