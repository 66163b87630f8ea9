"""A person signs in through the form in Chromium, against `streamlit run` pointed at a fake Supabase Auth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.auth.accounts import ensure_account
from lib.auth.tokens import VerifiedUser
from lib.db import Database, Principal
from lib.workspaces import ensure_workspace
from tests.support.auth_fake import FakeSupabaseAuth, streamlit_with_auth

PASSWORD = "motdepasse-e2e-1"
SHOTS = Path(os.environ.get("CERCLE_SHOTS", "/tmp/shots-auth"))


@pytest.fixture(scope="module")
def fake():
    with FakeSupabaseAuth() as running:
        yield running


@pytest.fixture(scope="module")
def signin_server(fake, database_of_server, tmp_path_factory):
    with streamlit_with_auth(fake, database_of_server, tmp_path_factory.mktemp("signin")) as url:
        yield url


@pytest.fixture(scope="module")
def producer(fake, signin_server, database_of_server):
    """A user of the Auth project owning « Domaine du Test » (the server has migrated the database by now)."""
    user_id = fake.create_user("producteur@example.test", PASSWORD)
    db = Database(database_of_server)
    try:
        ensure_account(db, VerifiedUser(user_id, "producteur@example.test", {}))
        ensure_workspace(db, Principal(user_id, "producteur@example.test"), "domaine-du-test", "Domaine du Test")
    finally:
        db.close()
    return "producteur@example.test"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _fill_sign_in(page, email: str, password: str) -> None:
    page.locator(".st-key-auth_email input").fill(email)
    page.locator(".st-key-auth_password input").fill(password)
    page.locator(".st-key-auth_sign_in button").click()


def test_pages_ask_for_sign_in_first(signin_server, page):
    """Any address shows the sign-in form, and nothing of the app's pages, to a browser not signed in."""
    for path in ("", "contacts", "reglages"):
        page.goto(f"{signin_server}/{path}")
        expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    _shot(page, "signin.png")


def test_sign_in_through_the_form_then_sign_out(signin_server, producer, page):
    page.goto(signin_server)
    expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
    _fill_sign_in(page, producer, "pas-le-bon")
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect.")).to_be_visible(timeout=30_000)
    _shot(page, "signin-wrong-password.png")
    _fill_sign_in(page, producer, PASSWORD)
    expect(page.locator("h1").first).to_contain_text("Accueil · Domaine du Test", timeout=30_000)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    expect(page.get_by_text("Connecté : producteur")).to_be_visible()  # the address is shown, never as a link
    _shot(page, "signed-in-home.png")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Contacts").click()
    expect(page.locator("h1").first).to_contain_text("Contacts", timeout=30_000)
    page.locator(".st-key-auth_sign_out button").click()
    expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_code_by_email_in_the_browser(signin_server, producer, fake, page):
    page.goto(signin_server)
    page.get_by_role("tab", name="Code par e-mail").click(timeout=30_000)
    page.locator(".st-key-auth_code_email input").fill(producer)
    page.locator(".st-key-auth_send_code button").click()
    expect(page.locator(".st-key-auth_code input")).to_be_visible(timeout=30_000)
    page.locator(".st-key-auth_code input").fill(fake.last_mail(producer).code)
    page.locator(".st-key-auth_verify_code button").click()
    expect(page.locator("h1").first).to_contain_text("Accueil · Domaine du Test", timeout=30_000)
