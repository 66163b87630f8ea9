"""The journey on a shared instance (sign-in, issue #12): a team invitation opened while signed out goes straight
to the sign-in, then to the invitation; links are not made with a loopback address (this server's
PUBLIC_BASE_URL is http://127.0.0.1:<port>, as on an instance whose public address was never set)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib import team
from lib.auth.accounts import ensure_account
from lib.auth.tokens import VerifiedUser
from lib.db import Database, Principal
from lib.links.communities import create_community
from lib.workspaces import ensure_workspace
from tests.support.auth_fake import FakeSupabaseAuth, streamlit_with_auth
from tests.support.browser import open_page, settle, shoot

PASSWORD = "parcours-partage-1"


@pytest.fixture(scope="module")
def fake():
    with FakeSupabaseAuth() as running:
        yield running


@pytest.fixture(scope="module")
def shared_server(fake, database_of_server, tmp_path_factory):
    with streamlit_with_auth(fake, database_of_server, tmp_path_factory.mktemp("shared")) as url:
        yield url


@pytest.fixture(scope="module")
def owner_and_link(fake, shared_server, database_of_server):
    """An owner with a community, and a team invitation (its link) for a second user who has an account."""
    db = Database(database_of_server)
    try:
        owner_id = fake.create_user("proprio@domaine-p.test", PASSWORD)
        ensure_account(db, VerifiedUser(owner_id, "proprio@domaine-p.test", {}))
        owner = Principal(owner_id, "proprio@domaine-p.test")
        workspace = ensure_workspace(db, owner, "domaine-p", "Domaine P")
        create_community(db, owner, workspace.id, name="Le Cercle P", channel="whatsapp_group",
                         invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
        fake.create_user("invitee@domaine-p.test", PASSWORD)
        issued = team.invite(db, owner, workspace.id, "invitee@domaine-p.test", "editor")
    finally:
        db.close()
    return "proprio@domaine-p.test", team.invitation_link(shared_server, issued.token)


def _sign_in(page, email: str) -> None:
    expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
    page.locator(".st-key-auth_email input").fill(email)
    page.locator(".st-key-auth_password input").fill(PASSWORD)
    page.locator(".st-key-auth_sign_in button").click()


def test_an_invitation_link_opened_signed_out_signs_in_then_shows_the_invitation(owner_and_link, page,
                                                                                   tmp_path_factory):
    _, link = owner_and_link
    page.goto(link)
    _sign_in(page, "invitee@domaine-p.test")  # the sign-in answers at /equipe, with no « Page not found » first
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_text("Rejoindre un espace").first).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "invitation=" in page.url
    shoot(page, tmp_path_factory.mktemp("shared"), "invitation-after-sign-in")


def test_no_page_not_found_on_an_app_address_while_signed_out(shared_server, page):
    for path in ("equipe", "contacts", "segments"):
        page.goto(f"{shared_server}/{path}")
        expect(page.locator("h1").first).to_have_text("Connexion à Cercle", timeout=30_000)
        settle(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)


def test_links_wait_for_a_public_address(owner_and_link, shared_server, page, tmp_path_factory):
    owner, _ = owner_and_link
    page.goto(shared_server)
    _sign_in(page, owner)
    expect(page.locator("h1").first).to_contain_text("Domaine P", timeout=30_000)
    open_page(page, "Communautés & liens")
    page.get_by_role("tab", name="Liens & affiches").click()
    expect(page.get_by_text("que personne d'autre ne peut ouvrir").first).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-link_qr_png")).to_have_count(0)
    expect(page.locator(".st-key-link_source")).to_have_count(0)
    shoot(page, tmp_path_factory.mktemp("shared"), "links-need-public-address")
