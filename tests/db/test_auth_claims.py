"""A verified access token → Principal → the claims every unit of work runs under → row level security."""

from __future__ import annotations

import psycopg
import pytest

from lib import audit
from lib.auth import AuthConfig, AuthSession, TokenVerifier
from lib.auth.accounts import ensure_account, users_table_is_standin
from lib.workspaces import WorkspaceError, create_workspace, ensure_workspace, list_workspaces, slug_for
from tests.support.auth_fake import fake_auth  # noqa: F401 - the fixture
from tests.support.db import unique_slug

PASSWORD = "motdepasse-1"


def _signed_in(fake, email: str):
    session = AuthSession(AuthConfig(fake.url, fake.anon_key, None, "http://127.0.0.1:8501/"))
    return session.sign_in_with_password(email, PASSWORD)


def test_verified_users_see_only_their_own_workspace(db, fake_auth):  # noqa: F811
    """Two users signed in through Auth each see their workspace and its contacts, never the other's."""
    fake_auth.create_user("alice@example.test", PASSWORD)
    fake_auth.create_user("bruno@example.test", PASSWORD)
    alice, bruno = _signed_in(fake_auth, "alice@example.test"), _signed_in(fake_auth, "bruno@example.test")
    for user in (alice, bruno):
        assert ensure_account(db, user)
    mine = ensure_workspace(db, alice.principal, unique_slug("alice"), "Domaine d'Alice")
    theirs = ensure_workspace(db, bruno.principal, unique_slug("bruno"), "Domaine de Bruno")
    with db.tenant(alice.principal) as conn:
        conn.execute("insert into public.contacts (workspace_id, first_name, phone_e164)"
                     " values (%s, 'Marqueur-Alice', '+33612345678')", (mine.id,))
    assert [w.id for w in list_workspaces(db, alice.principal)] == [mine.id]
    assert [w.id for w in list_workspaces(db, bruno.principal)] == [theirs.id]
    with db.tenant(bruno.principal) as conn:
        seen = conn.execute("select count(*) from public.contacts where first_name = 'Marqueur-Alice'").fetchone()[0]
        assert seen == 0
        assert conn.execute("select auth.uid()::text, auth.jwt() ->> 'email'").fetchone() == \
            (bruno.user_id, "bruno@example.test")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.tenant(bruno.principal) as conn:
            conn.execute("insert into public.contacts (workspace_id, first_name, phone_e164)"
                         " values (%s, 'Intrus', '+33698765432')", (mine.id,))


def test_forged_token_never_becomes_a_principal(db, fake_auth):  # noqa: F811
    """A token naming Alice's id but signed by someone else is refused before any database work."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from lib.auth import TokenError

    alice_id = fake_auth.create_user("alice2@example.test", PASSWORD)
    forged = fake_auth.sign(fake_auth.claims_for(alice_id), key=ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(TokenError):
        TokenVerifier(fake_auth.url).verify(forged)


def test_account_row_is_created_once_on_the_standin(db, fake_auth):  # noqa: F811
    """Off Supabase, the verified user gets an auth.users row (email kept current), written once."""
    assert users_table_is_standin(db)
    user_id = fake_auth.create_user("chloe@example.test", PASSWORD)
    user = _signed_in(fake_auth, "chloe@example.test")
    assert ensure_account(db, user) is True
    assert ensure_account(db, user) is False
    with db.admin() as conn:
        assert conn.execute("select email from auth.users where id = %s", (user_id,)).fetchone() == \
            ("chloe@example.test",)


def test_first_workspace_gets_a_free_slug(db, fake_auth):  # noqa: F811
    """« Créer mon espace » makes the user owner; a name already taken by another producer gets a suffix."""
    fake_auth.create_user("denis@example.test", PASSWORD)
    fake_auth.create_user("emma@example.test", PASSWORD)
    denis, emma = _signed_in(fake_auth, "denis@example.test"), _signed_in(fake_auth, "emma@example.test")
    ensure_account(db, denis)
    ensure_account(db, emma)
    name = f"Château Test {unique_slug('x')}"
    first = create_workspace(db, denis.principal, name)
    second = create_workspace(db, emma.principal, name)
    assert first.slug == slug_for(name) and first.role == "owner"
    assert second.slug.startswith(f"{slug_for(name)}-") and second.role == "owner"
    assert [w.id for w in list_workspaces(db, emma.principal)] == [second.id]
    with pytest.raises(WorkspaceError):
        create_workspace(db, emma.principal, "   ")


@pytest.mark.parametrize(("name", "slug"), [
    ("Château d'Yquem", "chateau-d-yquem"),
    ("  Domaine   des Coteaux ", "domaine-des-coteaux"),
    ("Cave n°1 — Bière & Cidre", "cave-n1-biere-cidre"),
])
def test_slug_for(name, slug):
    assert slug_for(name) == slug


def test_sign_in_and_sign_out_are_logged_without_the_address(db, fake_auth):  # noqa: F811
    fake_auth.create_user("farid@example.test", PASSWORD)
    farid = _signed_in(fake_auth, "farid@example.test")
    ensure_account(db, farid)
    workspace = create_workspace(db, farid.principal, f"Domaine {unique_slug('f')}")
    with db.tenant(farid.principal) as conn:
        audit.record(conn, workspace.id, "sign_in", method="password")
        audit.record(conn, workspace.id, "sign_out")
    entries = audit.entries(db, farid.principal, workspace.id)
    assert [e.action for e in entries[:2]] == ["sign_out", "sign_in"]
    assert all("farid" not in str(e.details) for e in entries)
    assert entries[1].details == {"method": "password"}
    assert entries[0].describe() == "Déconnexion de Cercle."
