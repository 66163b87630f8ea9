"""The sign-in screen of a shared instance under AppTest, against a local fake of Supabase Auth."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from lib import audit
from lib.auth.accounts import ensure_account
from lib.auth.tokens import VerifiedUser
from lib.db import Principal, close_database, get_database
from lib.workspaces import ensure_workspace, list_workspaces
from tests.support.auth_fake import FakeSupabaseAuth
from tests.support.db import PROJECT_ROOT, unique_slug

PASSWORD = "motdepasse-1"
JWT_SECRET = "legacy-jwt-secret-Zq8v2Lm4Xw9Pn7Rt"  # noqa: S105 - a test value to look for in the output


@pytest.fixture
def shared_instance(app_environment, monkeypatch):
    """The in-process app configured as a shared instance whose Auth project is a fresh fake."""
    from lib.auth.tokens import forget_key_sets

    with FakeSupabaseAuth(anon_key="anon-key-Hq3Yw7Ue1Ko5Pa9Sd") as fake:
        monkeypatch.setenv("SUPABASE_URL", fake.url)
        monkeypatch.setenv("SUPABASE_ANON_KEY", fake.anon_key)
        monkeypatch.setenv("SUPABASE_JWT_SECRET", JWT_SECRET)
        yield fake
    forget_key_sets()


def _app() -> AppTest:
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)


def _sign_in(app: AppTest, email: str, password: str = PASSWORD) -> AppTest:
    app.text_input(key="auth_email").input(email)
    app.text_input(key="auth_password").input(password)
    return app.button(key="auth_sign_in").click().run()


def _member(fake: FakeSupabaseAuth, email: str, workspace_name: str):
    """A user of the Auth project who already owns a workspace named ``workspace_name``."""
    user_id = fake.create_user(email, PASSWORD)
    user = VerifiedUser(user_id, email, {})
    db = get_database()
    ensure_account(db, user)
    return user, ensure_workspace(db, Principal(user_id, email), unique_slug("ws"), workspace_name)


def _titles(app: AppTest) -> list[str]:
    """The titles as the reader sees them (a workspace name in them is escaped by plain())."""
    return [title.value.replace("\\", "").replace("\u2060", "") for title in app.title]


def rendered(app: AppTest) -> str:
    """Every element the run sent to the browser, as text (protobufs of main, sidebar and all blocks)."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


def test_signed_out_sees_only_the_sign_in_form(shared_instance):
    """No page content, no workspace, no data before sign-in; asking for a page still shows the form."""
    app = _app().run()
    assert not app.exception, app.exception
    assert _titles(app) == ["Connexion à Cercle"]
    assert [tab.label for tab in app.tabs] == ["Mot de passe", "Code par e-mail", "Mot de passe oublié",
                                              "Créer un compte"]
    assert not app.metric and not app.dataframe
    assert "auth_sign_out" not in [button.key for button in app.sidebar.button]
    # the other pages are not even registered for this session (the sign-in answers at each of their addresses)
    with pytest.raises(ValueError, match="Known pages: \\[('[^']*signin.py'(, )?)+\\]\\."):
        app.switch_page("pages/contacts.py")


def test_a_page_run_on_its_own_shows_nothing_without_sign_in(shared_instance):
    """Even run directly (outside the navigation), a page stops at « Connectez-vous » and reads nothing."""
    app = AppTest.from_file(str(PROJECT_ROOT / "pages" / "contacts.py"), default_timeout=60).run()
    assert not app.exception, app.exception
    assert [w.value for w in app.warning] == ["Connectez-vous pour voir cette page."]
    assert not app.dataframe and not app.metric


def test_wrong_password_is_said_in_french(shared_instance):
    shared_instance.create_user("alice@example.test", PASSWORD)
    app = _sign_in(_app().run(), "alice@example.test", "mauvais")
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == ["Adresse e-mail ou mot de passe incorrect."]
    assert _titles(app) == ["Connexion à Cercle"]


def test_sign_in_opens_the_pages_and_logs_the_sign_in(shared_instance):
    user, workspace = _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    app = _sign_in(_app().run(), "alice@example.test")
    assert not app.exception, app.exception
    assert _titles(app) == ["Accueil · Domaine d'Alice"]
    assert "auth_sign_out" in [button.key for button in app.sidebar.button]
    assert any("alice@example" in c.value.replace("\u2060", "") for c in app.sidebar.caption)
    logged = audit.entries(get_database(), user.principal, workspace.id, action="sign_in")
    assert len(logged) == 1 and logged[0].details == {"method": "password"}
    assert "alice" not in str(logged[0].details)
    app.switch_page("pages/contacts.py").run()
    assert not app.exception, app.exception
    assert len(audit.entries(get_database(), user.principal, workspace.id, action="sign_in")) == 1


def test_first_sign_in_creates_my_workspace(shared_instance):
    """A new account without workspace gets « Créer mon espace », then the home page of that workspace."""
    shared_instance.create_user("nouveau@example.test", PASSWORD)
    app = _sign_in(_app().run(), "nouveau@example.test")
    assert _titles(app) == ["Créer mon espace"]
    assert "auth_sign_out" in [button.key for button in app.sidebar.button]
    app.text_input(key="onboarding_name").input("x")
    app.button(key="onboarding_create").click().run()
    assert [e.value for e in app.error] == [
        "Donnez un nom d'au moins deux lettres ou chiffres (80 caractères au plus)."]
    name = f"Clos {unique_slug('n')}"
    app.text_input(key="onboarding_name").input(name)
    app.button(key="onboarding_create").click().run()
    assert not app.exception, app.exception
    assert _titles(app) == [f"Accueil · {name}"], [e.value for e in app.error]
    user = shared_instance.user_by_email("nouveau@example.test")
    principal = Principal(user.id, user.email)
    workspace = next(w for w in list_workspaces(get_database(), principal) if w.name == name)
    assert workspace.role == "owner"
    assert [e.action for e in audit.entries(get_database(), principal, workspace.id)] == ["sign_in",
                                                                                         "workspace_created"]


def test_two_users_in_two_sessions_see_only_their_own_workspace(shared_instance):
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    _member(shared_instance, "bruno@example.test", "Domaine de Bruno")
    alice = _sign_in(_app().run(), "alice@example.test")
    bruno = _sign_in(_app().run(), "bruno@example.test")
    alice.run()
    assert _titles(alice) == ["Accueil · Domaine d'Alice"]
    assert _titles(bruno) == ["Accueil · Domaine de Bruno"]
    assert "Bruno" not in rendered(alice) and "Alice" not in rendered(bruno)
    assert alice.session_state["auth_session"] is not bruno.session_state["auth_session"]


def test_sign_out_returns_to_the_form_and_forgets_the_session(shared_instance):
    user, workspace = _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    app = _sign_in(_app().run(), "alice@example.test")
    app.session_state["contacts_search"] = "quelque chose de la page"
    app.sidebar.button(key="auth_sign_out").click().run()
    assert not app.exception, app.exception
    assert _titles(app) == ["Connexion à Cercle"]
    assert [i.value for i in app.info] == ["Vous êtes déconnecté."]
    assert "contacts_search" not in app.session_state
    assert ("POST", "/logout") in shared_instance.requests
    assert len(audit.entries(get_database(), user.principal, workspace.id, action="sign_out")) == 1


def test_expired_session_goes_back_to_sign_in_with_a_sentence(shared_instance):
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    shared_instance.access_ttl = 30  # under the refresh margin: the next run refreshes
    app = _sign_in(_app().run(), "alice@example.test")
    for entry in shared_instance._refresh.values():
        entry.revoked = True  # e.g. signed out everywhere from another device
    app.run()
    assert _titles(app) == ["Connexion à Cercle"]
    assert [w.value for w in app.warning] == ["Votre session a expiré. Reconnectez-vous pour continuer."]


def test_code_by_email_signs_in(shared_instance):
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    app = _app().run()
    app.text_input(key="auth_code_email").input("alice@example.test")
    app.button(key="auth_send_code").click().run()
    assert "Saisissez le code" in app.info[0].value
    app.text_input(key="auth_code").input("000000")
    app.button(key="auth_verify_code").click().run()
    if shared_instance.last_mail("alice@example.test").code != "000000":
        assert [e.value for e in app.error] == ["Ce code est incorrect ou a expiré. Demandez-en un nouveau."]
    app.text_input(key="auth_code").input(shared_instance.last_mail("alice@example.test").code)
    app.button(key="auth_verify_code").click().run()
    assert not app.exception, app.exception
    assert _titles(app) == ["Accueil · Domaine d'Alice"]


def test_emailed_link_with_token_hash_signs_in(shared_instance):
    """…/?token_hash=…&type=email signs the session in, and the token leaves the address bar."""
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    app = _app().run()
    app.text_input(key="auth_code_email").input("alice@example.test")
    app.button(key="auth_send_code").click().run()
    link = _app()
    link.query_params["token_hash"] = shared_instance.last_mail("alice@example.test").token_hash
    link.query_params["type"] = "email"
    link.run()
    assert not link.exception, link.exception
    assert _titles(link) == ["Accueil · Domaine d'Alice"]
    assert "token_hash" not in link.query_params
    used = _app()
    used.query_params["token_hash"] = shared_instance.last_mail("alice@example.test").token_hash
    used.query_params["type"] = "email"
    used.run()
    assert _titles(used) == ["Connexion à Cercle"]
    assert "plus valable" in used.warning[0].value


def test_forgotten_password_then_new_password(shared_instance):
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    app = _app().run()
    app.text_input(key="auth_reset_email").input("alice@example.test")
    app.button(key="auth_send_reset").click().run()
    assert app.info[0].value.startswith("Si un compte existe")
    app.text_input(key="auth_reset_code").input(shared_instance.last_mail("alice@example.test", "recovery").code)
    app.button(key="auth_verify_reset").click().run()
    assert _titles(app) == ["Choisissez un nouveau mot de passe"]
    assert "auth_sign_out" in [button.key for button in app.sidebar.button]
    app.run()  # any other run still asks for the new password first
    assert _titles(app) == ["Choisissez un nouveau mot de passe"]
    app.text_input(key="auth_new_password").input("nouveau-secret-9")
    app.text_input(key="auth_new_password_confirm").input("nouveau-secret-8")
    app.button(key="auth_save_password").click().run()
    assert [e.value for e in app.error] == ["Les deux mots de passe ne sont pas identiques."]
    app.text_input(key="auth_new_password_confirm").input("nouveau-secret-9")
    app.button(key="auth_save_password").click().run()
    assert not app.exception, app.exception
    assert _titles(app) == ["Accueil · Domaine d'Alice"]
    assert shared_instance.user_by_email("alice@example.test").password == "nouveau-secret-9"


def test_secrets_never_reach_the_page(shared_instance, monkeypatch):
    """The anon key, the JWT secret and the database password appear in no element, signed out or in,
    nor on the page that explains a database that cannot be reached."""
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    db_password = "db-pass-Vx4Nc8Jt2Rb6"  # noqa: S105
    secrets = [shared_instance.anon_key, JWT_SECRET, db_password]
    app = _app().run()
    pages = [rendered(app)]
    _sign_in(app, "alice@example.test", "mauvais")
    pages.append(rendered(app))
    _sign_in(app, "alice@example.test")
    for page in ("pages/home.py", "pages/contacts.py", "pages/settings.py"):
        app.switch_page(page).run()
        assert not app.exception, app.exception
        pages.append(rendered(app))
    assert all(secret not in text for secret in secrets for text in pages)
    assert "Accueil · Domaine d" in pages[2]  # the signed-in page was really drawn
    # The database becomes unreachable under a URL with a password: the French error names the host, not it.
    previous = os.environ["DATABASE_URL"]
    close_database()
    try:
        monkeypatch.setenv("DATABASE_URL", f"postgresql://cercle:{db_password}@127.0.0.1:9/cercle")
        app.run()
        text = rendered(app)
        assert app.error and "127.0.0.1:9/cercle" in app.error[0].value
        assert db_password not in text and shared_instance.anon_key not in text and JWT_SECRET not in text
    finally:
        close_database()
        monkeypatch.setenv("DATABASE_URL", previous)


def test_local_instance_has_no_sign_in(app_environment, monkeypatch):
    """Without Supabase settings: the home page at once, no sign-in form, no sign-out button."""
    for name in ("SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_PUBLISHABLE_KEY", "SUPABASE_KEY"):
        monkeypatch.delenv(name, raising=False)
    app = _app().run()
    assert not app.exception, app.exception
    assert _titles(app)[0].startswith("Accueil")
    assert "auth_sign_out" not in [button.key for button in app.sidebar.button]
    assert "auth_session" not in app.session_state


def test_misconfigured_supabase_url_is_explained(app_environment, monkeypatch):
    """A SUPABASE_URL that is not an http(s) address: a French sentence for the operator, no page, no crash."""
    monkeypatch.setenv("SUPABASE_URL", "abcdefghijklmnop.supabase.co")
    monkeypatch.setenv("SUPABASE_ANON_KEY", "anon-key-Hq3Yw7Ue1Ko5Pa9Sd")
    app = _app().run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [
        "La connexion n'est pas configurée correctement sur cette instance (SUPABASE_URL). Prévenez la personne "
        "qui la gère."]
    assert "anon-key-Hq3Yw7Ue1Ko5Pa9Sd" not in rendered(app)


def test_an_expired_session_forgets_what_its_pages_held(shared_instance):
    """When the session ends by itself (refresh refused), the page states of that user go with it: whoever signs
    in next in this browser finds none of them."""
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    _member(shared_instance, "bruno@example.test", "Domaine de Bruno")
    shared_instance.access_ttl = 30
    app = _sign_in(_app().run(), "alice@example.test")
    app.session_state["contacts_search"] = "marqueur-alice-7"
    for entry in shared_instance._refresh.values():
        entry.revoked = True
    app.run()
    assert _titles(app) == ["Connexion à Cercle"]
    assert "contacts_search" not in app.session_state
    shared_instance.access_ttl = 3600
    app = _sign_in(app, "bruno@example.test")
    assert _titles(app) == ["Accueil · Domaine de Bruno"]
    assert "contacts_search" not in app.session_state and "marqueur-alice-7" not in rendered(app)


def test_a_link_signing_in_someone_else_forgets_the_previous_user_s_pages(shared_instance):
    """Alice is signed in; Bruno's emailed link is opened in the same browser session: Bruno's pages start afresh,
    nothing Alice's pages held (a search, a chosen workspace) is kept."""
    _member(shared_instance, "alice@example.test", "Domaine d'Alice")
    _member(shared_instance, "bruno@example.test", "Domaine de Bruno")
    app = _sign_in(_app().run(), "alice@example.test")
    app.session_state["contacts_search"] = "marqueur-alice-8"
    app.session_state["rights_export"] = "un contact d'Alice"
    other = _app().run()
    other.text_input(key="auth_code_email").input("bruno@example.test")
    other.button(key="auth_send_code").click().run()
    app.query_params["token_hash"] = shared_instance.last_mail("bruno@example.test").token_hash
    app.query_params["type"] = "email"
    app.run()
    assert not app.exception, app.exception
    assert _titles(app) == ["Accueil · Domaine de Bruno"]
    assert "contacts_search" not in app.session_state and "rights_export" not in app.session_state
