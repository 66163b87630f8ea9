"""A marketer creates a community and a tracked link, follows it in the browser, and sees the click counted."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def _pick_ours(page) -> None:
    """The module's other test may have loaded the demo's communities into this workspace first: pick ours."""
    page.locator(".st-key-link_community").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Cercle des amateurs de rouge").click()
    page.wait_for_timeout(500)


def test_create_community_and_link_then_follow_it(server, page, tmp_path_factory):
    """The short link redirects a person to the group and its click shows in the links table."""
    page.goto(f"{server}/communautes")
    expect(page.locator("h1").first).to_contain_text("Communautés", timeout=30_000)
    page.locator(".st-key-community_name input").fill("Cercle des amateurs de rouge")
    page.locator(".st-key-community_invite_url input").fill("https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    page.get_by_role("button", name="Créer une communauté").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)

    page.get_by_role("tab", name="Liens & affiches").click()
    _pick_ours(page)
    page.locator(".st-key-link_source input").fill("Salon de Lyon")
    # a shop page on this same server, so the browser can follow the redirect without the internet
    page.locator(".st-key-link_destination input").fill(f"{server}/healthz")
    page.get_by_role("button", name="Créer le lien suivi").click()
    expect(page.get_by_text("Lien créé : copiez-le ci-dessous")).to_be_visible(timeout=30_000)
    short_url = re.search(r"(http\S+/r/\S+)", page.locator("code").filter(has_text="/r/").first.inner_text()).group(1)

    person = page.context.browser.new_context(user_agent=(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0 Mobile Safari/537.36"))
    visitor = person.new_page()
    visitor.goto(short_url)
    expect(visitor.locator("body")).to_contain_text('"status":"ok"')
    assert visitor.url.startswith(f"{server}/healthz?") and "utm_source=" in visitor.url
    person.close()

    page.reload()
    page.get_by_role("tab", name="Liens & affiches").click()
    _pick_ours(page)
    table = page.get_by_test_id("stDataFrame").filter(has_text="Salon de Lyon")
    expect(table).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Statistiques").click()
    expect(page.get_by_text("Clics par source")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    shot = tmp_path_factory.mktemp("shots") / "communities.png"
    page.screenshot(path=str(shot), full_page=True)


def test_personal_invitations_page_by_page_counted_when_opened(server_with_demo, page, tmp_path_factory):
    """The demo's invitations: the estate's name first if still unknown, then 25 people a page with one button
    each through « Invitation WhatsApp »; opening a button's address counts that one invitation only."""
    page.goto(f"{server_with_demo}/communautes")
    expect(page.locator("h1").first).to_contain_text("Communautés", timeout=30_000)
    page.get_by_role("tab", name="Invitations personnelles").click()
    estate = page.locator(".st-key-invite_estate_input input")
    caption = page.get_by_text(re.compile(r"personnes peuvent être invitées, dont \d+ déjà invitées"))
    expect(estate.or_(caption).first).to_be_visible(timeout=30_000)
    if estate.is_visible():
        estate.fill("Domaine des Essais")
        page.get_by_role("button", name="Enregistrer").last.click()
    expect(caption).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"« Invitation WhatsApp »"))).to_be_visible()
    buttons = page.get_by_role("link", name="Ouvrir")
    expect(buttons).to_have_count(25, timeout=30_000)
    target = buttons.first.get_attribute("href")
    assert "/i/" in target
    opened = page.context.request.get(target, max_redirects=0)
    assert opened.status == 302 and opened.headers["location"].startswith("https://wa.me/")
    page.reload()
    page.get_by_role("tab", name="Invitations personnelles").click()
    expect(page.get_by_text(re.compile(r"déjà invité le")).first).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    shot = tmp_path_factory.mktemp("shots") / "invitations.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"invitations screenshot: {shot}")
