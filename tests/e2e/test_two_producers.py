"""Two producers on one instance, in two browser contexts at once, never see each other's people (docs/promises.md 5).

Each is signed in through the form (against the fake Supabase Auth) to a workspace of their own holding a
marker contact. Their actions are interleaved, a new marker arrives in one workspace mid-session, and every
page each one opens is checked for the other's markers in the whole rendered HTML.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lib.auth.accounts import ensure_account
from lib.auth.tokens import VerifiedUser
from lib.contacts.importer import import_rows
from lib.db import Database, Principal
from lib.workspaces import ensure_workspace
from tests.support.auth_fake import FakeSupabaseAuth, streamlit_with_auth

PASSWORD = "deux-producteurs-1"
COLUMNS = ["Prénom", "Nom", "Téléphone", "Email"]


@pytest.fixture(scope="module")
def fake():
    with FakeSupabaseAuth() as running:
        yield running


@pytest.fixture(scope="module")
def shared_server(fake, database_of_server, tmp_path_factory):
    with streamlit_with_auth(fake, database_of_server, tmp_path_factory.mktemp("two")) as url:
        yield url


class Producer:
    def __init__(self, fake: FakeSupabaseAuth, db: Database, email: str, slug: str, name: str, marker: str,
                 phone: str) -> None:
        user_id = fake.create_user(email, PASSWORD)
        ensure_account(db, VerifiedUser(user_id, email, {}))
        self.email, self.marker, self.db = email, marker, db
        self.principal = Principal(user_id, email)
        self.workspace = ensure_workspace(db, self.principal, slug, name)
        self.add(marker, phone, f"{marker.lower()}@example.test")

    def add(self, last_name: str, phone: str, email: str) -> None:
        """A person in this producer's workspace, as an import brings them."""
        import_rows(self.db, self.principal, self.workspace.id, COLUMNS, [["Zoé", last_name, phone, email]],
                    file_name="marqueur.csv")


@pytest.fixture(scope="module")
def producers(fake, shared_server, database_of_server):
    db = Database(database_of_server)
    try:
        alice = Producer(fake, db, "alice@domaine-a.test", "domaine-a", "Domaine A", "MARQUEURALICE",
                         "06 11 22 33 44")
        bruno = Producer(fake, db, "bruno@domaine-b.test", "domaine-b", "Domaine B", "MARQUEURBRUNO",
                         "06 55 66 77 88")
        yield alice, bruno
    finally:
        db.close()


def _sign_in(page, url: str, producer: Producer) -> None:
    page.goto(url)
    expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
    page.locator(".st-key-auth_email input").fill(producer.email)
    page.locator(".st-key-auth_password input").fill(PASSWORD)
    page.locator(".st-key-auth_sign_in button").click()
    expect(page.locator("h1").first).to_contain_text(producer.workspace.name, timeout=30_000)


def _open(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    page.wait_for_load_state("networkidle")


def _search(page, text: str) -> None:
    box = page.locator(".st-key-rights_search input")
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state("networkidle")


def _never_shows(page, *markers: str) -> None:
    html = page.content().upper()
    for marker in markers:
        assert marker not in html, f"{marker} visible to the other producer"


def test_two_producers_signed_in_at_once_never_see_each_other(shared_server, producers, browser):
    alice, bruno = producers
    options = {"viewport": {"width": 1400, "height": 1000}, "locale": "fr-FR"}
    alice_context, bruno_context = browser.new_context(**options), browser.new_context(**options)
    try:
        a, b = alice_context.new_page(), bruno_context.new_page()
        _sign_in(a, shared_server, alice)
        _sign_in(b, shared_server, bruno)

        # each finds their own marker on the contact page, and nothing when searching for the other's
        for page, me, other in ((a, alice, bruno), (b, bruno, alice)):
            _open(page, "Fiche contact")
            _search(page, "MARQUEUR")
            expect(page.get_by_text(re.compile(me.marker, re.I)).first).to_be_visible(timeout=30_000)
            _never_shows(page, other.marker, other.email.upper())
            _search(page, other.marker)
            expect(page.get_by_text(re.compile("Personne ne correspond")).first).to_be_visible(
                timeout=30_000)

        # a new person arrives in Bruno's workspace while both are working
        bruno.add("MARQUEURBRUNODEUX", "06 99 88 77 66", "deux@domaine-b.test")
        _search(b, "MARQUEURBRUNODEUX")
        expect(b.get_by_text(re.compile("MARQUEURBRUNODEUX", re.I)).first).to_be_visible(timeout=30_000)
        _search(a, "MARQUEUR")
        expect(a.get_by_text(re.compile(alice.marker, re.I)).first).to_be_visible(timeout=30_000)
        _never_shows(a, bruno.marker, "MARQUEURBRUNODEUX")

        # every page, alternately, for both
        for name in ("Accueil", "Contacts", "Segments", "Communautés & liens", "Conversions", "Équipe", "Réglages"):
            for page, other in ((a, bruno), (b, alice)):
                _open(page, name)
                expect(page.locator("h1").first).to_be_visible(timeout=30_000)
                expect(page.get_by_test_id("stException")).to_have_count(0)
                _never_shows(page, other.marker, other.email.upper(), other.workspace.name.upper())
        # the sidebar offers each producer only their own workspace
        _never_shows(a, "DOMAINE B")
        _never_shows(b, "DOMAINE A")
    finally:
        alice_context.close()
        bruno_context.close()
