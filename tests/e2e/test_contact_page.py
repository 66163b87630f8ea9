"""A person opens the contact page in Chromium, finds a demo contact by phone, sees their record and the erasure
explanation; the search's hostile text stays text. Screenshots are kept in /tmp/shots-rights to look at."""

from __future__ import annotations

from pathlib import Path

import psycopg
from playwright.sync_api import expect

SHOTS = Path("/tmp/shots-rights")


def _demo_phone(database_of_server: str) -> tuple[str, str]:
    with psycopg.connect(database_of_server) as conn:
        return conn.execute("select phone_e164, last_name from public.contacts where last_name is not null"
                            " and phone_e164 is not null and opted_out_at is null"
                            " order by phone_e164 limit 1").fetchone()


def test_contact_page_finds_a_demo_contact_and_explains_erasure(server_with_demo, database_of_server, page):
    SHOTS.mkdir(exist_ok=True)
    phone, last_name = _demo_phone(database_of_server)
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{server_with_demo}/fiche-contact")
    expect(page.locator("h1").first).to_contain_text("Fiche contact", timeout=30_000)
    search = page.get_by_label("Rechercher (nom, téléphone ou e-mail)")
    search.fill(phone)
    search.press("Enter")
    expect(page.locator("h2").first).to_contain_text(last_name, timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)  # the table draws on a canvas after it appears
    page.screenshot(path=str(SHOTS / "contact-record.png"), full_page=True)
    page.get_by_role("tab", name="Consentements").click()
    expect(page.get_by_text("Historique des consentements")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "contact-consents.png"), full_page=True)
    page.get_by_role("tab", name="Exporter ses données · Effacer cette personne").click()
    expect(page.get_by_text("empreinte chiffrée", exact=False)).to_be_visible(timeout=30_000)
    page.set_viewport_size({"width": 1400, "height": 2000})  # the page scrolls inside Streamlit's own container
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "contact-erase.png"), full_page=True)

    page.set_viewport_size({"width": 1400, "height": 1100})
    search.fill("[clic](https://evil.test) <b>x</b>")
    search.press("Enter")
    message = page.get_by_text("Personne ne correspond à", exact=False)
    expect(message).to_be_visible(timeout=30_000)
    shown = message.inner_text().replace("\u2060", "")
    assert "[clic](https://evil.test) <b>x</b>" in shown
    expect(page.locator("a[href*='evil.test']")).to_have_count(0)
    expect(page.locator("h2")).to_have_count(0)  # nobody shown for a search that found nobody
    page.screenshot(path=str(SHOTS / "contact-hostile-search.png"), full_page=True)
